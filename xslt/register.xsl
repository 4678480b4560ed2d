<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one register (tei/registers/{kind}.xml) -> registers/{kind}.html.
  Each entry: headword, the forms the letters use, other names, authority links, notes and
  back-links to every mention (letter + anchor), each naming the forms that letter uses (derived
  from the letters by the build; not kept in the registers).
  Parameters: $kind (persons, places, organisations, documents); $mentions, the register's
  facts written by the build (edition.enrich):
    <mentions kind="…"><entry id="…"><m id="letter-…" label="Letter of …" a="m12 m40" f="form&#9;form"/>…</entry>…</mentions>
  with each entry's letters in date order.
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
    <xsl:perform-sort select="/tei:TEI/tei:standOff/*/(tei:person | tei:place | tei:org | tei:bibl)">
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
    <p class="intro">Download the register as <a href="{$kind}.xml" type="application/xml">TEI XML</a>.</p>
    <nav class="entry-index" aria-labelledby="entry-index-heading">
      <h2 id="entry-index-heading">Entries</h2>
      <ul>
        <xsl:for-each select="$entries">
          <li><a href="#{@xml:id}"><xsl:value-of select="e:headword(.)"/></a></li>
        </xsl:for-each>
      </ul>
    </nav>
    <xsl:apply-templates select="$entries" mode="entry"/>
  </xsl:template>

  <xsl:template match="*" mode="entry">
    <xsl:variable name="id" select="string(@xml:id)"/>
    <article class="entry entry-{$kind}" id="{$id}" aria-labelledby="{$id}-heading">
      <h2 id="{$id}-heading"><xsl:value-of select="e:headword(.)"/></h2>
      <dl>
        <xsl:if test="@cert">
          <dt>Identification</dt>
          <dd><xsl:value-of select="e:cert-phrase(.)"/></dd>
        </xsl:if>
        <xsl:variable name="variants" select="(tei:persName | tei:placeName | tei:orgName | tei:title)[@type = 'variant']"/>
        <xsl:if test="$variants">
          <dt>Forms in the letters</dt>
          <dd>
            <ul>
              <xsl:for-each select="$variants">
                <li><span class="form"><xsl:value-of select="e:plain(.)"/></span></li>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:if>
        <xsl:variable name="alts" select="(tei:persName | tei:placeName | tei:orgName | tei:title)[@type = 'alt']"/>
        <xsl:if test="$alts">
          <dt>Other names</dt>
          <dd><xsl:value-of select="string-join($alts ! e:plain(.), '; ')"/></dd>
        </xsl:if>
        <xsl:if test="tei:idno[@type = 'UNSymbol']">
          <dt>UN document symbol</dt>
          <dd><xsl:value-of select="string-join(tei:idno[@type = 'UNSymbol'] ! normalize-space(.), ', ')"/></dd>
        </xsl:if>
        <xsl:if test="tei:date">
          <dt>Date</dt>
          <dd><xsl:value-of select="string-join(tei:date ! e:date-label(.), '; ')"/></dd>
        </xsl:if>
        <xsl:variable name="authorities" select="tei:idno[not(@type = 'UNSymbol')] | tei:ptr[@target]"/>
        <xsl:if test="$authorities">
          <dt>Links</dt>
          <dd>
            <ul>
              <xsl:for-each select="$authorities">
                <li>
                  <xsl:value-of select="string-join((@type, @subtype), ', ') ! (if (. = '') then 'Online' else .)"/>
                  <xsl:text>: </xsl:text>
                  <xsl:call-template name="e:external-link">
                    <xsl:with-param name="href" select="normalize-space((@target, .)[1])"/>
                    <xsl:with-param name="text" select="normalize-space((@target, .)[1])"/>
                  </xsl:call-template>
                </li>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:if>
        <xsl:for-each select="tei:note | tei:occupation | tei:affiliation">
          <dt><xsl:value-of select="if (self::tei:note) then 'Note' else e:upper-first(local-name())"/></dt>
          <dd><xsl:apply-templates mode="html"/></dd>
        </xsl:for-each>
        <dt>Mentions in the letters</dt>
        <dd>
          <xsl:variable name="letters" select="key('mentions', $id, $mentions)/m"/>
          <xsl:choose>
            <xsl:when test="$letters">
              <ul class="mentions"><xsl:apply-templates select="$letters" mode="back-link"/></ul>
            </xsl:when>
            <xsl:otherwise>none in the text of the letters</xsl:otherwise>
          </xsl:choose>
        </dd>
      </dl>
    </article>
  </xsl:template>

  <!-- One letter that mentions the entry: its label, the forms it uses (@f, tab-separated),
       and a link to each mention (@a, the anchors in the letter page). -->
  <xsl:template match="m" mode="back-link">
    <xsl:variable name="page" select="'../letters/' || @id || '.html'"/>
    <li>
      <a href="{$page}"><xsl:value-of select="@label"/></a>
      <xsl:if test="normalize-space(@f)">
        <span class="forms">
          <xsl:text>, as </xsl:text>
          <xsl:for-each select="tokenize(@f, '&#9;')">
            <xsl:if test="position() gt 1">, </xsl:if>
            <xsl:text>“</xsl:text><xsl:value-of select="."/><xsl:text>”</xsl:text>
          </xsl:for-each>
        </span>
      </xsl:if>
      <span aria-hidden="true">: mentions </span>
      <xsl:for-each select="tokenize(@a)">
        <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
        <a href="{$page}#{.}"><span class="vh">mention </span><xsl:value-of select="position()"/></a>
      </xsl:for-each>
    </li>
  </xsl:template>

  <xsl:function name="e:upper-first" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="upper-case(substring($s, 1, 1)) || substring($s, 2)"/>
  </xsl:function>
</xsl:stylesheet>
