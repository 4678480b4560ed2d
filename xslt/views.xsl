<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the index of the views of the corpus -> views.html. $views: the names of
  the views this build makes, in order (edition.views.index_names).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:include href="partials/common.xsl"/>
  <xsl:include href="partials/page.xsl"/>
  <xsl:include href="partials/views.xsl"/>

  <xsl:param name="views" as="xs:string" select="'contested-names correspondence timeline'"/>

  <xsl:template match="/">
    <xsl:call-template name="e:page">
      <xsl:with-param name="title" select="'Views of the corpus'"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="current" select="'views'"/>
      <xsl:with-param name="content-of" select="."/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="e:page-content">
    <h1>Views of the corpus</h1>
    <p class="intro">Each view looks at all the letters at once. The build computes it from the letters
      and the registers every time the edition is built, so that a new letter appears in every view;
      none is kept by hand. Each view links back to the passages it is made from and offers its
      data as CSV and JSON. The views describe what the letters say; they take no side.</p>
    <ul class="views-index">
      <xsl:for-each select="tokenize($views)[map:contains($e:views, .)]">
        <xsl:variable name="view" select="$e:views(.)"/>
        <li id="view-{.}">
          <h2><a href="views/{.}.html"><xsl:value-of select="$view(1)"/></a></h2>
          <p><xsl:value-of select="$view(2)"/></p>
          <xsl:call-template name="e:view-data">
            <xsl:with-param name="name" select="."/>
            <xsl:with-param name="prefix" select="'views/'"/>
          </xsl:call-template>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>
</xsl:stylesheet>
