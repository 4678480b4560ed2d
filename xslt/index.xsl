<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the first letter by date (TEI) -> index.html.
  The introduction and the editorial principles are the projectDesc and editorialDecl that every
  letter carries (taken from the source document, the first letter). The table of letters grows
  with the corpus, so its rows are not rendered here: its body holds a processing instruction
  <?edition-rows?>, which the build replaces with the rows rendered by index-rows.xsl from the
  corpus summary in chunks of letters (see edition.pages). $letter-count: the number of letters.
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

  <xsl:param name="letter-count" as="xs:integer" required="yes"/>

  <xsl:template match="/">
    <xsl:call-template name="e:page">
      <xsl:with-param name="title" select="'Letters'"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="current" select="'index'"/>
      <xsl:with-param name="content-of" select="."/>
    </xsl:call-template>
  </xsl:template>

  <!-- The page's main content (inside the page shell, see e:page). -->
  <xsl:template match="/" mode="e:page-content">
    <xsl:variable name="encoding" select="//tei:teiHeader/tei:encodingDesc"/>
    <h1><xsl:value-of select="e:conf('title')"/></h1>
    <p class="subtitle"><xsl:value-of select="e:conf('subtitle')"/></p>
    <section aria-labelledby="about-heading">
      <h2 id="about-heading">About the edition</h2>
      <xsl:for-each select="$encoding/tei:projectDesc/tei:p">
        <p><xsl:apply-templates mode="html"/></p>
      </xsl:for-each>
      <p id="selection">The selection: the corpus is the five letters whose transcriptions the
        project started from. The editors did not choose them by content, and the corpus is neither
        complete nor balanced: four letters are from Azerbaijan and one is from Armenia. Two of the
        Azerbaijani letters answer letters of Armenia that are not in the edition: the letter of
        8 February 2021 answers <xsl:sequence select="e:answered-letter('doc-a-75-710')"/>, and the
        letter of 8 February 2023 answers <xsl:sequence select="e:answered-letter('doc-a-77-686')"/>.
        The many other letters that both parties addressed to the Secretary-General in 2020–2023 are
        not in the edition either. Read each letter with the answered letter beside it.</p>
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
      <div class="table-wrap">
        <table class="letters">
          <caption><xsl:value-of select="$letter-count"/> letters, in order of date</caption>
          <thead>
            <tr><th scope="col">Date</th><th scope="col">Sender</th><th scope="col">Title</th>
              <th scope="col">UN document symbol</th><th scope="col">Downloads</th></tr>
          </thead>
          <tbody><xsl:processing-instruction name="edition-rows"/></tbody>
        </table>
      </div>
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
</xsl:stylesheet>
