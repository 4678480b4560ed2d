<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: a chunk of the corpus summary -> its CMIF correspDesc elements, spliced by the
  build into the profileDesc of downloads/cmif.xml (see cmif.xsl and edition.pages).
  Input: <letters><letter id="…" file="…"><teiHeader/></letter>…</letters>, in date order.
  Output: the elements inside TEI/teiHeader/profileDesc, so that they are indented as in the
  whole file; @latest on profileDesc is the chunk's latest change (e:cmif-latest-change), which
  the build passes on to cmif.xsl. The build keeps what is inside profileDesc.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:include href="partials/common.xsl"/>
  <xsl:include href="partials/metadata.xsl"/>
  <xsl:include href="partials/cmif-entries.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <TEI>
      <teiHeader>
        <profileDesc latest="{e:cmif-latest-change(letters/letter)}">
          <xsl:call-template name="e:cmif-correspondence">
            <xsl:with-param name="letters" select="letters/letter"/>
          </xsl:call-template>
        </profileDesc>
      </teiHeader>
    </TEI>
  </xsl:template>
</xsl:stylesheet>
