<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the corpus summary ($letters as source) -> downloads/cmif.xml.
  CMIF v1.1 (Correspondence Metadata Interchange Format): a TEI file whose profileDesc has one
  correspDesc per letter, and one per annexed letter, each with @ref (the letter's stable URL)
  and @source (the edition's bibl); correspAction sent/received with persName/orgName,
  placeName and date. Names carry @ref only where the register has an authority URI (Wikidata,
  GeoNames, VIAF, GND); nothing is guessed.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:include href="partials/common.xsl"/>
  <xsl:include href="partials/metadata.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:variable name="source-id" select="'edition'"/>
  <!-- Authority identifiers CMIF consumers understand, in order of preference. -->
  <xsl:variable name="authority-types" select="('GND', 'VIAF', 'Wikidata', 'GeoNames', 'LC', 'BNF')"/>

  <xsl:template match="/">
    <xsl:variable name="letters" select="letters/letter"/>
    <!-- The publication date: the latest change recorded in any letter (not the build time). -->
    <xsl:variable name="changes" select="$letters//tei:revisionDesc/tei:change/@when[matches(., '^\d{4}-\d{2}-\d{2}$')]"/>
    <TEI>
      <teiHeader>
        <fileDesc>
          <titleStmt>
            <title><xsl:value-of select="e:conf('title')"/>: correspondence metadata</title>
            <editor><xsl:value-of select="e:conf('editors')"/></editor>
          </titleStmt>
          <publicationStmt>
            <publisher><ref target="{e:base-url()}"><xsl:value-of select="e:conf('publisher')"/></ref></publisher>
            <idno type="url"><xsl:value-of select="e:base-url() || 'downloads/cmif.xml'"/></idno>
            <xsl:choose>
              <xsl:when test="$changes"><date when="{max($changes ! xs:date(.))}"/></xsl:when>
              <xsl:otherwise><date/></xsl:otherwise>
            </xsl:choose>
            <availability>
              <licence target="{$config//*:licence/@target}"><xsl:value-of select="e:conf('licence')"/></licence>
            </availability>
          </publicationStmt>
          <sourceDesc>
            <bibl type="online" xml:id="{$source-id}"><xsl:value-of select="e:conf('title')"/>: <xsl:value-of select="e:conf('subtitle')"/>. <ref target="{e:base-url()}"><xsl:value-of select="e:base-url()"/></ref></bibl>
          </sourceDesc>
        </fileDesc>
        <profileDesc>
          <xsl:for-each select="$letters">
            <xsl:variable name="id" select="string(@id)"/>
            <xsl:for-each select="tei:teiHeader/tei:profileDesc/tei:correspDesc">
              <correspDesc ref="{e:letter-url($id)}{@corresp[starts-with(., '#')]}" source="#{$source-id}">
                <xsl:apply-templates select="tei:correspAction[@type = ('sent', 'received')]"/>
              </correspDesc>
            </xsl:for-each>
          </xsl:for-each>
        </profileDesc>
      </teiHeader>
      <text><body><p/></body></text>
    </TEI>
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
