<?xml version="1.0" encoding="UTF-8"?>
<!--
  Mentions of register entries in the letters' text: which elements are mentions, their stable
  anchors ("m1", "m2", … in document order) and, for the HTML pages, the links to the registers.
  The letter page and the mention index (mentions.xsl, which feeds the registers' back-links)
  both number a mention by its position in $e:text-mentions below, so a back-link always lands
  on its mention.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- A mention: an element that points to a register entry: a name of one of the model's kinds
       (persName, placeName, orgName) or an rs with @ref, a ref or bibl with @corresp (as a
       pattern, see common.xsl). Only mentions inside the text are numbered; mentions in the
       header's notes link without an anchor. -->
  <xsl:variable name="e:is-mention" static="yes" as="xs:string"
    select="'(@ref and (self::tei:rs or self::tei:*[local-name() = $e:name-elements]))
             or (@corresp and (self::tei:ref or self::tei:bibl))'"/>
  <!-- the same as a pattern; used with "//" it is one pass over the document, not one per name -->
  <xsl:variable name="e:mention" static="yes" as="xs:string" select="'*[' || $e:is-mention || ']'"/>

  <!--
    Speed matters here (a letter has hundreds of mentions, a corpus thousands of letters), so the
    work is done once per document, not once per mention: the mentions of the text are collected
    once (their position is their anchor number), and a pointer is resolved by one look-up in an
    index of every pointer the registers can answer, computed once per process.
  -->
  <xsl:variable name="e:text-mentions" as="element()*" _select="/tei:TEI/tei:text//{$e:mention}"/>
  <!-- each of them once, by generate-id: its number (its anchor "m{n}"), the entry its pointer
       leads to (e:mention-info) and every entry it points to (e:mention-infos), so that the page
       resolves each mention once, not once for its link, once for its anchor and once for the
       search filters and the highlighting toggle -->
  <xsl:variable name="e:mention-rows" as="map(xs:string, map(*))"
    select="map:merge(for $i in 1 to count($e:text-mentions) return
              let $el := $e:text-mentions[$i], $info := e:mention-info($el)
              return map{generate-id($el): map{'n': $i, 'info': $info,
                'infos': if ($el/self::tei:rs and contains(normalize-space($el/@ref), ' ')) then e:mention-infos($el) else $info}})"/>
  <!-- the entries the text's mentions point to (e:mention-infos), in document order -->
  <xsl:variable name="e:text-mention-infos" as="map(*)*" select="$e:text-mentions ! $e:mention-rows(generate-id(.))?infos"/>

  <!--
    Every pointer that leads to a register entry ("pl:shusha", for each kind of the model), with
    the entry's map{kind, id, href, headword, tip}. The build computes it once per process (with the
    function below) and passes it in, so that no letter pays for looking up the
    registers; a stylesheet run without it computes it itself. A pointer is in the index exactly
    when e:pointer() expands it to the id of a register entry.
  -->
  <xsl:param name="pointer-index" as="map(xs:string, map(*))" select="e:pointer-index()"/>

  <xsl:function name="e:pointer-index" as="map(xs:string, map(*))">
    <xsl:sequence select="map:merge(
      for $kind in $e:kinds,
          $register in $e:registers[tei:TEI/@xml:id = $kind/@name],
          $entry in $register/tei:TEI/tei:standOff/*/tei:*[local-name() = $kind/@entry][starts-with(@xml:id, $kind/@id-prefix)]
      return
        let $id := $entry/@xml:id/string()
        return map{$kind/@prefix || ':' || substring($id, string-length($kind/@id-prefix) + 1):
                   map{'kind': string($kind/@name), 'id': $id,
                       'href': '../registers/' || $kind/@name || '/' || $id || '.html',
                       'headword': e:headword($entry),
                       'tip': e:headword($entry) || ' (' || $kind/@singular || ')'}},
      map{'duplicates': 'use-first'})"/>
  </xsl:function>

  <!-- The same, for the build to compute once per process. -->
  <xsl:template name="e:pointer-index" as="map(xs:string, map(*))" visibility="public">
    <xsl:sequence select="e:pointer-index()"/>
  </xsl:template>

  <!-- The register entry a pointer leads to (its first pointer, as e:pointer reads it), or (). -->
  <xsl:function name="e:pointer-info" as="map(*)?">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:sequence select="$pointer-index(substring-before(normalize-space($ref) || ' ', ' '))"/>
  </xsl:function>

  <!-- Every entry a mention points to: one for a name, several for an rs with a pointer list
       (ref="pers:a pers:b"), each of which gets the mention. -->
  <xsl:function name="e:mention-infos" as="map(*)*">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if ($el/self::tei:rs and contains(normalize-space($el/@ref), ' '))
                          then tokenize(normalize-space($el/@ref), ' ') ! e:pointer-info(.)
                          else e:mention-info($el)"/>
  </xsl:function>

  <!-- The resolved pointer of a mention element, or () if it does not resolve. -->
  <xsl:function name="e:mention-info" as="map(*)?">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="e:pointer-info(string(($el/@ref, $el/@corresp)[1]))"/>
  </xsl:function>


  <!-- ===== HTML (the text walk of text.xsl, flavour 'html') ===== -->

  <!--
    A mention with no link inside becomes the link itself, to its entry's page
    (registers/{kind}/{id}.html), which the entity cards (assets/cards.js) read on demand. A
    mention that contains other links (a person designated by office "of Azerbaijan to the
    United Nations") becomes a span with the anchor, whose own small link comes first: links may
    not nest in HTML, and at the end it would pile up with the inner mentions' marks and the
    inference mark ("Armenia↗ed.↗ed.").
  -->
  <xsl:template _match="{$e:mention}" mode="e:text" priority="5">
    <xsl:param name="flavour" as="xs:string" tunnel="yes" select="'html'"/>
    <!-- a mention of the text is looked up in $e:mention-rows; one in the header's notes resolved here -->
    <xsl:variable name="row" as="map(*)?" select="if ($flavour = 'html') then ($e:mention-rows(generate-id(.)),
      map{'info': e:mention-info(.), 'infos': e:mention-infos(.)})[1] else ()"/>
    <xsl:variable name="info" as="map(*)?" select="$row?info"/>
    <xsl:choose>
      <!-- no link in the strings, nor for a pointer that leads nowhere -->
      <xsl:when test="empty($info)"><xsl:next-match/></xsl:when>
      <xsl:otherwise>
        <!-- each value once, as a string: a map look-up in an attribute value template costs
             several times a variable's reference in saxonche -->
        <xsl:variable name="class" as="xs:string" select="'ent ent-' || $info?kind"/>
        <xsl:variable name="href" as="xs:string" select="$info?href"/>
        <xsl:variable name="tip" as="xs:string" select="$info?tip"/>
        <xsl:variable name="infos" as="map(*)*" select="$row?infos"/>
        <xsl:variable name="n" as="xs:integer?" select="$row?n"/>
        <xsl:choose>
          <!-- several entries designated by one phrase: the phrase, then one small link per entry -->
          <xsl:when test="count($infos) gt 1">
            <span class="{$class} ent-outer">
              <xsl:call-template name="e:mention-id"><xsl:with-param name="number" select="$n"/></xsl:call-template>
              <xsl:for-each select="$infos">
                <a class="ent-jump" href="{?href}" title="{?tip}" data-tip="{?tip}"
                  ><span aria-hidden="true">↗</span><span class="vh">register entry: <xsl:value-of select="?tip"/>: </span></a>
              </xsl:for-each>
              <xsl:apply-templates mode="e:text"/>
            </span>
          </xsl:when>
          <!-- links inside: other mentions or URL references -->
          <xsl:when test="descendant::*[@ref or @corresp or self::tei:ref[@target]]">
            <span class="{$class} ent-outer">
              <xsl:call-template name="e:mention-id"><xsl:with-param name="number" select="$n"/></xsl:call-template>
              <a class="ent-jump" href="{$href}" title="{$tip}" data-tip="{$tip}"
                ><span aria-hidden="true">↗</span><span class="vh">register entry: <xsl:value-of select="$tip"/>: </span></a>
              <xsl:apply-templates mode="e:text"/>
            </span>
          </xsl:when>
          <xsl:otherwise>
            <a class="{$class}" href="{$href}" title="{$tip}" data-tip="{$tip}">
              <xsl:call-template name="e:mention-id"><xsl:with-param name="number" select="$n"/></xsl:call-template>
              <xsl:apply-templates mode="e:text"/>
            </a>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Only mentions in the text are numbered (and back-linked); the header's notes link without an anchor. -->
  <xsl:template name="e:mention-id">
    <xsl:param name="number" as="xs:integer?"/>
    <xsl:if test="exists($number)">
      <xsl:attribute name="id" select="'m' || $number"/>
    </xsl:if>
  </xsl:template>

  <!--
    The form a mention uses, as the reader sees it: its text, or a citation's (first) title. The
    register pages list per letter the forms it uses: derived here from the letters, not kept by
    hand in the registers.
  -->
  <xsl:function name="e:mention-form" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="e:plain(if ($el/self::tei:bibl[tei:title]) then $el/tei:title[1] else $el)"/>
  </xsl:function>

</xsl:stylesheet>
