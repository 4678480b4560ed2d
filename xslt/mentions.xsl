<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one letter (TEI) -> its mentions, as XML: one element per register entry its
  text mentions, grouped by kind then entry,
    <mentions><m k="places" e="pl-shusha" id="letter-…" label="Letter of 1 October 2020, …" p="Permanent Mission of …"
      d="1 October 2020" a="m12 m40" f="Shusha"/>…</mentions>
  with the anchors of those mentions in document order (@a) and the distinct forms they use (@f,
  separated by tabs); inside, each mention with its keyword in context, the sentence around it
  as the reader sees it (the editors' reading, no notes):
    <k a="m12" before="… the city of " form="Shusha" after=" was shelled."/>
  and one <r> per register entry its header says it replies to (or is written further to). The build (edition.enrich) gathers them over the corpus into the facts of
  each register. Also computes the pointer index the build shares with every transform
  (e:pointer-index).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  exclude-result-prefixes="#all">

  <xsl:include href="partials/common.xsl"/>
  <xsl:include href="partials/metadata.xsl"/>
  <xsl:include href="partials/entities.xsl"/>
  <xsl:include href="partials/kwic.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no"/>

  <xsl:template match="/tei:TEI">
    <xsl:variable name="id" select="e:letter-id(tei:teiHeader)"/>
    <!-- the label is computed here, in the parallel per-letter pass, so the register pages only copy it -->
    <xsl:variable name="label" select="'Letter of ' || e:letter-label(tei:teiHeader)"/>
    <!-- who wrote it and when, for the entity cards' "who uses which form": the sending party
         (the sender's organisation, else the sender) and the date of the letter -->
    <xsl:variable name="sent" select="e:main-corresp(tei:teiHeader)/tei:correspAction[@type = 'sent']"/>
    <xsl:variable name="party" select="($sent/tei:orgName[1] ! e:plain(.), e:sender(tei:teiHeader))[1]"/>
    <xsl:variable name="date" select="(e:date-label(e:sent-date(tei:teiHeader)), 'undated')[1]"/>
    <!-- each mention resolved once: (kind, entry, anchor, form) -->
    <xsl:variable name="resolved" as="map(*)*" select="
      for $i in 1 to count($e:text-mentions)
      return e:mention-infos($e:text-mentions[$i]) ! map{'kind': ?kind, 'id': ?id, 'anchor': 'm' || $i, 'number': $i,
                                                         'form': e:mention-form($e:text-mentions[$i]),
                                                         'el': $e:text-mentions[$i]}"/>
    <xsl:variable name="kwic" select="e:keywords-in-context($e:text-mentions)"/>
    <mentions>
      <xsl:for-each-group select="$resolved" group-by="?kind">
        <xsl:sort select="current-grouping-key()"/>
        <xsl:variable name="kind" select="current-grouping-key()"/>
        <xsl:for-each-group select="current-group()" group-by="?id">
          <m k="{$kind}" e="{current-grouping-key()}" id="{$id}" label="{$label}" p="{$party}" d="{$date}"
             a="{string-join(current-group() ! ?anchor, ' ')}"
             f="{string-join(distinct-values(current-group() ! ?form), '&#9;')}">
            <xsl:sequence select="current-group() ! $kwic(?number)"/>
          </m>
        </xsl:for-each-group>
      </xsl:for-each-group>
      <!-- the register entries (a cited document) the letter replies to or is written further to,
           for the entry's page: <r k="documents" e="doc-…" id="letter-…" label="…" type="replyTo"/> -->
      <xsl:for-each select="tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspContext/tei:ref[@type = ('replyTo', 'furtherTo')]">
        <xsl:variable name="type" select="string(@type)"/>
        <xsl:for-each select="e:pointer-info(@target)">
          <r k="{?kind}" e="{?id}" id="{$id}" label="{$label}" type="{$type}"/>
        </xsl:for-each>
      </xsl:for-each>
    </mentions>
  </xsl:template>
</xsl:stylesheet>
