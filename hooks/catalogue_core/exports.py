"""Open data files published at the site root: catalogue.json, one CSV per kind, the JSON Schemas.

Every output is a pure function of the records, so two builds of the same records are identical
byte for byte (no timestamps, stable order, ``\\n`` line ends).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .catalogue import Catalogue
from .records import Record
from .schemas import KINDS

LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
LIST_SEPARATOR = "; "


def record_export(record: Record) -> dict[str, Any]:
    """A record as published: id, kind, title and site-relative url first, then all its fields."""
    out: dict[str, Any] = {"id": record.id, "kind": record.kind, "title": record.title, "url": record.url}
    for key, value in record.data.items():
        if key != "title":
            out[key] = value
    return out


def catalogue_json(catalogue: Catalogue) -> str:
    document = {
        "name": "Lone Actors Practice Catalogue",
        "licence": LICENCE,
        "schemas": {kind: f"schema/{kind}.json" for kind in KINDS},
        "records": [record_export(r) for r in catalogue.records],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def csv_columns(catalogue: Catalogue, kind: str) -> list[str]:
    return ["id", "kind", "title", "url"] + [f for f in catalogue.schemas.fields[kind] if f != "title"]


def csv_cell(value: Any) -> str:
    """Text as is; lists of plain values joined with '; '; anything nested as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) and LIST_SEPARATOR not in str(v)
                                       for v in value):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def kind_csv(catalogue: Catalogue, kind: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = csv_columns(catalogue, kind)
    writer.writerow(columns)
    for record in catalogue.of_kind(kind):
        row = record_export(record)
        writer.writerow([csv_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def data_files(catalogue: Catalogue) -> dict[str, str]:
    """Site path -> file content for every open-data file."""
    files = {"catalogue.json": catalogue_json(catalogue)}
    for kind, plural in KINDS.items():
        files[f"data/{plural}.csv"] = kind_csv(catalogue, kind)
    for name, document in sorted(catalogue.schemas.documents.items()):
        files[f"schema/{name}"] = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return files
