<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one letter (TEI) -> its mention index, as text (see e:mention-index in
  partials/entities.xsl). Also computes the pointer index the build shares with every
  transform (e:pointer-index).
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

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/tei:TEI">
    <xsl:value-of select="e:mention-index(.)"/>
  </xsl:template>
</xsl:stylesheet>
