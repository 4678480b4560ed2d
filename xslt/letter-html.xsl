<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one letter (TEI) -> letters/{id}.html.
  Parameters beyond the shared ones: $context, the letter's place in the corpus computed by the
  build (previous/next letter by date, letters it replies to and that reply to it), each
  related letter given as <letter id="…"> with a pruned copy of its teiHeader.
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
  <xsl:include href="partials/inferences.xsl"/>
  <xsl:include href="partials/highlight.xsl"/>
  <xsl:include href="partials/search-data.xsl"/>

  <xsl:param name="context" as="document-node()" required="yes"/>


  <xsl:template match="/tei:TEI">
    <xsl:variable name="h" select="tei:teiHeader"/>
    <xsl:call-template name="e:page">
      <xsl:with-param name="title" select="e:title($h)"/>
      <xsl:with-param name="root" select="'../'"/>
      <xsl:with-param name="content-of" select="."/>
    </xsl:call-template>
  </xsl:template>

  <!-- The page's citation metadata, canonical and alternate links (cite.xsl). -->
  <xsl:template match="/tei:TEI" mode="e:page-head">
    <xsl:call-template name="e:citation-head"><xsl:with-param name="h" select="tei:teiHeader"/></xsl:call-template>
  </xsl:template>

  <!-- The page's main content (inside the page shell, see e:page). -->
  <xsl:template match="/tei:TEI" mode="e:page-content">
    <xsl:variable name="h" select="tei:teiHeader"/>
    <xsl:variable name="id" select="e:letter-id($h)"/>
    <xsl:variable name="inferences" select="e:inferences(tei:text)"/>
    <xsl:variable name="inference-numbers" select="e:inference-numbers($inferences)"/>
    <article class="letter" id="{$id}">
      <header class="letter-header">
        <p class="kicker">Letter of <xsl:value-of select="e:letter-label($h)"/></p>
        <h1><xsl:value-of select="e:title($h)"/></h1>
      </header>
      <xsl:call-template name="metadata-block"><xsl:with-param name="h" select="$h"/></xsl:call-template>
      <section class="reading-text" aria-labelledby="text-heading">
        <xsl:call-template name="e:search-data"/>
        <h2 id="text-heading">Text</h2>
        <xsl:call-template name="e:highlight-toggle"/>
        <xsl:for-each select="tei:text/tei:front/tei:div[@type = 'masthead']">
          <!-- the printed masthead (organ, distribution, session, agenda items) can fill a
               screen: closed, so that the letter itself comes first; opens without JavaScript -->
          <details class="masthead">
            <summary>Masthead of the UN document</summary>
            <div class="masthead-body" role="group" aria-label="Masthead of the UN document">
              <xsl:apply-templates mode="e:text">
                <xsl:with-param name="inference-numbers" select="$inference-numbers" tunnel="yes"/>
              </xsl:apply-templates>
            </div>
          </details>
        </xsl:for-each>
        <xsl:apply-templates select="tei:text/tei:body/node(), tei:text/tei:back/node()" mode="e:text">
          <xsl:with-param name="inference-numbers" select="$inference-numbers" tunnel="yes"/>
        </xsl:apply-templates>
      </section>
      <xsl:call-template name="e:footnote-list">
        <xsl:with-param name="notes" select="tei:text//tei:note[@place = 'foot']"/>
        <xsl:with-param name="inference-numbers" select="$inference-numbers" tunnel="yes"/>
      </xsl:call-template>
      <xsl:call-template name="e:inference-list"><xsl:with-param name="inferences" select="$inferences"/></xsl:call-template>
      <xsl:call-template name="editorial-notes"><xsl:with-param name="h" select="$h"/></xsl:call-template>
      <xsl:call-template name="correspondence"><xsl:with-param name="h" select="$h"/></xsl:call-template>
      <xsl:call-template name="e:citation-section"><xsl:with-param name="h" select="$h"/></xsl:call-template>
      <section class="downloads" aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">Downloads</h2>
        <ul>
          <li><a href="{$id}.xml" type="application/xml">TEI XML of this letter</a></li>
          <li><a href="{$id}.txt" type="text/plain">Plain-text edition of this letter</a></li>
        </ul>
        <xsl:for-each select="$h/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence">
          <p class="licence">
            <xsl:call-template name="e:external-link">
              <xsl:with-param name="href" select="@target"/>
              <xsl:with-param name="text" select="e:plain(.)"/>
            </xsl:call-template>
          </p>
        </xsl:for-each>
      </section>
    </article>
  </xsl:template>

  <xsl:template name="metadata-block">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <!-- compact above the text: one line (date, sender, symbol) that opens to every field; a
         details element, so it opens and closes without JavaScript -->
    <section class="metadata" aria-labelledby="metadata-heading">
      <details>
        <!-- the one-line facts inside the heading: a summary holds phrasing content or one heading,
             not both (the HTML validator refuses a span beside the h2) -->
        <summary><h2 id="metadata-heading"><span class="metadata-title">About this letter</span>
          <span class="metadata-facts"><xsl:value-of select="e:letter-label($h)"/>; UN document symbol <xsl:value-of
            select="e:symbol($h)"/></span></h2></summary>
      <dl>
        <xsl:for-each select="e:metadata-fields($h)">
          <dt><xsl:value-of select="?label"/></dt>
          <dd>
            <xsl:choose>
              <xsl:when test="count(?values) gt 1">
                <ul><xsl:for-each select="?values"><li><xsl:value-of select="."/></li></xsl:for-each></ul>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="?values"/></xsl:otherwise>
            </xsl:choose>
            <xsl:for-each select="?cert">
              <xsl:text> </xsl:text>
              <span class="cert-note">(<xsl:value-of select="."/><xsl:if test="$h/tei:fileDesc/tei:notesStmt/tei:note"
                >; see the <a href="#editorial-notes">editorial notes</a></xsl:if>)</span>
            </xsl:for-each>
          </dd>
        </xsl:for-each>
      </dl>
      </details>
    </section>
  </xsl:template>

  <xsl:template name="editorial-notes">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:variable name="notes" select="$h/tei:fileDesc/tei:notesStmt/tei:note"/>
    <xsl:if test="$notes">
      <section class="editorial-notes" id="editorial-notes" aria-labelledby="editorial-notes-heading">
        <h2 id="editorial-notes-heading">Editorial notes</h2>
        <xsl:for-each select="$notes">
          <p class="editorial-note">
            <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
            <xsl:apply-templates mode="e:text"/>
          </p>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- In reply to / replied to by (encoded, plus the reverse direction computed by the build), previous/next. -->
  <xsl:template name="correspondence">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:variable name="refs" select="$h/tei:profileDesc/tei:correspDesc/tei:correspContext/tei:ref"/>
    <xsl:variable name="reply-to" select="$refs[@type = 'replyTo']"/>
    <xsl:variable name="replied-by" select="$refs[@type = 'repliedBy']"/>
    <xsl:variable name="further-to" select="$refs[@type = 'furtherTo']"/>
    <xsl:variable name="computed-replies" select="$context/context/related[@role = 'repliedBy'][not(@target)]"/>
    <section class="correspondence" aria-labelledby="correspondence-heading">
      <h2 id="correspondence-heading">Correspondence</h2>
      <dl>
        <xsl:if test="$reply-to">
          <dt>In reply to</dt>
          <xsl:for-each select="$reply-to"><dd><xsl:apply-templates select="." mode="related"/></dd></xsl:for-each>
        </xsl:if>
        <xsl:if test="$further-to">
          <dt>Further to</dt>
          <xsl:for-each select="$further-to"><dd><xsl:apply-templates select="." mode="related"/><xsl:call-template name="e:cert-mark"/></dd></xsl:for-each>
        </xsl:if>
        <xsl:if test="$replied-by or $computed-replies">
          <dt>Replied to by</dt>
          <xsl:for-each select="$replied-by"><dd><xsl:apply-templates select="." mode="related"/></dd></xsl:for-each>
          <xsl:for-each select="$computed-replies"><dd><xsl:apply-templates select="letter" mode="related"/></dd></xsl:for-each>
        </xsl:if>
        <xsl:for-each select="$context/context/related[@role = 'prev']">
          <dt>Previous letter</dt>
          <dd><xsl:apply-templates select="letter" mode="related"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$context/context/related[@role = 'next']">
          <dt>Next letter</dt>
          <dd><xsl:apply-templates select="letter" mode="related"/></dd>
        </xsl:for-each>
      </dl>
    </section>
  </xsl:template>

  <!-- A letter of the edition: link to its page. -->
  <xsl:template match="letter" mode="related">
    <a href="{@id}.html"><xsl:value-of select="e:title(tei:teiHeader)"/></a>
    <xsl:text> (</xsl:text><xsl:value-of select="e:letter-label(tei:teiHeader)"/>
    <xsl:text>; </xsl:text><xsl:value-of select="e:symbol(tei:teiHeader)[. != 'not known']"/>
    <xsl:if test="e:symbol(tei:teiHeader) = 'not known'">UN document symbol not known</xsl:if>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <!-- An encoded reply pointer: the letter if the build found it in the edition, else the register entry. -->
  <xsl:template match="tei:ref" mode="related">
    <xsl:variable name="target" select="string(@target)"/>
    <xsl:variable name="letter" select="$context/context/related[@target = $target]/letter"/>
    <xsl:variable name="info" select="e:pointer-info($target)"/>
    <xsl:choose>
      <xsl:when test="$letter"><xsl:apply-templates select="$letter[1]" mode="related"/></xsl:when>
      <xsl:when test="exists($info)">
        <a href="{$info?href}"><xsl:value-of select="$info?headword"/></a>
        <xsl:if test="normalize-space(.)"> (<xsl:value-of select="e:plain(.)"/>)</xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="e:plain(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
