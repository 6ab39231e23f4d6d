"""Every word a schema puts on a page has its German next to its English, in the same file.

The convention (docs/contribute.md): a schema's ``title`` has ``x-title-de``; an ``x-labels`` object
has ``x-labels-de`` with the same keys; in an ``x-kind`` block, ``name``, ``names``, ``intro`` and
``label`` have ``name_de``, ``names_de``, ``intro_de`` and ``label_de``, ``backlinks`` has
``backlinks_de`` with the same keys, and ``handout.link``, ``share.heading`` and ``share.holds`` have
``link_de``, ``heading_de`` and ``holds_de`` beside them. A missing German label is a located problem,
so a new field or vocabulary value cannot reach the English site without its German.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .json_locations import Path_

# Keys whose values map names (field names, definition names) to schemas: a "title" among their
# keys is a field called title, not the keyword.
_NAME_MAPS = {"properties", "$defs", "definitions", "x-common-properties", "patternProperties"}
# Keys whose values are data, not schemas.
_DATA_KEYS = {"enum", "const", "default", "examples", "x-labels", "x-labels-de", "x-kind", "x-page-fields"}
# x-kind texts and their German twins; handout and share hold theirs one level down.
_KIND_TEXTS = {(): ("name", "names", "intro", "label"), ("handout",): ("link",), ("share",): ("heading", "holds")}


def missing_german(document: dict[str, Any]) -> Iterator[tuple[Path_, str]]:
    """(where, message) for each visible label of one schema document that has no German."""
    yield from _schema_nodes(document, ())
    block = document.get("x-kind")
    if isinstance(block, dict):
        yield from _kind_block(block)


def _schema_nodes(node: Any, at: Path_, names_here: bool = False) -> Iterator[tuple[Path_, str]]:
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _schema_nodes(item, (*at, index))
        return
    if not isinstance(node, dict):
        return
    if names_here:
        for name, child in node.items():
            yield from _schema_nodes(child, (*at, name))
        return
    if isinstance(node.get("title"), str) and not _text(node.get("x-title-de")):
        yield (*at, "title"), f"the title '{node['title']}' has no German: add \"x-title-de\" beside it."
    if isinstance(node.get("x-labels"), dict):
        yield from _same_keys(node["x-labels"], node.get("x-labels-de"), (*at, "x-labels"), "x-labels-de")
    for key, child in node.items():
        if key not in _DATA_KEYS:
            yield from _schema_nodes(child, (*at, key), key in _NAME_MAPS)


def _kind_block(block: dict[str, Any]) -> Iterator[tuple[Path_, str]]:
    for inner, keys in _KIND_TEXTS.items():
        holder = block.get(inner[0], {}) if inner else block
        if not isinstance(holder, dict):
            continue
        for key in keys:
            if key in holder and not _text(holder.get(f"{key}_de")):
                yield ("x-kind", *inner, key), f"'{holder[key]}' has no German: add \"{key}_de\" beside it."
    if isinstance(block.get("backlinks"), dict):
        yield from _same_keys(block["backlinks"], block.get("backlinks_de"), ("x-kind", "backlinks"), "backlinks_de")


def _same_keys(english: dict[str, Any], german: Any, at: Path_, german_key: str) -> Iterator[tuple[Path_, str]]:
    german = german if isinstance(german, dict) else {}
    for key in english:
        if not _text(german.get(key)):
            yield (*at, key), f"'{key}' has no German label: add it to {german_key}."
    for key in german:
        if key not in english:
            yield (*at[:-1], german_key, key), f"'{key}' has a German label but no English one in {at[-1]}; " \
                                               f"remove it or add the English."


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
