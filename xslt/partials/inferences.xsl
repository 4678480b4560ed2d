<?xml version="1.0" encoding="UTF-8"?>
<!--
  The editors' inferences in a letter's text, each with a note of its own on the letter page:
  every element of the text with @cert or @evidence is numbered in document order; its "ed."
  mark (e:cert-mark, text.xsl) links to its note #inf{n}, which says what the editors inferred
  (an identification, a date, supplied or corrected words) and with what certainty and
  evidence, and links back to the mark (#infref{n}). The editors' reasons are the editorial
  notes, which follow. Derived from the encoding only: nothing is written by hand per letter.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- The inferences of a text, in document order: the elements that get an "ed." mark. -->
  <xsl:function name="e:inferences" as="element()*">
    <xsl:param name="text" as="element(tei:text)?"/>
    <xsl:sequence select="$text//*[@cert or @evidence][exists(e:cert-phrase(.))]"/>
  </xsl:function>

  <!-- Their numbers by generate-id, for the marks (tunnel parameter $inference-numbers). -->
  <xsl:function name="e:inference-numbers" as="map(xs:string, xs:integer)">
    <xsl:param name="inferences" as="element()*"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($inferences) return map{generate-id($inferences[$i]): $i})"/>
  </xsl:function>

  <!-- What the editors inferred, in words: "identified by the editors as António Guterres". -->
  <xsl:function name="e:inference-what" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="entries" select="e:mention-infos($el)?headword"/>
    <xsl:choose>
      <xsl:when test="exists($entries)">
        <xsl:sequence select="'identified by the editors as ' || string-join($entries, '; ')"/>
      </xsl:when>
      <xsl:when test="$el/self::tei:date">
        <xsl:sequence select="'dated by the editors: ' || e:date-label($el)"/>
      </xsl:when>
      <xsl:when test="$el/self::tei:supplied">
        <xsl:sequence select="'supplied by the editors' || $el/@reason ! (' (reason: ' || . || ')')"/>
      </xsl:when>
      <xsl:when test="$el/(self::tei:corr | self::tei:reg)[parent::tei:choice]">
        <xsl:sequence select="lower-case(substring(e:witness-title($el/..), 1, 1)) || substring(e:witness-title($el/..), 2)
                              || ' “' || e:witness-reading($el/..) || '”'"/>
      </xsl:when>
      <xsl:when test="$el/self::tei:unclear">
        <xsl:sequence select="'read by the editors where the witness is unclear'"/>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="'an inference of the editors'"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The notes: one list item per inference, after the text; nothing when there is none. -->
  <xsl:template name="e:inference-list">
    <xsl:param name="inferences" as="element()*"/>
    <xsl:if test="exists($inferences)">
      <section class="inferences" aria-labelledby="inferences-heading">
        <h2 id="inferences-heading">Editorial inferences in the text</h2>
        <p>Each “ed.” mark in the text leads here.<xsl:if test="root($inferences[1])//tei:notesStmt/tei:note"
          ><xsl:text> The editors’ reasons are given in the </xsl:text><a href="#editorial-notes">editorial notes</a>.</xsl:if></p>
        <ol class="inference-list">
          <xsl:for-each select="$inferences">
            <li id="inf{position()}">
              <xsl:text>“</xsl:text><xsl:value-of select="e:plain(.)"/><xsl:text>”: </xsl:text>
              <xsl:value-of select="e:inference-what(.)"/>
              <xsl:text>; </xsl:text>
              <xsl:value-of select="substring-after(e:cert-phrase(.), ': ')"/>
              <xsl:text>. </xsl:text>
              <a class="infback" href="#infref{position()}"><span aria-hidden="true">↩</span><span class="vh">Back to inference <xsl:value-of select="position()"/> in the text</span></a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
