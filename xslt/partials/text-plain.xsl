<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading text as plain text: blocks (headings, paragraphs, masthead lines, closers) made of
  inline strings, wrapped at 72 columns, footnote markers [n] in the text and the notes at the
  end. The inline strings come from the one text walk (text.xsl, flavour 'text', e:inline), the
  same rules the HTML page uses; this file only lays out blocks and lines.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  exclude-result-prefixes="#all">

  <xsl:variable name="e:width" as="xs:integer" select="72"/>
  <xsl:variable name="e:nl" as="xs:string" select="'&#10;'"/>

  <!-- ===== wrapping ===== -->

  <!-- Greedy word wrap at 72 columns. The first line starts with $first (a footnote marker, a
       label), continuation lines with $indent. A word longer than the line (a URL) stands alone
       on its line, unbroken. Works line by line on short substrings: tokenizing whole
       paragraphs into words was several times slower in Saxon. An xsl:iterate keeps a position
       in the text, so neither the call depth nor the copying grows with the paragraph: a
       recursion per line failed on a paragraph of a megabyte ("Too many nested function calls"). -->
  <xsl:function name="e:wrap" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:sequence select="string-join(e:wrap-lines(normalize-space($text), $first, $indent), $e:nl)"/>
  </xsl:function>

  <xsl:function name="e:wrap-lines" as="xs:string*">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:variable name="length" select="string-length($text)"/>
    <!-- at most one line per character, and one more for a label standing alone -->
    <xsl:iterate select="0 to $length + 1">
      <xsl:param name="pos" as="xs:integer" select="1"/>
      <xsl:param name="prefix" as="xs:string" select="$first"/>
      <xsl:variable name="room" select="$e:width - string-length($prefix)"/>
      <xsl:variable name="window" select="substring($text, $pos, $room + 1)"/>
      <xsl:choose>
        <xsl:when test="$length - $pos + 1 le $room">
          <xsl:sequence select="$prefix || substring($text, $pos)"/>
          <xsl:break/>
        </xsl:when>
        <!-- a label followed by a word too long for its line (a URL): the label stands alone -->
        <xsl:when test="not(contains($window, ' ')) and $prefix != $indent and normalize-space($prefix) != ''">
          <xsl:sequence select="replace($prefix, '\s+$', '')"/>
          <xsl:next-iteration>
            <xsl:with-param name="prefix" select="$indent"/>
          </xsl:next-iteration>
        </xsl:when>
        <xsl:otherwise>
          <!-- the longest start of the rest that fits and ends before a space -->
          <xsl:variable name="head" select="if (contains($window, ' '))
                                            then substring($window, 1, index-of(string-to-codepoints($window), 32)[last()] - 1)
                                            else e:word-at($text, $pos)"/>
          <xsl:sequence select="$prefix || $head"/>
          <xsl:choose>
            <xsl:when test="string-length($head) lt $length - $pos + 1">
              <xsl:next-iteration>
                <xsl:with-param name="pos" select="$pos + string-length($head) + 1"/>
                <xsl:with-param name="prefix" select="$indent"/>
              </xsl:next-iteration>
            </xsl:when>
            <xsl:otherwise><xsl:break/></xsl:otherwise>
          </xsl:choose>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <!-- The word of $text starting at $pos (up to the next space or the end), looked for in a
       window first so that a long text is not copied for every long word. -->
  <xsl:function name="e:word-at" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="pos" as="xs:integer"/>
    <xsl:variable name="window" select="substring($text, $pos, 4096)"/>
    <xsl:sequence select="if (contains($window, ' ')) then substring-before($window, ' ')
                          else substring-before(substring($text, $pos) || ' ', ' ')"/>
  </xsl:function>

  <!-- A block's inline string, split at encoded line breaks, each line wrapped. (Most blocks have
       no line break: they are wrapped without the tokenizing, a regular expression in Saxon.) -->
  <xsl:function name="e:wrap-block" as="xs:string">
    <xsl:param name="inline" as="xs:string"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:variable name="lines" select="if (contains($inline, $e:lb)) then (tokenize($inline, $e:lb) ! normalize-space(.))[. != '']
                                       else normalize-space($inline)[. != '']"/>
    <xsl:sequence select="string-join(for $i in 1 to count($lines)
      return string-join(e:wrap-lines($lines[$i], if ($i = 1) then $first else $indent, $indent), $e:nl), $e:nl)"/>
  </xsl:function>

  <!-- ===== blocks: each returns one wrapped string ===== -->

  <xsl:template match="tei:div | tei:opener | tei:closer | tei:list | tei:front | tei:body | tei:back" mode="text-blocks">
    <xsl:apply-templates select="*" mode="text-blocks"/>
  </xsl:template>

  <xsl:template match="tei:head | tei:p | tei:ab | tei:dateline | tei:salute | tei:signed | tei:item" mode="text-blocks">
    <xsl:sequence select="e:wrap-block(e:inline(node()), '', '')"/>
  </xsl:template>

  <!-- a gap or page break between blocks: a line of its own, in the walk's words -->
  <xsl:template match="tei:gap | tei:pb" mode="text-blocks"><xsl:sequence select="e:wrap-block(e:inline(.), '', '')"/></xsl:template>
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
