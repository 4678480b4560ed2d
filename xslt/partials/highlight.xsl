<?xml version="1.0" encoding="UTF-8"?>
<!--
  The per-kind highlighting toggle of a letter page: one checkbox per kind of the model that the
  text mentions (persons, places, organisations, cited documents: read from $model, never
  listed here). Hidden without JavaScript: assets/cards.js shows it, switches the colour and
  underline of that kind's mentions off and on (class ent-plain) and remembers the choice
  (localStorage). The mentions stay links either way.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template name="e:highlight-toggle">
    <xsl:variable name="present" select="distinct-values($e:text-mention-infos?kind)"/>
    <xsl:variable name="kinds" select="$e:kinds[@name = $present]"/>
    <xsl:if test="exists($kinds)">
      <div class="highlight-toggle" hidden="hidden" role="group" aria-labelledby="highlight-label">
        <span id="highlight-label">Highlight in the text:</span>
        <xsl:for-each select="$kinds">
          <xsl:text> </xsl:text>
          <label class="hl hl-{@name}"><input type="checkbox" checked="checked" data-kind="{@name}"/>
            <xsl:text> </xsl:text><span class="hl-sample ent-{@name}"><xsl:value-of select="@title"/></span></label>
        </xsl:for-each>
      </div>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
