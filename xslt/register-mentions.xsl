<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: a chunk of one register entry's mentions -> the back-links of that chunk,
  one <li> per letter, spliced by the build into the entry's <ul class="mentions"> on
  registers/{kind}.html (see edition.pages). The page is written in pieces so that its size,
  which grows with the corpus, never has to fit in memory.
  Input: <mentions><m k="places" e="pl-shusha" id="letter-…" label="Letter of …" a="m12 m40" f="Shusha"/>…</mentions>
  (see mentions.xsl), in date order. Each item names the forms the letter uses for the entry
  (@f, tab-separated), derived from the letters: the registers do not list them by hand.
  Output: <html> holding the <li> elements (the wrapper only keeps the serializer from repeating
  the XHTML namespace on each item; the build keeps what is inside it).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:template match="/">
    <html>
      <xsl:for-each select="mentions/m">
        <xsl:variable name="page" select="'../letters/' || @id || '.html'"/>
        <li>
          <a href="{$page}"><xsl:value-of select="@label"/></a>
          <xsl:if test="normalize-space(@f)">
            <span class="forms">
              <xsl:text>, as </xsl:text>
              <xsl:for-each select="tokenize(@f, '&#9;')">
                <xsl:if test="position() gt 1">, </xsl:if>
                <xsl:text>“</xsl:text><xsl:value-of select="."/><xsl:text>”</xsl:text>
              </xsl:for-each>
            </span>
          </xsl:if>
          <span aria-hidden="true">: mentions </span>
          <xsl:for-each select="tokenize(@a)">
            <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
            <a href="{$page}#{.}"><span class="vh">mention </span><xsl:value-of select="position()"/></a>
          </xsl:for-each>
        </li>
      </xsl:for-each>
    </html>
  </xsl:template>
</xsl:stylesheet>
