<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the timeline (edition.views.timeline) -> views/timeline.html: the letters and
  the dates their texts name (a span under the year it starts), by year, in date order; each named date linked to its passage on the
  letter page (its anchor, d1, d2, …, partials/dates.xsl), with the sentence around it and, where the
  editors inferred the date, its certainty.
  Input: <view name="timeline"><letter id="…" date="…" label="…" href="…" party="…" cert="…"
  evidence="…"/>… <event date="…" to="…" letter="…" anchor="d3" text="…" context="…" cert="…" evidence="…"/>…</view>
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
    <xsl:call-template name="overview"/>
    <nav aria-label="Years" class="timeline-years">
      <ul>
        <xsl:for-each select="sort($years)"><li><a href="#y{.}"><xsl:value-of select="(.[.], 'Undated')[1]"/></a></li></xsl:for-each>
      </ul>
    </nav>
    <xsl:for-each-group select="letter | event" group-by="substring(@date, 1, 4)">
      <xsl:sort select="current-grouping-key()"/>
      <!-- a letter without a date is listed under "Undated" (id "y"), never guessed -->
      <section class="timeline-year" id="y{current-grouping-key()}" aria-labelledby="y{current-grouping-key()}-heading">
        <h2 id="y{current-grouping-key()}-heading"><xsl:value-of select="(current-grouping-key()[.], 'Undated')[1]"/></h2>
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

  <!--
    An overview drawn at build time: one column per year from the first to the last, its height
    the number of dates named in that year (a link to the year's section), the years of the
    letters marked on the axis. Decades are labelled.
  -->
  <xsl:template name="overview">
    <xsl:variable name="numeric" select="(letter, event)/substring(@date, 1, 4)[matches(., '^\d{4}$')] ! xs:integer(.)"/>
    <xsl:if test="exists($numeric)">
      <xsl:variable name="first" select="min($numeric)"/>
      <xsl:variable name="last" select="max($numeric)"/>
      <xsl:variable name="step" select="max((4, min((24, 600 idiv ($last - $first + 1)))))"/>
      <!-- the most dates named in one year (one pass over the dates, not one per year) -->
      <xsl:variable name="per-year" as="xs:integer*">
        <xsl:for-each-group select="event" group-by="substring(@date, 1, 4)[matches(., '^\d{4}$')]">
          <xsl:sequence select="count(current-group())"/>
        </xsl:for-each-group>
      </xsl:variable>
      <xsl:variable name="most" select="max(($per-year, 0))"/>
      <xsl:variable name="width" select="20 + ($last - $first + 1) * $step + 20"/>
      <figure class="timeline-overview">
        <div class="table-wrap">
          <svg:svg xmlns:svg="http://www.w3.org/2000/svg" viewBox="0 0 {$width} 130"
                   aria-labelledby="overview-title" class="timeline-chart">
            <svg:title id="overview-title">Dates named in the letters, per year, <xsl:value-of select="$first"/>–<xsl:value-of select="$last"/></svg:title>
            <svg:line class="axis" x1="20" y1="100" x2="{$width - 20}" y2="100"/>
            <xsl:for-each select="$first to $last">
              <xsl:variable name="year" select="string(.)"/>
              <xsl:variable name="x" select="20 + (. - $first) * $step"/>
              <!-- the decades, and the first and last year unless a decade's label is too close -->
              <xsl:if test=". mod 10 = 0 or (. = ($first, $last) and abs(round(. div 10) * 10 - .) ge 4)">
                <svg:text x="{$x + $step div 2}" y="118" text-anchor="middle"><xsl:value-of select="."/></svg:text>
              </xsl:if>
            </xsl:for-each>
            <xsl:for-each-group select="event" group-by="substring(@date, 1, 4)">
              <xsl:variable name="year" select="xs:integer(current-grouping-key())"/>
              <xsl:variable name="height" select="max((3, 80 * count(current-group()) idiv $most))"/>
              <svg:a href="#y{$year}">
                <svg:title><xsl:value-of select="$year"/>: <xsl:value-of select="count(current-group())"/> date(s) named</svg:title>
                <svg:rect class="bar" x="{20 + ($year - $first) * $step + 1}" y="{100 - $height}" width="{max(($step - 2, 2))}" height="{$height}"/>
              </svg:a>
            </xsl:for-each-group>
            <xsl:for-each-group select="letter" group-by="substring(@date, 1, 4)">
              <xsl:variable name="year" select="xs:integer(current-grouping-key())"/>
              <svg:a href="#y{$year}">
                <svg:title><xsl:value-of select="$year"/>: <xsl:value-of select="count(current-group())"/> letter(s) of the edition</svg:title>
                <svg:circle class="letter-mark" cx="{20 + ($year - $first) * $step + $step div 2}" cy="100" r="5"/>
              </svg:a>
            </xsl:for-each-group>
          </svg:svg>
        </div>
        <figcaption>Each column: the dates the letters name in one year (the link leads to that year); a dot on the axis: a year of the letters themselves.</figcaption>
      </figure>
    </xsl:if>
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
      <xsl:variable name="label" select="e:iso-label(@date) || (@to ! ('–' || e:iso-label(.)))"/>
      <time datetime="{@date}"><xsl:value-of select="$label"/></time>
      <!-- the letter's own wording, where it is not the date as the timeline gives it ("this month") -->
      <xsl:if test="normalize-space(@text) ne $label"> (written <q><xsl:value-of select="@text"/></q>)</xsl:if>
      <xsl:for-each select="e:cert-phrase(.)"> (<xsl:value-of select="."/>)</xsl:for-each>
      <xsl:text>, in the </xsl:text><a href="../{$letter/@href}#{@anchor}">letter of <xsl:value-of select="$letter/@label"/></a>
      <xsl:if test="@context">: <q class="context"><xsl:value-of select="@context"/></q></xsl:if>
    </li>
  </xsl:template>
</xsl:stylesheet>
