<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the correspondence and citations graph (edition.views.correspondence) ->
  views/correspondence.html: an inline SVG drawn at build time (the layout, node positions in
  SVG units, comes from edition.views: letters in date order in the left column, documents in
  the order of their first citation in the right column), readable without JavaScript: every
  node a link with a text label and a <title>; then the same graph as a table.
  Input: <view name="correspondence" width="…" height="…"><node id="…" kind="letter|cited"
  label="…" title="…" href="…" x="…" y="…" date="…" party="…"/>… <edge source="…" target="…"
  type="cites|replyTo|furtherTo" count="…"/>…</view>
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns:svg="http://www.w3.org/2000/svg"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:include href="partials/common.xsl"/>
  <xsl:include href="partials/page.xsl"/>
  <xsl:include href="partials/views.xsl"/>

  <xsl:key name="node" match="node" use="@id"/>

  <xsl:variable name="relations" as="map(xs:string, xs:string)"
    select="map{'cites': 'cites', 'replyTo': 'replies to', 'furtherTo': 'follows up'}"/>

  <xsl:template match="/">
    <xsl:call-template name="e:page">
      <xsl:with-param name="title" select="'Correspondence and citations'"/>
      <xsl:with-param name="root" select="'../'"/>
      <xsl:with-param name="current" select="'views'"/>
      <xsl:with-param name="content-of" select="view"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="view" mode="e:page-content">
    <p class="breadcrumb"><a href="../views.html">Views</a></p>
    <h1>Correspondence and citations</h1>
    <p class="intro">The letters of the edition (left, in date order), the letters and documents they answer or
      follow up, and the United Nations and other documents they cite (right, in the order of their first
      citation). A line joins a letter to each document it cites; its width grows with the number of times
      the letter cites it; a dotted line, a citation the editors identified (the letter names the document
      only in part, for instance <q>the resolutions adopted in 1993</q>), with its certainty in the table. Each name leads to the letter or to the document’s entry in the register of cited
      documents. Replies to letters that are not in the edition point to those letters’ entries there.</p>
    <xsl:call-template name="e:view-data">
      <xsl:with-param name="name" select="'correspondence'"/>
    </xsl:call-template>
    <ul class="graph-legend">
      <li><svg:svg width="32" height="10" aria-hidden="true" focusable="false"><svg:line class="edge edge-cites" x1="0" y1="5" x2="32" y2="5"/></svg:svg> cites</li>
      <li><svg:svg width="32" height="10" aria-hidden="true" focusable="false"><svg:line class="edge edge-cites inferred" x1="0" y1="5" x2="32" y2="5"/></svg:svg> cites (identified by the editors)</li>
      <li><svg:svg width="32" height="10" aria-hidden="true" focusable="false"><svg:line class="edge edge-replyTo" x1="0" y1="5" x2="32" y2="5"/></svg:svg> replies to</li>
      <li><svg:svg width="32" height="10" aria-hidden="true" focusable="false"><svg:line class="edge edge-furtherTo" x1="0" y1="5" x2="32" y2="5"/></svg:svg> follows up (<q>further to</q>)</li>
    </ul>
    <figure class="graph">
      <div class="table-wrap graph-scroll">
        <svg:svg viewBox="0 0 {@width} {@height}" width="{@width}" height="{@height}"
                 aria-labelledby="graph-title" class="correspondence-graph">
          <svg:title id="graph-title">Graph: <xsl:value-of select="count(node[@kind = 'letter'])"/> letters and the
            <xsl:value-of select="count(node[@kind = 'cited'])"/> documents they cite or answer</svg:title>
          <svg:g class="edges" aria-hidden="true">
            <xsl:apply-templates select="edge"/>
          </svg:g>
          <svg:g class="nodes">
            <xsl:apply-templates select="node"/>
          </svg:g>
        </svg:svg>
      </div>
      <figcaption>The graph is drawn when the edition is built; the table below gives the same relations.</figcaption>
    </figure>
    <section aria-labelledby="table-heading">
      <h2 id="table-heading">The relations as a table</h2>
      <div class="table-wrap">
        <table>
          <caption>Each letter, what it cites, answers or follows up, and how often</caption>
          <thead><tr><th scope="col">Letter</th><th scope="col">Relation</th><th scope="col">Letter or document</th><th scope="col">Times</th></tr></thead>
          <tbody>
            <xsl:for-each select="edge">
              <xsl:variable name="source" select="key('node', @source)"/>
              <xsl:variable name="target" select="key('node', @target)"/>
              <tr>
                <td><a href="../{$source/@href}"><xsl:value-of select="$source/@title"/></a></td>
                <td><xsl:value-of select="$relations(@type)"/></td>
                <td><a href="../{$target/@href}"><xsl:value-of select="$target/@title"/></a></td>
                <td><xsl:value-of select="@count"/>
                  <xsl:if test="@inferred"> (<xsl:value-of select="if (@type = 'cites') then @inferred || ' of them' else 'the relation'"/> identified by the editors:
                    <xsl:value-of select="string-join(tokenize(@cert) ! (. || ' certainty'), ', ')"/>)</xsl:if></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <!-- a node: a link with a dot, a text label and a title (its full name) -->
  <xsl:template match="node">
    <xsl:variable name="x" select="xs:integer(@x)"/>
    <xsl:variable name="y" select="xs:integer(@y)"/>
    <svg:a href="../{@href}" class="node node-{@kind}" id="node-{@id}">
      <svg:title><xsl:value-of select="@title"/></svg:title>
      <svg:circle cx="{$x}" cy="{$y}" r="{if (@kind = 'letter') then 6 else 4}"/>
      <xsl:choose>
        <xsl:when test="@kind = 'letter'"><svg:text x="{$x - 10}" y="{$y + 4}" text-anchor="end"><xsl:value-of select="@label"/></svg:text></xsl:when>
        <xsl:otherwise><svg:text x="{$x + 10}" y="{$y + 4}"><xsl:value-of select="@label"/></svg:text></xsl:otherwise>
      </xsl:choose>
    </svg:a>
  </xsl:template>

  <!-- an edge: from the letter to the document (a curve), or between two letters (an arc on their right) -->
  <xsl:template match="edge">
    <xsl:variable name="s" select="key('node', @source)"/>
    <xsl:variable name="t" select="key('node', @target)"/>
    <xsl:variable name="x1" select="xs:integer($s/@x)"/>
    <xsl:variable name="y1" select="xs:integer($s/@y)"/>
    <xsl:variable name="x2" select="xs:integer($t/@x)"/>
    <xsl:variable name="y2" select="xs:integer($t/@y)"/>
    <xsl:variable name="d" select="if ($t/@kind = 'letter')
      then 'M' || ($x1 + 6) || ' ' || $y1 || ' C' || ($x1 + 70) || ' ' || $y1 || ' ' || ($x2 + 70) || ' ' || $y2 || ' ' || ($x2 + 6) || ' ' || $y2
      else 'M' || ($x1 + 6) || ' ' || $y1 || ' C' || ($x1 + 200) || ' ' || $y1 || ' ' || ($x2 - 150) || ' ' || $y2 || ' ' || ($x2 - 4) || ' ' || $y2"/>
    <svg:path class="edge edge-{@type} weight-{min((xs:integer(@count), 4))}{if (@type = 'cites' and @inferred = @count) then ' inferred' else ''}" d="{$d}"/>
  </xsl:template>
</xsl:stylesheet>
