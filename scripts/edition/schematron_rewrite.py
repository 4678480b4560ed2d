"""The XSLT that lxml's ISO skeleton makes of the Schematron, rewritten to do the same work faster.

Validation runs on thousands of letters, and the skeleton's validator took ~5 ms a letter,
most of `edition validate`. `optimise()` applies these rewrites, each only where it is certain
to change nothing (same asserts, same messages, same locations, in the same order;
tests/test_validate_schematron_rewrite.py holds the result to the skeleton's own validator):

1. each pattern selects the nodes its rules are about (`//tei:date[@when]`, the rule's
   context by its last step) instead of walking every element and attribute of the letter
   once per pattern; a rule without lets is moreover asked, in that select, whether it has
   anything to say on the node (`_select_rule_contexts`);
2. paths from the root that the rules evaluate again on every node (the listPrefixDef, the
   letter's date) become global variables, evaluated once (`_hoist_constant_expressions`);
3. the registers are parsed once per process instead of once per letter by libxslt's
   document(): the call goes through an extension function
   (edition.schematron_documents.ParsedTargets) that returns the same document, read with the
   same checks (`_serve_documents_in_process`).

The rewrite depends on the shape of what the skeleton generates; where that shape is not
the expected one, the pattern is left as it is (slower, never wrong).
"""
from __future__ import annotations

import re

from lxml import etree

from edition.schematron_documents import EDX

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
XSL = "{http://www.w3.org/1999/XSL/Transform}"


def optimise(xslt_doc: etree._Element) -> None:
    """Apply every rewrite to the validator stylesheet, in place."""
    _drop_idle_passes(xslt_doc)
    _skip_attributes_where_unmatched(xslt_doc)
    _select_rule_contexts(xslt_doc)
    _hoist_constant_expressions(xslt_doc)
    _serve_documents_in_process(xslt_doc)


def _drop_idle_passes(xslt_doc: etree._Element) -> None:
    """Remove the skeleton's `<xsl:apply-templates/>` inside each `svrl:active-pattern`.

    The ISO skeleton writes one there per pattern: a walk of the whole document in the default
    mode, whose only templates are the root's and an empty one for text(), so it outputs
    nothing. With ten patterns that is ten idle walks per file (about a tenth of the
    Schematron's time); the patterns' own walks (their modes) are untouched.
    """
    for active in xslt_doc.iter(f"{SVRL}active-pattern"):
        for walk in active.findall(f"{XSL}apply-templates"):
            if walk.get("select") is None and walk.get("mode") is None and len(walk) == 0:
                active.remove(walk)


def _top_level_split(text: str, separator: str) -> list[str]:
    """`text` split at `separator` outside brackets, parentheses and quotes."""
    parts, depth, quote, start = [], 0, None, 0
    for i, char in enumerate(text):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _may_match_attributes(pattern: str) -> bool:
    """Whether an XSLT 1.0 match pattern can match an attribute node (when unsure: yes)."""
    for alternative in _top_level_split(pattern, "|"):
        last = _top_level_split(alternative, "/")[-1].strip()
        step = _top_level_split(last, "[")[0].strip()
        if step.startswith(("@", "attribute::")) or "node()" in step or "(" in step or step == "":
            return True
    return False


def _skip_attributes_where_unmatched(xslt_doc: etree._Element) -> None:
    """In the walk of a pattern none of whose rules can fire on an attribute, visit elements only.

    The skeleton walks `@*|*` in every pattern's mode; the attributes are visited only to be
    matched against the pattern's rules. Where no rule context can match an attribute (most
    patterns here: dates in the text, footnotes, symbols, titles, empty elements), the walk
    selects `*` instead: the same rules fire on the same nodes, with half the nodes visited.
    """
    templates: dict[str, list[etree._Element]] = {}
    for template in xslt_doc.iterfind(f"{XSL}template"):
        if template.get("mode"):
            templates.setdefault(template.get("mode"), []).append(template)
    for mode, in_mode in templates.items():
        rules = [t.get("match") or "" for t in in_mode if t.get("match") not in ("text()", "@*|node()")]
        if not rules or any(_may_match_attributes(rule) for rule in rules):
            continue
        for template in in_mode:
            for walk in template.iter(f"{XSL}apply-templates"):
                if walk.get("mode") == mode and walk.get("select") == "@*|*":
                    walk.set("select", "*")


