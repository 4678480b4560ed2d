<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one register (tei/registers/{kind}.xml) -> registers/{kind}.html.
  Each entry: headword, the forms the letters use, other names, authority links, notes and
  back-links to every mention (letter + anchor), each naming the forms that letter uses (derived
  from the letters by the build, see register-mentions.xsl; not kept in the registers).
  Parameters: $kind (persons, places, organisations, documents); $letters, the corpus summary
  (<letters><letter id="…"><teiHeader/></letter>…</letters>, in date order); $mentioned, the ids
  of the entries the letters' text mentions (space-separated).
  The back-links themselves grow with the corpus, so they are not rendered here: the list of an
  entry with mentions holds a processing instruction <?edition-mentions ENTRY-ID?>, which the
  build replaces with the entry's back-links rendered in bounded chunks by register-mentions.xsl
  (see edition.pages).
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
  <xsl:param name="letters" as="document-node()" required="yes"/>
  <xsl:param name="mentioned" as="xs:string" required="yes"/>
  <xsl:variable name="mentioned-ids" as="xs:string*" select="tokenize($mentioned)"/>

  <xsl:key name="letter" match="letter" use="@id"/>

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
          <xsl:choose>
            <xsl:when test="$id = $mentioned-ids">
              <ul class="mentions"><xsl:processing-instruction name="edition-mentions" select="$id"/></ul>
            </xsl:when>
            <xsl:otherwise>none in the text of the letters</xsl:otherwise>
          </xsl:choose>
        </dd>
      </dl>
    </article>
  </xsl:template>

  <xsl:function name="e:upper-first" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="upper-case(substring($s, 1, 1)) || substring($s, 2)"/>
  </xsl:function>
</xsl:stylesheet>
