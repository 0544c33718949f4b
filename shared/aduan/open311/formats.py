"""Open311's documents in XML (the format the spec requires) and JSON, chosen by the resource's suffix.

A document is a root name and a value: a list (`services`, `service_requests`, `errors`: a JSON array, XML
items named by `ITEM_TAGS`) or a mapping (`discovery`, `service_definition`: a JSON object). XML starts with
the declaration with `encoding="utf-8"` (the spec's rule); `None` is an empty element, booleans are
`true`/`false`. Built with ElementTree, so text is always escaped and the XML well formed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from xml.etree import ElementTree

from aduan.open311.errors import NotFound

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


class Format(StrEnum):
    XML = "xml"
    JSON = "json"


CONTENT_TYPES = {Format.XML: "text/xml; charset=utf-8", Format.JSON: "application/json; charset=utf-8"}
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}
# Characters XML 1.0 cannot carry at all (C0 controls other than tab, newline, carriage return; surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Document:
    root: str
    value: Sequence[Mapping[str, Any]] | Mapping[str, Any]


def split_suffix(name: str) -> tuple[str, Format]:
    """`requests.json` -> (`requests`, JSON). HttpApi path variables fill whole segments, so the routes take
    `{file}` and read the suffix here. No suffix, or one other than `.xml`/`.json`: 404 (no such resource)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        raise NotFound("Unknown resource: add .xml or .json")
    try:
        return stem, Format(suffix.lower())
    except ValueError:
        raise NotFound("Unsupported format: use .xml or .json") from None


def render(document: Document, fmt: Format) -> str:
    if fmt is Format.JSON:
        return json.dumps(document.value, ensure_ascii=False, separators=(",", ":"))
    root = ElementTree.Element(document.root)
    _fill(root, document.root, document.value)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode")


def _fill(element: ElementTree.Element, name: str, value: Any) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            _fill(ElementTree.SubElement(element, key), key, item)
    elif isinstance(value, list | tuple):
        tag = ITEM_TAGS[name]
        for item in value:
            _fill(ElementTree.SubElement(element, tag), tag, item)
    elif value is None:
        return
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    else:
        element.text = _NOT_XML.sub("", str(value))


# ---------------------------------------------------------------------------------------- documents


def discovery(url: str, *, production: bool, changeset: str, contact: str, key_service: str) -> Document:
    """The service discovery document (https://wiki.open311.org/Service_discovery)."""
    return Document(
        "discovery",
        {
            "changeset": changeset,
            "contact": contact,
            "key_service": key_service,
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": url,
                    "changeset": changeset,
                    "type": "production" if production else "test",
                    "formats": [CONTENT_TYPES[Format.XML].split(";")[0], CONTENT_TYPES[Format.JSON].split(";")[0]],
                }
            ],
        },
    )


def errors(status: int, description: str) -> Document:
    return Document("errors", [{"code": status, "description": description}])


def service_requests(rows: Sequence[Mapping[str, Any]]) -> Document:
    return Document("service_requests", rows)
