<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one letter (TEI) -> its mention index, a small XML fragment
    <letter id="letter-…" label="Letter of 1 October 2020, …"><m e="pl-shusha" k="places" a="m12">Shusha</m>…</letter>
  listing every mention of a register entry in the text with the anchor the letter page gives it
  (same numbering as the page). The build concatenates the fragments of all letters, so the
  register pages can link back to every mention without holding the letters in memory.
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
    <!-- the letter's label is computed here, in the parallel per-letter pass, so that the register
         pages (one process, all letters) only copy it -->
    <letter xmlns="" id="{e:letter-id(tei:teiHeader)}" label="Letter of {e:letter-label(tei:teiHeader)}">
      <xsl:for-each select="$e:text-mentions">
        <xsl:variable name="info" select="e:mention-info(.)"/>
        <xsl:if test="exists($info)">
          <m e="{$info?id}" k="{$info?kind}" a="{e:mention-anchor(.)}"><xsl:value-of select="e:plain(.)"/></m>
        </xsl:if>
      </xsl:for-each>
    </letter>
  </xsl:template>
</xsl:stylesheet>
