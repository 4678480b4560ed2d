<?xml version="1.0" encoding="UTF-8"?>
<!--
  CMIF entries, used by cmif.xsl: one correspDesc per letter and per annexed letter,
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

  <!-- The edition's id in the file: "uuid-" + the UUIDv5 of its base URL (scripts/edition/cmif_id.py),
       passed in by the build, since XSLT has no SHA-1. Never random: the same address, the same id. -->
  <xsl:param name="cmif-source-id" as="xs:string" required="yes"/>
  <xsl:variable name="source-id" select="$cmif-source-id"/>
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
      <xsl:if test="$authority"><xsl:attribute name="ref" select="e:cmif-authority(normalize-space($authority))"/></xsl:if>
      <xsl:call-template name="e:cmif-certainty"/>
      <xsl:value-of select="e:plain(.)"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:date">
    <date>
      <xsl:copy-of select="@when | @from | @to | @notBefore | @notAfter"/>
      <xsl:call-template name="e:cmif-certainty"/>
    </date>
  </xsl:template>

  <!--
    What the TEI says about an inference, in the two values CMIF v1.1 allows: evidence="conjecture"
    (the name or date is the editors', not written in the letter: any @cert or @evidence in the
    TEI) and cert="low" (the editors are not sure: TEI cert low, medium or unknown; a high
    certainty is no doubt CMIF can express). The TEI's own values stay in the letter files.
  -->
  <xsl:template name="e:cmif-certainty">
    <xsl:if test="@cert or @evidence">
      <xsl:if test="@cert = ('low', 'medium', 'unknown')"><xsl:attribute name="cert" select="'low'"/></xsl:if>
      <xsl:attribute name="evidence" select="'conjecture'"/>
    </xsl:if>
  </xsl:template>

  <!-- Authority URIs as correspSearch writes them: GeoNames as http://www.geonames.org/ID. -->
  <xsl:function name="e:cmif-authority" as="xs:string">
    <xsl:param name="uri" as="xs:string"/>
    <xsl:sequence select="if (matches($uri, '^https?://(www\.)?geonames\.org/[0-9]+(/.*)?$'))
                          then replace($uri, '^https?://(www\.)?geonames\.org/([0-9]+).*$', 'http://www.geonames.org/$2')
                          else $uri"/>
  </xsl:function>
</xsl:stylesheet>
