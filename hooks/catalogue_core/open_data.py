"""The "Open data" page: what can be downloaded, under which licence, and what every field means.

The field tables are generated from the JSON Schemas, so they cannot drift from the data.
"""

from __future__ import annotations

from typing import Any

from .catalogue import Catalogue
from .exports import LICENCE
from .render_record import KIND_NAMES
from .schemas import KINDS
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


def open_data_markdown(catalogue: Catalogue) -> str:
    counts = {kind: len(catalogue.of_kind(kind)) for kind in KINDS}
    out = [
        "---", "title: Open data", "description: Download every record as JSON or CSV, with JSON Schemas.", "---", "",
        "# Open data", "",
        f"Every record of this catalogue is open data under the [{LICENCE['name']}]({LICENCE['url']}) licence: "
        "reuse it, with credit to the Lone Actors Practice Catalogue and the sources each record names. "
        "Ids are stable: a record keeps its id for good, and a renamed record keeps its old ids as aliases.",
        "",
        "## Downloads",
        "",
        "| file | what it holds |",
        "|---|---|",
        f"| [catalogue.json](catalogue.json) | all {len(catalogue.records)} records with every field, "
        "plus `id`, `kind`, `title` and a site-relative `url` |",
    ]
    for kind, plural in KINDS.items():
        out.append(f"| [data/{plural}.csv](data/{plural}.csv) | {counts[kind]} {KIND_NAMES[kind][1].lower()}, "
                   "one row each |")
    for kind in KINDS:
        out.append(f"| [schema/{kind}.json](schema/{kind}.json) | JSON Schema of a {kind} record |")
    out.append("| [schema/common.json](schema/common.json) | definitions shared by all kinds: sources, dates, "
               "country codes, tags |")
    out.append("| [feed.xml](feed.xml) | Atom feed of new and updated records |")
    out.append("")
    out += columns_markdown(catalogue.schemas, {kind: f"data/{plural}.csv" for kind, plural in KINDS.items()})
    out += ["## Fields", ""]
    for kind in KINDS:
        schema = catalogue.schemas.schema(kind)
        required = set(schema.get("required", []))
        out += [f"### {KIND_NAMES[kind][0]}", "", _cell(schema.get("description", "")), "",
                "| field | type | required | meaning |", "|---|---|---|---|"]
        for name, info in catalogue.schemas.fields[kind].items():
            meaning = info.description
            if info.labels and len(info.labels) <= 12:
                meaning += " Values: " + ", ".join(f"`{value}`" for value in info.labels) + "."
            out.append(f"| `{name}` | {_type_words(info.schema)} | {'yes' if name in required else 'no'} | "
                       f"{_cell(meaning)} |")
        out.append("")
    return "\n".join(out)
