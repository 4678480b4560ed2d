<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the timeline (edition.views.timeline) -> views/timeline.html: the letters and
  the dates their texts name, by year, in date order; each named date linked to its passage on the
  letter page (its anchor, d1, d2, …, partials/dates.xsl), with the sentence around it and, where the
  editors inferred the date, its certainty.
  Input: <view name="timeline"><letter id="…" date="…" label="…" href="…" party="…" cert="…"
  evidence="…"/>… <event date="…" letter="…" anchor="d3" text="…" context="…" cert="…" evidence="…"/>…</view>
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:include href="partials/common.xsl"/>
  <xsl:include href="partials/page.xsl"/>
  <xsl:include href="partials/views.xsl"/>

  <xsl:key name="letter" match="letter" use="@id"/>

  <xsl:template match="/">
    <xsl:call-template name="e:page">
      <xsl:with-param name="title" select="'Timeline'"/>
      <xsl:with-param name="root" select="'../'"/>
      <xsl:with-param name="current" select="'views'"/>
      <xsl:with-param name="content-of" select="view"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="view" mode="e:page-content">
    <p class="breadcrumb"><a href="../views.html">Views</a></p>
    <h1>Timeline</h1>
    <p class="intro">The letters of the edition and the dates their texts name, in date order: each date as the
      letter writes it, with the sentence around it, linked to its place in the letter. The dates are those the
      editors marked in the text with their value; the letter’s own dates (masthead, title, dateline) are not
      repeated. A date the letter gives only in part (<q>this month</q>, <q>the same day</q>) carries the
      editors’ inference and its certainty. Dates are the letters’ statements, not the editors’ chronology.</p>
    <xsl:call-template name="e:view-data">
      <xsl:with-param name="name" select="'timeline'"/>
    </xsl:call-template>
    <xsl:variable name="years" select="distinct-values((letter, event) ! substring(@date, 1, 4))"/>
    <nav aria-label="Years" class="timeline-years">
      <ul>
        <xsl:for-each select="sort($years)"><li><a href="#y{.}"><xsl:value-of select="."/></a></li></xsl:for-each>
      </ul>
    </nav>
    <xsl:for-each-group select="letter | event" group-by="substring(@date, 1, 4)">
      <xsl:sort select="current-grouping-key()"/>
      <section class="timeline-year" id="y{current-grouping-key()}" aria-labelledby="y{current-grouping-key()}-heading">
        <h2 id="y{current-grouping-key()}-heading"><xsl:value-of select="current-grouping-key()"/></h2>
        <ol class="timeline">
          <xsl:for-each select="current-group()">
            <!-- the same order as the data files: date, the letter before the dates it names, then page order -->
            <xsl:sort select="@date"/>
            <xsl:sort select="if (self::letter) then 0 else 1"/>
            <xsl:apply-templates select="."/>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:template match="letter">
    <li class="timeline-letter">
      <time datetime="{@date}"><xsl:value-of select="e:iso-label(@date)"/></time>
      <xsl:text> </xsl:text>
      <a href="../{@href}">Letter of <xsl:value-of select="@label"/></a>, <xsl:value-of select="@party"/>
      <xsl:for-each select="e:cert-phrase(.)"> (date of the letter: <xsl:value-of select="."/>)</xsl:for-each>
    </li>
  </xsl:template>

  <xsl:template match="event">
    <xsl:variable name="letter" select="key('letter', @letter)"/>
    <li class="timeline-event">
      <time datetime="{@date}"><xsl:value-of select="e:iso-label(@date)"/></time>
      <!-- the letter's own wording, where it is not the date as the timeline gives it ("this month") -->
      <xsl:if test="normalize-space(@text) ne e:iso-label(@date)"> (written <q><xsl:value-of select="@text"/></q>)</xsl:if>
      <xsl:for-each select="e:cert-phrase(.)"> (<xsl:value-of select="."/>)</xsl:for-each>
      <xsl:text>, in the </xsl:text><a href="../{$letter/@href}#{@anchor}">letter of <xsl:value-of select="$letter/@label"/></a>
      <xsl:if test="@context">: <q class="context"><xsl:value-of select="@context"/></q></xsl:if>
    </li>
  </xsl:template>
</xsl:stylesheet>
