<?xml version="1.0" encoding="UTF-8"?>
<!--
  Anchors of the dates of a letter's text: "d1", "d2", … in document order over every `date`
  of /TEI/text, so that the timeline (edition.views, views/timeline.html) links each date it
  lists to its place on the letter page. edition.views numbers them the same way. Dates outside
  the text (the header's prose shown on the index and register pages) get no anchor.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  exclude-result-prefixes="#all">

  <!-- computed once per document, when a page first asks for a date's anchor -->
  <xsl:variable name="e:date-numbers" as="map(xs:string, xs:integer)"
    select="let $dates := /tei:TEI/tei:text//tei:date
            return map:merge(for $i in 1 to count($dates) return map{generate-id($dates[$i]): $i})"/>

  <xsl:template name="e:date-id">
    <xsl:variable name="number" select="$e:date-numbers(generate-id(.))"/>
    <xsl:if test="exists($number)">
      <xsl:attribute name="id" select="'d' || $number"/>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
