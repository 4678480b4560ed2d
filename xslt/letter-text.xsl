<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one letter (TEI) -> letters/{id}.txt, the plain-text edition.
  UTF-8, a metadata header, the text wrapped at 72 columns, footnote markers [n] and the notes
  at the end; no markup. The corpus text (downloads/corpus.txt) is the corpus header followed by
  these texts, so each starts with its own title.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  exclude-result-prefixes="#all">

  <xsl:include href="partials/common.xsl"/>
  <xsl:include href="partials/metadata.xsl"/>
  <xsl:include href="partials/text-plain.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/tei:TEI">
    <xsl:call-template name="e:text-edition"/>
  </xsl:template>
</xsl:stylesheet>
