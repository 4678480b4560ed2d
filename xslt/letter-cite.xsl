<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one letter (TEI) -> its citation data as a CSL-JSON item (a JSON object, the
  map e:citation-data of partials/cite.xsl, serialised by XSLT's JSON output). The build writes
  it as letters/{id}.csl.json and makes letters/{id}.bib and .ris from it (edition.citation).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  exclude-result-prefixes="#all">

  <xsl:include href="partials/common.xsl"/>
  <xsl:include href="partials/metadata.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/tei:TEI">
    <xsl:value-of select="serialize(e:citation-data(tei:teiHeader), map{'method': 'json'})"/>
  </xsl:template>
</xsl:stylesheet>
