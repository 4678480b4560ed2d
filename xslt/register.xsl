<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one register (tei/registers/{kind}.xml) -> registers/{kind}.html, the index
  of its entries: each headword (with its anchor, #{entry-id}, the address letter pages link to)
  links to the entry's own page, registers/{kind}/{entry-id}.html (register-entry.xsl), and says
  how many letters mention it.
  Parameters: $kind (persons, places, organisations, documents); $mentions, the register's
  facts written by the build (edition.enrich): how many letters mention each entry,
    <mentions kind="…"><entry id="…" letters="3"/>…</mentions>
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

  <xsl:param name="kind" as="xs:string" required="yes"/>
  <xsl:param name="mentions" as="document-node()" required="yes"/>

  <xsl:key name="mentions" match="entry" use="@id"/>

  <xsl:variable name="entries" as="element()*">
    <!-- the entries are the register's elements of its kind's entry element, by the model -->
    <xsl:perform-sort select="/tei:TEI/tei:standOff/*/tei:*[local-name() = $e:kinds[@name = $kind]/@entry]">
      <xsl:sort select="lower-case(e:headword(.))"/>
      <xsl:sort select="@xml:id"/>
    </xsl:perform-sort>
  </xsl:variable>

  <xsl:template match="/tei:TEI">
    <xsl:call-template name="e:page">
      <xsl:with-param name="title" select="e:register-title($kind)"/>
      <xsl:with-param name="root" select="'../'"/>
      <xsl:with-param name="current" select="$kind"/>
      <xsl:with-param name="content-of" select="."/>
    </xsl:call-template>
  </xsl:template>

  <!-- The page's main content (inside the page shell, see e:page). -->
  <xsl:template match="/tei:TEI" mode="e:page-content">
    <h1><xsl:value-of select="e:register-title($kind)"/></h1>
    <xsl:for-each select="tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:p">
      <p class="intro"><xsl:apply-templates mode="html"/></p>
    </xsl:for-each>
    <p class="intro">Download the register as <a href="{$kind}.xml" type="application/xml">TEI XML</a>.
      Each entry has a page of its own with the letters that mention it.</p>
    <nav class="entry-index" aria-labelledby="entry-index-heading">
      <h2 id="entry-index-heading">Entries</h2>
      <ul>
        <xsl:for-each select="$entries">
          <xsl:variable name="letters" select="sum(key('mentions', string(@xml:id), $mentions)/@letters)"/>
          <li id="{@xml:id}"><a href="{$kind}/{@xml:id}.html"><xsl:value-of select="e:headword(.)"/></a>
            <span class="count"><xsl:value-of select="if ($letters = 0) then ' (no mention in the text of the letters)'
              else ' (' || $letters || (if ($letters = 1) then ' letter)' else ' letters)')"/></span></li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>
</xsl:stylesheet>
