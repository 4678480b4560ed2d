<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page shell shared by every HTML page: language, viewport, Content-Security-Policy, the
  edition's stylesheet, a skip link, the header with the site navigation, the main landmark and
  the footer. Pages are self-contained: no font or file from elsewhere, only the site's own
  scripts (assets/*.js, deferred, none inline), which enhance pages that work without them
  (except search).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:cfg="urn:un-letters-edition:config"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- The page's own head elements: an entry stylesheet adds a template of this mode for its node. -->
  <xsl:mode name="e:page-head" on-no-match="deep-skip"/>

  <!--
    $root: the path from the page to the site root ('' or '../'); $current: the navigation
    entry of this page; $content-of: the node whose template in mode e:page-content writes the
    page's main content. (A callback rather than the content itself as a parameter: built as a
    parameter, the content would be a temporary tree, constructed and then copied into the page,
    which on the letter pages, rendered thousands of times, costs a sixth of the time.)
  -->
  <xsl:template name="e:page">
    <xsl:param name="title" as="xs:string" required="yes"/>
    <xsl:param name="root" as="xs:string" required="yes"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="content-of" as="node()" required="yes"/>
    <!-- the page's own scripts besides cards.js (file names under assets/, loaded deferred; the
         page works without them, except search), and its Content-Security-Policy: the site's
         own scripts and files only; a page that needs more (the search page: compiling
         Pagefind's WebAssembly) passes its own. -->
    <xsl:param name="scripts" as="xs:string*" select="()"/>
    <xsl:param name="csp" as="xs:string"
      select="'default-src ''none''; script-src ''self''; connect-src ''self''; style-src ''self''; img-src ''self''; base-uri ''none''; form-action ''none'''"/>
    <html lang="{e:conf('language')}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta http-equiv="Content-Security-Policy" content="{$csp}"/>
        <title><xsl:value-of select="$title"/> — <xsl:value-of select="e:conf('title')"/></title>
        <link rel="stylesheet" href="{$root}assets/edition.css"/>
        <!-- the site icon, so that browsers do not ask for a missing /favicon.ico (img-src 'self') -->
        <link rel="icon" href="{$root}assets/favicon.svg" type="image/svg+xml"/>
        <!-- entity cards and the highlighting toggle (progressive enhancement; connect-src 'self':
             a card is read from its entry page) -->
        <script src="{$root}assets/cards.js" defer="defer"></script>
        <script src="{$root}assets/cite.js" defer=""></script>
        <xsl:for-each select="$scripts"><script src="{$root}assets/{.}" defer="defer"></script></xsl:for-each>
        <!-- what the page says about itself to machines (a letter: its citation metadata, cite.xsl) -->
        <xsl:apply-templates select="$content-of" mode="e:page-head"/>
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to the content</a>
        <header class="site-header">
          <p class="site-title"><a href="{$root}index.html"><xsl:value-of select="e:conf('title')"/></a></p>
          <nav aria-label="Site">
            <ul>
              <!-- the registers in the model's order, one entry per kind -->
              <xsl:for-each select="(['index', 'Letters', 'index.html'], ['search', 'Search', 'search.html'],
                                     $e:kinds ! [string(@name), string(@title), 'registers/' || @name || '.html'],
                                     ['views', 'Views', 'views.html'],
                                     ['guidelines', 'Encoding guidelines', 'guidelines.html'],
                                     ['about', 'About', 'about.html'])">
                <li>
                  <a href="{$root}{?3}">
                    <xsl:if test="?1 = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                    <xsl:value-of select="?2"/>
                  </a>
                </li>
              </xsl:for-each>
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">
          <xsl:apply-templates select="$content-of" mode="e:page-content"/>
        </main>
        <footer class="site-footer">
          <p><xsl:value-of select="e:conf('title')"/>: <xsl:value-of select="e:conf('subtitle')"/>.
            Published by <xsl:value-of select="e:conf('publisher')"/>.
            Encoding licensed under <xsl:call-template name="e:external-link">
              <xsl:with-param name="href" select="$config/cfg:edition/cfg:licence/@target"/>
              <xsl:with-param name="text" select="e:conf('licence')"/>
            </xsl:call-template>.</p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- A link to a URL from data: only http(s) and relative targets are linked, anything else is text. -->
  <xsl:template name="e:external-link">
    <xsl:param name="href" as="xs:string?"/>
    <xsl:param name="text" as="xs:string?"/>
    <xsl:variable name="safe" select="e:safe-href($href)"/>
    <xsl:choose>
      <xsl:when test="exists($safe)"><a href="{$safe}"><xsl:value-of select="($text[normalize-space()], $safe)[1]"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="($text[normalize-space()], $href)[1]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
