"""Open data files published at the site root: catalogue.json, one CSV per kind, the JSON Schemas.

Every output is a pure function of the records, so two builds of the same records are identical
byte for byte (no timestamps, stable order, ``\\n`` line ends).
"""

from __future__ import annotations

import json
from typing import Any

from ..check.catalogue import Catalogue
from ..load.records import Record
from ..render.citation import CATALOGUE_NAME
from . import spreadsheets

LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


def record_export(record: Record) -> dict[str, Any]:
    """A record as published: id, kind, title and site-relative url first, then all its fields."""
    out: dict[str, Any] = {"id": record.id, "kind": record.kind, "title": record.title, "url": record.url}
    for key, value in record.data.items():
        if key != "title":
            out[key] = value
    return out


def catalogue_json(catalogue: Catalogue, record_lines: list[str], site_url: str = "") -> str:
    """The whole catalogue as one JSON document, one record to a line (``record_lines``, each a record
    as JSON), so a change to a record shows as a change to its line. Written piece by piece because
    ``json.dumps`` with ``indent`` falls back to its pure-Python encoder, several times slower.
    With ``site_url``, it says where the site is published: records' ``url`` is relative to it."""
    head: dict[str, Any] = {
        "name": CATALOGUE_NAME,
        "licence": LICENCE,
        "schemas": {kind: f"schema/{kind}.json" for kind in catalogue.schemas.kinds},
    }
    if site_url:
        head["site_url"] = site_url
    fields = [f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}," for key, value in head.items()]
    records = ",\n".join(f"  {line}" for line in record_lines)
    return "{\n" + "\n".join(fields) + '\n "records": [\n' + records + "\n ]\n}\n"


def records_json(catalogue: Catalogue) -> str:
    """Every record's id, kind, title and site-relative url, one to a line: what a page needs to
    name or find records (the 404 page's suggestions) without fetching every field."""
    lines = [json.dumps({"id": r.id, "kind": r.kind, "title": r.title, "url": r.url}, ensure_ascii=False)
             for r in catalogue.records]
    return '{"records": [\n' + ",\n".join(lines) + "\n]}\n"


def record_lines(record: Record, csv_columns: list[spreadsheets.Column], site_url: str) -> tuple[str, str]:
    """A record's line in catalogue.json and its row in its kind's CSV file (spreadsheets.py)."""
    return json.dumps(record_export(record), ensure_ascii=False), spreadsheets.line(
        spreadsheets.row(record, csv_columns, site_url))


def data_files(catalogue: Catalogue, site_url: str = "") -> dict[str, str]:
    """Site path -> file content for every open-data file; with a site URL, the CSV's url column and
    catalogue.json name it."""
    kinds = catalogue.schemas.kinds
    json_lines: list[str] = []
    csv_columns = {kind: spreadsheets.columns(catalogue.schemas, kind) for kind in kinds}
    csv_rows = {kind: [spreadsheets.line(spreadsheets.header(catalogue.schemas, kind))] for kind in kinds}
    for record in catalogue.records:
        json_line, csv_row = record_lines(record, csv_columns[record.kind], site_url)
        json_lines.append(json_line)
        csv_rows[record.kind].append(csv_row)
    files = {"catalogue.json": catalogue_json(catalogue, json_lines, site_url), "records.json": records_json(catalogue)}
    for kind in kinds.values():
        files[f"data/{kind.plural}.csv"] = spreadsheets.csv_file(csv_rows[kind.kind])
    for name, document in sorted(catalogue.schemas.documents.items()):
        files[f"schema/{name}"] = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return files
