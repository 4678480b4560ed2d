<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the quantitative claims of the letters (the XML edition.claims wrote, in the
  view's order: by category, then by the date given for the figure) -> views/claims.html.
  One table per category; each row is one claim as the letter makes it: the figure as written,
  what is counted, the date and places the letter gives for it, the claimant (the letter's
  sender) and the source the letter attributes the figure to, and a link to the passage on the
  letter page (its anchor is the measure's xml:id, rendered by partials/text.xsl). The edition
  compares by placing side by side; it never adds, reconciles or corrects a figure.
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

  <!-- The heading of each category (measure/@type, guidelines §4.3), in the view's order. -->
  <xsl:variable name="e:claim-categories" as="map(xs:string, xs:string)" select="map {
    'killed': 'Killed', 'injured': 'Injured', 'killed-or-injured': 'Killed or injured (one figure)',
    'missing': 'Missing', 'detained': 'Detained: prisoners of war, hostages, captured persons',
    'displaced': 'Displaced, expelled or deported', 'destroyed': 'Destroyed', 'damaged': 'Damaged',
    'destroyed-or-damaged': 'Destroyed or damaged (one figure)', 'mines': 'Mines and explosive devices',
    'forces': 'Forces deployed', 'access': 'Passage and humanitarian access', 'participants': 'Participants'}"/>

  <xsl:template match="/claims">
    <xsl:call-template name="e:page">
      <xsl:with-param name="title" select="'Claims: the figures of the letters'"/>
      <xsl:with-param name="root" select="'../'"/>
      <xsl:with-param name="current" select="'claims'"/>
      <xsl:with-param name="content-of" select="."/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/claims" mode="e:page-content">
    <h1>Claims: the figures of the letters</h1>
    <p class="intro">Every figure the letters give for the conflict's toll and events (persons killed,
      injured, missing, detained or displaced; buildings destroyed or damaged; mines; forces; passage),
      <xsl:value-of select="count(claim)"/> claims in <xsl:value-of select="count(distinct-values(claim/@letter))"/> letters,
      grouped by what is counted and, within each group, by the date the letter gives for the figure
      (figures for which the letter gives none last). Each figure is the claim of the letter's sender,
      or of the source the letter attributes it to, quoted as written: the edition does not add,
      reconcile or correct figures, and a figure of one party is not a finding of the edition.
      Each row links to its passage in the letter.</p>
    <p class="intro">The data: <a href="claims.csv" type="text/csv" download="">CSV</a>,
      <a href="claims.json" type="application/json" download="">JSON</a> (one record per claim, the same columns).
      How the claims are encoded: <a href="../guidelines.html">the encoding guidelines</a>.</p>
    <xsl:variable name="claims" select="claim"/>
    <nav aria-label="Categories of claims" class="claim-categories">
      <ul>
        <xsl:for-each select="tokenize(@categories)[. = $claims/@category]">
          <li><a href="#category-{.}"><xsl:value-of select="$e:claim-categories(.)"/></a>
            (<xsl:value-of select="count($claims[@category = current()])"/>)</li>
        </xsl:for-each>
      </ul>
    </nav>
    <xsl:for-each-group select="claim" group-by="@category">
      <section class="claim-category" id="category-{current-grouping-key()}" aria-labelledby="heading-{current-grouping-key()}">
        <h2 id="heading-{current-grouping-key()}"><xsl:value-of select="($e:claim-categories(current-grouping-key()), current-grouping-key())[1]"/></h2>
        <div class="table-scroll">
          <table class="claims">
            <thead>
              <tr><th scope="col">Figure</th><th scope="col">As written</th><th scope="col">Counted</th>
                <th scope="col">Date given</th><th scope="col">Places given</th><th scope="col">Claimant</th>
                <th scope="col">Passage</th></tr>
            </thead>
            <tbody>
              <xsl:apply-templates select="current-group()"/>
            </tbody>
          </table>
        </div>
      </section>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:template match="claim">
    <tr id="{@id}">
      <td class="figure"><xsl:value-of select="e:claim-figure(.)"/></td>
      <td><xsl:value-of select="words"/></td>
      <td><xsl:value-of select="translate(@commodity, '-', ' ')"/></td>
      <td><xsl:value-of select="e:claim-date(date)"/></td>
      <td><xsl:value-of select="if (place) then string-join(place, '; ') else 'not given'"/></td>
      <td>
        <xsl:value-of select="string-join(claimant, ', ')"/>
        <xsl:if test="source"><xsl:value-of select="'; figure attributed to ' || string-join(source, '; ')"/></xsl:if>
      </td>
      <td><a href="../{@passage}">Letter of <xsl:value-of select="e:iso-label(@letter-date)"/></a></td>
    </tr>
  </xsl:template>

  <!-- The figure: the number the letter gives ("2,300"), or its bound ("at least 200", "at most
       20"), or "no number" for a magnitude in words; the words as written stay beside it. -->
  <xsl:function name="e:claim-figure" as="xs:string">
    <xsl:param name="claim" as="element(claim)"/>
    <xsl:sequence select="
      if ($claim/@value) then format-integer(xs:integer($claim/@value), '#,##0')
      else if ($claim/@at-least) then 'at least ' || format-integer(xs:integer($claim/@at-least), '#,##0')
      else if ($claim/@at-most) then 'at most ' || format-integer(xs:integer($claim/@at-most), '#,##0')
      else 'no number'"/>
  </xsl:function>

  <!-- The date the letter gives for the figure, in words: "1 October 2020", "1991 to 1992" (the
       letter's own words are in the passage the row links to). -->
  <xsl:function name="e:claim-date" as="xs:string">
    <xsl:param name="date" as="element(date)?"/>
    <xsl:sequence select="
      if (empty($date) or $date/@from = '') then 'not given'
      else if ($date/@from = $date/@to) then e:iso-label($date/@from)
      else e:iso-label($date/@from) || ' to ' || e:iso-label($date/@to)"/>
  </xsl:function>
</xsl:stylesheet>
