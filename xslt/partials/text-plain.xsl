<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading text as plain text: blocks (headings, paragraphs, masthead lines, closers) made of
  inline strings, wrapped at 72 columns, footnote markers [n] in the text and the notes at the
  end. Quotation marks, supplied-text brackets and footnote numbers come from common.xsl, the
  same functions the HTML uses.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  exclude-result-prefixes="#all">

  <xsl:variable name="e:width" as="xs:integer" select="72"/>
  <!-- Private-use character standing for an encoded line break until the lines are split. -->
  <xsl:variable name="e:lb" as="xs:string" select="'&#xE000;'"/>
  <xsl:variable name="e:nl" as="xs:string" select="'&#10;'"/>

  <!-- ===== wrapping ===== -->

  <!-- Greedy word wrap at 72 columns. The first line starts with $first (a footnote marker, a
       label), continuation lines with $indent. A word longer than the line (a URL) stands alone
       on its line, unbroken. Works line by line on short substrings: tokenizing whole
       paragraphs into words was several times slower in Saxon. -->
  <xsl:function name="e:wrap" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:sequence select="string-join(e:wrap-lines(normalize-space($text), $first, $indent), $e:nl)"/>
  </xsl:function>

  <xsl:function name="e:wrap-lines" as="xs:string*">
    <xsl:param name="rest" as="xs:string"/>
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:variable name="room" select="$e:width - string-length($prefix)"/>
    <xsl:variable name="window" select="substring($rest, 1, $room + 1)"/>
    <xsl:choose>
      <xsl:when test="string-length($rest) le $room"><xsl:sequence select="$prefix || $rest"/></xsl:when>
      <!-- a label followed by a word too long for its line (a URL): the label stands alone -->
      <xsl:when test="not(contains($window, ' ')) and $prefix != $indent and normalize-space($prefix) != ''">
        <xsl:sequence select="replace($prefix, '\s+$', '')"/>
        <xsl:sequence select="e:wrap-lines($rest, $indent, $indent)"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- the longest start of $rest that fits and ends before a space -->
        <xsl:variable name="head" select="if (contains($window, ' '))
                                          then substring($window, 1, index-of(string-to-codepoints($window), 32)[last()] - 1)
                                          else substring-before($rest || ' ', ' ')"/>
        <xsl:sequence select="$prefix || $head"/>
        <xsl:if test="string-length($head) lt string-length($rest)">
          <xsl:sequence select="e:wrap-lines(substring($rest, string-length($head) + 2), $indent, $indent)"/>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A block's inline string, split at encoded line breaks, each line wrapped. -->
  <xsl:function name="e:wrap-block" as="xs:string">
    <xsl:param name="inline" as="xs:string"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:variable name="lines" select="(tokenize($inline, $e:lb) ! normalize-space(.))[. != '']"/>
    <xsl:sequence select="string-join(for $i in 1 to count($lines)
      return e:wrap($lines[$i], if ($i = 1) then $first else $indent, $indent), $e:nl)"/>
  </xsl:function>

  <!-- ===== inline content ===== -->

  <xsl:function name="e:inline" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="parts" as="xs:string*"><xsl:apply-templates select="$nodes" mode="text-inline"/></xsl:variable>
    <xsl:sequence select="string-join($parts, '')"/>
  </xsl:function>

  <xsl:template match="text()" mode="text-inline"><xsl:sequence select="string(.)"/></xsl:template>
  <xsl:template match="*" mode="text-inline"><xsl:apply-templates mode="text-inline"/></xsl:template>
  <xsl:template match="tei:lb" mode="text-inline"><xsl:sequence select="$e:lb"/></xsl:template>
  <xsl:template match="tei:sic | tei:orig" mode="text-inline"/>
  <!-- the editors' reading, then the witness's: "humanitarian [witness: human itarian]" -->
  <xsl:template match="tei:choice" mode="text-inline">
    <xsl:apply-templates mode="text-inline"/>
    <xsl:sequence select="' ' || e:witness-note(.)"/>
  </xsl:template>
  <xsl:template match="tei:note[@place = 'foot']" mode="text-inline">
    <xsl:sequence select="'[' || e:note-number(.) || ']'"/>
  </xsl:template>
  <xsl:template _match="{$e:quoted}" mode="text-inline" priority="2">
    <xsl:variable name="marks" select="e:quote-marks(.)"/>
    <xsl:sequence select="$marks[1]"/><xsl:apply-templates mode="text-inline"/><xsl:sequence select="$marks[2]"/>
  </xsl:template>
  <!-- An editorial inference stays visible in the text too, after the words it concerns:
       "Secretary-General [ed.: high certainty, external evidence]" (the page's "ed." marker). -->
  <xsl:template match="*[@cert or @evidence]" mode="text-inline" priority="3">
    <xsl:next-match/>
    <xsl:sequence select="' [ed.: ' || substring-after(e:cert-phrase(.), ': ') || ']'"/>
  </xsl:template>
  <xsl:template match="tei:gap" mode="text-inline"><xsl:sequence select="e:gap-label(.)"/></xsl:template>
  <xsl:template match="tei:pb" mode="text-inline"><xsl:sequence select="' ' || e:page-label(.) || ' '"/></xsl:template>
  <xsl:template match="tei:unclear" mode="text-inline">
    <xsl:apply-templates mode="text-inline"/>
    <xsl:sequence select="' ' || $e:unclear-mark"/>
  </xsl:template>
  <xsl:template match="tei:supplied" mode="text-inline">
    <xsl:sequence select="$e:supplied-marks[1]"/><xsl:apply-templates mode="text-inline"/><xsl:sequence select="$e:supplied-marks[2]"/>
  </xsl:template>
  <xsl:template match="tei:gi" mode="text-inline"><xsl:sequence select="'&lt;' || . || '&gt;'"/></xsl:template>
  <xsl:template match="tei:att" mode="text-inline"><xsl:sequence select="'@' || ."/></xsl:template>

  <!-- ===== blocks: each returns one wrapped string ===== -->

  <xsl:template match="tei:div | tei:opener | tei:closer | tei:list | tei:front | tei:body | tei:back" mode="text-blocks">
    <xsl:apply-templates select="*" mode="text-blocks"/>
  </xsl:template>

  <xsl:template match="tei:head | tei:p | tei:ab | tei:dateline | tei:salute | tei:signed | tei:item" mode="text-blocks">
    <xsl:sequence select="e:wrap-block(e:inline(node()), '', '')"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="text-blocks"><xsl:sequence select="e:gap-label(.)"/></xsl:template>
  <xsl:template match="tei:pb" mode="text-blocks"><xsl:sequence select="e:page-label(.)"/></xsl:template>
  <!-- a table: one line per row, cells separated by " | " -->
  <xsl:template match="tei:table" mode="text-blocks">
    <xsl:sequence select="string-join(tei:row ! e:wrap-block(string-join(tei:cell ! normalize-space(e:inline(node())), ' | '), '', '  '), $e:nl)"/>
  </xsl:template>

  <!-- Anything unforeseen at block level still keeps its words. -->
  <xsl:template match="*" mode="text-blocks">
    <xsl:sequence select="e:wrap-block(e:inline(node()), '', '')"/>
  </xsl:template>

  <!-- The notes at the end: "[1] text", continuation lines indented. -->
  <xsl:function name="e:footnote-blocks" as="xs:string*">
    <xsl:param name="notes" as="element(tei:note)*"/>
    <xsl:for-each select="$notes">
      <xsl:variable name="marker" select="'[' || e:note-number(.) || '] '"/>
      <xsl:sequence select="e:wrap-block(e:inline(node()), $marker, string-join((1 to string-length($marker)) ! ' ', ''))"/>
    </xsl:for-each>
  </xsl:function>

  <!-- "Label: value" lines of the metadata header; several values go on indented lines. -->
  <xsl:function name="e:field-lines" as="xs:string">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="values" as="xs:string*"/>
    <xsl:sequence select="if (count($values) le 1)
      then e:wrap(string-join($values, ''), $label || ': ', '  ')
      else string-join(($label || ':', e:field-value-lines($values)), $e:nl)"/>
  </xsl:function>

  <!-- The indented lines of a field with several values, one wrapped value each. -->
  <xsl:function name="e:field-value-lines" as="xs:string*">
    <xsl:param name="values" as="xs:string*"/>
    <xsl:sequence select="$values ! e:wrap(., '  ', '    ')"/>
  </xsl:function>

  <!-- A letter of the corpus summary (<letter><teiHeader/></letter>) as listed in the corpus text. -->
  <xsl:function name="e:corpus-line" as="xs:string">
    <xsl:param name="letter" as="element()"/>
    <xsl:sequence select="e:letter-label($letter/tei:teiHeader) || ' — ' || e:symbol($letter/tei:teiHeader)"/>
  </xsl:function>

  <!-- ===== the whole text edition ===== -->

  <!--
    The plain-text edition of one letter (the context item is its TEI element): a metadata
    header, the text wrapped at 72 columns, footnote markers [n] and the notes at the end
    (written by letter-text.xsl).
  -->
  <xsl:template name="e:text-edition">
    <xsl:variable name="h" select="tei:teiHeader"/>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:sequence select="e:rule('=')"/>
      <xsl:sequence select="e:wrap(e:title($h), '', '')"/>
      <xsl:sequence select="e:rule('=')"/>
      <xsl:sequence select="''"/>
      <xsl:for-each select="e:metadata-fields($h)">
        <!-- one value: "Label: value (certainty)"; several: one indented line each, certainty last -->
        <xsl:sequence select="if (count(?values) le 1)
          then e:field-lines(?label, string-join((?values, ?cert ! ('(' || . || ')')), ' '))
          else e:field-lines(?label, (?values, ?cert ! ('(' || . || ')')))"/>
      </xsl:for-each>
      <xsl:sequence select="e:field-lines('Stable URL', e:letter-url(e:letter-id($h)))"/>
      <xsl:sequence select="e:field-lines('Citation', e:citation($h))"/>
      <xsl:for-each select="$h/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence">
        <xsl:sequence select="e:field-lines('Licence', e:plain(.))"/>
      </xsl:for-each>
      <xsl:sequence select="''"/>
      <xsl:sequence select="e:rule('-')"/>
      <xsl:for-each select="tei:text/(tei:front, tei:body, tei:back)">
        <xsl:for-each select="e:text-blocks(.)">
          <xsl:sequence select="''"/>
          <xsl:sequence select="."/>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:variable name="notes" select="tei:text//tei:note[@place = 'foot']"/>
      <xsl:if test="$notes">
        <xsl:sequence select="''"/>
        <xsl:sequence select="e:rule('-')"/>
        <xsl:sequence select="'Notes'"/>
        <xsl:for-each select="e:footnote-blocks($notes)">
          <xsl:sequence select="''"/>
          <xsl:sequence select="."/>
        </xsl:for-each>
      </xsl:if>
    </xsl:variable>
    <xsl:value-of select="string-join($blocks, $e:nl) || $e:nl"/>
  </xsl:template>

  <xsl:function name="e:text-blocks" as="xs:string*">
    <xsl:param name="container" as="element()"/>
    <xsl:apply-templates select="$container" mode="text-blocks"/>
  </xsl:function>
  <xsl:function name="e:rule" as="xs:string">
    <xsl:param name="char" as="xs:string"/>
    <xsl:sequence select="string-join((1 to $e:width) ! $char, '')"/>
  </xsl:function>
</xsl:stylesheet>
