<?xml version="1.0" encoding="UTF-8"?>
<!--
  One register entry, as the entry pages (register-entry.xsl) show it: its details (mode
  e:entry-details: identification, forms in the letters, other names, symbols, dates, authority
  links, notes) and the letters that mention it, from the register's facts written by the build
  (edition.enrich): one item per letter, in date order, with the forms it uses and each mention
  in its context (keyword in context), linked to the mention in the letter page.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- The entry's details: the items of its <dl>. -->
  <xsl:template match="*" mode="e:entry-details">
    <!-- an entry's names are in its kind's name elements (the model's kind/@names, or
         kind/@entry-name), a cited document's in title, as e:headword reads them -->
    <xsl:if test="@cert">
      <dt>Identification</dt>
      <dd><xsl:value-of select="e:cert-phrase(.)"/></dd>
    </xsl:if>
    <xsl:variable name="variants" select="tei:*[local-name() = $e:entry-name-elements][@type = 'variant']"/>
    <xsl:if test="$variants">
      <dt>Forms in the letters</dt>
      <dd>
        <ul>
          <xsl:for-each select="$variants">
            <li><span class="form"><xsl:value-of select="e:plain(.)"/></span></li>
          </xsl:for-each>
        </ul>
      </dd>
    </xsl:if>
    <xsl:variable name="alts" select="tei:*[local-name() = $e:entry-name-elements][@type = 'alt']"/>
    <xsl:if test="$alts">
      <dt>Other names</dt>
      <dd><xsl:value-of select="string-join($alts ! e:plain(.), '; ')"/></dd>
    </xsl:if>
    <xsl:if test="tei:idno[@type = 'UNSymbol']">
      <dt>UN document symbol</dt>
      <dd><xsl:value-of select="string-join(tei:idno[@type = 'UNSymbol'] ! normalize-space(.), ', ')"/></dd>
    </xsl:if>
    <xsl:if test="tei:date">
      <dt>Date</dt>
      <dd><xsl:value-of select="string-join(tei:date ! e:date-label(.), '; ')"/></dd>
    </xsl:if>
    <xsl:variable name="authorities" select="tei:idno[not(@type = 'UNSymbol')] | tei:ptr[@target]"/>
    <xsl:if test="$authorities">
      <dt>Links</dt>
      <dd>
        <ul>
          <xsl:for-each select="$authorities">
            <li>
              <xsl:value-of select="string-join((@type, @subtype), ', ') ! (if (. = '') then 'Online' else .)"/>
              <xsl:text>: </xsl:text>
              <xsl:call-template name="e:external-link">
                <xsl:with-param name="href" select="normalize-space((@target, .)[1])"/>
                <xsl:with-param name="text" select="normalize-space((@target, .)[1])"/>
              </xsl:call-template>
            </li>
          </xsl:for-each>
        </ul>
      </dd>
    </xsl:if>
    <xsl:for-each select="tei:note | tei:occupation | tei:affiliation">
      <dt><xsl:value-of select="if (self::tei:note) then 'Note' else e:upper-first(local-name())"/></dt>
      <dd><xsl:apply-templates mode="html"/></dd>
    </xsl:for-each>
  </xsl:template>

  <!-- One letter that mentions the entry: its label, the forms it uses (@f, tab-separated), and
       each mention (k) in its sentence, linked to the mention; $letters-root: the way to letters/. -->
  <xsl:template match="m" mode="e:back-link">
    <xsl:param name="letters-root" as="xs:string" required="yes"/>
    <xsl:variable name="page" select="$letters-root || @id || '.html'"/>
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
      <ul class="kwic">
        <xsl:for-each select="k">
          <li><xsl:value-of select="@before"/><a href="{$page}#{@a}"><span class="vh">mention <xsl:value-of
            select="position()"/>: </span><mark><xsl:value-of select="@form"/></mark></a><xsl:value-of select="@after"/></li>
        </xsl:for-each>
      </ul>
    </li>
  </xsl:template>

  <!--
    The entry in brief (section #card), at the top of its page: headword and kind, every form
    the letters use with who uses it (the sending party, how many letters, when), authority
    links, the first note and a link to the page. The entity cards of the letter pages
    (assets/cards.js) fetch this section on demand, so a letter page needs no corpus facts.
    $facts: the facts of the entry's page (edition.enrich): @letters, how many letters mention it,
    and each form they use, in order of first use, with each sending party that uses it (in the
    same order): <form f="…"><use p="party" n="letters" first="date" last="date"/></form>.
  -->
  <xsl:template match="*" mode="e:entry-card">
    <xsl:param name="kind" as="xs:string" required="yes"/>
    <xsl:param name="facts" as="element(entry)" required="yes"/>
    <xsl:variable name="id" select="string(@xml:id)"/>
    <xsl:variable name="letters" as="xs:integer" select="xs:integer($facts/@letters)"/>
    <section id="card" class="entity-card" aria-label="{e:headword(.)} in brief">
      <p class="card-title"><strong class="card-headword"><xsl:value-of select="e:headword(.)"/></strong>
        <xsl:text> </xsl:text><span class="card-kind"><xsl:value-of select="e:kind-label($kind)"/></span>
        <xsl:for-each select="@cert"><xsl:text> </xsl:text><span class="cert-note">(<xsl:value-of select="e:cert-phrase(..)"/>)</span></xsl:for-each>
      </p>
      <xsl:if test="$facts/form">
        <ul class="card-forms">
          <xsl:for-each select="$facts/form">
            <li>
              <!-- in quotation marks, unless the form is a quoted title already -->
              <span class="form"><xsl:value-of select="if (starts-with(@f, '“')) then @f else '“' || @f || '”'"/></span>
              <xsl:text>: </xsl:text>
              <xsl:for-each select="use">
                <xsl:if test="position() gt 1">; </xsl:if>
                <xsl:value-of select="@p"/>
                <xsl:text> (</xsl:text>
                <xsl:value-of select="e:letters-when(xs:integer(@n), @first, @last)"/>
                <xsl:text>)</xsl:text>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:variable name="authorities" select="tei:idno[not(@type = 'UNSymbol')] | tei:ptr[@target]"/>
      <xsl:if test="$authorities">
        <p class="card-links">
          <xsl:for-each select="$authorities">
            <xsl:if test="position() gt 1">; </xsl:if>
            <xsl:call-template name="e:external-link">
              <xsl:with-param name="href" select="normalize-space((@target, .)[1])"/>
              <xsl:with-param name="text" select="(string-join((@type, @subtype), ', ')[. != ''], 'Online')[1]"/>
            </xsl:call-template>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:for-each select="tei:note[1]">
        <p class="card-note"><xsl:apply-templates mode="html"/></p>
      </xsl:for-each>
      <p class="card-more"><a href="{$id}.html">Entry page of <xsl:value-of select="e:headword(.)"/>: <xsl:value-of
        select="$letters"/> letter<xsl:if test="$letters ne 1">s</xsl:if>, each mention in context</a></p>
    </section>
  </xsl:template>

  <!-- "1 letter, 12 January 2021", "2 letters, 1 October 2020 and 8 February 2023",
       "5 letters, 1 October 2020 to 8 February 2023": $n letters, the dates of the first and the last. -->
  <xsl:function name="e:letters-when" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="last" as="xs:string"/>
    <xsl:sequence select="$n || (if ($n = 1) then ' letter, ' || $first
      else ' letters, ' || $first || (if ($n = 2) then ' and ' else ' to ') || $last)"/>
  </xsl:function>

  <xsl:function name="e:upper-first" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="upper-case(substring($s, 1, 1)) || substring($s, 2)"/>
  </xsl:function>
</xsl:stylesheet>
