<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the letter summaries (edition.enrich.write_letters) -> the header of
  downloads/corpus.txt, with its list of letters.
  The build appends the plain-text edition of each letter (letter-text.xsl) in date order, so
  the corpus text is rendered by the same templates as the single letters, letter by letter,
  without holding the corpus in memory.
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
    <xsl:variable name="letters" select="letters/letter"/>
    <xsl:variable name="letter-count" select="count($letters)"/>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:sequence select="e:rule('#')"/>
      <xsl:sequence select="e:wrap(e:conf('title') || ': ' || e:conf('subtitle'), '', '')"/>
      <xsl:sequence select="e:rule('#')"/>
      <xsl:sequence select="''"/>
      <xsl:sequence select="e:field-lines('Publisher', e:conf('publisher'))"/>
      <xsl:sequence select="e:field-lines('Edited by', e:conf('editors'))"/>
      <xsl:sequence select="e:field-lines('Licence', e:conf('licence'))"/>
      <xsl:sequence select="e:field-lines('Online', e:base-url())"/>
      <xsl:sequence select="''"/>
      <xsl:sequence select="if ($letter-count le 1) then e:field-lines('Letters, in order of date', $letters ! e:corpus-line(.))
                            else 'Letters, in order of date:'"/>
    </xsl:variable>
    <xsl:value-of select="string-join($blocks, $e:nl) || $e:nl"/>
    <xsl:if test="$letter-count gt 1">
      <xsl:value-of select="string-join(e:field-value-lines($letters ! e:corpus-line(.)) ! (. || $e:nl), '')"/>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
