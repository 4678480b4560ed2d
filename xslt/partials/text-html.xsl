<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading text as HTML (mode "html"): paragraphs, headings, masthead, closers, quotations,
  editorial interventions, dates, footnote anchors and the footnote list. Used by the letter page;
  also by the index and the registers for the TEI prose they show (project description,
  editorial principles, register notes).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:div[@type = 'letter']" mode="html">
    <div class="letter-text"><xsl:apply-templates mode="html"/></div>
  </xsl:template>

  <xsl:template match="tei:div" mode="html">
    <section class="div div-{(@type, 'section')[1]}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates mode="html"/>
    </section>
  </xsl:template>

  <!-- Heading levels follow nesting: the text section is h2, its divisions h3, an annexed letter h4. -->
  <xsl:template match="tei:head" mode="html">
    <xsl:element name="h{min((6, 2 + count(ancestor::tei:div)))}">
      <xsl:attribute name="class" select="'head head-' || (@type, 'plain')[1]"/>
      <xsl:apply-templates mode="html"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:p" mode="html">
    <p><xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if><xsl:apply-templates mode="html"/></p>
  </xsl:template>

  <xsl:template match="tei:ab" mode="html">
    <p class="ab ab-{(@type, 'plain')[1]}"><xsl:apply-templates mode="html"/></p>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer" mode="html">
    <div class="{local-name()}"><xsl:apply-templates mode="html"/></div>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:salute | tei:signed" mode="html">
    <p class="{local-name()}"><xsl:apply-templates mode="html"/></p>
  </xsl:template>

  <xsl:template match="tei:list" mode="html">
    <ul class="list list-{(@type, 'plain')[1]}"><xsl:apply-templates select="tei:item" mode="html"/></ul>
  </xsl:template>

  <xsl:template match="tei:item" mode="html">
    <li><xsl:apply-templates mode="html"/></li>
  </xsl:template>

  <xsl:template match="tei:lb" mode="html"><br/></xsl:template>

  <!-- Quotation marks come from the encoding (quote, q, soCalled, article titles), never from the text. -->
  <xsl:template _match="{$e:quoted}" mode="html" priority="2">
    <xsl:variable name="marks" select="e:quote-marks(.)"/>
    <span class="{local-name()}"><xsl:value-of select="$marks[1]"/><xsl:apply-templates mode="html"/><xsl:value-of select="$marks[2]"/></span>
  </xsl:template>

  <xsl:template match="tei:title" mode="html">
    <cite><xsl:apply-templates mode="html"/></cite>
  </xsl:template>

  <!-- The editors' reading in the text, the witness's reading visibly beside it ("[witness: human
       itarian]"), in the same words as the plain text (e:witness-note). -->
  <xsl:template match="tei:choice" mode="html">
    <xsl:variable name="witness" select="e:witness-reading(.)"/>
    <xsl:for-each select="(tei:corr, tei:reg)[1]">
      <span class="{local-name()}" title="{e:witness-title(..)}: {$witness}">
        <xsl:apply-templates mode="html"/>
      </span>
      <xsl:call-template name="e:cert-mark"/>
    </xsl:for-each>
    <span class="witness-reading"><xsl:value-of select="' ' || e:witness-note(.)"/></span>
  </xsl:template>

  <!-- Missing text: a paragraph of its own between blocks (a lost masthead), else inline. -->
  <xsl:template match="tei:gap" mode="html">
    <xsl:element name="{if (parent::tei:div) then 'p' else 'span'}">
      <xsl:attribute name="class" select="'gap'"/>
      <xsl:value-of select="e:gap-label(.)"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:unclear" mode="html">
    <span class="unclear" title="{string-join(('Unclear in the witness', @reason ! ('reason: ' || .)), '; ')}"><xsl:apply-templates mode="html"/></span>
    <span class="unclear-mark"><xsl:value-of select="' ' || $e:unclear-mark"/></span>
    <xsl:call-template name="e:cert-mark"/>
  </xsl:template>

  <!-- Page starts of the UN document, citable as #page-2 (the first pb of that number). -->
  <xsl:template match="tei:pb" mode="html">
    <xsl:element name="{if (parent::tei:div) then 'p' else 'span'}">
      <xsl:attribute name="class" select="'pb'"/>
      <xsl:if test="@n and not(preceding::tei:pb[@n = current()/@n])"><xsl:attribute name="id" select="'page-' || @n"/></xsl:if>
      <xsl:value-of select="e:page-label(.)"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:table" mode="html">
    <div class="table-wrap"><table class="text-table"><xsl:apply-templates select="tei:row" mode="html"/></table></div>
  </xsl:template>
  <xsl:template match="tei:row" mode="html">
    <tr><xsl:apply-templates select="tei:cell" mode="html"/></tr>
  </xsl:template>
  <xsl:template match="tei:cell" mode="html">
    <xsl:element name="{if (../@role = 'label') then 'th' else 'td'}">
      <xsl:if test="../@role = 'label'"><xsl:attribute name="scope" select="'col'"/></xsl:if>
      <xsl:if test="@cols"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates mode="html"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="html">
    <span class="supplied" title="{string-join(('Supplied by the editors', @reason ! ('reason: ' || .), e:cert-phrase(.)), '; ')}">
      <xsl:value-of select="$e:supplied-marks[1]"/><xsl:apply-templates mode="html"/><xsl:value-of select="$e:supplied-marks[2]"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:date" mode="html">
    <xsl:choose>
      <xsl:when test="@when"><time datetime="{@when}"><xsl:apply-templates mode="html"/></time></xsl:when>
      <xsl:otherwise><span class="date"><xsl:apply-templates mode="html"/></span></xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="e:cert-mark"/>
  </xsl:template>

  <!-- A reference to a URL (no register entry): linked only when the URL is http(s). -->
  <xsl:template match="tei:ref[not(@corresp)]" mode="html">
    <xsl:variable name="href" select="e:safe-href(tokenize(normalize-space(@target), ' ')[1])"/>
    <xsl:choose>
      <xsl:when test="exists($href)"><a class="ext" href="{$href}"><xsl:apply-templates mode="html"/></a></xsl:when>
      <xsl:otherwise><span class="ref"><xsl:apply-templates mode="html"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:gi" mode="html"><code>&lt;<xsl:value-of select="."/>&gt;</code></xsl:template>
  <xsl:template match="tei:att" mode="html"><code>@<xsl:value-of select="."/></code></xsl:template>
  <xsl:template match="tei:val" mode="html"><code><xsl:value-of select="."/></code></xsl:template>

  <!-- Footnote anchor in the text; the note itself goes to the list at the end. -->
  <xsl:template match="tei:note[@place = 'foot']" mode="html">
    <xsl:variable name="n" select="e:note-number(.)"/>
    <sup class="fnref"><a id="fnref{$n}" href="#fn{$n}"><span class="vh">Note </span><xsl:value-of select="$n"/></a></sup>
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
              <xsl:apply-templates mode="html"/>
              <xsl:text> </xsl:text>
              <a class="fnback" href="#fnref{$n}">Back to the text<span class="vh"> at note <xsl:value-of select="$n"/></span></a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A passage or name in another language than the letter's keeps its language for screen readers
       and hyphenation (inline elements; blocks carry it themselves below). -->
  <xsl:template match="*[@xml:lang][not(self::tei:TEI or self::tei:div or self::tei:p or self::tei:head
                       or self::tei:ab or self::tei:list or self::tei:item or self::tei:note)]" mode="html" priority="10">
    <span lang="{@xml:lang}"><xsl:next-match/></span>
  </xsl:template>

  <!-- Anything else (names without a register pointer, roleName, seg, bibl, …) keeps its text. -->
  <xsl:template match="*" mode="html">
    <xsl:apply-templates mode="html"/>
  </xsl:template>

  <xsl:template match="text()" mode="html">
    <xsl:value-of select="."/>
  </xsl:template>
</xsl:stylesheet>
