<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page markup of the text walk (mode e:text, flavour 'html'; the rules every output shares
  are in text.xsl): paragraphs, headings, masthead, closers, lists, tables, citations, URL
  links, dates, and the footnote list. Used by the letter page; also by the index, the
  registers and the sources for the TEI prose they show (project description, editorial
  principles, register notes), through mode "html".
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:include href="dates.xsl"/>

  <xsl:template match="tei:div[@type = 'letter']" mode="e:text">
    <div class="letter-text"><xsl:apply-templates mode="e:text"/></div>
  </xsl:template>

  <xsl:template match="tei:div" mode="e:text">
    <section class="div div-{(@type, 'section')[1]}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates mode="e:text"/>
    </section>
  </xsl:template>

  <!-- Heading levels follow nesting: the text section is h2, its divisions h3, an annexed letter h4. -->
  <xsl:template match="tei:head" mode="e:text">
    <xsl:element name="h{min((6, 2 + count(ancestor::tei:div)))}">
      <xsl:attribute name="class" select="'head head-' || (@type, 'plain')[1]"/>
      <xsl:apply-templates mode="e:text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:p" mode="e:text">
    <p><xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if><xsl:call-template name="e:para-anchor"><xsl:with-param name="n" select="e:para-number(.)"/></xsl:call-template><xsl:apply-templates mode="e:text"/></p>
  </xsl:template>

  <xsl:template match="tei:ab" mode="e:text">
    <p class="ab ab-{(@type, 'plain')[1]}"><xsl:apply-templates mode="e:text"/></p>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer" mode="e:text">
    <div class="{local-name()}"><xsl:apply-templates mode="e:text"/></div>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:salute | tei:signed" mode="e:text">
    <p class="{local-name()}"><xsl:apply-templates mode="e:text"/></p>
  </xsl:template>

  <xsl:template match="tei:list" mode="e:text">
    <ul class="list list-{(@type, 'plain')[1]}"><xsl:apply-templates select="tei:item" mode="e:text"/></ul>
  </xsl:template>

  <xsl:template match="tei:item" mode="e:text">
    <li><xsl:apply-templates mode="e:text"/></li>
  </xsl:template>

  <xsl:template match="tei:title" mode="e:text">
    <cite><xsl:apply-templates mode="e:text"/></cite>
  </xsl:template>

  <xsl:template match="tei:table" mode="e:text">
    <div class="table-wrap"><table class="text-table"><xsl:apply-templates select="tei:row" mode="e:text"/></table></div>
  </xsl:template>
  <xsl:template match="tei:row" mode="e:text">
    <tr><xsl:apply-templates select="tei:cell" mode="e:text"/></tr>
  </xsl:template>
  <xsl:template match="tei:cell" mode="e:text">
    <xsl:element name="{if (../@role = 'label') then 'th' else 'td'}">
      <xsl:if test="../@role = 'label'"><xsl:attribute name="scope" select="'col'"/></xsl:if>
      <xsl:if test="@cols"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates mode="e:text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:date" mode="e:text">
    <xsl:choose>
      <xsl:when test="@when"><time datetime="{@when}"><xsl:call-template name="e:date-id"/><xsl:apply-templates mode="e:text"/></time></xsl:when>
      <xsl:otherwise><span class="date"><xsl:call-template name="e:date-id"/><xsl:apply-templates mode="e:text"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A reference to a URL (no register entry): linked only when the URL is http(s). -->
  <xsl:template match="tei:ref[not(@corresp)]" mode="e:text">
    <xsl:variable name="href" select="e:safe-href(tokenize(normalize-space(@target), ' ')[1])"/>
    <xsl:choose>
      <xsl:when test="exists($href)"><a class="ext" href="{$href}"><xsl:apply-templates mode="e:text"/></a></xsl:when>
      <xsl:otherwise><span class="ref"><xsl:apply-templates mode="e:text"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:val" mode="e:text"><code><xsl:value-of select="."/></code></xsl:template>

  <!-- Mode "html": the walk with the HTML flavour, under the name the corpus pages use. -->
  <xsl:template match="node()" mode="html">
    <xsl:apply-templates select="." mode="e:text">
      <xsl:with-param name="flavour" select="'html'" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template name="e:footnote-list">
    <xsl:param name="notes" as="element(tei:note)*"/>
    <xsl:if test="$notes">
      <section class="footnotes" aria-labelledby="footnotes-heading">
        <h2 id="footnotes-heading">Notes</h2>
        <ol>
          <xsl:for-each select="$notes">
            <xsl:variable name="n" select="e:note-number(.)"/>
            <li id="fn{$n}" value="{$n}">
              <xsl:apply-templates mode="e:text"/>
              <xsl:text> </xsl:text>
              <a class="fnback" href="#fnref{$n}">Back to the text<span class="vh"> at note <xsl:value-of select="$n"/></span></a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
