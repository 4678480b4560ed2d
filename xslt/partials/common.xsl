<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared by every entry stylesheet: the parameters the build passes in (edition config and
  registers), pointer resolution, register look-ups, date labels, certainty phrases, quotation
  marks, footnote numbers and safe link targets. Both the HTML and the plain-text outputs call
  these functions, so a rule (how a date reads, which quotation mark opens a nested quotation)
  is written once.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:array="http://www.w3.org/2005/xpath-functions/array"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:cfg="urn:un-letters-edition:config"
  xmlns:m="urn:un-letters:model"
  xmlns:e="urn:un-letters-edition"
  exclude-result-prefixes="#all">

  <!-- The edition's own metadata (xslt/config.xml), parsed by the build. -->
  <xsl:param name="config" as="document-node()" required="yes"/>
  <!-- The edition's model (schema/model.xml): the entity kinds, their prefixes, elements and labels.
       Every list of kinds in the stylesheets is read from here, never written out. -->
  <xsl:param name="model" as="document-node()" required="yes"/>
  <!-- The registers (tei/registers/{kind}.xml), parsed once per process by the build: one
       document per kind of the model, in any order (each TEI element's xml:id is its kind's name). -->
  <xsl:param name="registers" as="array(document-node())" required="yes"/>

  <xsl:variable name="e:kinds" as="element(m:kind)+" select="$model/m:model/m:kind"/>
  <xsl:variable name="e:letters" as="element(m:letters)" select="$model/m:model/m:letters"/>
  <!-- The registers in the model's order. -->
  <xsl:variable name="e:registers" as="document-node()*"
    select="for $kind in $e:kinds return array:flatten($registers)[tei:TEI/@xml:id = $kind/@name]"/>
  <!-- The TEI elements of the registers' entries (person, place, org, bibl) and of the names that
       point to them in the letters (persName, placeName, orgName), by the model. -->
  <xsl:variable name="e:entry-elements" as="xs:string+" select="$e:kinds/@entry/string()"/>
  <xsl:variable name="e:name-elements" as="xs:string*" select="$e:kinds/@names/tokenize(.)"/>
  <!-- The elements that carry an entry's names in the registers: the name elements, a kind's
       entry-name where TEI's entry has none of them (event: label), title (cited documents). -->
  <xsl:variable name="e:entry-name-elements" as="xs:string+"
    select="$e:name-elements, $e:kinds/@entry-name/string(), 'title'"/>

  <!-- Every element with an id (e:entry keeps those of the model's entry elements): a key whose
       pattern reads no parameter, so that Saxon builds its index of a register once per process,
       not once per transform (with the model in the pattern it rebuilt it for every letter). -->
  <xsl:key name="e:entry" match="tei:*[@xml:id]" use="@xml:id"/>

  <!-- ===== edition config ===== -->

  <xsl:function name="e:conf" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="string($config/cfg:edition/*[local-name() = $name])"/>
  </xsl:function>

  <xsl:function name="e:base-url" as="xs:string">
    <xsl:variable name="url" select="e:conf('base-url')"/>
    <xsl:sequence select="if (ends-with($url, '/')) then $url else $url || '/'"/>
  </xsl:function>

  <!-- ===== pointers: "pl:shusha" -> map{kind: 'places', id: 'pl-shusha'} ===== -->

  <!--
    A pointer expanded by the model (the same expansion as edition.model.expand in Python): its
    prefix names a kind, whose id-prefix the local part follows; "letter:" leads to a letter.
    Plain string work, no regular expression: this runs for every mention, and the validator has
    already checked every pointer's form. Only the first pointer of a list is read.
  -->
  <xsl:function name="e:pointer" as="map(xs:string, xs:string)?">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:variable name="first" select="substring-before(normalize-space($ref) || ' ', ' ')"/>
    <xsl:variable name="prefix" select="substring-before($first, ':')"/>
    <xsl:variable name="local" select="substring-after($first, ':')"/>
    <xsl:variable name="kind" select="$e:kinds[@prefix = $prefix]"/>
    <xsl:sequence select="if ($local = '') then ()
      else if ($prefix = $e:letters/@prefix) then map{'kind': string($e:letters/@folder), 'id': $e:letters/@id-prefix || $local}
      else if ($kind) then map{'kind': string($kind/@name), 'id': $kind/@id-prefix || $local}
      else ()"/>
  </xsl:function>

  <xsl:function name="e:entry" as="element()?">
    <xsl:param name="id" as="xs:string?"/>
    <xsl:sequence select="($e:registers ! key('e:entry', string($id), .)[local-name() = $e:entry-elements])[1]"/>
  </xsl:function>

  <!-- The neutral headword of a register entry, as one string. -->
  <xsl:function name="e:headword" as="xs:string">
    <xsl:param name="entry" as="element()?"/>
    <!-- its naming elements are those of the model's kinds (a cited document's: title) -->
    <xsl:variable name="names" select="$entry/tei:*[local-name() = $e:entry-name-elements]"/>
    <xsl:variable name="main" select="($names[@type = 'main'], $names)[1]"/>
    <xsl:sequence select="if ($main) then normalize-space(string-join($main//text(), '')) else string($entry/@xml:id)"/>
  </xsl:function>

  <!-- How a reader calls one entry of a kind (or a letter): "person", by the model. -->
  <xsl:function name="e:kind-label" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="string(($e:kinds[@name = $kind], $e:letters[@folder = $kind])[1]/@singular)"/>
  </xsl:function>

  <!-- The title of a kind's register page: "Cited documents", by the model. -->
  <xsl:function name="e:register-title" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="string($e:kinds[@name = $kind]/@title)"/>
  </xsl:function>

  <!-- ===== dates ===== -->

  <!-- An ISO 8601 value (year, year-month or full date) as English words: "1 October 2020".
       (What format-date(…, '[D] [MNn] [Y0001]', 'en') writes, without it: it costs some 15
       microseconds a call in saxonche, and a page names its dates several times.) -->
  <xsl:function name="e:iso-label" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="
      if (matches($iso, '^\d{4}-\d{2}-\d{2}$')) then xs:date($iso) ! (day-from-date(.) || ' ' || e:month-year(.))
      else if (matches($iso, '^\d{4}-\d{2}$')) then e:month-year(xs:date($iso || '-01'))
      else $iso"/>
  </xsl:function>

  <!-- "October 2020" -->
  <xsl:function name="e:month-year" as="xs:string">
    <xsl:param name="date" as="xs:date"/>
    <xsl:variable name="year" select="string(year-from-date($date))"/>
    <xsl:sequence select="$e:month-names[month-from-date($date)] || ' ' || substring('000', string-length($year)) || $year"/>
  </xsl:function>
  <xsl:variable name="e:month-names" as="xs:string+" select="('January', 'February', 'March', 'April', 'May', 'June',
    'July', 'August', 'September', 'October', 'November', 'December')"/>

  <!-- A TEI date element's normalised value as words (when / from–to / notBefore–notAfter). -->
  <xsl:function name="e:date-label" as="xs:string?">
    <xsl:param name="date" as="element()?"/>
    <xsl:choose>
      <xsl:when test="$date/@when"><xsl:sequence select="e:iso-label($date/@when)"/></xsl:when>
      <xsl:when test="$date/@from or $date/@to">
        <xsl:sequence select="string-join(($date/@from, $date/@to) ! e:iso-label(.), '–')"/>
      </xsl:when>
      <xsl:when test="$date/@notBefore and $date/@notAfter">
        <xsl:sequence select="'between ' || e:iso-label($date/@notBefore) || ' and ' || e:iso-label($date/@notAfter)"/>
      </xsl:when>
      <xsl:when test="$date/@notBefore"><xsl:sequence select="'not before ' || e:iso-label($date/@notBefore)"/></xsl:when>
      <xsl:when test="$date/@notAfter"><xsl:sequence select="'not after ' || e:iso-label($date/@notAfter)"/></xsl:when>
      <xsl:when test="$date"><xsl:sequence select="normalize-space($date)"/></xsl:when>
    </xsl:choose>
  </xsl:function>

  <!-- The ISO value to sort or to put in a machine-readable attribute. -->
  <xsl:function name="e:date-iso" as="xs:string?">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="($date/@when, $date/@from, $date/@notBefore, $date/@notAfter, $date/@to)[1]"/>
  </xsl:function>

  <!-- ===== certainty ===== -->

  <!-- "editorial inference: high certainty, external evidence", or () when nothing is inferred. -->
  <xsl:function name="e:cert-phrase" as="xs:string?">
    <xsl:param name="el" as="element()?"/>
    <xsl:if test="$el/@cert or $el/@evidence">
      <xsl:variable name="parts" select="(
        $el/@cert ! (if (. = 'unknown') then 'not established' else . || ' certainty'),
        $el/@evidence ! (map{'internal': 'internal evidence', 'external': 'external evidence',
                             'conjecture': 'conjecture'}(string(.)), string(.))[1])"/>
      <xsl:sequence select="(if ($el/@cert = 'unknown') then 'editorial note: ' else 'editorial inference: ') || string-join($parts, ', ')"/>
    </xsl:if>
  </xsl:function>

  <!-- ===== quotations ===== -->

  <!-- Elements that the rendering encloses in quotation marks; nesting alternates double/single.
       A static pattern (used in match="…" through shadow attributes) rather than a function in a
       predicate: Saxon then tests it without a function call per element. -->
  <xsl:variable name="e:quoted" static="yes" as="xs:string"
    select="'tei:quote | tei:q | tei:soCalled | tei:title[@level = ''a'']'"/>

  <xsl:function name="e:quote-marks" as="xs:string+">
    <xsl:param name="el" as="element()"/>
    <!-- the same elements as $e:quoted, as a path -->
    <xsl:variable name="depth" as="xs:integer"
      select="count($el/ancestor::*[self::tei:quote or self::tei:q or self::tei:soCalled or self::tei:title[@level = 'a']])"/>
    <xsl:sequence select="e:marks-at-depth($depth)"/>
  </xsl:function>

  <!-- Double quotation marks outside, single inside, alternating with each level of nesting. -->
  <xsl:function name="e:marks-at-depth" as="xs:string+">
    <xsl:param name="depth" as="xs:integer"/>
    <xsl:sequence select="if ($depth mod 2 = 0) then ('“', '”') else ('‘', '’')"/>
  </xsl:function>

  <!-- ===== readings of the witness (choice: sic/corr, orig/reg) ===== -->

  <!-- The witness's reading of a choice, as a plain string ("human itarian"): the content of sic
       (or orig), never the element itself, which the plain renderings leave out of the text. -->
  <xsl:function name="e:witness-reading" as="xs:string">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:sequence select="normalize-space(string-join(($choice/tei:sic, $choice/tei:orig)[1]//text()[not(ancestor::tei:note)], ''))"/>
  </xsl:function>

  <!-- Shown after the editors' reading in every output: "[witness: human itarian]". -->
  <xsl:function name="e:witness-note" as="xs:string">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:sequence select="'[witness: ' || e:witness-reading($choice) || ']'"/>
  </xsl:function>

  <!-- Hover text of the editors' reading. -->
  <xsl:function name="e:witness-title" as="xs:string">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:sequence select="if ($choice/tei:reg) then 'Spelling regularised by the editors; the witness reads'
                          else 'Corrected by the editors; the witness reads'"/>
  </xsl:function>

  <!-- ===== gaps, unclear readings, page breaks: the same words in every output ===== -->

  <!-- "[gap: lost in the witness, the masthead]" -->
  <xsl:function name="e:gap-label" as="xs:string">
    <xsl:param name="gap" as="element(tei:gap)"/>
    <xsl:variable name="why" select="map{'lost': 'lost in the witness', 'illegible': 'illegible in the witness',
                                         'omitted': 'omitted by the conversion'}(string($gap/@reason))"/>
    <xsl:variable name="how-much" select="($gap/@extent ! normalize-space(.),
                                           $gap/@quantity ! (. || ' ' || ($gap/@unit, 'units')[1]))[1]"/>
    <xsl:sequence select="'[gap: ' || string-join((($why, string($gap/@reason))[1], $how-much), ', ') || ']'"/>
  </xsl:function>

  <!-- After words the witness gives unclearly: "[unclear]". -->
  <xsl:variable name="e:unclear-mark" as="xs:string" select="'[unclear]'"/>

  <!-- Where a page of the UN document begins: "[page 2]", or "[page break]" when its number is not established. -->
  <xsl:function name="e:page-label" as="xs:string">
    <xsl:param name="pb" as="element(tei:pb)"/>
    <xsl:sequence select="if ($pb/@n) then '[page ' || $pb/@n || ']' else '[page break]'"/>
  </xsl:function>

  <!-- Text the editors supplied stands in square brackets, in every output. -->
  <xsl:variable name="e:supplied-marks" as="xs:string+" select="('[', ']')"/>

  <!-- ===== footnotes ===== -->

  <xsl:function name="e:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if ($note/@n) then string($note/@n)
                          else string((e:footnote-positions(root($note))(generate-id($note)),
                                       count($note/preceding::tei:note[@place = 'foot'][ancestor::tei:text]) + 1)[1])"/>
  </xsl:function>

  <!-- The position of each footnote of a document's text (by generate-id), computed once per
       document (a memo function), rather than counting the preceding notes for every note. -->
  <xsl:function name="e:footnote-positions" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="notes" select="$root//tei:note[@place = 'foot'][ancestor::tei:text]"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($notes) return map{generate-id($notes[$i]): $i})"/>
  </xsl:function>

  <!-- ===== links from data ===== -->

  <!-- Only http(s) URLs and relative paths become links; anything else (javascript:, data:, …) does not. -->
  <xsl:function name="e:safe-href" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="u" select="normalize-space($url)"/>
    <xsl:sequence select="if (matches($u, '^https?://[^\s]+$', 'i')) then $u
                          else if ($u != '' and not(matches($u, '^[a-zA-Z][a-zA-Z0-9+.\-]*:')) and not(starts-with($u, '//'))
                                   and not(matches($u, '[\s\\]'))) then $u
                          else ()"/>
  </xsl:function>
</xsl:stylesheet>
