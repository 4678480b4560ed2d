<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared by the views' entry stylesheets (views.xsl, view-*.xsl): what each view is, for the
  views index, and the line of data downloads under a view's heading. The views' facts are
  computed by edition.views; nothing here decides what is in a view.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- name -> [title, description, data files (name under views/, label)] -->
  <xsl:variable name="e:views" as="map(xs:string, array(*))" select="map{
    'contested-names': ['Contested names',
      'The places the parties name differently: which form each party uses, in which letters, how often, first and last use, and the neutral headword of the registers.',
      (['contested-names.csv', 'CSV'], ['contested-names.json', 'JSON'])],
    'claims': ['Claims',
      'The quantitative claims of the letters (casualties, damage, displaced persons, prisoners, mines), each attributed to its claimant and linked to its passage.',
      ()],
    'correspondence': ['Correspondence and citations',
      'The letters, the letters and documents they answer and the United Nations documents they cite, as a graph.',
      (['correspondence-nodes.csv', 'CSV of the nodes'], ['correspondence-edges.csv', 'CSV of the edges'], ['correspondence.json', 'JSON'])],
    'timeline': ['Timeline',
      'The letters and the dates their texts name, in date order, each linked to its passage.',
      (['timeline.csv', 'CSV'], ['timeline.json', 'JSON'])]}"/>

  <!-- "Data: CSV, JSON" for a view page ($prefix: the path from the page to views/) -->
  <xsl:template name="e:view-data">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="prefix" as="xs:string" select="''"/>
    <xsl:variable name="files" select="array:flatten($e:views($name)(3))" xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
    <xsl:if test="exists($files)">
      <p class="view-data">Data of this view:
        <xsl:for-each select="$e:views($name)(3)">
          <xsl:if test="position() gt 1">, </xsl:if>
          <a href="{$prefix}{?1}" download=""><xsl:value-of select="?2"/></a>
        </xsl:for-each>.</p>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
