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
    <xsl:variable name="h" select="tei:teiHeader"/>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:sequence select="e:rule('=')"/>
      <xsl:sequence select="e:wrap(e:title($h), '', '')"/>
      <xsl:sequence select="e:rule('=')"/>
      <xsl:sequence select="''"/>
      <xsl:for-each select="e:metadata-fields($h)">
        <!-- one value: "Label: value (certainty)"; several: one indented line each, certainty last -->
        <xsl:sequence select="if (count(?values) le 1)
          then e:field-lines(?label, string-join((?values, ?cert ! ('(' || . || ')')), ' '))
          else e:field-lines(?label, (?values, ?cert ! ('(' || . || ')')))"/>
      </xsl:for-each>
      <xsl:sequence select="e:field-lines('Stable URL', e:letter-url(e:letter-id($h)))"/>
      <xsl:sequence select="e:field-lines('Citation', e:citation($h))"/>
      <xsl:for-each select="$h/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence">
        <xsl:sequence select="e:field-lines('Licence', e:plain(.))"/>
      </xsl:for-each>
      <xsl:sequence select="''"/>
      <xsl:sequence select="e:rule('-')"/>
      <xsl:for-each select="tei:text/(tei:front, tei:body, tei:back)">
        <xsl:for-each select="e:text-blocks(.)">
          <xsl:sequence select="''"/>
          <xsl:sequence select="."/>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:variable name="notes" select="tei:text//tei:note[@place = 'foot']"/>
      <xsl:if test="$notes">
        <xsl:sequence select="''"/>
        <xsl:sequence select="e:rule('-')"/>
        <xsl:sequence select="'Notes'"/>
        <xsl:for-each select="e:footnote-blocks($notes)">
          <xsl:sequence select="''"/>
          <xsl:sequence select="."/>
        </xsl:for-each>
      </xsl:if>
    </xsl:variable>
    <xsl:value-of select="string-join($blocks, $e:nl) || $e:nl"/>
  </xsl:template>

  <xsl:function name="e:text-blocks" as="xs:string*">
    <xsl:param name="container" as="element()"/>
    <xsl:apply-templates select="$container" mode="text-blocks"/>
  </xsl:function>
</xsl:stylesheet>
