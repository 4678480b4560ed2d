"""The identifier of the edition in its CMIF file (sourceDesc/bibl/@xml:id, correspDesc/@source).

correspSearch asks for a UUID there, so that an edition is recognised across harvests. It must
not change from build to build, so it is not random: it is the name-based UUID (version 5, URL
namespace) of the edition's public address, `base-url` in xslt/config.xml. It changes only when
the edition moves. An xml:id may not start with a digit, so the UUID is prefixed with "uuid-"
(correspSearch's check looks for the UUID inside the id).
"""
from __future__ import annotations

import uuid
from pathlib import Path

from lxml import etree

from edition.load import check_bytes

CONFIG_NS = "urn:un-letters-edition:config"


def source_uuid(base_url: str) -> str:
    """The UUIDv5 of the base URL, written as the stylesheets write it (with a final slash)."""
    url = base_url.strip()
    return str(uuid.uuid5(uuid.NAMESPACE_URL, url if url.endswith("/") else url + "/"))


def source_id(config: Path) -> str:
    """The CMIF source id of the edition whose config file is `config`: "uuid-" + source_uuid."""
    data = Path(config).read_bytes()
    check_bytes(Path(config), data)  # no DOCTYPE, UTF-8; then a parser that resolves nothing
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    base_url = etree.fromstring(data, parser).findtext(f"{{{CONFIG_NS}}}base-url") or ""
    return "uuid-" + source_uuid(base_url)
