<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one letter (TEI) -> its mentions, as XML: one element per register entry its
  text mentions, grouped by kind then entry,
    <mentions><m k="places" e="pl-shusha" id="letter-…" label="Letter of 1 October 2020, …" a="m12 m40" f="Shusha"/>…</mentions>
  with the anchors of those mentions in document order (@a) and the distinct forms they use (@f,
  separated by tabs). The build (edition.enrich) gathers them over the corpus into the facts of
  each register. Also computes the pointer index the build shares with every transform
  (e:pointer-index).
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
    <!-- each mention resolved once: (kind, entry, anchor, form) -->
    <xsl:variable name="resolved" as="map(*)*" select="
      for $i in 1 to count($e:text-mentions)
      return e:mention-infos($e:text-mentions[$i]) ! map{'kind': ?kind, 'id': ?id, 'anchor': 'm' || $i,
                                                         'form': e:mention-form($e:text-mentions[$i])}"/>
    <mentions>
      <xsl:for-each-group select="$resolved" group-by="?kind">
        <xsl:sort select="current-grouping-key()"/>
        <xsl:variable name="kind" select="current-grouping-key()"/>
        <xsl:for-each-group select="current-group()" group-by="?id">
          <m k="{$kind}" e="{current-grouping-key()}" id="{$id}" label="{$label}"
             a="{string-join(current-group() ! ?anchor, ' ')}"
             f="{string-join(distinct-values(current-group() ! ?form), '&#9;')}"/>
        </xsl:for-each-group>
      </xsl:for-each-group>
    </mentions>
  </xsl:template>
</xsl:stylesheet>
