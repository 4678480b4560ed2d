<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the contested names (edition.views.contested) -> views/contested-names.html.
  Input: <view name="contested-names"><group entry="pl-shusha" headword="Shusha / Shushi"
  reasons="parties-differ headword-both-forms" href="registers/places/pl-shusha.html"><unused form="…"/>…<use party="org:pm-armenia"
  name="Permanent Mission of Armenia to the United Nations" form="Shushi" count="1" first="…"
  last="…"><letter id="…" href="letters/….html" date="…" label="12 January 2021"/>…</use>…</group>…</view>
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:include href="partials/common.xsl"/>
  <xsl:include href="partials/page.xsl"/>
  <xsl:include href="partials/views.xsl"/>

  <xsl:variable name="reasons" as="map(xs:string, xs:string)" select="map{
    'parties-differ': 'the letters of the parties name it differently',
    'headword-both-forms': 'its headword gives both parties’ forms (headword policy, step 3)',
    'other-name': 'no letter uses its headword and no form the letters use has a word in common with it'}"/>

  <xsl:template match="/">
    <xsl:call-template name="e:page">
      <xsl:with-param name="title" select="'Contested names'"/>
      <xsl:with-param name="root" select="'../'"/>
      <xsl:with-param name="current" select="'views'"/>
      <xsl:with-param name="content-of" select="view"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="view" mode="e:page-content">
    <p class="breadcrumb"><a href="../views.html">Views</a></p>
    <h1>Contested names</h1>
    <p class="intro">The places that the parties name differently, and the forms each party uses: exactly as
      the letters write them, with the letters that use each form, how often (mentions), and when first
      and last. Each party is named as it names itself as sender, by the office that sends its letters.
      The edition keeps every form in the text of its letter and links all the forms of a place to one
      register entry with a neutral headword.</p>
    <p>Below the names: <a href="#rule-heading">which names are listed</a> and <a href="#policy-heading">the
      neutral headword</a>.</p>
    <xsl:call-template name="e:view-data">
      <xsl:with-param name="name" select="'contested-names'"/>
    </xsl:call-template>
    <xsl:choose>
      <xsl:when test="group">
        <xsl:apply-templates select="group"/>
      </xsl:when>
      <xsl:otherwise><p>No place of the register is named differently in the letters.</p></xsl:otherwise>
    </xsl:choose>
    <section aria-labelledby="rule-heading" class="view-rule">
      <h2 id="rule-heading">Which names are listed</h2>
      <p>Nobody chose these names: the build finds them in the letters and the register of places. A place is
        listed when</p>
      <ol type="a">
        <li>letters of two or more parties name it, and the names one party uses are not those another uses
          (a longer form that contains a name counts as that name: <q>Republic of Armenia</q> as Armenia,
          <q>Nagorno-Karabakh (Artsakh)</q> as Nagorno-Karabakh and Artsakh); or</li>
        <li>its headword gives two forms, <q>A / B</q>, which the headword policy does where the parties
          name a place differently and no United Nations usage was found; or</li>
        <li>no letter uses its headword, and no form that the letters use has a word in common with it.</li>
      </ol>
      <p>Spellings of one name that the same party uses side by side (Fizuli and Fuzuli) are not listed.
        A place that only one party names, by a name of its own that the register does not record as
        contested, cannot be found this way: each entry’s page lists all its forms.</p>
    </section>
    <section aria-labelledby="policy-heading" class="view-rule">
      <h2 id="policy-heading">The neutral headword</h2>
      <p>The headword of a register entry is a lookup label taken from outside the letters (encoding
        guidelines, §7.2 <q>Headwords and notes</q>, in the edition’s repository; the encoding itself is
        described on the <a href="../guidelines.html">encoding guidelines</a> page): the name the United
        Nations uses in its own voice; else, for a place in a State whose sovereignty over it neither party
        contests, the nationally standardized name; else both parties’ forms in alphabetical order, separated
        by <q> / </q>. The parties’ own forms are the entry’s variants.</p>
    </section>
  </xsl:template>

  <xsl:template match="group">
    <section class="contested" id="{@entry}" aria-labelledby="{@entry}-heading">
      <h2 id="{@entry}-heading"><a href="../{@href}"><xsl:value-of select="@headword"/></a></h2>
      <p class="why">Headword: <xsl:value-of select="@headword"/>. Listed because
        <xsl:value-of select="e:and-words(tokenize(@reasons) ! $reasons(.))"/>.
        <xsl:if test="unused">Names in the register that no letter uses: <xsl:value-of select="string-join(unused/@form, ', ')"/>.</xsl:if></p>
      <div class="table-wrap">
        <table>
          <caption>Forms of <xsl:value-of select="@headword"/> in the letters, by party</caption>
          <thead>
            <tr><th scope="col">Party</th><th scope="col">Form as written</th><th scope="col">Mentions</th>
              <th scope="col">Letters</th><th scope="col">First use</th><th scope="col">Last use</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="use">
              <tr>
                <td><xsl:value-of select="@name"/></td>
                <td class="form"><xsl:value-of select="@form"/></td>
                <td><xsl:value-of select="@count"/></td>
                <td>
                  <xsl:for-each select="letter">
                    <xsl:if test="position() gt 1">; </xsl:if>
                    <a href="../{@href}"><xsl:value-of select="@label"/></a>
                  </xsl:for-each>
                </td>
                <td><xsl:value-of select="@first ! e:iso-label(.)"/></td>
                <td><xsl:value-of select="@last ! e:iso-label(.)"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <!-- "a, b and c" -->
  <xsl:function name="e:and-words" as="xs:string">
    <xsl:param name="words" as="xs:string*"/>
    <xsl:sequence select="if (count($words) le 1) then string($words)
      else string-join($words[position() lt last()], ', ') || ' and ' || $words[last()]"/>
  </xsl:function>
</xsl:stylesheet>
