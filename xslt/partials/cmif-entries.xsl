<?xml version="1.0" encoding="UTF-8"?>
<!--
  CMIF entries, shared by cmif.xsl (the file's header) and cmif-rows.xsl (its correspDesc
  elements, rendered by chunks of letters): one correspDesc per letter and per annexed letter,
  with @ref (the letter's stable URL) and @source (the edition's bibl); correspAction sent/received
  with persName/orgName, placeName and date. Names carry @ref only where the register has an
  authority URI (Wikidata, GeoNames, VIAF, GND); nothing is guessed.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:variable name="source-id" select="'edition'"/>
  <!-- Authority identifiers CMIF consumers understand, in order of preference. -->
  <xsl:variable name="authority-types" select="('GND', 'VIAF', 'Wikidata', 'GeoNames', 'LC', 'BNF')"/>

  <!-- The latest change recorded in these letters (YYYY-MM-DD), or '' if none. -->
  <xsl:function name="e:cmif-latest-change" as="xs:string">
    <xsl:param name="letters" as="element()*"/>
    <xsl:sequence select="string(max($letters//tei:revisionDesc/tei:change/@when[matches(., '^\d{4}-\d{2}-\d{2}$')] ! xs:date(.)))"/>
  </xsl:function>

  <!-- The correspDesc elements of these letters (<letter id="…"><teiHeader/></letter>), in order. -->
  <xsl:template name="e:cmif-correspondence">
    <xsl:param name="letters" as="element()*"/>
    <xsl:for-each select="$letters">
      <xsl:variable name="id" select="string(@id)"/>
      <xsl:for-each select="tei:teiHeader/tei:profileDesc/tei:correspDesc">
        <correspDesc ref="{e:letter-url($id)}{@corresp[starts-with(., '#')]}" source="#{$source-id}">
          <xsl:apply-templates select="tei:correspAction[@type = ('sent', 'received')]"/>
        </correspDesc>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:correspAction">
    <correspAction type="{@type}">
      <xsl:apply-templates select="tei:persName | tei:orgName | tei:placeName"/>
      <xsl:apply-templates select="tei:date[1]"/>
    </correspAction>
  </xsl:template>

  <xsl:template match="tei:persName | tei:orgName | tei:placeName">
    <xsl:variable name="entry" select="e:entry(e:pointer(@ref)?id)"/>
    <xsl:variable name="authority" select="(for $t in $authority-types return $entry/tei:idno[@type = $t][1])[1]"/>
    <xsl:element name="{local-name()}">
      <xsl:if test="$authority"><xsl:attribute name="ref" select="normalize-space($authority)"/></xsl:if>
      <xsl:value-of select="e:plain(.)"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:date">
    <date>
      <xsl:copy-of select="@when | @from | @to | @notBefore | @notAfter"/>
    </date>
  </xsl:template>
</xsl:stylesheet>
