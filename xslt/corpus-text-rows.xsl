<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: a chunk of the corpus summary -> its lines of the list of letters in the
  header of downloads/corpus.txt, appended by the build after the header corpus-text.xsl renders
  (see there and edition.pages), so that the list, which grows with the corpus, is written in
  pieces. Input: <letters><letter id="…" file="…"><teiHeader/></letter>…</letters>, in date order.
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

  <xsl:template match="/">
    <xsl:value-of select="string-join(e:field-value-lines(letters/letter ! e:corpus-line(.)) ! (. || $e:nl), '')"/>
  </xsl:template>
</xsl:stylesheet>
