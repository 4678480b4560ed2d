<?xml version="1.0" encoding="UTF-8"?>
<!--
  The one walk over the text (mode e:text), shared by every output. Each rendering rule (a
  reading of the witness, a gap, an unclear passage, a page break, a footnote, a quotation, an
  editorial inference, a language change …) is one template here; the tunnel parameter
  $flavour says which output it writes:

    'html'   the page: HTML elements around the words (the letter page, the TEI prose of the
             index, registers and sources);
    'text'   the plain-text edition: words only, footnote markers "[1]", the witness's reading
             and the editors' inferences in brackets, encoded line breaks kept (as $e:lb) for the
             wrapping in text-plain.xsl;
    'plain'  a compact one-line string for titles, labels and metadata values (e:plain): notes,
             witness readings, inference and unclear marks, page labels and line breaks left out
             (the metadata fields state their certainty themselves).

  The words every flavour writes come from common.xsl (e:quote-marks, e:gap-label, e:page-label,
  e:witness-note, e:cert-phrase …). Generated text is written with xsl:value-of (a text node),
  never as a bare string: strings side by side in an HTML element would be joined by spaces.
  Mentions of register entries add their links in entities.xsl (same mode, HTML only).
  Included by metadata.xsl, so every stylesheet that has e:plain has the walk.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- Private-use character standing for an encoded line break until the plain text's lines are split. -->
  <xsl:variable name="e:lb" as="xs:string" select="'&#xE000;'"/>

  <!-- ===== the walk as a string ===== -->

  <!-- Inline content as one plain string (titles, labels, metadata values): flavour 'plain'. -->
  <xsl:function name="e:plain" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="normalize-space(e:walk-string($nodes, 'plain'))"/>
  </xsl:function>

  <!-- Inline content of the plain-text edition (not yet wrapped): flavour 'text'. -->
  <xsl:function name="e:inline" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="e:walk-string($nodes, 'text')"/>
  </xsl:function>

  <xsl:function name="e:walk-string" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:param name="flavour" as="xs:string"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$nodes" mode="e:text">
        <xsl:with-param name="flavour" select="$flavour" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:sequence select="string-join($parts, '')"/>
  </xsl:function>

  <!-- ===== words and anything unforeseen ===== -->

  <xsl:template match="text()" mode="e:text"><xsl:sequence select="."/></xsl:template>

  <!-- Anything else (names without a register pointer, roleName, seg, bibl, …) keeps its words. -->
  <xsl:template match="*" mode="e:text"><xsl:apply-templates mode="e:text"/></xsl:template>

  <!--
    Page markup only: blocks, tables, article titles, URL references, dates and values are HTML
    elements on the page and nothing but their words in the strings. (The plain text lays out
    its blocks itself, text-plain.xsl.)
  -->
  <xsl:template match="tei:div | tei:head | tei:p | tei:ab | tei:opener | tei:closer | tei:dateline | tei:salute
                       | tei:signed | tei:list | tei:item | tei:table | tei:row | tei:cell | tei:title | tei:ref
                       | tei:date | tei:val" mode="e:text" priority="1">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:choose>
      <xsl:when test="$flavour = 'html'"><xsl:next-match/></xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="e:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== rules of every output ===== -->

  <!-- An encoded line break: a line break on the page and in the plain text, a space in a label. -->
  <xsl:template match="tei:lb" mode="e:text">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:choose>
      <xsl:when test="$flavour = 'html'"><br/></xsl:when>
      <xsl:when test="$flavour = 'text'"><xsl:value-of select="$e:lb"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="' '"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where a page of the UN document begins, "[page 2]": on the page citable as #page-2 (the
       first pb of that number), a paragraph of its own between blocks. -->
  <xsl:template match="tei:pb" mode="e:text">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:choose>
      <xsl:when test="$flavour = 'html'">
        <xsl:element name="{if (parent::tei:div) then 'p' else 'span'}">
          <xsl:attribute name="class" select="'pb'"/>
          <xsl:if test="@n and not(preceding::tei:pb[@n = current()/@n])"><xsl:attribute name="id" select="'page-' || @n"/></xsl:if>
          <xsl:value-of select="e:page-label(.)"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="$flavour = 'text'"><xsl:value-of select="' ' || e:page-label(.) || ' '"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="' '"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Missing text, "[gap: lost in the witness, the masthead]": on the page a paragraph of its own
       between blocks (a lost masthead), else inline. -->
  <xsl:template match="tei:gap" mode="e:text">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:choose>
      <xsl:when test="$flavour = 'html'">
        <xsl:element name="{if (parent::tei:div) then 'p' else 'span'}">
          <xsl:attribute name="class" select="'gap'"/>
          <xsl:value-of select="e:gap-label(.)"/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="e:gap-label(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A footnote: its number in the text ("[1]"; a link to the note on the page), the note itself
       at the end (e:footnote-list, e:footnote-blocks). Labels leave every note out. -->
  <xsl:template match="tei:note[@place = 'foot']" mode="e:text">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:variable name="n" select="e:note-number(.)"/>
    <xsl:choose>
      <xsl:when test="$flavour = 'html'">
        <sup class="fnref"><a id="fnref{$n}" href="#fn{$n}"><span class="vh">Note </span><xsl:value-of select="$n"/></a></sup>
      </xsl:when>
      <xsl:when test="$flavour = 'text'"><xsl:value-of select="'[' || $n || ']'"/></xsl:when>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:note" mode="e:text">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:if test="$flavour != 'plain'"><xsl:apply-templates mode="e:text"/></xsl:if>
  </xsl:template>

  <!-- A reading of the witness the editors corrected or regularised (choice: sic/corr,
       orig/reg): the editors' reading in the text, then the witness's, "[witness: human itarian]"
       (a label gives the editors' reading only). -->
  <xsl:template match="tei:choice" mode="e:text">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:apply-templates select="(tei:corr, tei:reg)[1]" mode="e:text"/>
    <xsl:choose>
      <xsl:when test="$flavour = 'html'"><span class="witness-reading"><xsl:value-of select="' ' || e:witness-note(.)"/></span></xsl:when>
      <xsl:when test="$flavour = 'text'"><xsl:value-of select="' ' || e:witness-note(.)"/></xsl:when>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:corr | tei:reg" mode="e:text">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:choose>
      <xsl:when test="$flavour = 'html' and parent::tei:choice">
        <span class="{local-name()}" title="{e:witness-title(..)}: {e:witness-reading(..)}"><xsl:apply-templates mode="e:text"/></span>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="e:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:sic | tei:orig" mode="e:text"/>

  <!-- Quotation marks come from the encoding (quote, q, soCalled, article titles), never from the
       text; nesting alternates double and single marks. -->
  <xsl:template _match="{$e:quoted}" mode="e:text" priority="2">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:variable name="marks" select="e:quote-marks(.)"/>
    <xsl:choose>
      <xsl:when test="$flavour = 'html'">
        <span class="{local-name()}"><xsl:value-of select="$marks[1]"/><xsl:apply-templates mode="e:text"/><xsl:value-of select="$marks[2]"/></span>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$marks[1]"/><xsl:apply-templates mode="e:text"/><xsl:value-of select="$marks[2]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A quantitative claim (guidelines §4.3): on the page a span with the claim's id, the anchor
       the claims view (views/claims.html) links to; its words only in the strings. -->
  <xsl:template match="tei:measure[@xml:id]" mode="e:text">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:choose>
      <xsl:when test="$flavour = 'html'">
        <span class="claim" id="{@xml:id}" data-claim="{@type}"><xsl:apply-templates mode="e:text"/></span>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="e:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Text the editors supplied, in square brackets. -->
  <xsl:template match="tei:supplied" mode="e:text">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:choose>
      <xsl:when test="$flavour = 'html'">
        <span class="supplied" title="{string-join(('Supplied by the editors', @reason ! ('reason: ' || .), e:cert-phrase(.)), '; ')}"
          ><xsl:value-of select="$e:supplied-marks[1]"/><xsl:apply-templates mode="e:text"/><xsl:value-of select="$e:supplied-marks[2]"/></span>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$e:supplied-marks[1]"/><xsl:apply-templates mode="e:text"/><xsl:value-of select="$e:supplied-marks[2]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Words the witness gives unclearly, followed by "[unclear]" (a label gives the words only). -->
  <xsl:template match="tei:unclear" mode="e:text">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:choose>
      <xsl:when test="$flavour = 'html'">
        <span class="unclear" title="{string-join(('Unclear in the witness', @reason ! ('reason: ' || .)), '; ')}"><xsl:apply-templates mode="e:text"/></span>
        <span class="unclear-mark"><xsl:value-of select="' ' || $e:unclear-mark"/></span>
      </xsl:when>
      <xsl:when test="$flavour = 'text'"><xsl:apply-templates mode="e:text"/><xsl:value-of select="' ' || $e:unclear-mark"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="e:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Element and attribute names in the editors' prose: "<persName>", "@ref" (code on the page). -->
  <xsl:template match="tei:gi | tei:att" mode="e:text">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:variable name="name" select="if (self::tei:gi) then '&lt;' || . || '&gt;' else '@' || ."/>
    <xsl:choose>
      <xsl:when test="$flavour = 'html'"><code><xsl:value-of select="$name"/></code></xsl:when>
      <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An editorial inference stays visible after the words it concerns: the page's "ed." marker
       (explained on hover and focus), "[ed.: high certainty, external evidence]" in the plain
       text. Labels leave it out: the metadata fields state their certainty themselves. -->
  <xsl:template match="*[@cert or @evidence]" mode="e:text" priority="7">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:next-match/>
    <xsl:choose>
      <xsl:when test="$flavour = 'html'"><xsl:call-template name="e:cert-mark"/></xsl:when>
      <xsl:when test="$flavour = 'text'"><xsl:value-of select="' [ed.: ' || substring-after(e:cert-phrase(.), ': ') || ']'"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!--
    Editorial inferences on the page: a marker after the element, explained on hover and focus.
    On the letter page (tunnel parameter $inference-numbers: the number of each inference of the
    text, by generate-id, see partials/inferences.xsl) the marker is a link to the inference's own
    note, #inf{n}, which links back to #infref{n}; inside a link (interactive content may not
    nest) it keeps its anchor but links nowhere.
  -->
  <xsl:template name="e:cert-mark">
    <xsl:param name="inference-numbers" as="map(*)" tunnel="yes" select="map{}"/>
    <xsl:variable name="phrase" select="e:cert-phrase(.)"/>
    <xsl:variable name="n" select="$inference-numbers(generate-id(.))"/>
    <xsl:variable name="in-link" select="exists(ancestor::*[@ref or @corresp[not(parent::tei:measure)] or self::tei:ref[@target]]
                                                [not(descendant::*[@ref or @corresp or self::tei:ref[@target]])])"/>
    <xsl:if test="exists($phrase)">
      <xsl:element name="{if (exists($n) and not($in-link)) then 'a' else 'span'}">
        <xsl:attribute name="class" select="'cert-mark'"/>
        <xsl:if test="exists($n)">
          <xsl:attribute name="id" select="'infref' || $n"/>
          <xsl:if test="not($in-link)"><xsl:attribute name="href" select="'#inf' || $n"/></xsl:if>
        </xsl:if>
        <xsl:attribute name="title" select="$phrase"/>
        <xsl:attribute name="data-tip" select="$phrase"/>
        <!-- focusable for keyboard users, except inside a link -->
        <xsl:if test="empty($n) and not($in-link)"><xsl:attribute name="tabindex" select="0"/></xsl:if>
        <span aria-hidden="true">ed.</span><span class="vh"> (<xsl:value-of select="$phrase"/>)</span>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- A passage or name in another language than the letter's keeps its language on the page, for
       screen readers and hyphenation (inline elements; blocks carry it themselves). -->
  <xsl:template match="*[@xml:lang][not(self::tei:TEI or self::tei:div or self::tei:p or self::tei:head
                       or self::tei:ab or self::tei:list or self::tei:item or self::tei:note)]" mode="e:text" priority="10">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <xsl:choose>
      <xsl:when test="$flavour = 'html'"><span lang="{@xml:lang}"><xsl:next-match/></span></xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
