<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the search index (Pagefind, run by the build over the letter pages: edition.search) reads
  from a letter page, and what the table of letters filters on. Pagefind reads data attributes:

  - data-pagefind-body on the letter's text: only the text of the letters is indexed (the other
    pages carry no such attribute, so Pagefind leaves them out);
  - a hidden block, ignored as text (data-pagefind-ignore) but read for its filters and meta:
    the letter's title, date and symbol (meta), its date as sort key (sort, and meta date_iso:
    the search page merges the date-sorted results of the index's shards by it) and its facets (filters): sender, year, agenda
    item, and one filter per entity kind of the model (schema/model.xml), whose values are the
    headwords of the entries the text mentions. No list of kinds here: a new kind of the model
    is a new facet.

  The search page (search.xsl) labels the facets with the same keys (e:search-facets).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- The facets, in the order the search page shows them: key (the Pagefind filter name) and
       label. The letter's own facets first, then one per kind of the model. -->
  <xsl:function name="e:search-facets" as="map(xs:string, xs:string)*">
    <xsl:sequence select="(map{'key': 'sender', 'label': 'Sender'},
                           map{'key': 'year', 'label': 'Year'},
                           map{'key': 'agenda', 'label': 'Agenda item'},
                           $e:kinds ! map{'key': string(@singular), 'label': string(@title)})"/>
  </xsl:function>

  <!-- The sending office (else the sending person) of a letter, by its register headword: the
       party the letter speaks for, the same for every letter it sent. -->
  <xsl:function name="e:search-sender" as="xs:string?">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:variable name="sent" select="e:main-corresp($h)/tei:correspAction[@type = 'sent']"/>
    <xsl:variable name="name" select="($sent/tei:orgName, $sent/tei:persName)[@ref][1]"/>
    <xsl:variable name="entry" select="e:entry(e:pointer($name/@ref)?id)"/>
    <xsl:sequence select="if ($entry) then e:headword($entry) else $name ! e:plain(.)"/>
  </xsl:function>

  <!-- The year the letter was sent ("2021"), or "unknown date". -->
  <xsl:function name="e:search-year" as="xs:string">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:variable name="iso" select="string(e:date-iso(e:sent-date($h)))"/>
    <xsl:sequence select="if (matches($iso, '^\d{4}')) then substring($iso, 1, 4) else 'unknown date'"/>
  </xsl:function>

  <!--
    The facets of a letter as (key, value) maps, each value once, in a fixed order (keys as in
    e:search-facets, values sorted), so that the page is the same bytes on every build. The
    entities are those its text mentions ($e:text-mentions of entities.xsl: the letter being
    rendered).
  -->
  <xsl:function name="e:search-filters" as="map(xs:string, xs:string)*">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:sequence select="e:search-sender($h) ! map{'key': 'sender', 'value': .}"/>
    <xsl:sequence select="map{'key': 'year', 'value': e:search-year($h)}"/>
    <xsl:for-each select="e:un-document($h)/tei:biblScope[@unit = 'agendaItem']">
      <xsl:sequence select="map{'key': 'agenda', 'value': 'Item ' || @n || ': ' || e:plain(.)}"/>
    </xsl:for-each>
    <!-- the headwords of the mentioned entries by kind: each kind filters the mentions' entries
         (a few kinds times the mentions; a map:merge with 'combine' copied the growing sequence
         of each kind at every mention, quadratic in the mentions: milliseconds on a long letter) -->
    <xsl:variable name="infos" as="map(*)*" select="$e:text-mention-infos"/>
    <xsl:for-each select="$e:kinds">
      <xsl:variable name="key" select="string(@singular)"/>
      <xsl:variable name="kind" select="string(@name)"/>
      <xsl:for-each select="sort(distinct-values($infos[?kind = $kind]?headword))">
        <xsl:sequence select="map{'key': $key, 'value': .}"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:function>

  <!--
    Called as the first thing inside the element that holds the letter's text: marks it as
    what Pagefind indexes, and adds the hidden block of meta and filters.
  -->
  <xsl:template name="e:search-data">
    <xsl:variable name="h" select="/tei:TEI/tei:teiHeader"/>
    <xsl:attribute name="data-pagefind-body"/>
    <div hidden="" data-pagefind-ignore="">
      <span data-pagefind-meta="title"><xsl:value-of select="e:title($h)"/></span>
      <span data-pagefind-meta="date"><xsl:value-of select="(e:date-label(e:sent-date($h)), 'date not known')[1]"/></span>
      <span data-pagefind-meta="symbol"><xsl:value-of select="e:symbol($h)"/></span>
      <span data-pagefind-sort="date" data-pagefind-meta="date_iso"><xsl:value-of select="(e:date-iso(e:sent-date($h)), '9999')[1]"/></span>
      <xsl:for-each select="e:search-filters($h)">
        <span data-pagefind-filter="{?key}"><xsl:value-of select="?value"/></span>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- The data attributes of a row of the table of letters (assets/table.js filters on them):
       the sender as on the search page, and the year. -->
  <xsl:template name="e:table-row-data">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:attribute name="data-sender" select="string(e:search-sender($h))"/>
    <xsl:attribute name="data-year" select="e:search-year($h)"/>
  </xsl:template>
</xsl:stylesheet>
