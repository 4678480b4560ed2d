<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: nothing (<search/>) -> search.html, the full-text search of the letters.
  The search runs in the browser (assets/search.js, with Pagefind's JavaScript API) over the
  index the build makes from the letter pages (edition.search); there is no server. The page
  carries the form (hidden until the script has loaded the index), one group per facet
  (e:search-facets of partials/search-data.xsl: the same keys as the letter pages' filters,
  labelled here), a live status line and the list of results. Without JavaScript the page says
  that search needs it and where else to look.
  Its Content-Security-Policy allows what Pagefind needs, on this page only: scripts of the
  site ('self'), compiling its WebAssembly ('wasm-unsafe-eval'), fetching the index ('self').
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

  <xsl:template match="/">
    <xsl:call-template name="e:page">
      <xsl:with-param name="title" select="'Search'"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="current" select="'search'"/>
      <xsl:with-param name="content-of" select="."/>
      <xsl:with-param name="scripts" select="'search.js'"/>
      <xsl:with-param name="csp" select="'default-src ''none''; script-src ''self'' ''wasm-unsafe-eval''; connect-src ''self''; '
        || 'style-src ''self''; img-src ''self''; base-uri ''none''; form-action ''none'''"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="e:page-content">
    <h1>Search the letters</h1>
    <noscript>
      <p class="search-noscript">Search needs JavaScript, which is off or blocked in this browser.
        Without it, find a letter in the <a href="index.html#letters-heading">table of letters</a>,
        or a person, place, organisation or document in the registers, which list the letters that
        mention each.</p>
    </noscript>
    <p class="intro">Searches the text of the letters. Narrow the results with the filters: the
      sender, the year, the agenda item, and the <xsl:value-of select="lower-case(string-join($e:kinds ! string(@title), ', '))"/>
      a letter mentions (named as in the registers). Each result links to the passages where the words occur.</p>
    <form id="search-form" class="search-form" role="search" aria-label="Search the letters" hidden=""
      data-index="pagefind/shards.json">
      <p class="search-box">
        <label for="search-q">Words to find</label>
        <input type="search" id="search-q" name="q" autocomplete="off"/>
        <button type="submit">Search</button>
      </p>
      <div class="search-facets">
        <xsl:for-each select="e:search-facets()">
          <details class="facet" data-facet="{?key}">
            <summary><xsl:value-of select="?label"/></summary>
            <fieldset>
              <legend class="vh"><xsl:value-of select="?label"/></legend>
            </fieldset>
          </details>
        </xsl:for-each>
      </div>
      <p><button type="reset" class="search-clear">Clear the words and filters</button></p>
    </form>
    <p id="search-status" class="search-status" role="status" aria-live="polite"></p>
    <ol id="search-results" class="search-results"></ol>
    <p><button type="button" id="search-more" class="search-more" hidden="">More results</button></p>
  </xsl:template>
</xsl:stylesheet>
