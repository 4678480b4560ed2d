<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: a chunk of the corpus summary -> its rows of the table of letters, spliced by
  the build into the table body of index.html (see index.xsl and edition.pages), so that the
  page, which grows with the corpus, is never held in memory at once.
  Input: <letters><letter id="…" file="…"><teiHeader/></letter>…</letters>, in date order.
  Output: <html> holding the <tr> elements (the wrapper only keeps the serializer from repeating
  the XHTML namespace on each row; the build keeps what is inside it).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:include href="partials/common.xsl"/>
  <xsl:include href="partials/metadata.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:template match="/">
    <html>
      <xsl:for-each select="letters/letter">
        <xsl:variable name="h" select="tei:teiHeader"/>
        <tr>
          <td><time datetime="{e:date-iso(e:sent-date($h))}"><xsl:value-of select="e:date-label(e:sent-date($h))"/></time
            ><xsl:for-each select="e:cert-phrase(e:sent-date($h))"> <span class="cert-note">(<xsl:value-of select="."/>)</span></xsl:for-each></td>
          <td><xsl:value-of select="e:sender($h)"/></td>
          <td><a href="letters/{@id}.html"><xsl:value-of select="e:title($h)"/></a></td>
          <td><xsl:value-of select="e:symbol($h)"/></td>
          <td class="downloads">
            <a href="letters/{@id}.xml" type="application/xml">TEI<span class="vh"> XML of the letter of <xsl:value-of select="e:date-label(e:sent-date($h))"/></span></a>
            <xsl:text> </xsl:text>
            <a href="letters/{@id}.txt" type="text/plain">Text<span class="vh"> of the letter of <xsl:value-of select="e:date-label(e:sent-date($h))"/></span></a>
          </td>
        </tr>
      </xsl:for-each>
    </html>
  </xsl:template>
</xsl:stylesheet>
