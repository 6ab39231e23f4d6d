"""The catalogue in another language than English: the same schemas and records, seen in it.

The render stage knows one language, the one its schemas and records speak. For the German site it
is handed a German view of both, made here, so it writes German labels without a change:

- ``localized(documents, "de")``: copies of the schema documents with every visible label replaced
  by its German twin (the convention of german_labels.py: ``x-title-de`` for ``title``,
  ``x-labels-de`` for ``x-labels``, ``name_de`` for an x-kind block's ``name`` ...). A text field
  without ``x-lang`` is English, so it gets ``x-lang: "en"`` and its section is marked so on German
  pages; the field that holds the German summary is hidden, because that text leads the page.
- ``localized_records(records, schemas, "de")``: each record with its German title and summary in
  the fields the page shows (common.json's ``x-page-fields`` names both: ``title_de``, ``summary_de``).
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

from ..check.catalogue import Catalogue
from ..german_labels import _DATA_KEYS, _KIND_TEXTS, _NAME_MAPS
from ..load.records import Record
from ..schemas import COMMON, KIND_BLOCK, PAGE_FIELDS_KEY, Schemas

SOURCE_LANGUAGE = "en"  # the language records and schemas are written in
GERMAN = "de"  # search stems text in this language as German
_TEXT_TYPES = {"string"}
_TEXT_FORMATS = {"bullets", "perspectives"}  # formats whose values are free text (schemas.FORMATS)


def translated_field(documents: dict[str, dict[str, Any]], role: str, language: str) -> str | None:
    """The field common.json's x-page-fields names for ``role`` in ``language`` ("summary_de")."""
    declared = documents.get(COMMON, {}).get(PAGE_FIELDS_KEY, {})
    name = declared.get(f"{role}_{language}")
    return str(name) if name else None


def localized(documents: dict[str, dict[str, Any]], language: str) -> dict[str, dict[str, Any]]:
    """The schema documents with their labels in ``language`` (see the module's docstring)."""
    if language == SOURCE_LANGUAGE:
        return documents
    out = {name: _labels(copy.deepcopy(document), language) for name, document in documents.items()}
    for name, document in out.items():
        block = document.get(KIND_BLOCK)
        if isinstance(block, dict):
            _kind_block(block, language)
        if KIND_BLOCK in document or name == COMMON:
            holder = document.get("properties" if KIND_BLOCK in document else "x-common-properties", {})
            _mark_source_language(holder, out, name)
    summary = translated_field(documents, "summary", language)
    for document in out.values():
        for holder_key in ("properties", "x-common-properties"):
            field = document.get(holder_key, {}).get(summary) if summary else None
            if isinstance(field, dict):
                field["x-place"] = "hidden"
    return out


def _labels(node: Any, language: str, names_here: bool = False) -> Any:
    """Every ``title`` and ``x-labels`` of a schema document, in ``language`` where it has its twin."""
    if isinstance(node, list):
        for item in node:
            _labels(item, language)
    if not isinstance(node, dict):
        return node
    if names_here:
        for child in node.values():
            _labels(child, language)
        return node
    if isinstance(node.get(f"x-title-{language}"), str):
        node["title"] = node[f"x-title-{language}"]
    if isinstance(node.get(f"x-labels-{language}"), dict):
        node["x-labels"] = node[f"x-labels-{language}"]
    for key, child in node.items():
        if key not in _DATA_KEYS:
            _labels(child, language, key in _NAME_MAPS)
    return node


def _kind_block(block: dict[str, Any], language: str) -> None:
    for inner, keys in _KIND_TEXTS.items():
        holder = block.get(inner[0]) if inner else block
        if isinstance(holder, dict):
            for key in keys:
                if isinstance(holder.get(f"{key}_{language}"), str):
                    holder[key] = holder[f"{key}_{language}"]
    if isinstance(block.get(f"backlinks_{language}"), dict):
        block["backlinks"] = {**block.get("backlinks", {}), **block[f"backlinks_{language}"]}


def _mark_source_language(fields: dict[str, Any], documents: dict[str, dict[str, Any]], document: str) -> None:
    """A free-text field that says nothing of its language is in the source language."""
    for raw in fields.values():
        if not isinstance(raw, dict):
            continue
        schema = _resolved(raw, documents, document)
        items = _resolved(schema.get("items", {}), documents, document) if schema.get("type") == "array" else {}
        texty = schema.get("x-format") in _TEXT_FORMATS or (items or schema).get("type") in _TEXT_TYPES and not any(
            key in (items or schema) for key in ("enum", "const", "format", "x-format", "x-references"))
        if texty and "x-lang" not in schema:
            raw["x-lang"] = SOURCE_LANGUAGE


