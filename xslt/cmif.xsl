<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: -> downloads/cmif.xml, CMIF v1.1 (Correspondence Metadata Interchange
  Format): a TEI file whose profileDesc has one correspDesc per letter and per annexed letter
  (see partials/cmif-entries.xsl).
  Parameter: $letters, the letter summaries the build writes (edition.enrich.write_letters:
  <letters><letter id="…" file="…"><teiHeader/></letter>…</letters>, in date order).
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
  <xsl:include href="partials/cmif-entries.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:param name="letters" as="document-node()" required="yes"/>

  <xsl:template match="/">
    <!-- The publication date: the latest change recorded in any letter (not the build time). -->
    <xsl:variable name="changes" select="e:cmif-latest-change($letters/letters/letter)"/>
    <TEI>
      <teiHeader>
        <fileDesc>
          <titleStmt>
            <title><xsl:value-of select="e:conf('title')"/>: correspondence metadata</title>
            <editor><xsl:value-of select="e:conf('editors')"/></editor>
          </titleStmt>
          <publicationStmt>
            <publisher><ref target="{e:base-url()}"><xsl:value-of select="e:conf('publisher')"/></ref></publisher>
            <idno type="URL"><xsl:value-of select="e:base-url() || 'downloads/cmif.xml'"/></idno>
            <!-- an xsd:dateTime, as CMIF asks: the day of the latest change, at 00:00 UTC -->
            <xsl:choose>
              <xsl:when test="exists($changes[. != ''])"><date when="{max($changes[. != ''] ! xs:date(.))}T00:00:00Z"/></xsl:when>
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
          <xsl:call-template name="e:cmif-correspondence">
            <xsl:with-param name="letters" select="$letters/letters/letter"/>
          </xsl:call-template>
        </profileDesc>
      </teiHeader>
      <text><body><p/></body></text>
    </TEI>
  </xsl:template>

</xsl:stylesheet>
