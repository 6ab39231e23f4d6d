"""Open data files published at the site root: catalogue.json, one CSV per kind, the JSON Schemas.

Every output is a pure function of the records, so two builds of the same records are identical
byte for byte (no timestamps, stable order, ``\\n`` line ends).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..check.catalogue import Catalogue
from ..load.records import Record

LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
LIST_SEPARATOR = "; "


def record_export(record: Record) -> dict[str, Any]:
    """A record as published: id, kind, title and site-relative url first, then all its fields."""
    out: dict[str, Any] = {"id": record.id, "kind": record.kind, "title": record.title, "url": record.url}
    for key, value in record.data.items():
        if key != "title":
            out[key] = value
    return out


def catalogue_json(catalogue: Catalogue, record_lines: list[str]) -> str:
    """The whole catalogue as one JSON document, one record to a line (``record_lines``, each a record
    as JSON), so a change to a record shows as a change to its line. Written piece by piece because
    ``json.dumps`` with ``indent`` falls back to its pure-Python encoder, several times slower."""
    head = {
        "name": "Lone Actors Practice Catalogue",
        "licence": LICENCE,
        "schemas": {kind: f"schema/{kind}.json" for kind in catalogue.schemas.kinds},
    }
    fields = [f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}," for key, value in head.items()]
    records = ",\n".join(f"  {line}" for line in record_lines)
    return "{\n" + "\n".join(fields) + '\n "records": [\n' + records + "\n ]\n}\n"


def records_json(catalogue: Catalogue) -> str:
    """Every record's id, kind, title and site-relative url, one to a line: what a page needs to
    name or find records (the 404 page's suggestions) without fetching every field."""
    lines = [json.dumps({"id": r.id, "kind": r.kind, "title": r.title, "url": r.url}, ensure_ascii=False)
             for r in catalogue.records]
    return '{"records": [\n' + ",\n".join(lines) + "\n]}\n"


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


def csv_line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def record_lines(catalogue: Catalogue, record: Record) -> tuple[str, str]:
    """A record's line in catalogue.json and its row in its kind's CSV file."""
    exported = record_export(record)
    row = [csv_cell(exported.get(column)) for column in csv_columns(catalogue, record.kind)]
    return json.dumps(exported, ensure_ascii=False), csv_line(row)


def data_files(catalogue: Catalogue) -> dict[str, str]:
    """Site path -> file content for every open-data file."""
    kinds = catalogue.schemas.kinds
    json_lines: list[str] = []
    csv_rows: dict[str, list[str]] = {kind: [csv_line(csv_columns(catalogue, kind))] for kind in kinds}
    for record in catalogue.records:
        json_line, csv_row = record_lines(catalogue, record)
        json_lines.append(json_line)
        csv_rows[record.kind].append(csv_row)
    files = {"catalogue.json": catalogue_json(catalogue, json_lines), "records.json": records_json(catalogue)}
    for kind in kinds.values():
        files[f"data/{kind.plural}.csv"] = "".join(csv_rows[kind.kind])
    for name, document in sorted(catalogue.schemas.documents.items()):
        files[f"schema/{name}"] = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return files
