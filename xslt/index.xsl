<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the first letter by date (TEI) -> index.html; with $year, index-{year}.html.
  The introduction and the editorial principles are the projectDesc and editorialDecl that every
  letter carries (taken from the source document, the first letter). The table of letters is
  rendered from $letters, the letter summaries the build writes (edition.enrich.write_letters:
  <letters><letter id="…" file="…" year="…"><teiHeader/></letter>…</letters>, in date order);
  over $split-over letters, index.html lists the years and each year has a page of its own.
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
  <xsl:include href="partials/search-data.xsl"/>

  <xsl:param name="letters" as="document-node()" required="yes"/>
  <xsl:variable name="letter-count" as="xs:integer" select="count($letters/letters/letter)"/>
  <!-- Over this many letters, the table of letters is split by year: index.html lists the years,
       each linking to index-{year}.html (the build says which; each letter has @year). -->
  <xsl:param name="split-over" as="xs:integer" select="500"/>
  <!-- '' for index.html; a year for the page of that year's letters. -->
  <xsl:param name="year" as="xs:string" select="''"/>
  <xsl:variable name="split" as="xs:boolean" select="$letter-count gt $split-over"/>
  <!-- The facts of the statement of the selection, computed by the build from the letters'
       headers (edition.corpus.selection_xml): letters per sender, years, answered documents. -->
  <xsl:param name="selection" as="document-node()" required="yes"/>

  <xsl:template match="/">
    <xsl:call-template name="e:page">
      <xsl:with-param name="title" select="if ($year) then 'Letters of ' || e:year-label($year) else 'Letters'"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="current" select="'index'"/>
      <xsl:with-param name="content-of" select="."/>
      <xsl:with-param name="scripts" select="'table.js'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The page's main content (inside the page shell, see e:page). -->
  <xsl:template match="/" mode="e:page-content">
    <xsl:choose>
      <xsl:when test="$year"><xsl:call-template name="year-page"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="index-page"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- index-{year}.html: the table of one year's letters. -->
  <xsl:template name="year-page">
    <xsl:variable name="rows" select="$letters/letters/letter[@year = $year]"/>
    <p class="breadcrumb"><a href="index.html#letters-heading">All letters</a></p>
    <h1>Letters of <xsl:value-of select="e:year-label($year)"/></h1>
    <xsl:call-template name="letters-table">
      <xsl:with-param name="rows" select="$rows"/>
      <xsl:with-param name="caption" select="count($rows) || ' letters of ' || e:year-label($year) || ', in order of date'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="e:year-label" as="xs:string">
    <xsl:param name="year" as="xs:string"/>
    <xsl:sequence select="if ($year = 'undated') then 'unknown date' else $year"/>
  </xsl:function>

  <xsl:template name="letters-table">
    <xsl:param name="rows" as="element()*"/>
    <xsl:param name="caption" as="xs:string"/>
    <div class="table-wrap">
      <table class="letters">
        <caption><xsl:value-of select="$caption"/></caption>
        <thead>
          <tr><th scope="col">Date</th><th scope="col">Sender</th><th scope="col">Title</th>
            <th scope="col">UN document symbol</th><th scope="col">Downloads</th></tr>
        </thead>
        <tbody><xsl:apply-templates select="$rows" mode="row"/></tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template name="index-page">
    <xsl:variable name="encoding" select="//tei:teiHeader/tei:encodingDesc"/>
    <h1><xsl:value-of select="e:conf('title')"/></h1>
    <p class="subtitle"><xsl:value-of select="e:conf('subtitle')"/></p>
    <section aria-labelledby="about-heading">
      <h2 id="about-heading">About the edition</h2>
      <xsl:for-each select="$encoding/tei:projectDesc/tei:p">
        <p><xsl:apply-templates mode="html"/></p>
      </xsl:for-each>
      <xsl:apply-templates select="$selection/selection" mode="selection"/>
      <p>How the letters are encoded, element by element and rule by rule:
        <a href="guidelines.html">the encoding guidelines</a>. The public sources the editors cite
        for what the letters themselves do not state: <a href="sources.html">the editorial sources</a>.</p>
    </section>
    <xsl:if test="$encoding/tei:editorialDecl/*">
      <section aria-labelledby="principles-heading">
        <h2 id="principles-heading">Editorial principles</h2>
        <xsl:for-each select="$encoding/tei:editorialDecl/*">
          <h3><xsl:value-of select="e:principle-label(local-name())"/></h3>
          <xsl:for-each select="tei:p"><p><xsl:apply-templates mode="html"/></p></xsl:for-each>
        </xsl:for-each>
      </section>
    </xsl:if>
    <section aria-labelledby="letters-heading">
      <h2 id="letters-heading">Letters</h2>
      <xsl:choose>
        <xsl:when test="$split">
          <p><xsl:value-of select="$letter-count"/> letters, by year:</p>
          <ul class="years">
            <xsl:for-each-group select="$letters/letters/letter" group-adjacent="string(@year)">
              <li><a href="index-{current-grouping-key()}.html"><xsl:value-of select="e:year-label(current-grouping-key())"/></a>
                <xsl:value-of select="' (' || count(current-group()) || ' letters)'"/></li>
            </xsl:for-each-group>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="letters-table">
            <xsl:with-param name="rows" select="$letters/letters/letter"/>
            <xsl:with-param name="caption" select="$letter-count || ' letters, in order of date'"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <section aria-labelledby="downloads-heading">
      <h2 id="downloads-heading">Downloads</h2>
      <ul>
        <li><a href="downloads/tei-corpus.zip" type="application/zip">The TEI corpus</a> (letters, registers and schema, zip)</li>
        <li><a href="downloads/corpus.txt" type="text/plain">The plain-text edition of all letters</a></li>
        <li><a href="downloads/cmif.xml" type="application/xml">Correspondence metadata (CMIF)</a></li>
      </ul>
    </section>
  </xsl:template>

  <!-- The statement of the selection: what the corpus holds, per sender, and what it lacks.
       Every figure comes from the letters (see $selection), none is written here. -->
  <xsl:template match="selection" mode="selection">
    <xsl:variable name="senders" select="sender"/>
    <xsl:variable name="years" select="distinct-values((@first, @last) ! substring(., 1, 4)[. != ''])"/>
    <p id="selection">The selection: the edition holds <xsl:value-of select="e:count(@letters, 'letter')"/>
      <xsl:if test="$senders">
        <xsl:text>, </xsl:text>
        <xsl:value-of select="e:and-list($senders ! (format-integer(xs:integer(@letters), 'w') || ' from the '
                                                      || e:headword(e:entry(e:pointer(@ref)?id))))"/>
      </xsl:if>
      <xsl:text>. The editors did not choose the letters by content, and the corpus is </xsl:text>
      <xsl:value-of select="if (count(distinct-values($senders/@letters)) gt 1) then 'neither complete nor balanced between the senders'
                            else 'not complete'"/>
      <xsl:text>: the many other letters addressed to the Secretary-General about the conflict in </xsl:text>
      <xsl:value-of select="string-join($years, '–')"/>
      <xsl:text> are not in the edition.</xsl:text>
      <xsl:if test="answered">
        <xsl:text> </xsl:text>
        <xsl:variable name="answering" select="count(distinct-values(answered/@by))"/>
        <xsl:value-of select="e:upper-first(format-integer($answering, 'w'))"/>
        <xsl:value-of select="(if ($answering = 1) then ' of the letters answers ' else ' of the letters answer ')
                              || (if (count(answered) = 1) then 'a document that is' else 'documents that are')"/>
        <xsl:text> not in the edition: </xsl:text>
        <xsl:for-each select="answered">
          <xsl:if test="position() gt 1"><xsl:value-of select="if (position() = last()) then ', and ' else ', '"/></xsl:if>
          <xsl:text>the </xsl:text>
          <a href="letters/{@by}.html">letter of <xsl:value-of select="e:iso-label(@date)"/></a>
          <xsl:value-of select="e:cert-phrase(.) ! (' (date: ' || . || ')')"/>
          <xsl:text> answers </xsl:text>
          <xsl:sequence select="e:answered-letter(e:pointer(@ref)?id)"/>
        </xsl:for-each>
        <xsl:text>. Read each of these letters with the document it answers beside it.</xsl:text>
      </xsl:if>
    </p>
  </xsl:template>

  <!-- "five letters", "one letter" -->
  <xsl:function name="e:count" as="xs:string">
    <xsl:param name="n" as="xs:anyAtomicType"/>
    <xsl:param name="noun" as="xs:string"/>
    <xsl:sequence select="format-integer(xs:integer($n), 'w') || ' ' || $noun || (if (xs:integer($n) = 1) then '' else 's')"/>
  </xsl:function>

  <!-- "a", "a and b", "a, b and c" -->
  <xsl:function name="e:and-list" as="xs:string">
    <xsl:param name="items" as="xs:string*"/>
    <xsl:sequence select="if (count($items) le 1) then string($items)
                          else string-join($items[position() lt last()], ', ') || ' and ' || $items[last()]"/>
  </xsl:function>

  <xsl:function name="e:upper-first" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="upper-case(substring($s, 1, 1)) || substring($s, 2)"/>
  </xsl:function>

  <!-- A letter the edition's letters answer but do not contain: its UN symbol as given in the
       documents register, linked to the register's first address for it (undocs.org). -->
  <xsl:function name="e:answered-letter" as="element()">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="entry" select="e:entry($id)"/>
    <xsl:variable name="href" select="e:safe-href(($entry/tei:ptr/@target)[1])"/>
    <a class="ext" href="{$href}"><xsl:value-of select="string-join($entry/tei:idno[@type = 'UNSymbol'] ! normalize-space(.), '-')"/></a>
  </xsl:function>

  <xsl:function name="e:principle-label" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="(map{'normalization': 'Normalisation', 'quotation': 'Quotation marks',
      'hyphenation': 'Hyphenation', 'interpretation': 'Interpretation', 'correction': 'Corrections',
      'segmentation': 'Segmentation', 'punctuation': 'Punctuation', 'stdVals': 'Standard values'}($name), $name)[1]"/>
  </xsl:function>

  <!-- One row of the table of letters, from the letter's summary. -->
  <xsl:template match="letter" mode="row">
    <xsl:variable name="h" select="tei:teiHeader"/>
    <tr>
      <xsl:call-template name="e:table-row-data"><xsl:with-param name="h" select="$h"/></xsl:call-template>
      <td><time datetime="{e:date-iso(e:sent-date($h))}"><xsl:value-of select="e:date-label(e:sent-date($h))"/></time
        ><xsl:for-each select="e:cert-phrase(e:sent-date($h))"> <span class="cert-note">(<xsl:value-of select="."/>)</span></xsl:for-each></td>
      <td><xsl:value-of select="e:sender($h)"/></td>
      <td><a href="letters/{@id}.html"><xsl:value-of select="e:title($h)"/></a></td>
      <td><xsl:value-of select="e:symbol($h)"/></td>
      <td class="downloads">
        <a href="letters/{@id}.xml" type="application/xml">TEI<span class="vh"> XML of the letter of <xsl:value-of select="e:date-label(e:sent-date($h))"/></span></a>
        <xsl:text> </xsl:text>
        <a href="letters/{@id}.txt" type="text/plain">Text<span class="vh"> of the letter of <xsl:value-of select="e:date-label(e:sent-date($h))"/></span></a>
      </td>
    </tr>
  </xsl:template>

</xsl:stylesheet>
