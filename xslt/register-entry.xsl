<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one register (tei/registers/{kind}.xml) and the facts of some of its entry pages
  -> for each of those pages, registers/{kind}/{entry-id}.html (page 1) or {entry-id}.page{n}.html:
  the entry's details, its card, and the letters that mention it, in date order, each mention in
  its context (partials/entry.xsl). An entry mentioned by many letters is paginated, $per-page
  letters a page; the build makes again only the pages whose facts changed. All the pages of a
  register come out of one transform (xsl:result-document, relative to the base output URI the
  build sets to the register's folder): one transform per page would cost more than the page itself.
  Parameters: $kind; $entries, the facts of each page to render (edition.enrich), one document each:
    <mentions kind="…"><entry id="…" letters="230" page="2" pages="2">
      <form f="Shusha"><use p="party" n="3" first="date" last="date"/>…</form>…   (the card)
      <m id="letter-…" label="Letter of …" p="party" d="date" a="m12 m40" f="form&#9;form">
        <k a="m12" before="…" form="…" after="…"/>…</m>…   (the letters on this page)
      <r id="letter-…" label="…" type="replyTo"/>…</entry></mentions>   (page 1: the replies to the entry)
  $per-page. ($entries is an array: saxonche makes no sequence of nodes for a parameter.)
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
  <xsl:include href="partials/entry.xsl"/>

  <xsl:param name="kind" as="xs:string" required="yes"/>
  <xsl:param name="entries" as="array(document-node())" required="yes"/>
  <xsl:param name="per-page" as="xs:integer" select="200"/>

  <xsl:template match="/">
    <xsl:variable name="register" select="."/>
    <xsl:for-each select="$entries?*/mentions/entry">
      <xsl:variable name="facts" select="."/>
      <xsl:variable name="entry-id" select="string(@id)"/>
      <xsl:variable name="pages" as="xs:integer" select="xs:integer(@pages)"/>
      <xsl:variable name="page" as="xs:integer" select="xs:integer(@page)"/>
      <xsl:variable name="entry" select="id($entry-id, $register)"/>
      <xsl:result-document href="{e:entry-page-name($entry-id, $page)}">
        <xsl:for-each select="$register"><!-- the page is written in the register's context -->
        <xsl:call-template name="e:page">
          <xsl:with-param name="title" select="e:headword($entry) || ' – ' || e:register-title($kind)
            || (if ($pages gt 1) then ' (page ' || $page || ' of ' || $pages || ')' else '')"/>
          <xsl:with-param name="root" select="'../../'"/>
          <xsl:with-param name="current" select="$kind"/>
          <xsl:with-param name="content-of" select="$entry"/>
          <xsl:with-param name="entry-id" select="$entry-id" tunnel="yes"/>
          <xsl:with-param name="facts" select="$facts" tunnel="yes"/>
          <xsl:with-param name="page" select="$page" tunnel="yes"/>
          <xsl:with-param name="pages" select="$pages" tunnel="yes"/>
        </xsl:call-template>
        </xsl:for-each>
      </xsl:result-document>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="*" mode="e:page-content">
    <xsl:param name="entry-id" as="xs:string" tunnel="yes"/>
    <xsl:param name="facts" as="element(entry)" tunnel="yes"/>
    <xsl:param name="page" as="xs:integer" tunnel="yes"/>
    <xsl:param name="pages" as="xs:integer" tunnel="yes"/>
    <xsl:variable name="letters" as="xs:integer" select="xs:integer($facts/@letters)"/>
    <xsl:variable name="id" select="string(@xml:id)"/>
    <p class="breadcrumb"><a href="../{$kind}.html#{$id}"><xsl:value-of select="e:register-title($kind)"/></a></p>
    <article class="entry entry-{$kind}" id="{$id}" aria-labelledby="{$id}-heading">
      <h1 id="{$id}-heading"><xsl:value-of select="e:headword(.)"/></h1>
      <xsl:apply-templates select="." mode="e:entry-card">
        <xsl:with-param name="kind" select="$kind"/>
        <xsl:with-param name="facts" select="$facts"/>
      </xsl:apply-templates>
      <dl>
        <xsl:apply-templates select="." mode="e:entry-details"/>
      </dl>
      <xsl:variable name="replies" select="$facts/r"/>
      <xsl:if test="$replies and $page = 1">
        <section aria-labelledby="{$id}-replies">
          <h2 id="{$id}-replies">Replies in the edition</h2>
          <ul class="replies">
            <xsl:for-each select="$replies">
              <li><a href="../../letters/{@id}.html"><xsl:value-of select="@label"/></a>
                <xsl:value-of select="if (@type = 'replyTo') then ' (in reply to it)' else ' (further to it)'"/></li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>
      <section aria-labelledby="{$id}-mentions">
        <h2 id="{$id}-mentions"><xsl:value-of select="($e:kinds[@name = $kind]/@cited-title, 'Mentions in the letters')[1]"/></h2>
        <xsl:choose>
          <xsl:when test="$letters gt 0">
            <p><xsl:value-of select="$letters"/> letter<xsl:if test="$letters gt 1">s</xsl:if>, in order of date<xsl:if
              test="$pages gt 1">; letters <xsl:value-of select="($page - 1) * $per-page + 1"/>–<xsl:value-of
              select="min(($page * $per-page, $letters))"/> on this page</xsl:if>.</p>
            <xsl:call-template name="pagination"/>
            <ol class="mentions">
              <xsl:apply-templates select="$facts/m" mode="e:back-link">
                <xsl:with-param name="letters-root" select="'../../letters/'"/>
              </xsl:apply-templates>
            </ol>
            <xsl:call-template name="pagination"/>
          </xsl:when>
          <xsl:otherwise><p>None in the text of the letters.</p></xsl:otherwise>
        </xsl:choose>
      </section>
    </article>
  </xsl:template>

  <xsl:template name="pagination">
    <xsl:param name="entry-id" as="xs:string" tunnel="yes"/>
    <xsl:param name="page" as="xs:integer" tunnel="yes"/>
    <xsl:param name="pages" as="xs:integer" tunnel="yes"/>
    <xsl:if test="$pages gt 1">
      <nav class="pages" aria-label="Pages of mentions">
        <xsl:for-each select="1 to $pages">
          <xsl:if test=". gt 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:choose>
            <xsl:when test=". = $page"><span aria-current="page"><xsl:value-of select="."/></span></xsl:when>
            <xsl:otherwise><a href="{e:entry-page-name($entry-id, .)}"><xsl:value-of select="."/></a></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- The file name of page $n of an entry's page (edition.enrich.entry_page_name says the same). -->
  <xsl:function name="e:entry-page-name" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="$id || (if ($n = 1) then '' else '.page' || $n) || '.html'"/>
  </xsl:function>
</xsl:stylesheet>
