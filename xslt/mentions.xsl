<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one letter (TEI) -> its mention index (see e:mention-index in
  partials/entities.xsl). The build gets the index from letter-html.xsl, which writes it next to
  the page in the same pass; this stylesheet gives it on its own, and computes the register entry
  index the build shares with every transform (e:pointer-index).
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
    <xsl:call-template name="e:mention-index"/>
  </xsl:template>
</xsl:stylesheet>
