"""Publish stage: the records of each kind as a CSV file that a spreadsheet opens as it is.

The columns come from the kind's JSON Schema, never from a list here: ``id``, ``kind``, ``title`` and
``url``, then every field in the schema's order.

- A text, number or date is one cell. A list of them is one cell, its items joined with ``"; "``;
  an item that itself holds a semicolon, a line break or a leading double quote or space is put in
  double quotes, CSV-style (``"Report; part 2"; Other report``).
- A group of fields (a practice's ``evidence``) becomes one column per field of the group:
  ``evidence_level``, ``evidence_summary``.
- A list of groups (``sources``) becomes one column per field of the group, named in the plural
  after the singular of the list (``source_titles``, ``source_urls``, ``source_supports``); each cell
  is a list as above, with one item per group, in order, and an empty item where a group lacks that
  field.
- A cell that a spreadsheet would run as a formula, one starting with ``=``, ``+``, ``-``, ``@``, a
  tab or a carriage return, starts with an apostrophe instead, which spreadsheets show as text (OWASP,
  "CSV Injection"; https://owasp.org/www-community/attacks/CSV_Injection).

Every file starts with a UTF-8 byte-order mark, without which Excel reads UTF-8 as another encoding
("VerantwortungspÃ¤dagogik"). With a site URL, the ``url`` column holds absolute addresses.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from ..load.records import Record
from ..schema_walk import SchemaNode
from ..schemas import Schemas

BYTE_ORDER_MARK = "\ufeff"
LIST_SEPARATOR = "; "
FRAME_COLUMNS = ("id", "kind", "title", "url")  # first in every file; ``title`` is not repeated
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")  # apostrophes too, so that a leading one is never lost
_NEEDS_QUOTES = re.compile(r'[;\r\n]|^[\s"]')


@dataclass(frozen=True)
class Column:
    """One CSV column: the field it comes from, and the key within a group or a list of groups."""

    name: str
    field: str
    key: str | None = None
    in_list: bool = False  # the field is a list of groups: one item per group
    meaning: str = ""


def columns(schemas: Schemas, kind: str) -> list[Column]:
    """The kind's columns after ``FRAME_COLUMNS``, in the schema's order."""
    out: list[Column] = []
    top = SchemaNode.of_kind(schemas, kind)
    for name, field in top.properties(schemas).items():
        if name in FRAME_COLUMNS:
            continue
        items = field.items(schemas)
        group = items if items and items.schema.get("type") == "object" else \
            field if field.schema.get("type") == "object" else None
        description = str(field.schema.get("description", ""))
        if group is None:
            out.append(Column(name, name, meaning=description))
            continue
        title = str(field.schema.get("title", name.replace("_", " ")))
        for key, sub in group.properties(schemas).items():
            words = str(sub.schema.get("description") or sub.schema.get("title") or key.replace("_", " "))
            words = words[0].lower() + words[1:] if words[1:2].islower() or words[1:2] == " " else words
            if items is group:
                out.append(Column(f"{singular(name)}_{plural(key)}", name, key, True,
                                  f"{title}, one item each: {words}"))
            else:
                out.append(Column(f"{name}_{key}", name, key, False, f"{title}: {words}"))
    return out


def header(schemas: Schemas, kind: str) -> list[str]:
    return [*FRAME_COLUMNS, *(column.name for column in columns(schemas, kind))]


def row(record: Record, kind_columns: list[Column], site_url: str = "") -> list[str]:
    """The record's cells, in ``header`` order; ``kind_columns`` are ``columns`` of its kind."""
    url = (site_url if site_url.endswith("/") else site_url + "/") + record.url if site_url else record.url
    cells = [cell(record.id), cell(record.kind), cell(record.title), cell(url)]
    for column in kind_columns:
        value = record.data.get(column.field)
        if column.key is None:
            cells.append(cell(value))
        elif column.in_list:
            groups = value or []
            values = [group.get(column.key) for group in groups]
            cells.append("" if all(v is None for v in values) else cell(["" if v is None else v for v in values]))
        else:
            cells.append(cell((value or {}).get(column.key)))
    return cells


def cell(value: Any) -> str:
    """One value as spreadsheet text (the rules above)."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = LIST_SEPARATOR.join(_item(v) for v in value)
    elif isinstance(value, dict):  # a group inside a group: its values, in order
        text = LIST_SEPARATOR.join(_item(v) for v in value.values())
    else:
        text = str(value)
    return "'" + text if _FORMULA_START.match(text) else text


def _item(value: Any) -> str:
    text = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text


def line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def csv_file(lines: list[str]) -> str:
    """A CSV file from its lines (header first), with the byte-order mark."""
    return BYTE_ORDER_MARK + "".join(lines)


def singular(name: str) -> str:
    """``sources`` -> ``source``, ``follow_up`` -> ``follow_up``."""
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def plural(name: str) -> str:
    """``url`` -> ``urls``, ``supports`` and ``added`` stay as they are."""
    if name.endswith(("s", "ed")):
        return name
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def columns_markdown(schemas: Schemas, files: dict[str, str]) -> list[str]:
    """The "Spreadsheets" part of the Open data page: the rules above, and every file's columns.
    ``files`` maps each kind to its file's name, e.g. ``{"practice": "data/practices.csv"}``."""
    out = [
        "## Spreadsheets (CSV)", "",
        "The CSV files open in Excel, LibreOffice Calc and other spreadsheets as they are. They are UTF-8 "
        "with a byte-order mark, so letters such as ä, ö and ü show correctly; one row is one record.", "",
        "- The first columns are `id`, `kind`, `title` and `url`: the record's page, as a full address when "
        "the site is built with its published address, otherwise from the site's root.",
        f"- A list is one cell, its items joined with `{LIST_SEPARATOR.strip()}` and a space. An item that itself "
        'holds a semicolon is put in double quotes: `"Report; part 2"; Other report`.',
        "- A group of fields gets a column for each of its fields, such as `evidence_level` and "
        "`evidence_summary`. A list of groups, such as the sources, gets a column for each field of the "
        "group, such as `source_titles` and `source_urls`: a list with one item per group, in the same order "
        "in every column, and an empty item where a group has no value.",
        "- Vocabulary values are the codes in the field tables below (`probation`, not Probation).",
        "- A cell that a spreadsheet would run as a formula (one starting with `=`, `+`, `-` or `@`) starts "
        "with an apostrophe, which the spreadsheet shows as text.",
        "- For values exactly as recorded, with their nesting, use `catalogue.json`.", "",
    ]
    grouped: dict[tuple[str, str], list[str]] = {}  # (column, meaning) -> the files that have it
    for kind, name in files.items():
        out += [f"`{name}`: {', '.join(f'`{column}`' for column in header(schemas, kind))}.", ""]
        for column in columns(schemas, kind):
            if column.key is not None:
                grouped.setdefault((column.name, column.meaning), []).append(name)
    out += ["The columns made from groups of fields:", "", "| column | file | what it holds |", "|---|---|---|"]
    for (column_name, meaning), in_files in grouped.items():
        where = "every file" if len(in_files) == len(files) else ", ".join(f"`{f}`" for f in in_files)
        out.append(f"| `{column_name}` | {where} | {' '.join(meaning.replace('|', chr(92) + '|').split())} |")
    out.append("")
    return out
