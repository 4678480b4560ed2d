<?xml version="1.0" encoding="UTF-8"?>
<!--
  What a letter is, as strings: title, symbol, dates, sender, addressee, session, agenda items,
  and the ordered list of metadata fields. The letter page (HTML), the plain-text edition, the
  index, the registers and the corpus text all take their metadata from here, so the same fact
  reads the same way everywhere.

  The functions take a teiHeader: either the letter's own, or the pruned copy the build puts in
  the corpus summary (same structure, without the encodingDesc).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  exclude-result-prefixes="#all">

  <!-- the text walk, whose 'plain' flavour (e:plain) gives inline content as a plain string -->
  <xsl:include href="text.xsl"/>
  <!-- citing a letter: the citation data and sentence, paragraph anchors, the page's metadata -->
  <xsl:include href="cite.xsl"/>

  <!-- ===== single facts ===== -->

  <xsl:function name="e:letter-id" as="xs:string">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:sequence select="string(($h/tei:fileDesc/tei:publicationStmt/tei:idno[@type = 'edition'], $h/../@xml:id)[1])"/>
  </xsl:function>

  <!-- (e:title and e:letter-label are memo functions: a page asks for them several times, and
       the label, with its date in words, costs tens of microseconds.) -->
  <xsl:function name="e:title" as="xs:string" cache="yes">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:sequence select="e:plain(($h/tei:fileDesc/tei:titleStmt/tei:title[@type = 'main'], $h/tei:fileDesc/tei:titleStmt/tei:title)[1])"/>
  </xsl:function>

  <xsl:function name="e:un-document" as="element(tei:bibl)?">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:sequence select="$h/tei:fileDesc/tei:sourceDesc/tei:bibl[@type = 'UNDocument'][1]"/>
  </xsl:function>

  <xsl:function name="e:symbol-idnos" as="element(tei:idno)*">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:sequence select="e:un-document($h)/tei:idno[@type = 'UNSymbol']"/>
  </xsl:function>

  <!-- "A/75/574-S/2020/1083", or "not known" (the edition never invents a symbol). -->
  <xsl:function name="e:symbol" as="xs:string">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:variable name="known" select="e:symbol-idnos($h)"/>
    <xsl:sequence select="if ($known) then string-join($known ! normalize-space(.), '-') else 'not known'"/>
  </xsl:function>

  <xsl:function name="e:main-corresp" as="element(tei:correspDesc)?">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:sequence select="($h/tei:profileDesc/tei:correspDesc[not(@corresp)], $h/tei:profileDesc/tei:correspDesc)[1]"/>
  </xsl:function>

  <xsl:function name="e:sent-date" as="element(tei:date)?">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:sequence select="e:main-corresp($h)/tei:correspAction[@type = 'sent']/tei:date[1]"/>
  </xsl:function>

  <xsl:function name="e:distribution-date" as="element(tei:date)?">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:sequence select="e:un-document($h)/tei:date[@type = 'distribution'][1]"/>
  </xsl:function>

  <!-- "Yashar Aliyev, Permanent Mission of Azerbaijan to the United Nations" -->
  <xsl:function name="e:party" as="xs:string">
    <xsl:param name="action" as="element(tei:correspAction)?"/>
    <xsl:sequence select="string-join($action/(tei:persName | tei:orgName | tei:placeName) ! e:plain(.), ', ')"/>
  </xsl:function>

  <!--
    The certainty of the names of a correspAction, each on its own name: "António Guterres:
    editorial inference: high certainty, external evidence", or () when every name is stated.
    The date of the action is not a name: its certainty is the date's (field "Date of the letter").
  -->
  <xsl:function name="e:party-cert" as="xs:string?">
    <xsl:param name="action" as="element(tei:correspAction)?"/>
    <xsl:variable name="phrases" select="$action/(tei:persName | tei:orgName | tei:placeName)[@cert or @evidence]
                                         ! (e:plain(.) || ': ' || e:cert-phrase(.))"/>
    <xsl:sequence select="if (exists($phrases)) then string-join($phrases, '; ') else ()"/>
  </xsl:function>

  <xsl:function name="e:sender" as="xs:string">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:sequence select="e:party(e:main-corresp($h)/tei:correspAction[@type = 'sent'])"/>
  </xsl:function>

  <!-- Short label of a letter for links and lists: "1 October 2020, Yashar Aliyev (Permanent Mission …)". -->
  <xsl:function name="e:letter-label" as="xs:string" cache="yes">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:variable name="sent" select="e:main-corresp($h)/tei:correspAction[@type = 'sent']"/>
    <xsl:sequence select="string-join((e:date-label(e:sent-date($h)) || (if (e:sent-date($h)/(@cert | @evidence)) then ' (date inferred by the editors)' else ''),
      string-join($sent/tei:persName ! e:plain(.), ', ') || ($sent/tei:orgName[1] ! (' (' || e:plain(.) || ')'))), ', ')"/>
  </xsl:function>

  <!-- ===== the metadata block, as an ordered list of fields ===== -->

  <!--
    Each field is a map: label (string), values (strings), cert (the certainty phrase, or ()).
    The HTML renders it as a description list, the plain text as "Label: value" lines.
  -->
  <xsl:function name="e:metadata-fields" as="map(*)*">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:variable name="doc" select="e:un-document($h)"/>
    <xsl:variable name="main" select="e:main-corresp($h)"/>
    <xsl:variable name="sent-date" select="e:sent-date($h)"/>
    <xsl:variable name="distribution" select="e:distribution-date($h)"/>
    <xsl:variable name="received" select="$main/tei:correspAction[@type = 'received']"/>
    <xsl:sequence select="map{'label': 'UN document symbol', 'values': e:symbol($h),
                              'cert': if (e:symbol-idnos($h)) then () else 'editorial note: not established'}"/>
    <xsl:sequence select="map{'label': 'Date of the letter', 'values': (e:date-label($sent-date), 'not known')[1],
                              'cert': e:cert-phrase($sent-date)}"/>
    <xsl:sequence select="map{'label': 'Date of distribution',
                              'values': if ($distribution/(@when | @from | @notBefore | @notAfter)) then e:date-label($distribution) else 'not known',
                              'cert': e:cert-phrase($distribution)}"/>
    <xsl:for-each select="$doc/tei:availability">
      <xsl:sequence select="map{'label': 'Distribution category', 'values': e:plain(tei:p), 'cert': ()}"/>
    </xsl:for-each>
    <xsl:sequence select="map{'label': 'From', 'values': e:party($main/tei:correspAction[@type = 'sent']),
                              'cert': e:party-cert($main/tei:correspAction[@type = 'sent'])}"/>
    <xsl:sequence select="map{'label': 'To', 'values': e:party($received),
                              'cert': e:party-cert($received)}"/>
    <xsl:for-each select="$doc/tei:biblScope[@unit = 'session']">
      <xsl:sequence select="map{'label': 'General Assembly session', 'values': e:plain(.), 'cert': e:cert-phrase(.)}"/>
    </xsl:for-each>
    <xsl:variable name="items" select="$doc/tei:biblScope[@unit = 'agendaItem']"/>
    <xsl:if test="$items">
      <!-- one phrase for the field when every item carries the same certainty, else each item its own -->
      <xsl:variable name="phrases" select="distinct-values($items ! string(e:cert-phrase(.)))"/>
      <xsl:variable name="shared" select="count($phrases) = 1"/>
      <xsl:sequence select="map{'label': 'Agenda items',
                                'values': $items ! ('Item ' || @n || ': ' || e:plain(.)
                                                    || (if ($shared) then '' else e:cert-phrase(.) ! (' (' || . || ')'))),
                                'cert': if ($shared) then e:cert-phrase($items[1]) else ()}"/>
    </xsl:if>
    <xsl:for-each select="$doc/tei:biblScope[@unit = 'scYear']">
      <xsl:sequence select="map{'label': 'Security Council year', 'values': e:plain(.), 'cert': e:cert-phrase(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$doc/tei:textLang">
      <xsl:sequence select="map{'label': 'Language', 'values': e:plain(.), 'cert': e:cert-phrase(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$h/tei:fileDesc/tei:sourceDesc/tei:bibl[@type = 'transcription']">
      <xsl:sequence select="map{'label': 'Source transcription',
                                'values': string-join((tei:idno[@type = 'sourceFile'] ! normalize-space(.), tei:note ! e:plain(node())), ': '),
                                'cert': ()}"/>
    </xsl:for-each>
  </xsl:function>

  <!-- ===== citation ===== -->

  <xsl:function name="e:letter-url" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="e:base-url() || 'letters/' || $id || '.html'"/>
  </xsl:function>

  <!-- The suggested citation, identical on the letter page and in the plain text (cite.xsl). -->
  <xsl:function name="e:citation" as="xs:string">
    <xsl:param name="h" as="element(tei:teiHeader)"/>
    <xsl:sequence select="e:citation-sentence($h, ())"/>
  </xsl:function>
</xsl:stylesheet>
