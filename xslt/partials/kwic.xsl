<?xml version="1.0" encoding="UTF-8"?>
<!--
  The keyword in context of a letter's mentions (e:keywords-in-context), for the mention index
  (mentions.xsl), which the entry pages show as each mention's back-link:
    <k a="m12" before="… the city of " form="Shusha" after=" was shelled."/>
  the sentence around the mention as the reader sees it (the editors' reading, no notes), cut to
  e:kwic-width characters on each side.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  exclude-result-prefixes="#all">

  <!-- Context of a mention: at most this many characters on each side (cut at a space). -->
  <xsl:variable name="e:kwic-width" as="xs:integer" select="120"/>

  <!--
    The keyword in context of every mention of $mentions (a letter's mentions in document order),
    by its number there (its anchor "m{n}"): the text of its paragraph (or heading, list item,
    note…) as the reader sees it, the editors' reading without the witness's (sic, orig) and
    without notes, cut to the sentence around the mention and to e:kwic-width characters.
    Speed: a paragraph may hold a thousand characters and twenty mentions, and Saxon's string
    functions and regular expressions cost per character; so each block's text is walked and
    joined once (e:kwic-text: the string and where each mention starts and ends in it), and each
    mention reads only a window of it on each side (e:kwic-before, e:kwic-after), never the
    whole block.
  -->
  <xsl:function name="e:keywords-in-context" as="map(xs:integer, element(k))">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:variable name="numbers" as="map(xs:string, xs:integer)"
      select="map:merge(for $i in 1 to count($mentions) return map{generate-id($mentions[$i]): $i})"/>
    <xsl:map>
      <xsl:for-each-group select="$mentions" group-by="generate-id(e:kwic-block(.))">
        <xsl:variable name="text" select="e:kwic-text(e:kwic-block(.), $numbers)"/>
        <xsl:for-each select="current-group()">
          <xsl:variable name="n" select="$numbers(generate-id(.))"/>
          <xsl:map-entry key="$n" select="e:keyword-in-context($text, $n)"/>
        </xsl:for-each>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:function>

  <!-- The block whose text is a mention's context: its nearest paragraph-like ancestor, else its parent. -->
  <xsl:function name="e:kwic-block" as="element()">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="($mention/ancestor::*[self::tei:p or self::tei:head or self::tei:item
      or self::tei:note or self::tei:cell or self::tei:l or self::tei:salute or self::tei:signed
      or self::tei:dateline][1], $mention/..)[1]"/>
  </xsl:function>

  <!--
    A block's text as the keyword in context reads it (its text nodes, a line break read as a
    space; nothing of sic, orig and notes), as map{'text': the string, 'at': map{n: where mention
    n starts, -n: where it ends}, 'length': its length} (offsets in characters: the length of the text before), for the
    mentions of $numbers (by generate-id).
  -->
  <xsl:function name="e:kwic-text" as="map(*)">
    <xsl:param name="block" as="element()"/>
    <xsl:param name="numbers" as="map(xs:string, xs:integer)"/>
    <!-- strings, and integers where a mention starts (n) and ends (-n) -->
    <xsl:variable name="parts" as="xs:anyAtomicType*">
      <xsl:apply-templates select="$block/node()" mode="e:kwic">
        <xsl:with-param name="numbers" select="$numbers" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:variable name="text" select="string-join($parts[. instance of xs:string], '')"/>
    <xsl:map>
      <xsl:map-entry key="'text'" select="$text"/>
      <xsl:map-entry key="'length'" select="string-length($text)"/>
      <xsl:map-entry key="'at'">
        <xsl:iterate select="$parts">
          <xsl:param name="offset" as="xs:integer" select="0"/>
          <xsl:param name="at" as="map(xs:integer, xs:integer)" select="map{}"/>
          <xsl:on-completion select="$at"/>
          <xsl:choose>
            <xsl:when test=". instance of xs:integer">
              <xsl:next-iteration><xsl:with-param name="at" select="map:put($at, ., $offset)"/></xsl:next-iteration>
            </xsl:when>
            <xsl:otherwise>
              <xsl:next-iteration><xsl:with-param name="offset" select="$offset + string-length(.)"/></xsl:next-iteration>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:iterate>
      </xsl:map-entry>
    </xsl:map>
  </xsl:function>

  <xsl:template match="text()" mode="e:kwic">
    <xsl:param name="silent" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($silent)"><xsl:sequence select="string(.)"/></xsl:if>
  </xsl:template>
  <xsl:template match="tei:lb" mode="e:kwic">
    <xsl:param name="silent" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($silent)"><xsl:sequence select="' '"/></xsl:if>
    <xsl:apply-templates mode="e:kwic"/>
  </xsl:template>
  <!-- the witness's readings and notes: no words, but where the mentions inside start and end -->
  <xsl:template match="tei:sic | tei:orig | tei:note" mode="e:kwic">
    <xsl:call-template name="e:kwic-element">
      <xsl:with-param name="silent" select="true()" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="*" mode="e:kwic" name="e:kwic-element">
    <xsl:param name="numbers" as="map(xs:string, xs:integer)" tunnel="yes"/>
    <xsl:variable name="n" select="$numbers(generate-id(.))"/>
    <xsl:sequence select="$n"/>
    <xsl:apply-templates mode="e:kwic"/>
    <xsl:sequence select="$n ! (0 - .)"/>
  </xsl:template>

  <!--
    One mention's keyword in context, from its block's text (e:kwic-text). It is what
    normalize-space() of the block's text gives with the mention's start and end marked: the
    sentence before, the mention's words, the sentence after, each cut to e:kwic-width.
  -->
  <xsl:function name="e:keyword-in-context" as="element(k)">
    <xsl:param name="block" as="map(*)"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:variable name="start" select="$block?at($n)"/>
    <xsl:variable name="end" select="$block?at(-$n)"/>
    <xsl:variable name="before" select="e:sentence-end(e:kwic-before($block, $start, 2 * $e:kwic-window))"/>
    <xsl:variable name="after" select="e:sentence-start(e:kwic-after($block, $end, 2 * $e:kwic-window))"/>
    <k a="m{$n}" before="{e:cut-left($before)}"
       form="{e:collapse(substring($block?text, $start + 1, $end - $start))}" after="{e:cut-right($after)}"/>
  </xsl:function>

  <!--
    Sentences in a normalised string end at ".", "!" or "?" followed by a space (or by the end).
    (Plain string functions: Saxon's regular expressions, '^(.*?[.!?])(\s.*)?$', cost some
    hundred times more here.)
  -->
  <!-- Where the first sentence of $s ends (the position of its full stop), or () if it does not end. -->
  <xsl:function name="e:sentence-stop" as="xs:integer?">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="min(('. ', '! ', '? ')[contains($s, .)] ! (string-length(substring-before($s, .)) + 1))"/>
  </xsl:function>
  <!-- The first sentence of $s (all of $s if it has no end). -->
  <xsl:function name="e:sentence-start" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="(e:sentence-stop($s) ! substring($s, 1, .), $s)[1]"/>
  </xsl:function>
  <!-- The last sentence of $s: what follows the last sentence end and its space. -->
  <xsl:function name="e:sentence-end" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="stop" select="e:sentence-stop($s)"/>
    <xsl:sequence select="if (exists($stop)) then e:sentence-end(substring($s, $stop + 2)) else $s"/>
  </xsl:function>

  <!-- $s with each run of white space made one space, as normalize-space() does, but not trimmed. -->
  <xsl:function name="e:collapse" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="words" select="normalize-space($s)"/>
    <xsl:sequence select="if ($words = '') then substring(' ', 1, string-length($s))
      else (if (normalize-space(substring($s, 1, 1)) = '') then ' ' else '') || $words
        || (if (normalize-space(substring($s, string-length($s))) = '') then ' ' else '')"/>
  </xsl:function>

  <!--
    How many characters next to a mention its context depends on: a sentence end farther away
    leaves more than e:kwic-width characters, which the cut at a space shortens to the same.
  -->
  <xsl:variable name="e:kwic-window" as="xs:integer" select="$e:kwic-width + 8"/>

  <!--
    The text of $block (e:kwic-text) before offset $start as it reads once normalised (the
    leading space trimmed): its last e:kwic-window characters, or all of it when shorter; read
    from $raw characters of the text, twice as many until they hold that many once normalised.
  -->
  <xsl:function name="e:kwic-before" as="xs:string">
    <xsl:param name="block" as="map(*)"/>
    <xsl:param name="start" as="xs:integer"/>
    <xsl:param name="raw" as="xs:integer"/>
    <xsl:variable name="words" select="e:collapse(substring($block?text, max((1, $start - $raw + 1)), min(($raw, $start))))"/>
    <xsl:sequence select="if ($raw ge $start) then (if (starts-with($words, ' ')) then substring($words, 2) else $words)
      else if (string-length($words) gt $e:kwic-window) then substring($words, string-length($words) - $e:kwic-window + 1)
      else e:kwic-before($block, $start, 2 * $raw)"/>
  </xsl:function>

  <!-- The text of $block after offset $end as it reads once normalised (the trailing space
       trimmed): its first e:kwic-window characters, or all of it when shorter (as above). -->
  <xsl:function name="e:kwic-after" as="xs:string">
    <xsl:param name="block" as="map(*)"/>
    <xsl:param name="end" as="xs:integer"/>
    <xsl:param name="raw" as="xs:integer"/>
    <xsl:variable name="words" select="e:collapse(substring($block?text, $end + 1, $raw))"/>
    <xsl:sequence select="if ($end + $raw ge $block?length)
        then (if (ends-with($words, ' ')) then substring($words, 1, string-length($words) - 1) else $words)
      else if (string-length($words) gt $e:kwic-window) then substring($words, 1, $e:kwic-window)
      else e:kwic-after($block, $end, 2 * $raw)"/>
  </xsl:function>

  <!-- $s (normalised) cut to e:kwic-width characters at a space: its end, or its start. -->
  <xsl:function name="e:cut-left" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="tail" select="substring($s, string-length($s) - $e:kwic-width + 1)"/>
    <xsl:sequence select="if (string-length($s) le $e:kwic-width) then $s
      else '… ' || (if (contains($tail, ' ')) then substring-after($tail, ' ') else $tail)"/>
  </xsl:function>

  <xsl:function name="e:cut-right" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="head" select="substring($s, 1, $e:kwic-width)"/>
    <xsl:sequence select="if (string-length($s) le $e:kwic-width) then $s
      else (if (contains($head, ' ')) then substring($head, 1, index-of(string-to-codepoints($head), 32)[last()] - 1) else $head) || ' …'"/>
  </xsl:function>
</xsl:stylesheet>
