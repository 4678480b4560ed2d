"""Run the edition's XSLT 3.0 stylesheets in-process with saxonche: safely, and compiled once.

One `Saxon` object per process holds the only `PySaxonProcessor`, its `PyXslt30Processor` and
every stylesheet compiled at most once, so a build of thousands of letters never recompiles or
starts a process per document. The processor is configured before anything is parsed so that
XML parsing refuses DOCTYPE declarations (hence no entity, internal or external, is ever
expanded) and only local files can be read: a letter cannot make the build leak a file.
"""
from __future__ import annotations

from pathlib import Path

# Entry stylesheets, one per output kind (file names under xslt/).
STYLESHEETS = {
    "letter-html": "letter-html.xsl",
    "letter-text": "letter-text.xsl",
    "letter-cite": "letter-cite.xsl",
    "mentions": "mentions.xsl",
    "index": "index.xsl",
    "register": "register.xsl",
    "register-entry": "register-entry.xsl",
    "guidelines": "guidelines.xsl",
    "sources": "sources.xsl",
    "search": "search.xsl",
    "about": "about.xsl",
    "cmif": "cmif.xsl",
    "corpus-text": "corpus-text.xsl",
    "claims": "claims.xsl",
    "views": "views.xsl",
    "view-contested-names": "view-contested-names.xsl",
    "view-correspondence": "view-correspondence.xsl",
    "view-timeline": "view-timeline.xsl",
}

_PARSER_FEATURE = "http://saxon.sf.net/feature/parserFeature?uri="
# Saxon configuration properties set on every processor before any parsing.
SECURE_PROPERTIES = (
    (_PARSER_FEATURE + "http%3A//apache.org/xml/features/disallow-doctype-decl", "true"),
    (_PARSER_FEATURE + "http%3A//xml.org/sax/features/external-general-entities", "false"),
    (_PARSER_FEATURE + "http%3A//xml.org/sax/features/external-parameter-entities", "false"),
    (_PARSER_FEATURE + "http%3A//apache.org/xml/features/nonvalidating/load-external-dtd", "false"),
    ("http://saxon.sf.net/feature/allowedProtocols", "file"),
)


class TransformError(Exception):
    """A stylesheet failed to compile or to run; the message names the stylesheet and the input."""


class Saxon:
    """The process's Saxon processor, its compiled stylesheets and their shared parameters."""

    def __init__(self, xslt_dir: Path):
        from saxonche import PySaxonProcessor  # imported here: `edition validate` never pays for it

        self.xslt_dir = Path(xslt_dir)
        self.processor = PySaxonProcessor(license=False)
        for name, value in SECURE_PROPERTIES:
            self.processor.set_configuration_property(name, value)
        self.compiler = self.processor.new_xslt30_processor()
        self._executables: dict = {}
        self._shared: dict = {}

    def parse_file(self, path: Path):
        """Parse an XML file into a Saxon tree (DOCTYPE refused by the processor's parser)."""
        try:
            return self.processor.parse_xml(xml_file_name=str(Path(path).resolve()))
        except Exception as exc:  # saxonche raises its own PySaxonApiError
            raise TransformError(f"{path}: cannot be read as XML: {_clean(exc)}") from None

    def parse_text(self, text: str, what: str = "generated XML"):
        """Parse XML the build generated itself (summaries, contexts, mention indexes)."""
        try:
            return self.processor.parse_xml(xml_text=text)
        except Exception as exc:
            raise TransformError(f"{what}: not well-formed: {_clean(exc)}") from None

    def share(self, **params) -> None:
        """Parameters every stylesheet receives (edition config, registers), given once."""
        self._shared.update(params)
        for executable in self._executables.values():
            for name, node in params.items():
                executable.set_parameter(name, node)

    def executable(self, name: str):
        """The compiled stylesheet `name` (see STYLESHEETS), compiled on first use only."""
        if name not in self._executables:
            path = self.xslt_dir / STYLESHEETS[name]
            try:
                executable = self.compiler.compile_stylesheet(stylesheet_file=str(path))
            except Exception as exc:
                raise TransformError(f"{path}: the stylesheet does not compile: {_clean(exc)}") from None
            if executable is None:
                raise TransformError(f"{path}: the stylesheet does not compile")
            for param, node in self._shared.items():
                executable.set_parameter(param, node)
            self._executables[name] = executable
        return self._executables[name]

    def run(self, name: str, node, what: str, **params) -> str:
        """Apply stylesheet `name` to the parsed document `node`; return the serialized result.

        `what` names the input for error messages (usually the TEI file).
        """
        executable = self.executable(name)
        for param, value in params.items():
            executable.set_parameter(param, value)
        try:
            result = executable.transform_to_string(xdm_node=node)
        except Exception as exc:
            raise TransformError(f"{what}: {STYLESHEETS[name]} failed: {_clean(exc)}") from None
        if result is None:
            raise TransformError(f"{what}: {STYLESHEETS[name]} produced no output")
        return result


    def run_to_file(self, name: str, node, what: str, output: Path, **params) -> None:
        """Like `run`, but Saxon serializes straight into `output`: for the corpus-level pages,
        whose size grows with the corpus, so they never pass through a Python string."""
        executable = self.executable(name)
        for param, value in params.items():
            executable.set_parameter(param, value)
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            executable.transform_to_file(xdm_node=node, output_file=str(output))
        except Exception as exc:
            raise TransformError(f"{what}: {STYLESHEETS[name]} failed: {_clean(exc)}") from None
        if not output.is_file():
            raise TransformError(f"{what}: {STYLESHEETS[name]} produced no output")

    def run_to_folder(self, name: str, node, what: str, folder: Path, **params) -> None:
        """Like `run_to_file`, for a stylesheet whose outputs are its secondary results
        (xsl:result-document): their relative hrefs are resolved against `folder`, and Saxon
        serializes each into its file. One transform for many pages: each transform has a fixed
        cost of its own."""
        executable = self.executable(name)
        for param, value in params.items():
            executable.set_parameter(param, value)
        folder.mkdir(parents=True, exist_ok=True)
        executable.set_base_output_uri(folder.resolve().as_uri() + "/")
        try:
            executable.transform_to_string(xdm_node=node)
        except Exception as exc:
            raise TransformError(f"{what}: {STYLESHEETS[name]} failed: {_clean(exc)}") from None

    def call_template_value(self, name: str, template: str):
        """Call the named template `template` (Clark name) of stylesheet `name`; return its XDM value.

        Used for values every letter needs that depend only on the shared parameters (the
        register entry index): computed once per process, then shared. (A template, not a
        function: saxonche's function calls do not see the executable's parameters.)
        """
        executable = self.executable(name)
        executable.set_result_as_raw_value(True)
        try:
            value = executable.call_template_returning_value(template)
        except Exception as exc:
            raise TransformError(f"{STYLESHEETS[name]}: {template} failed: {_clean(exc)}") from None
        finally:
            executable.set_result_as_raw_value(False)
        if value is None or value.size != 1:
            raise TransformError(f"{STYLESHEETS[name]}: {template} did not return one value")
        return value.head


def _clean(exc: Exception) -> str:
    """Saxon's message on one line, without its padding."""
    return " ".join(str(exc).split()) or type(exc).__name__
