<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one letter (TEI) -> its mention index, one empty element per register entry
  the letter's text mentions:
    <m k="places" e="pl-shusha" id="letter-…" label="Letter of 1 October 2020, …" a="m12 m40"/>
  with the anchors the letter page gives those mentions (the page numbers them with the same
  function), in document order, grouped by kind then entry. The build appends each element to the
  work file of its entry, so each register page reads the back-links of one entry at a time, in
  bounded chunks (register-mentions.xsl), and never the letters themselves.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  exclude-result-prefixes="#all">

  <xsl:include href="partials/common.xsl"/>
  <xsl:include href="partials/metadata.xsl"/>
  <xsl:include href="partials/entities.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no"/>

  <xsl:template match="/tei:TEI">
    <xsl:variable name="id" select="e:letter-id(tei:teiHeader)"/>
    <!-- the label is computed here, in the parallel per-letter pass, so the register pages only copy it -->
    <xsl:variable name="label" select="'Letter of ' || e:letter-label(tei:teiHeader)"/>
    <xsl:for-each-group select="$e:text-mentions[exists(e:mention-info(.))]" group-by="e:mention-info(.)?kind">
      <xsl:sort select="current-grouping-key()"/>
      <xsl:variable name="kind" select="current-grouping-key()"/>
      <xsl:for-each-group select="current-group()" group-by="e:mention-info(.)?id">
        <m xmlns="" k="{$kind}" e="{current-grouping-key()}" id="{$id}" label="{$label}"
           a="{string-join(current-group() ! e:mention-anchor(.), ' ')}"/>
        <xsl:text>&#10;</xsl:text>
      </xsl:for-each-group>
    </xsl:for-each-group>
  </xsl:template>
</xsl:stylesheet>
