<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the list of editorial sources (tei/registers/sources.xml) -> sources.html.
  One item per source, in the order of the list, with its stable anchor (its xml:id, src-…):
  the citation as encoded (publisher, title, date, web address, in the bibl's own order and
  punctuation) and what the edition takes from it (the bibl's note). The notes of the letters
  and registers cite these sources by their addresses; `edition validate` checks that every
  address they cite is listed here [source-listed].
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:include href="partials/common.xsl"/>
  <xsl:include href="partials/metadata.xsl"/>
  <xsl:include href="partials/entities.xsl"/>
  <xsl:include href="partials/text-html.xsl"/>
  <xsl:include href="partials/page.xsl"/>

  <xsl:template match="/tei:TEI">
    <xsl:call-template name="e:page">
      <xsl:with-param name="title" select="'Editorial sources'"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="current" select="'sources'"/>
      <xsl:with-param name="content-of" select="."/>
    </xsl:call-template>
  </xsl:template>

  <!-- The page's main content (inside the page shell, see e:page). -->
  <xsl:template match="/tei:TEI" mode="e:page-content">
    <h1>Editorial sources</h1>
    <xsl:for-each select="tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:p">
      <p class="intro"><xsl:apply-templates mode="html"/></p>
    </xsl:for-each>
    <p class="intro">Download the list as <a href="registers/sources.xml" type="application/xml">TEI XML</a>.
      How the notes cite these sources: <a href="guidelines.html">the encoding guidelines</a>.</p>
    <ul class="sources">
      <xsl:for-each select="tei:standOff/tei:listBibl/tei:bibl">
        <li class="source" id="{@xml:id}">
          <p class="citation"><xsl:apply-templates select="node() except tei:note" mode="html"/></p>
          <xsl:for-each select="tei:note">
            <p class="source-use">What the edition takes from it: <xsl:apply-templates mode="html"/></p>
          </xsl:for-each>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>
</xsl:stylesheet>
