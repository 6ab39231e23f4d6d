"""The "Open data" page: what can be downloaded, under which licence, and what every field means.

The field tables are generated from the JSON Schemas, so they cannot drift from the data.
"""

from __future__ import annotations

from typing import Any

from ..check.catalogue import Catalogue
from ..render.citation import CATALOGUE_NAME
from ..urls import Linker
from .exports import LICENCE
from .spreadsheets import columns_markdown

PAGE_SRC = "open-data.md"


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _type_words(schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    if kind == "array":
        item = schema.get("items", {})
        return f"list of {_type_words(item) if 'type' in item else 'ids' if schema.get('x-references') else 'values'}"
    if schema.get("x-references"):
        return "id"
    if schema.get("contentMediaType") == "text/markdown":
        return "Markdown text"
    if schema.get("format") == "date":
        return "date (YYYY-MM-DD)"
    return {"string": "text", "integer": "whole number", "object": "group of fields"}.get(str(kind), "value")


def open_data_markdown(catalogue: Catalogue, linker: Linker | None = None, shared_root: str = "") -> str:
    """With ``shared_root`` (another language's site, under the English one), the files are the
    English site's: linked there in HTML, which MkDocs does not look for among this build's files."""
    kinds = catalogue.schemas.kinds.values()

    def link(path: str, text: str = "") -> str:
        text = text or path
        if not shared_root or linker is None:
            return f"[{text}]({path})"
        return f'<a href="{shared_root}{linker.file_href(PAGE_SRC, path)}">{text}</a>'

    out = [
        "---", "title: Open data", "description: Download every record as JSON or CSV, with JSON Schemas.", "---", "",
        "# Open data", "",
        f"Every record of this catalogue is open data under the [{LICENCE['name']}]({LICENCE['url']}) licence: "
        f"reuse it, with credit to the {CATALOGUE_NAME} and the sources each record names. "
        "Ids are stable: a record keeps its id for good, and a renamed record keeps its old ids as aliases.",
        "",
        "## Downloads",
        "",
        "| file | what it holds |",
        "|---|---|",
        f"| {link('catalogue.json')} | all {len(catalogue.records)} records with every field, "
        "plus `id`, `kind`, `title` and a site-relative `url` |",
        f"| {link('records.json')} | only `id`, `kind`, `title` and `url` of every record: a small list to "
        "find records by |",
    ]
    for kind in kinds:
        out.append(f"| {link(f'data/{kind.plural}.csv')} | {len(catalogue.of_kind(kind.kind))} "
                   f"{kind.names.lower()}, one row each |")
    for kind in kinds:
        out.append(f"| {link(f'schema/{kind.kind}.json')} | JSON Schema of a {kind.kind} record |")
    out.append(f"| {link('schema/common.json')} | definitions shared by all kinds: sources, dates, "
               "country codes, tags |")
    out.append("| [feed.xml](feed.xml) | Atom feed of new and updated records |")
    out.append("")
    out += columns_markdown(catalogue.schemas, {kind.kind: f"data/{kind.plural}.csv" for kind in kinds})
    out += ["## Fields", ""]
    for kind in kinds:
        schema = catalogue.schemas.schema(kind.kind)
        required = set(schema.get("required", []))
        out += [f"### {kind.name}", "", _cell(schema.get("description", "")), "",
                "| field | type | required | meaning |", "|---|---|---|---|"]
        for name, info in catalogue.schemas.fields[kind.kind].items():
            meaning = info.description
            if info.labels and len(info.labels) <= 12:
                meaning += " Values: " + ", ".join(f"`{value}`" for value in info.labels) + "."
            out.append(f"| `{name}` | {_type_words(info.schema)} | {'yes' if name in required else 'no'} | "
                       f"{_cell(meaning)} |")
        out.append("")
    return "\n".join(out)
