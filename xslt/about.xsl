<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the first letter by date (TEI) -> about.html, the edition's imprint: what
  the edition is (config.xml's title and subtitle, the projectDesc every letter carries), its
  editors (config.xml and the letters' respStmt), publisher, version (the latest change of any
  letter, from $letters, the letter summaries of edition.enrich.write_letters), licence, how to
  cite it, and where its sources, guidelines and downloads are. Nothing here is a literal fact:
  every name and date is read from config.xml or the TEI.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:cfg="urn:un-letters-edition:config"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:include href="partials/common.xsl"/>
  <xsl:include href="partials/metadata.xsl"/>
  <xsl:include href="partials/entities.xsl"/>
  <xsl:include href="partials/text-html.xsl"/>
  <xsl:include href="partials/page.xsl"/>

  <xsl:param name="letters" as="document-node()" required="yes"/>

  <xsl:variable name="headers" select="$letters/letters/letter/tei:teiHeader"/>
  <xsl:variable name="version" as="xs:string?" select="e:edition-version($headers)"/>

  <xsl:template match="/">
    <xsl:call-template name="e:page">
      <xsl:with-param name="title" select="'About the edition'"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="current" select="'about'"/>
      <xsl:with-param name="content-of" select="."/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="e:page-head">
    <link rel="canonical" href="{e:base-url()}about.html"/>
    <meta name="DC.title" content="{e:conf('title')}"/>
    <meta name="DC.publisher" content="{e:conf('publisher')}"/>
    <xsl:for-each select="$version"><meta name="DC.date" content="{.}"/></xsl:for-each>
    <meta name="DC.rights" content="{e:conf('licence')}"/>
  </xsl:template>

  <xsl:template match="/" mode="e:page-content">
    <h1>About the edition</h1>
    <p class="intro"><xsl:value-of select="e:conf('title')"/>: <xsl:value-of select="e:conf('subtitle')"/>.</p>

    <section aria-labelledby="what-heading">
      <h2 id="what-heading">What it is</h2>
      <xsl:for-each select="tei:TEI/tei:teiHeader/tei:encodingDesc/tei:projectDesc/tei:p">
        <p><xsl:apply-templates mode="html"/></p>
      </xsl:for-each>
      <p>It holds <xsl:value-of select="count($headers)"/> letters; the <a href="index.html">list of letters</a>
        states how they were selected.</p>
    </section>

    <section aria-labelledby="imprint-heading">
      <h2 id="imprint-heading">Editors, version and licence</h2>
      <dl>
        <dt>Editors</dt>
        <dd><xsl:value-of select="e:conf('editors')"/></dd>
        <xsl:for-each-group select="$headers/tei:fileDesc/tei:titleStmt/tei:respStmt" group-by="normalize-space(tei:resp)">
          <xsl:sort select="current-grouping-key()"/>
          <dt><xsl:value-of select="current-grouping-key()"/></dt>
          <dd><xsl:value-of select="distinct-values(current-group()/(tei:name | tei:persName | tei:orgName) ! e:plain(.))" separator=", "/></dd>
        </xsl:for-each-group>
        <dt>Publisher</dt>
        <dd><xsl:value-of select="e:conf('publisher')"/></dd>
        <dt>Version</dt>
        <dd><xsl:value-of select="if ($version) then e:iso-label($version) || ' (the latest change to any letter)' else 'not dated'"/></dd>
        <dt>Licence</dt>
        <dd><xsl:call-template name="e:external-link">
              <xsl:with-param name="href" select="$config/cfg:edition/cfg:licence/@target"/>
              <xsl:with-param name="text" select="e:conf('licence')"/>
            </xsl:call-template> (the encoding; each letter's page states the status of its text)</dd>
        <dt>Address</dt>
        <dd><a href="{e:base-url()}"><xsl:value-of select="e:base-url()"/></a></dd>
      </dl>
    </section>

    <section class="citation" aria-labelledby="cite-heading">
      <h2 id="cite-heading">How to cite the edition</h2>
      <p class="cite" id="cite-edition"><span class="cite-text"><xsl:value-of select="e:edition-citation($version)"/></span>
        <xsl:text> (accessed </xsl:text><span class="cite-accessed">[date of access]</span><xsl:text>).</xsl:text></p>
      <p>Each letter's page has its own citation (with the sender as author), per letter and per
        paragraph, and its citation as BibTeX, RIS and CSL-JSON.</p>
    </section>

    <section aria-labelledby="docs-heading">
      <h2 id="docs-heading">Sources, guidelines and downloads</h2>
      <ul>
        <li><a href="sources.html">Editorial sources</a>: the public sources the editors' notes cite.</li>
        <li><a href="guidelines.html">Encoding guidelines</a>: the encoding model and its rules.</li>
        <li><a href="downloads/tei-corpus.zip" type="application/zip">The TEI corpus</a> (letters, registers and schema),
          <a href="downloads/corpus.txt" type="text/plain">the plain-text corpus</a> and
          <a href="downloads/cmif.xml" type="application/xml">the correspondence metadata (CMIF)</a>.</li>
      </ul>
    </section>
  </xsl:template>
</xsl:stylesheet>
