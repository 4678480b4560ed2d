<?xml version="1.0" encoding="UTF-8"?>
<!--
  Citing a letter: its paragraphs' numbers and anchors, the citation data (one map, in the shape
  of a CSL-JSON item, from which every other form is made), the citation as a sentence, the
  machine-readable metadata of the page's head (citation_* tags that Zotero and Google Scholar
  read, Dublin Core, JSON-LD in schema.org terms, canonical and alternate links) and the
  "How to cite" section of the letter page.

  Every fact comes from the letter's TEI header, its registers or config.xml: the author is the
  sender as the letter's correspDesc names it (a person's forename and surname from the persons
  register), the editors are the header's respStmt names (or config.xml's editors), the version
  date is the latest change of the letter's revisionDesc. An inferred sender or date stays
  marked as inferred in every form (a note in the data, words in the sentence).
  The access date is never in the static page (the build is deterministic): the page says
  "[date of access]" and assets/cite.js fills in today's date in the reader's browser.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:fn="http://www.w3.org/2005/xpath-functions"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:cfg="urn:un-letters-edition:config"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- ===== paragraphs ===== -->

  <!--
    The number of a paragraph of a letter's body, in document order (1, 2, …), or () for a
    paragraph that is not one: outside the body, inside a note, or not in a letter (the TEI prose
    of the index, registers and sources). A letter is a TEI document with a correspDesc.
  -->
  <xsl:function name="e:para-number" as="xs:integer?">
    <xsl:param name="p" as="element(tei:p)"/>
    <xsl:sequence select="if (root($p)/tei:TEI/tei:teiHeader/tei:profileDesc/tei:correspDesc)
                          then e:para-positions(root($p))(generate-id($p))
                          else ()"/>
  </xsl:function>

  <!-- The number of each paragraph of a document's body (not in a note), by generate-id:
       computed once per document (a memo function), not by counting the preceding paragraphs
       of each paragraph. -->
  <xsl:function name="e:para-positions" as="map(xs:string, xs:integer)" cache="yes"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="paras" select="$root//tei:p[ancestor::tei:body][not(ancestor::tei:note)]"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($paras) return map{generate-id($paras[$i]): $i})"/>
  </xsl:function>

  <!-- The paragraph's anchor and its visible number link, "§ 3", first in the paragraph. -->
  <xsl:template name="e:para-anchor">
    <xsl:param name="n" as="xs:integer?"/>
    <xsl:if test="exists($n)">
      <xsl:attribute name="id" select="'p' || $n"/>
      <a class="para-num" href="#p{$n}" data-pagefind-ignore=""><span class="vh">Paragraph </span>§ <xsl:value-of select="$n"/></a>
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ===== the citation data ===== -->

  <!-- The latest change of the letter (ISO date), its version date; () without a dated change. -->
  <xsl:function name="e:version-date" as="xs:string?">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:sequence select="(sort($h/tei:revisionDesc//tei:change/@when ! string(.)))[last()]"/>
  </xsl:function>

  <!-- A CSL name: family and given from the register's main name when it has them, else literal. -->
  <xsl:function name="e:csl-name" as="map(*)">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="main" select="e:entry(e:pointer($name/@ref)?id)/tei:persName[@type = 'main'][1]"/>
    <xsl:sequence select="if ($main/tei:surname and $main/tei:forename)
                          then map{'family': normalize-space(string-join($main/tei:surname, ' ')),
                                   'given': normalize-space(string-join($main/tei:forename, ' '))}
                          else map{'literal': e:plain($name)}"/>
  </xsl:function>

  <!-- "Aliyev, Yashar" or the literal name (citation_author, DC.creator, BibTeX, RIS). -->
  <xsl:function name="e:name-inverted" as="xs:string">
    <xsl:param name="name" as="map(*)"/>
    <xsl:sequence select="if (map:contains($name, 'family')) then $name?family || ', ' || $name?given else $name?literal"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- "Yashar Aliyev" or the literal name (the citation sentence). -->
  <xsl:function name="e:name-direct" as="xs:string">
    <xsl:param name="name" as="map(*)"/>
    <xsl:sequence select="if (map:contains($name, 'family')) then $name?given || ' ' || $name?family else $name?literal"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- The sender as author: the persons who sent the letter, or (none named) its sending body. -->
  <xsl:function name="e:citation-authors" as="element()*">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:variable name="sent" select="e:main-corresp($h)/tei:correspAction[@type = 'sent']"/>
    <xsl:sequence select="if ($sent/tei:persName) then $sent/tei:persName else $sent/tei:orgName"/>
  </xsl:function>

  <!-- The editors as the header names them (respStmt), else as config.xml does. -->
  <xsl:function name="e:citation-editors" as="xs:string+">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:variable name="named" select="$h/tei:fileDesc/tei:titleStmt/(tei:editor | tei:respStmt/(tei:name | tei:persName | tei:orgName))"/>
    <xsl:sequence select="if ($named) then $named ! e:plain(.) else e:conf('editors')"/>
  </xsl:function>

  <!-- What the editors inferred among the facts of the citation, in words ('' when nothing). -->
  <xsl:function name="e:citation-inferences" as="xs:string">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:variable name="date" select="e:sent-date($h)"/>
    <xsl:sequence select="string-join((
      e:citation-authors($h)[@cert or @evidence] ! ('Sender ' || e:plain(.) || ' identified by the editors (' || e:cert-phrase(.) || ')'),
      e:main-corresp($h)/tei:correspAction[@type = 'received']/(tei:persName | tei:orgName)[@cert or @evidence]
        ! ('Addressee ' || e:plain(.) || ' identified by the editors (' || e:cert-phrase(.) || ')'),
      $date[@cert or @evidence] ! ('Date of the letter inferred by the editors (' || e:cert-phrase(.) || ')'),
      (if (e:symbol-idnos($h)) then () else 'UN document symbol not known')), '. ')"/>
  </xsl:function>

  <!--
    The citation data of a letter as a map in the shape of a CSL-JSON item (the .csl.json
    download; edition.citation makes BibTeX and RIS from it; JSON-LD and the meta tags read it).
    'version' is the latest change, 'note' says what is inferred or not known.
  -->
  <xsl:function name="e:citation-data" as="map(*)" cache="yes">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:variable name="id" select="e:letter-id($h)"/>
    <xsl:variable name="date" select="e:date-iso(e:sent-date($h))"/>
    <xsl:variable name="version" select="e:version-date($h)"/>
    <xsl:variable name="note" select="e:citation-inferences($h)"/>
    <xsl:sequence select="map:merge((
      map{'id': $id, 'type': 'letter', 'genre': 'Letter', 'title': e:title($h),
          'author': array{e:citation-authors($h) ! e:csl-name(.)},
          'editor': array{e:citation-editors($h) ! map{'literal': .}},
          'container-title': e:conf('title'), 'publisher': e:conf('publisher'),
          'URL': e:letter-url($id), 'language': e:conf('language')},
      (if (matches(string($date), '^\d{4}(-\d{2}){0,2}$'))
       then map{'issued': map{'date-parts': [array{tokenize($date, '-') ! xs:integer(.)}]}} else ()),
      (if (e:symbol-idnos($h)) then map{'number': e:symbol($h)} else ()),
      $version ! map{'version': .},
      (if ($note) then map{'note': $note || '.'} else ())))"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!--
    The suggested citation as a sentence (the page and the plain text): "Yashar Aliyev, Permanent
    Mission of Azerbaijan to the United Nations. Letter dated … (A/75/…), 1 October 2020. Edited
    by …. UN Letters edition, version of 22 November 2026. https://…/letters/….html". $para adds
    the paragraph and its anchor. The reader adds the access date (the page: cite.js).
  -->
  <xsl:function name="e:citation-sentence" as="xs:string">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:param name="para" as="xs:integer?"/>
    <xsl:sequence select="string-join((e:citation-prefix($h), ($para ! ('Paragraph ' || .)),
                                       e:letter-url(e:letter-id($h)) || ($para ! ('#p' || .))), '. ')"/>
  </xsl:function>

  <!-- " (identified by the editors)" after a name the editors inferred, else ''. -->
  <xsl:function name="e:identified" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="if ($name/(@cert | @evidence)) then ' (identified by the editors)' else ''"/>
  </xsl:function>

  <!-- The citation up to the edition and its version (what a paragraph's citation shares with the
       letter's). A memo function, as e:citation-data: a letter page asks for them several times. -->
  <xsl:function name="e:citation-prefix" as="xs:string" cache="yes">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:variable name="sent" select="e:main-corresp($h)/tei:correspAction[@type = 'sent']"/>
    <xsl:variable name="symbol" select="e:symbol($h)"/>
    <xsl:variable name="date" select="e:sent-date($h)"/>
    <xsl:variable name="version" select="e:version-date($h)"/>
    <xsl:sequence select="string-join((
      string-join(($sent/tei:persName ! (e:name-direct(e:csl-name(.)) || e:identified(.)),
                   $sent/tei:orgName ! (e:plain(.) || e:identified(.))), ', '),
      e:title($h) || (if ($symbol != 'not known') then ' (' || $symbol || ')' else ' (UN document symbol not known)')
        || ($date ! (', ' || e:date-label(.) || (if (@cert or @evidence) then ' (date inferred by the editors)' else ''))),
      'Edited by ' || string-join(e:citation-editors($h), ', '),
      e:conf('title') || ($version ! (', version of ' || e:iso-label(.)))), '. ')"/>
  </xsl:function>

  <!-- ===== the edition as a whole ===== -->

  <!-- The edition's version: the latest change of any of the letters' headers (ISO date), or (). -->
  <xsl:function name="e:edition-version" as="xs:string?">
    <xsl:param name="headers" as="element(tei:teiHeader)*"/>
    <xsl:sequence select="(sort($headers/tei:revisionDesc//tei:change/@when ! string(.)))[last()]"/>
  </xsl:function>

  <!-- "The editors of …, eds. UN Letters edition: Letters of …. UN Letters edition, version of …. https://…/" -->
  <xsl:function name="e:edition-citation" as="xs:string">
    <xsl:param name="version" as="xs:string?"/>
    <xsl:variable name="editors" select="e:conf('editors')"/>
    <xsl:sequence select="string-join((upper-case(substring($editors, 1, 1)) || substring($editors, 2) || ', eds', e:conf('title') || ': ' || e:conf('subtitle'),
      e:conf('publisher') || ($version ! (', version of ' || e:iso-label(.))), e:base-url()), '. ')"/>
  </xsl:function>

  <!-- ===== the page's head ===== -->

  <!-- citation_* (Highwire, read by Zotero and Google Scholar), Dublin Core, canonical, alternates, JSON-LD. -->
  <xsl:template name="e:citation-head">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:variable name="data" select="e:citation-data($h)"/>
    <xsl:variable name="id" select="e:letter-id($h)"/>
    <xsl:variable name="authors" select="array:flatten($data?author) ! e:name-inverted(.)" xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
    <xsl:variable name="date" select="e:date-iso(e:sent-date($h))"/>
    <link rel="canonical" href="{$data?URL}"/>
    <link rel="alternate" type="application/tei+xml" href="{$id}.xml" title="TEI XML of this letter"/>
    <link rel="alternate" type="text/plain" href="{$id}.txt" title="Plain-text edition of this letter"/>
    <meta name="citation_title" content="{$data?title}"/>
    <xsl:for-each select="$authors"><meta name="citation_author" content="{.}"/></xsl:for-each>
    <xsl:for-each select="$date"><meta name="citation_date" content="{translate(., '-', '/')}"/></xsl:for-each>
    <xsl:for-each select="$data?version"><meta name="citation_online_date" content="{translate(., '-', '/')}"/></xsl:for-each>
    <xsl:for-each select="e:citation-editors($h)"><meta name="citation_editor" content="{.}"/></xsl:for-each>
    <meta name="citation_publisher" content="{$data?publisher}"/>
    <meta name="citation_inbook_title" content="{$data?container-title}"/>
    <xsl:for-each select="$data?number"><meta name="citation_technical_report_number" content="{.}"/></xsl:for-each>
    <meta name="citation_language" content="{$data?language}"/>
    <meta name="citation_public_url" content="{$data?URL}"/>
    <meta name="citation_abstract_html_url" content="{$data?URL}"/>
    <meta name="DC.title" content="{$data?title}"/>
    <xsl:for-each select="$authors"><meta name="DC.creator" content="{.}"/></xsl:for-each>
    <xsl:for-each select="e:citation-editors($h)"><meta name="DC.contributor" content="{.}"/></xsl:for-each>
    <xsl:for-each select="$date"><meta name="DC.date" content="{.}"/></xsl:for-each>
    <meta name="DC.publisher" content="{$data?publisher}"/>
    <meta name="DC.type" content="Text"/>
    <meta name="DC.format" content="text/html"/>
    <meta name="DC.identifier" content="{$data?URL}"/>
    <xsl:for-each select="$data?number"><meta name="DC.relation" content="{.}"/></xsl:for-each>
    <meta name="DC.language" content="{$data?language}"/>
    <meta name="DC.rights" content="{e:conf('licence')}"/>
    <xsl:for-each select="$data?note"><meta name="DC.description" content="{.}"/></xsl:for-each>
    <script type="application/ld+json"><xsl:value-of select="e:json-ld($h, $data)"/></script>
  </xsl:template>

  <!--
    The letter in schema.org terms (a Message: author and sender, recipient, dateSent), serialised by XSLT's JSON output (xml-to-json of the
    XPath 3.1 JSON vocabulary, so the keys keep this order). The solidus is escaped ("\/"), so
    no string can close the script element that holds it.
  -->
  <xsl:function name="e:json-ld" as="xs:string">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:param name="data" as="map(*)"/>
    <xsl:variable name="date" select="e:date-iso(e:sent-date($h))"/>
    <xsl:variable name="json">
      <fn:map>
        <fn:string key="@context">https://schema.org</fn:string>
        <fn:string key="@type">Message</fn:string>
        <fn:string key="@id"><xsl:value-of select="$data?URL"/></fn:string>
        <fn:string key="url"><xsl:value-of select="$data?URL"/></fn:string>
        <fn:string key="name"><xsl:value-of select="$data?title"/></fn:string>
        <xsl:if test="$data?number"><fn:string key="identifier"><xsl:value-of select="$data?number"/></fn:string></xsl:if>
        <fn:string key="inLanguage"><xsl:value-of select="$data?language"/></fn:string>
        <xsl:for-each select="$date"><fn:string key="dateSent"><xsl:value-of select="."/></fn:string></xsl:for-each>
        <xsl:for-each select="$data?version"><fn:string key="dateModified"><xsl:value-of select="."/></fn:string></xsl:for-each>
        <fn:array key="author">
          <xsl:for-each select="e:citation-authors($h)">
            <fn:map>
              <fn:string key="@type"><xsl:value-of select="if (self::tei:persName) then 'Person' else 'Organization'"/></fn:string>
              <fn:string key="name"><xsl:value-of select="e:name-direct(e:csl-name(.))"/></fn:string>
            </fn:map>
          </xsl:for-each>
        </fn:array>
        <fn:array key="recipient">
          <xsl:for-each select="e:main-corresp($h)/tei:correspAction[@type = 'received']/(tei:persName | tei:orgName)">
            <fn:map>
              <fn:string key="@type"><xsl:value-of select="if (self::tei:persName) then 'Person' else 'Organization'"/></fn:string>
              <fn:string key="name"><xsl:value-of select="e:plain(.)"/></fn:string>
            </fn:map>
          </xsl:for-each>
        </fn:array>
        <fn:array key="editor">
          <xsl:for-each select="e:citation-editors($h)">
            <fn:map><fn:string key="@type">Organization</fn:string><fn:string key="name"><xsl:value-of select="."/></fn:string></fn:map>
          </xsl:for-each>
        </fn:array>
        <fn:map key="isPartOf">
          <fn:string key="@type">Collection</fn:string>
          <fn:string key="name"><xsl:value-of select="e:conf('title')"/></fn:string>
          <fn:string key="url"><xsl:value-of select="e:base-url()"/></fn:string>
        </fn:map>
        <fn:map key="publisher">
          <fn:string key="@type">Organization</fn:string>
          <fn:string key="name"><xsl:value-of select="e:conf('publisher')"/></fn:string>
        </fn:map>
        <fn:string key="license"><xsl:value-of select="$config/cfg:edition/cfg:licence/@target"/></fn:string>
        <fn:array key="encoding">
          <fn:map><fn:string key="@type">MediaObject</fn:string><fn:string key="encodingFormat">application/tei+xml</fn:string>
            <fn:string key="contentUrl"><xsl:value-of select="e:base-url() || 'letters/' || e:letter-id($h) || '.xml'"/></fn:string></fn:map>
          <fn:map><fn:string key="@type">MediaObject</fn:string><fn:string key="encodingFormat">text/plain</fn:string>
            <fn:string key="contentUrl"><xsl:value-of select="e:base-url() || 'letters/' || e:letter-id($h) || '.txt'"/></fn:string></fn:map>
        </fn:array>
        <xsl:for-each select="$data?note"><fn:string key="description"><xsl:value-of select="."/></fn:string></xsl:for-each>
      </fn:map>
    </xsl:variable>
    <xsl:sequence select="xml-to-json($json)"/>
  </xsl:function>

  <!-- ===== the page's "How to cite" section ===== -->

  <xsl:template name="e:citation-section">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:variable name="id" select="e:letter-id($h)"/>
    <section class="citation" id="cite" aria-labelledby="cite-heading"
      data-cite-prefix="{e:citation-prefix($h)}" data-cite-url="{e:letter-url($id)}">
      <h2 id="cite-heading">How to cite</h2>
      <p class="cite" id="cite-letter"><span class="cite-text"><xsl:value-of select="e:citation-sentence($h, ())"/></span>
        <xsl:text> (accessed </xsl:text><span class="cite-accessed">[date of access]</span><xsl:text>).</xsl:text></p>
      <p>Stable URL: <a href="{e:letter-url($id)}"><xsl:value-of select="e:letter-url($id)"/></a></p>
      <p class="cite-para-help">To cite a paragraph, use its number (the § link before it) and its anchor:
        <span class="cite-para-example"><xsl:value-of select="e:citation-sentence($h, 1)"/></span>.</p>
      <p>Download this citation as
        <a href="{$id}.bib" type="application/x-bibtex" download="">BibTeX</a>,
        <a href="{$id}.ris" type="application/x-research-info-systems" download="">RIS</a> or
        <a href="{$id}.csl.json" type="application/vnd.citationstyles.csl+json" download="">CSL-JSON</a>.</p>
    </section>
  </xsl:template>
</xsl:stylesheet>