def _resolved(raw: dict[str, Any], documents: dict[str, dict[str, Any]], document: str) -> dict[str, Any]:
    """A schema with its ``$ref`` chain followed (annotations beside a ``$ref`` win), within these
    documents; a reference that leads elsewhere ends the chain."""
    merged: dict[str, Any] = {}
    seen = 0
    while isinstance(raw, dict) and seen < 20:
        for key, value in raw.items():
            if key != "$ref":
                merged.setdefault(key, value)
        ref = raw.get("$ref")
        if not isinstance(ref, str):
            break
        target, _, pointer = ref.partition("#")
        document = target or document
        node: Any = documents.get(document, {})
        for part in filter(None, pointer.split("/")):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        raw, seen = node, seen + 1
    return merged


def in_source_language(markdown: str, note: str) -> str:
    """A page that has no translation: its front matter without its title (the navigation names it in
    the site's language), a note in that language, then its text marked as the source language's."""
    front, body = "", markdown
    if markdown.startswith("---\n"):
        end = markdown.index("\n---\n", 4) + len("\n---\n")
        front = "".join(line for line in markdown[:end].splitlines(keepends=True) if not line.startswith("title:"))
        body = markdown[end:]
    return f'{front}\n!!! info "{note}"\n\n<div lang="{SOURCE_LANGUAGE}" markdown>\n\n{body}\n\n</div>\n'


def localized_texts(node: Any, language: str) -> Any:
    """A copy of YAML data (the planner's rules) with each text that has its twin in ``language``
    beside it (``label`` and ``label_de``) replaced by the twin."""
    if isinstance(node, list):
        return [localized_texts(item, language) for item in node]
    if not isinstance(node, dict):
        return node
    return {key: localized_texts(node.get(f"{key}_{language}", value), language) for key, value in node.items()}


def localized_schemas(schemas: Schemas, language: str) -> Schemas:
    """The same schemas, seen in ``language``."""
    return Schemas(schemas.folder, localized(schemas.documents, language))


def localized_records(records: list[Record], schemas: Schemas, language: str) -> list[Record]:
    """Each record with its title and summary in ``language`` where it has them (``schemas`` in any
    language: only field declarations are read). A record without a title of its own in the language
    takes its original name when that is in the language (its first country speaks it), else it
    keeps its English title."""
    declared = schemas.page_fields
    title_field = translated_field(schemas.documents, "title", language)
    summary_field = translated_field(schemas.documents, "summary", language)
    out = []
    for record in records:
        data = dict(record.data)
        title = data.get(title_field) if title_field else None
        if not title and original_name_language(record, schemas) == language:
            title = next((data[info.name] for info in schemas.fields[record.kind].values()
                          if info.format == "original-name" and data.get(info.name)), None)
        if title:
            data[declared.title] = title
        if summary_field and data.get(summary_field):
            data[declared.summary] = data[summary_field]
        out.append(replace(record, document=replace(record.document, data=data)))
    return out


# The main language of a country, for ``lang`` on an original-language name ("und": undetermined).
COUNTRY_LANGUAGES = {"AT": "de", "DE": "de", "CH": "de", "NL": "nl", "BE": "nl", "SE": "sv", "DK": "da", "FI": "fi",
                     "FR": "fr", "NO": "no", "ES": "es", "IT": "it", "PL": "pl"}


def original_name_language(record: Record, schemas: Schemas) -> str:
    """The language of an original name: that of the record's first country where we know it."""
    for info in schemas.fields[record.kind].values():
        if info.format == "country" and record.data.get(info.name):
            value = record.data[info.name]
            first = value[0] if isinstance(value, list) else value
            return COUNTRY_LANGUAGES.get(first, "und")
    return "und"


def in_language(catalogue: Catalogue, language: str) -> Catalogue:
    """The same checked records, schemas and planner rules, seen in another language."""
    schemas = localized_schemas(catalogue.schemas, language)
    seen = Catalogue(localized_records(catalogue.records, schemas, language), schemas)
    rules = catalogue.planner
    seen.planner = replace(rules, data=localized_texts(rules.data, language)) if rules else None
    return seen