# ---------------------------------------------------------------- 1. patterns select their nodes

# The last step of a match pattern that can be selected directly: a name test (QName, prefix:*,
# *) on the child or attribute axis, with any predicates.
_NAME_STEP = re.compile(r"(@|attribute::|child::)?(?:\*|[A-Za-z_][\w.\-]*:\*|(?:[A-Za-z_][\w.\-]*:)?[A-Za-z_][\w.\-]*)\s*(?:\[.*\])?", re.DOTALL)
_STRING_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")
_VARIABLE_REFERENCE = re.compile(r"\$([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)")
# Functions whose value depends on where the expression is evaluated from, not only on the
# context node: they cannot move from a template into a predicate of the select.
_CONTEXT_FUNCTIONS = re.compile(r"(?<![\w.\-:$])(?:position|last|current)\s*\(")


def _without_strings(expression: str) -> str:
    """`expression` with its string literals emptied, so that their text is not taken for XPath."""
    return _STRING_LITERAL.sub("''", expression)


def _predicates(step: str) -> list[str]:
    """The predicates of a step (`tei:date[@when][1]` → ["@when", "1"])."""
    found, depth, quote, start = [], 0, None, None
    for i, char in enumerate(step):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[(":
            if char == "[" and depth == 0:
                start = i + 1
            depth += 1
        elif char in "])":
            depth -= 1
            if char == "]" and depth == 0 and start is not None:
                found.append(step[start:i])
                start = None
    return found


def _at_top_level(expression: str) -> str:
    """`expression` with string literals and what is inside brackets or parentheses blanked."""
    kept, depth = [], 0
    for char in _without_strings(expression):
        if char in "])":
            depth -= 1
        kept.append(char if depth == 0 else " ")
        if char in "[(":
            depth += 1
    return "".join(kept)


def _single_call(expression: str) -> str | None:
    """The function's name if `expression` is one function call (`substring(…)`), else None."""
    call = re.fullmatch(r"([A-Za-z_][\w.\-]*)\s*\(\s*\)", _at_top_level(expression).strip())
    return call.group(1) if call else None


def _is_filter(predicate: str) -> bool:
    """Whether a predicate is certainly a true/false test, never a position (`[1]`, `[$n]`).

    True when its outermost operator is a comparison, `and` or `or` (the operators that bind
    least, so the value is a boolean whatever the operands), or when it is one call to a
    boolean function; and it does not use position() or last().
    """
    if _CONTEXT_FUNCTIONS.search(_without_strings(predicate)):
        return False
    predicate = predicate.strip()
    top = _at_top_level(predicate)
    if re.search(r"[=<>]|[\w.)\]'](?:\s+)(?:and|or)(?=[\s($@'\"])", top):
        return True
    return _single_call(predicate) in ("not", "true", "false", "boolean", "contains", "starts-with", "lang")


def _candidates(pattern: str) -> list[str] | None:
    """Select expressions for a superset of the nodes `pattern` matches in the skeleton's walk.

    A node matches a pattern only if it matches its last step, so each alternative becomes
    `//last-step` (`//*/@name` for an attribute): the elements with that name and those
    predicates, wherever they are; the template's own match then decides, as before. An
    absolute path of plain steps (`/tei:TEI/tei:teiHeader/…`) is kept as it is: it is cheap
    and exact. Only name tests are accepted (they select elements and attributes, which is
    what the walk visits: never text, comments or namespace nodes); otherwise None.
    """
    selects: list[str] = []
    for alternative in _top_level_split(pattern, "|"):
        alternative = alternative.strip()
        steps = [step.strip() for step in _top_level_split(alternative, "/")]
        last = _NAME_STEP.fullmatch(steps[-1])
        if not last or "(" in steps[-1].split("[", 1)[0]:
            return None
        if alternative.startswith("/") and not alternative.startswith("//") and all(_NAME_STEP.fullmatch(step) for step in steps[1:]):
            select = alternative
        elif last.group(1) in ("@", "attribute::"):
            select = "//*/" + steps[-1]
        elif all(_is_filter(predicate) for predicate in _predicates(steps[-1])):
            # libxml2 walks //x as one descendant:: axis only without predicates; with
            # predicates that are not positions, /descendant::x[…] selects the same nodes
            select = "/descendant::" + steps[-1].removeprefix("child::")
        else:
            select = "//" + steps[-1]
        if select not in selects:
            selects.append(select)
    return selects or None


def _output_condition(template: etree._Element, global_names: set[str], scope: dict) -> str | None:
    """An XPath condition, true on a node exactly when this rule template writes something there.

    A rule template as the skeleton writes it holds its lets (`xsl:variable`), then one
    `xsl:choose` per assert (output in `xsl:otherwise` when the test is false) and one `xsl:if`
    per report. When it has no lets and its tests use only the context node (no current(),
    position(), last(), no variable but global ones) and mean the same with the namespaces of
    `scope` (where the condition will be evaluated), the condition is "some assert test is
    false or some report test is true", and it can be evaluated as a predicate on the node
    instead of in the template. None when the template is anything else.
    """
    parts = []
    for child in template:
        if not isinstance(child.tag, str):
            continue  # comments
        if child.tail and child.tail.strip():
            return None  # literal text would be output
        if child.tag == f"{XSL}choose":
            branches = [b for b in child if isinstance(b.tag, str)]
            if len(branches) != 2 or branches[0].tag != f"{XSL}when" or branches[1].tag != f"{XSL}otherwise" or len(branches[0]) or (branches[0].text or "").strip():
                return None
            test = branches[0].get("test")
            parts.append(f"not({test})")
        elif child.tag == f"{XSL}if":
            test = child.get("test")
            parts.append(f"boolean({test})")
        else:
            return None
        bare = _without_strings(test or "")
        if not test or _CONTEXT_FUNCTIONS.search(bare) or not set(_VARIABLE_REFERENCE.findall(bare)) <= global_names:
            return None
        if not child.nsmap.items() <= scope.items():
            return None
    if (template.text or "").strip():
        return None
    return " or ".join(parts) if parts else "false()"


# The skeleton's walk from each rule template and default template, by what its contexts
# may match (comments and processing instructions are visited when no context has a "(").
_WALKS = ("@*|*", "*", "@*|*|comment()|processing-instruction()", "*|comment()|processing-instruction()")


def _select_rule_contexts(xslt_doc: etree._Element) -> None:
    """Let each pattern select the nodes its rules can report on, instead of walking the document.

    The skeleton runs a pattern by applying its mode to the root and walking every element and
    attribute (`apply-templates select="@*|*"` from each rule template and from a default
    template), only to match each node against the pattern's few rules. Instead, the root's
    `apply-templates select="/" mode="M…"` selects the union of the rules' candidates (see
    `_candidates`: `tei:text//tei:date[@when]` becomes `//tei:date[@when]`), the rule templates
    no longer walk on and the default template does nothing. Where a rule can only write
    through its asserts and reports and has no lets, its candidates are narrowed to the nodes
    where it would write (`_output_condition`), so that a node that passes costs one predicate
    instead of a template call.

    Why the findings stay the same: every node the walk would report on is selected (it matches
    the last step of its rule's context, and that rule writes there), and each selected node
    still goes through the mode's templates with their priorities, so the first matching rule
    of the pattern fires, as before; a node that matches none falls to the now empty default
    template. The union is in document order, the order of the walk. A pattern is left as the
    skeleton wrote it unless every rule context has candidates and no rule template uses
    position() or last() (whose values depend on how the template was reached), and a
    predicate is only added where the namespaces in scope are the same as at the select.
    One difference remains in principle: a test or a context predicate is now also evaluated
    on nodes that a rule of higher priority takes, so an expression that raises an XPath
    error there (count() of a string, say) would stop the run; edition.sch has none.
    """
    global_names = {top.get("name") for top in xslt_doc if top.tag in (f"{XSL}variable", f"{XSL}param")}
    templates: dict[str, list[etree._Element]] = {}
    for template in xslt_doc.iterfind(f"{XSL}template"):
        if template.get("mode"):
            templates.setdefault(template.get("mode"), []).append(template)
    entries: dict[str, list[etree._Element]] = {}
    for root_template in xslt_doc.iterfind(f"{XSL}template[@match='/']"):
        if root_template.get("mode") is None:
            for entry in root_template.iter(f"{XSL}apply-templates"):
                if entry.get("select") == "/" and entry.get("mode") and len(entry) == 0:
                    entries.setdefault(entry.get("mode"), []).append(entry)
    for mode, mode_entries in entries.items():
        rules, defaults = [], []
        for template in templates.get(mode, []):
            (defaults if template.get("match") in ("text()", "@*|node()") else rules).append(template)
        if not rules or len(defaults) != 2 or any(t.get("name") for t in rules + defaults):
            continue
        # the namespaces in scope at the select (one pattern has one entry; if several, all agree)
        scope = dict(mode_entries[0].nsmap)
        if any(entry.nsmap != scope for entry in mode_entries):
            continue
        walks, certain = [], all(rule.nsmap.items() <= scope.items() for rule in rules)
        for template in rules + defaults:
            for element in template.iter():
                if isinstance(element.tag, str) and any(_CONTEXT_FUNCTIONS.search(_without_strings(v)) for v in element.attrib.values()):
                    certain = False
            for element in template.iter(f"{XSL}*"):
                if element.get("mode") == mode or element.tag in (f"{XSL}for-each", f"{XSL}call-template", f"{XSL}apply-imports"):
                    if element.tag == f"{XSL}apply-templates" and element.get("select") in _WALKS and len(element) == 0 and element.getparent() is template:
                        walks.append(element)
                    elif element is not template:
                        certain = False
        candidates = [_candidates(rule.get("match") or "") for rule in rules]
        if not certain or None in candidates:
            continue
        # the walk must go on from every rule and from the default template, into every
        # element, and into the attributes if a rule is about attributes
        walking = [t for t in rules + defaults if t.get("match") != "text()"]
        if sorted(id(walk.getparent()) for walk in walks) != sorted(id(t) for t in walking):
            continue
        if any(c.startswith("//*/") for rule_candidates in candidates for c in rule_candidates) and not all(w.get("select").startswith("@*|") for w in walks):
            continue
        for walk in walks:
            walk.getparent().remove(walk)
        selects: list[str] = []
        for rule, rule_candidates in zip(rules, candidates):
            condition = _output_condition(rule, global_names, scope)
            if condition == "false()":
                continue  # this rule never writes anything
            for candidate in rule_candidates:
                select = f"{candidate}[{condition}]" if condition else candidate
                if select not in selects:
                    selects.append(select)
        for entry in mode_entries:
            entry.set("select", " | ".join(selects) if selects else "/..")


# ---------------------------------------------------------------- 2. constants evaluated once

_PATH_STEP = re.compile(r"@?(?:[A-Za-z_][\w.\-]*:)?(?:[A-Za-z_][\w.\-]*|\*)")
_PREFIX_USE = re.compile(r"(?<![\w.\-:])([A-Za-z_][\w.\-]*):(?!:)")
_FUNCTION_AVAILABLE = re.compile(r"(?<![\w.\-:$])function-available\s*\(\s*'[A-Za-z_][\w.\-]*'\s*\)")


def _absolute_paths(expression: str) -> list[tuple[int, int, list[tuple[int, int, list[tuple[int, int]]]]]]:
    """Absolute location paths of plain steps in `expression`, outside any predicate.

    Returns (start, end, steps) for each, steps being (start, end, predicates) with the
    predicates' (start, end) without their brackets. Paths inside a predicate are left out
    (there `/` may be the root of another document), and so is anything unusual (other
    axes, `.`, `..`, function calls): such a path is simply not found.
    """
    found, depth, i, quote = [], 0, 0, None
    n = len(expression)
    while i < n:
        char = expression[i]
        if quote:
            quote = None if char == quote else quote
            i += 1
            continue
        if char in "'\"":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "/" and depth == 0:
            before = expression[:i].rstrip()
            if before == "" or before[-1] in "(,|=<>":
                parsed = _parse_path(expression, i)
                if parsed:
                    found.append(parsed)
                    i = parsed[1]
                    continue
        i += 1
    return found


def _parse_path(expression: str, start: int):
    """The absolute path starting at `start` (a "/"), as `_absolute_paths` gives it, or None."""
    steps, i, n = [], start, len(expression)
    while i < n and expression[i] == "/" and expression[i + 1:i + 2] != "/":
        step = _PATH_STEP.match(expression, i + 1)
        if not step:
            return None
        i = step.end()
        predicates = []
        while i < n and expression[i] == "[":
            depth, j, quote = 0, i, None
            while j < n:
                char = expression[j]
                if quote:
                    quote = None if char == quote else quote
                elif char in "'\"":
                    quote = char
                elif char == "[":
                    depth += 1
                elif char == "]":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= n:
                return None
            predicates.append((i + 1, j))
            i = j + 1
        steps.append((step.start(), i, predicates))
    after = expression[i:].lstrip()
    if not steps or (after and after[0] not in ")],|=!<>" and not re.match(r"(?:and|or|div|mod)\b", after)):
        return None
    return start, i, steps


def _hoist_constant_expressions(xslt_doc: etree._Element) -> None:
    """Evaluate once per transformation what the rule templates compute again on every node.

    In the templates of the patterns' modes, which only ever run on nodes of the validated
    document, an absolute path such as `/tei:TEI/tei:teiHeader/…/tei:prefixDef` has the same
    value on every node: it becomes a global variable (evaluated once, from the root of the
    same document). Where the path's last step ends with predicates on the template's
    variables (`…/tei:prefixDef[@ident = $prefix]`), only the part before them is global and
    those predicates filter the variable, which is the same as long as none of them is a
    position (`_is_filter`). `function-available('name')` is hoisted the same way. Only
    paths outside predicates, outside xsl:for-each, whose prefixes mean the same at the top
    of the stylesheet, are touched.
    """
    global_names = {top.get("name") for top in xslt_doc if top.tag in (f"{XSL}variable", f"{XSL}param")}
    taken = {v.get("name") for v in xslt_doc.iter(f"{XSL}variable", f"{XSL}param")}
    modes = set()
    for root_template in xslt_doc.iterfind(f"{XSL}template[@match='/']"):
        if root_template.get("mode") is None:
            modes.update(a.get("mode") for a in root_template.iter(f"{XSL}apply-templates") if a.get("mode"))
    hoisted: dict[str, str] = {}

    def global_for(expression: str) -> str:
        if expression not in hoisted:
            name = f"edition-constant-{len(hoisted) + 1}"
            while name in taken:
                name += "-"
            hoisted[expression] = name
        return "$" + hoisted[expression]

    def same_namespaces(element: etree._Element, expression: str) -> bool:
        prefixes = set(_PREFIX_USE.findall(_without_strings(expression))) - {"xml"}  # xml: is bound everywhere
        return all(element.nsmap.get(p) is not None and element.nsmap.get(p) == xslt_doc.nsmap.get(p) for p in prefixes)

    def is_constant(expression: str, local_names: set[str]) -> bool:
        bare = _without_strings(expression)
        return not _CONTEXT_FUNCTIONS.search(bare) and not set(_VARIABLE_REFERENCE.findall(bare)) & local_names and set(_VARIABLE_REFERENCE.findall(bare)) <= global_names

    for template in xslt_doc.iterfind(f"{XSL}template"):
        if template.get("mode") not in modes:
            continue
        local_names = {v.get("name") for v in template.iter(f"{XSL}variable", f"{XSL}param")}
        for element in template.iter(f"{XSL}*"):
            if any(a.tag == f"{XSL}for-each" for a in element.iterancestors()) or element.tag == f"{XSL}for-each":
                continue
            for attribute in ("select", "test"):
                expression = element.get(attribute)
                if not expression:
                    continue
                pieces, last = [], 0
                for start, end, steps in _absolute_paths(expression):
                    # the steps up to the first predicate that is not constant
                    cut = None
                    for s_index, (_, _, predicates) in enumerate(steps):
                        for p_index, (p_start, p_end) in enumerate(predicates):
                            if not is_constant(expression[p_start:p_end], local_names):
                                cut = (s_index, p_index)
                                break
                        if cut:
                            break
                    if cut is None:
                        constant, rest = expression[start:end], ""
                    else:
                        s_index, p_index = cut
                        rest_predicates = steps[s_index][2][p_index:]
                        if s_index != len(steps) - 1 or not all(_is_filter(expression[a:b]) for a, b in rest_predicates):
                            continue
                        constant, rest = expression[start:rest_predicates[0][0] - 1], expression[rest_predicates[0][0] - 1:end]
                    if not same_namespaces(element, constant):
                        continue
                    pieces.append(expression[last:start] + global_for(constant) + rest)
                    last = end
                rewritten = "".join(pieces) + expression[last:]
                literals = [m.span() for m in _STRING_LITERAL.finditer(rewritten)]
                rewritten = _FUNCTION_AVAILABLE.sub(
                    lambda m: m.group(0) if any(a <= m.start() < b for a, b in literals) else global_for(m.group(0)), rewritten)
                if rewritten != expression:
                    element.set(attribute, rewritten)
    first_template = xslt_doc.find(f"{XSL}template")
    for expression, name in hoisted.items():
        variable = xslt_doc.makeelement(f"{XSL}variable", {"name": name, "select": expression})
        variable.tail = "\n"
        if first_template is not None:
            first_template.addprevious(variable)
        else:
            xslt_doc.append(variable)


# ---------------------------------------------------------------- 3. registers parsed once

_DOCUMENT_CALL = re.compile(r"(?<![\w.\-:$])document\s*\(")
_DOCUMENT_OF_ROOT = re.compile(r"(?<![\w.\-:$])document\s*\(\s*(\$[A-Za-z_][\w.\-]*|'[^']*')\s*,\s*/\s*\)")
_STRING_FUNCTIONS = ("string", "concat", "substring", "substring-before", "substring-after", "normalize-space", "translate", "local-name", "name", "namespace-uri")


def _is_string_expression(expression: str) -> bool:
    """Whether an XPath expression is certainly a string: a literal or one string function call."""
    expression = expression.strip()
    if re.fullmatch(r"'[^']*'|\"[^\"]*\"", expression):
        return True
    return _single_call(expression) in _STRING_FUNCTIONS


def _serve_documents_in_process(xslt_doc: etree._Element) -> bool:
    """Let `document($file, /)` take its target from `ParsedTargets` instead of parsing it.

    Each `xsl:variable` of a template whose select calls `document($name, /)`, `$name` being
    a string variable of the same template (or a string literal), gets a helper variable
    before it, `edx:document($name, /*)` (one Python call, remembered for the rest of the
    transformation), and the call becomes

        ($helper[self::*]/.. | document($helper[not(self::*)], /))

    i.e. the document node of the parsed target, or, when the helper gave back the reference
    itself (a text node), libxslt's own document() of the same string against the same base:
    the same node-set either way. Done only if every document() call of the stylesheet has
    this form (two loads of one file would otherwise be two different documents) and
    nothing strips white space from loaded documents. Returns whether anything was changed.
    """
    calls, rewritable = 0, []
    for element in xslt_doc.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in (f"{XSL}strip-space", f"{XSL}preserve-space"):
            return False
        for name, value in element.attrib.items():
            found = len(_DOCUMENT_CALL.findall(_without_strings(value)))
            if not found:
                continue
            calls += found
            template = element.getparent()
            if element.tag != f"{XSL}variable" or name != "select" or template is None or template.tag != f"{XSL}template":
                continue
            arguments = _DOCUMENT_OF_ROOT.findall(value)
            if len(arguments) != found or len(set(arguments)) != 1:
                continue
            argument = arguments[0]
            if argument.startswith("$"):
                declared = [v for v in element.itersiblings(f"{XSL}variable", preceding=True) if v.get("name") == argument[1:]]
                if not declared or not _is_string_expression(declared[0].get("select") or "x"):
                    continue
            rewritable.append((element, argument, found))
    if not rewritable or calls != sum(found for _, _, found in rewritable):
        return False
    taken = {v.get("name") for v in xslt_doc.iter(f"{XSL}variable", f"{XSL}param")}
    for number, (variable, argument, _) in enumerate(rewritable, start=1):
        helper_name = f"edition-document-{number}"
        if helper_name in taken:
            return False  # (left half done is impossible: names are checked before any change)
    for number, (variable, argument, _) in enumerate(rewritable, start=1):
        helper_name = f"edition-document-{number}"
        helper = variable.makeelement(f"{XSL}variable", {"name": helper_name, "select": f"edx:document({argument}, /*)"}, nsmap={"edx": EDX})
        helper.tail = variable.tail
        variable.addprevious(helper)
        replacement = f"(${helper_name}[self::*]/.. | document(${helper_name}[not(self::*)], /))"
        variable.set("select", _DOCUMENT_OF_ROOT.sub(lambda _: replacement, variable.get("select")))
    return True
