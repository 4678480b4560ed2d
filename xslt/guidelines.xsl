<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the project schema (schema/edition.xsd) -> guidelines.html.
  Every element the schema declares, with the schema's documentation of the element and of each
  of its attributes and values, and every Schematron rule ($schematron, schema/edition.sch)
  with its id and message. Generated, so the page cannot drift from what the validator checks.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:sch="http://purl.oclc.org/dsdl/schematron"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:e="urn:un-letters-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:include href="partials/common.xsl"/>
  <xsl:include href="partials/page.xsl"/>

  <xsl:param name="schematron" as="document-node()" required="yes"/>

  <xsl:variable name="schema" select="/xs:schema"/>
  <xsl:key name="complex-type" match="xs:complexType[@name]" use="@name"/>
  <xsl:key name="simple-type" match="xs:simpleType[@name]" use="@name"/>
  <xsl:key name="attribute-group" match="xs:attributeGroup[@name]" use="@name"/>
  <xsl:key name="group-ref" match="xs:group[@ref]" use="e:local(@ref)"/>
  <xsl:key name="typed-element" match="xs:element[@name][@type]" use="e:local(@type)"/>
  <xsl:key name="derived-type" match="xs:complexType[@name]"
    use="(xs:complexContent | xs:simpleContent)/(xs:extension | xs:restriction)/@base ! e:local(.)"/>

  <xsl:template match="/">
    <xsl:call-template name="e:page">
      <xsl:with-param name="title" select="'Encoding guidelines'"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="current" select="'guidelines'"/>
      <xsl:with-param name="content-of" select="."/>
    </xsl:call-template>
  </xsl:template>

  <!-- The page's main content (inside the page shell, see e:page). -->
  <xsl:template match="/" mode="e:page-content">
    <xsl:variable name="elements" select="//xs:element[@name]"/>
    <h1>Encoding guidelines</h1>
    <p class="intro">This page is generated from the project schema and its Schematron rules, the
      same files <code>edition validate</code> checks the letters and registers against. The
      public sources that the editorial notes cite are listed in <a href="sources.html">the
      editorial sources</a>.</p>
    <xsl:for-each select="$schema/xs:annotation/xs:documentation">
      <p><xsl:value-of select="normalize-space(.)"/></p>
    </xsl:for-each>
    <nav class="entry-index" aria-labelledby="toc-heading">
      <h2 id="toc-heading">Contents</h2>
      <ul>
        <li><a href="#elements">Elements</a></li>
        <li><a href="#rules">Rules</a></li>
      </ul>
    </nav>
    <section id="elements" aria-labelledby="elements-heading">
      <h2 id="elements-heading">Elements</h2>
      <ul class="element-index">
        <xsl:for-each-group select="$elements" group-by="@name">
          <xsl:sort select="lower-case(current-grouping-key())"/>
          <xsl:sort select="current-grouping-key()"/>
          <li><a href="#el-{current-grouping-key()}"><code><xsl:value-of select="current-grouping-key()"/></code></a></li>
        </xsl:for-each-group>
      </ul>
      <xsl:for-each-group select="$elements" group-by="@name">
        <xsl:sort select="lower-case(current-grouping-key())"/>
        <xsl:sort select="current-grouping-key()"/>
        <section class="element" id="el-{current-grouping-key()}" aria-labelledby="el-{current-grouping-key()}-heading">
          <h3 id="el-{current-grouping-key()}-heading"><code>&lt;<xsl:value-of select="current-grouping-key()"/>&gt;</code></h3>
          <xsl:for-each select="current-group()">
            <div class="declaration">
              <xsl:if test="count(current-group()) gt 1">
                <xsl:choose>
                  <xsl:when test="ancestor::xs:element">
                    <p class="context">In <code><xsl:value-of select="string-join(reverse(ancestor::xs:element/@name), ' in ')"/></code>:</p>
                  </xsl:when>
                  <xsl:otherwise>
                    <!-- declared in a group or a named type: the elements that can contain it -->
                    <xsl:variable name="parents" select="e:containing-elements(.)"/>
                    <xsl:if test="exists($parents)">
                      <p class="context">In <xsl:for-each select="$parents"><xsl:if test="position() gt 1">, </xsl:if><code><xsl:value-of select="."/></code></xsl:for-each>:</p>
                    </xsl:if>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:if>
              <xsl:for-each select="xs:annotation/xs:documentation">
                <p><xsl:value-of select="normalize-space(.)"/></p>
              </xsl:for-each>
              <xsl:variable name="attributes" select="e:attributes(.)"/>
              <xsl:if test="$attributes">
                <dl class="attributes">
                  <xsl:for-each select="$attributes">
                    <dt><code>@<xsl:value-of select="(@name, @ref)[1]"/></code>
                      <xsl:if test="@use = 'required'"> (required)</xsl:if></dt>
                    <dd>
                      <xsl:for-each select="xs:annotation/xs:documentation"><p><xsl:value-of select="normalize-space(.)"/></p></xsl:for-each>
                      <xsl:for-each select="@type[not(starts-with(., 'xs:'))] ! key('simple-type', e:local(.), root(.))">
                        <xsl:for-each select="xs:annotation/xs:documentation">
                          <p class="context">Value: <xsl:value-of select="normalize-space(.)"/></p>
                        </xsl:for-each>
                      </xsl:for-each>
                      <xsl:variable name="values" select="e:enumerations(.)"/>
                      <xsl:if test="$values">
                        <ul class="values">
                          <xsl:for-each select="$values">
                            <li><code><xsl:value-of select="@value"/></code>
                              <xsl:for-each select="xs:annotation/xs:documentation">: <xsl:value-of select="normalize-space(.)"/></xsl:for-each></li>
                          </xsl:for-each>
                        </ul>
                      </xsl:if>
                    </dd>
                  </xsl:for-each>
                </dl>
              </xsl:if>
            </div>
          </xsl:for-each>
        </section>
      </xsl:for-each-group>
    </section>
    <section id="rules" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      <p>What the schema cannot express is checked by these Schematron rules; <code>edition validate</code>
        prints the rule id in brackets, e.g. <code>[ptr-resolves]</code>.</p>
      <xsl:for-each select="$schematron/sch:schema/sch:pattern">
        <section class="pattern">
          <xsl:if test="@id"><xsl:attribute name="id" select="'pattern-' || @id"/></xsl:if>
          <h3><xsl:value-of select="(sch:title, @id, 'Rules')[1]"/></h3>
          <xsl:for-each select="sch:p"><p><xsl:value-of select="normalize-space(.)"/></p></xsl:for-each>
          <xsl:for-each select="sch:rule">
            <div class="rule">
              <xsl:if test="@id"><xsl:attribute name="id" select="'rule-' || @id"/></xsl:if>
              <h4>
                <xsl:value-of select="if (@abstract = 'true') then 'Shared checks' else 'Rule'"/>
                <xsl:if test="@id"> <code>[<xsl:value-of select="@id"/>]</code></xsl:if>
              </h4>
              <xsl:if test="@context"><p class="context">Applies to <code><xsl:value-of select="@context"/></code></p></xsl:if>
              <xsl:for-each select="sch:extends[@rule]">
                <p class="context">Includes the <a href="#rule-{@rule}">shared checks [<xsl:value-of select="@rule"/>]</a>.</p>
              </xsl:for-each>
              <xsl:if test="sch:assert | sch:report">
                <ul class="checks">
                  <xsl:for-each select="sch:assert | sch:report">
                    <li>
                      <xsl:if test="@id"><xsl:attribute name="id" select="'rule-' || @id"/></xsl:if>
                      <xsl:if test="@id"><code>[<xsl:value-of select="@id"/>]</code><xsl:text> </xsl:text></xsl:if>
                      <xsl:value-of select="e:message(.)"/>
                    </li>
                  </xsl:for-each>
                </ul>
              </xsl:if>
            </div>
          </xsl:for-each>
        </section>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- The attributes an element declaration allows: its own, its attribute groups', its base type's. -->
  <xsl:function name="e:attributes" as="element(xs:attribute)*">
    <xsl:param name="decl" as="element(xs:element)"/>
    <xsl:variable name="type" select="($decl/xs:complexType, $decl/@type ! key('complex-type', e:local(.), root($decl)))[1]"/>
    <xsl:sequence select="e:type-attributes($type)"/>
  </xsl:function>

  <xsl:function name="e:type-attributes" as="element(xs:attribute)*">
    <xsl:param name="type" as="element()?"/>
    <!-- attributes of this type, not of elements nested in it -->
    <xsl:variable name="own" select="$type//(xs:attribute | xs:attributeGroup[@ref])[not(ancestor::xs:element[ancestor::* intersect $type])]"/>
    <xsl:for-each select="$own">
      <xsl:choose>
        <xsl:when test="self::xs:attribute"><xsl:sequence select="."/></xsl:when>
        <xsl:otherwise><xsl:sequence select="e:type-attributes(key('attribute-group', e:local(@ref), root(.)))"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:for-each select="$type/(xs:complexContent | xs:simpleContent)/(xs:extension | xs:restriction)/@base">
      <xsl:sequence select="e:type-attributes(key('complex-type', e:local(.), root(.)))"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The names of the elements that can contain a declaration made in a named group or a named
       complex type (the groups and types are followed until an element declaration), sorted. -->
  <xsl:function name="e:containing-elements" as="xs:string*">
    <xsl:param name="decl" as="element()"/>
    <xsl:variable name="container" select="$decl/ancestor::*[self::xs:group[@name] or self::xs:complexType[@name]][1]"/>
    <xsl:for-each select="distinct-values(e:users($container, ()))">
      <xsl:sort select="lower-case(.)"/>
      <xsl:sort select="."/>
      <xsl:sequence select="."/>
    </xsl:for-each>
  </xsl:function>

  <!-- Names of the elements whose content uses $container (a named group or complex type);
       $seen: the containers already followed (groups may be recursive). -->
  <xsl:function name="e:users" as="xs:string*">
    <xsl:param name="container" as="element()?"/>
    <xsl:param name="seen" as="xs:string*"/>
    <xsl:variable name="key" select="local-name($container) || ':' || $container/@name"/>
    <xsl:if test="exists($container) and not($key = $seen)">
      <xsl:choose>
        <xsl:when test="$container/self::xs:group">
          <xsl:for-each select="key('group-ref', string($container/@name), root($container))">
            <xsl:variable name="owner" select="ancestor::*[self::xs:element[@name] or self::xs:group[@name] or self::xs:complexType[@name]][1]"/>
            <xsl:sequence select="if ($owner/self::xs:element) then string($owner/@name) else e:users($owner, ($seen, $key))"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="key('typed-element', string($container/@name), root($container))/string(@name)"/>
          <xsl:for-each select="key('derived-type', string($container/@name), root($container))">
            <xsl:sequence select="e:users(., ($seen, $key))"/>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:function>

  <!-- The values an attribute allows, when the schema lists them. -->
  <xsl:function name="e:enumerations" as="element(xs:enumeration)*">
    <xsl:param name="attribute" as="element(xs:attribute)"/>
    <xsl:sequence select="($attribute/xs:simpleType, $attribute/@type ! key('simple-type', e:local(.), root($attribute)))[1]//xs:enumeration"/>
  </xsl:function>

  <xsl:function name="e:local" as="xs:string">
    <xsl:param name="qname" as="xs:string"/>
    <xsl:sequence select="if (contains($qname, ':')) then substring-after($qname, ':') else $qname"/>
  </xsl:function>

  <!-- A Schematron message with its computed parts shown as "…". -->
  <xsl:function name="e:message" as="xs:string">
    <xsl:param name="check" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:for-each select="$check/node()">
        <xsl:sequence select="if (self::sch:value-of or self::sch:name) then '…' else string(.)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts, ''))"/>
  </xsl:function>
</xsl:stylesheet>
