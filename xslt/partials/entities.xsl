<?xml version="1.0" encoding="UTF-8"?>
<!--
  Mentions of register entries in the letters' text: which elements are mentions, their stable
  anchors ("m1", "m2", … in document order) and, for the HTML pages, the links to the registers.
  The letter page and the mention index (mentions.xsl, which feeds the registers' back-links)
  both number mentions with the accumulator below, so a back-link always lands on its mention.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- A mention: an element that points to a register entry (as a static pattern, see common.xsl).
       Only mentions inside the text are numbered; mentions in the header's notes link without an anchor. -->
  <xsl:variable name="e:mention" static="yes" as="xs:string"
    select="'tei:persName[@ref] | tei:placeName[@ref] | tei:orgName[@ref] | tei:rs[@ref] | tei:ref[@corresp] | tei:bibl[@corresp]'"/>

  <xsl:function name="e:mention-pointer" as="map(xs:string, xs:string)?">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="e:pointer(($el/@ref, $el/@corresp)[1])"/>
  </xsl:function>

  <xsl:accumulator name="e:mention-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule _match="{$e:mention}" select="if (ancestor::tei:text) then $value + 1 else $value"/>
  </xsl:accumulator>

  <xsl:function name="e:mention-anchor" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="'m' || $el/accumulator-before('e:mention-count')"/>
  </xsl:function>

  <!-- ===== HTML ===== -->


  <xsl:function name="e:register-href" as="xs:string">
    <xsl:param name="pointer" as="map(xs:string, xs:string)"/>
    <xsl:sequence select="'../registers/' || $pointer?kind || '.html#' || $pointer?id"/>
  </xsl:function>

  <!-- What hover and focus show: the register's headword and the kind of entry. -->
  <xsl:function name="e:mention-tip" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="pointer" select="e:mention-pointer($el)"/>
    <xsl:sequence select="e:headword(e:entry($pointer?id)) || ' (' || e:kind-label($pointer?kind) || ')'"/>
  </xsl:function>

  <!--
    A mention with no link inside becomes the link itself. A mention that contains other links
    (a person designated by office "of Azerbaijan to the United Nations") becomes a span with the
    anchor, followed by a small link of its own: links may not nest in HTML.
  -->
  <xsl:template _match="{$e:mention}" mode="html" priority="5">
    <xsl:variable name="pointer" select="e:mention-pointer(.)"/>
    <xsl:variable name="tip" select="e:mention-tip(.)"/>
    <xsl:variable name="class" select="'ent ent-' || $pointer?kind"/>
    <xsl:choose>
      <!-- links inside: other mentions or URL references -->
      <xsl:when test="descendant::*[@ref or @corresp or self::tei:ref[@target]]">
        <span class="{$class} ent-outer">
          <xsl:call-template name="e:mention-id"/>
          <xsl:apply-templates mode="html"/>
          <a class="ent-jump" href="{e:register-href($pointer)}" title="{$tip}" data-tip="{$tip}"
            ><span aria-hidden="true">↗</span><span class="vh"> register entry: <xsl:value-of select="$tip"/></span></a>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <a class="{$class}" href="{e:register-href($pointer)}" title="{$tip}" data-tip="{$tip}">
          <xsl:call-template name="e:mention-id"/>
          <xsl:apply-templates mode="html"/>
        </a>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="e:cert-mark"/>
  </xsl:template>

  <!-- Only mentions in the text are numbered (and back-linked); the header's notes link without an anchor. -->
  <xsl:template name="e:mention-id">
    <xsl:if test="ancestor::tei:text">
      <xsl:attribute name="id" select="e:mention-anchor(.)"/>
    </xsl:if>
  </xsl:template>

  <!-- Editorial inferences are visible: a marker after the element, explained on hover and focus. -->
  <xsl:template name="e:cert-mark">
    <xsl:variable name="phrase" select="e:cert-phrase(.)"/>
    <xsl:if test="exists($phrase)">
      <span class="cert-mark" tabindex="0" title="{$phrase}" data-tip="{$phrase}"
        ><span aria-hidden="true">ed.</span><span class="vh"> (<xsl:value-of select="$phrase"/>)</span></span>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
