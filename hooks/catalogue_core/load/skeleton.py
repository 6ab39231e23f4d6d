"""Load stage, the other way round: a new record file's skeleton, written from its kind's schema
(``make new``), in the record-file format this stage reads (ids, file names: records.py).

The skeleton names its schema for the editor (the ``yaml-language-server`` line), then holds every
field the schema requires, in the schema's order, each under its description as a comment and with
an empty value: ``""`` for text, ``[]`` for a list, nothing for a number, and for a group or a list of
groups the group's own required fields. ``reviewed`` is set to the day it is written. ``make check``
then reports each empty field at its line, in the words it uses for any record, until it is filled.

Nothing here lists fields or kinds: a new kind or field needs only its schema.
"""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

from ..project import Project
from ..schema_walk import SchemaNode
from ..schemas import Schemas, load_schemas
from .records import ID_PATTERN, MAX_ID_LENGTH, RECORD_SUFFIX, suggest_id

REVIEWED = "reviewed"  # the field set to today
FEW_CHOICES = 12  # up to this many allowed values are listed in a field's comment
COMMENT_WIDTH = 100


@dataclass(frozen=True)
class Outcome:
    """What ``write_skeleton`` did: the file it wrote, or why it wrote none."""

    path: Path | None
    message: str


def skeleton(schemas: Schemas, kind: str, today: dt.date, schema_ref: str) -> str:
    """The YAML text of a new ``kind`` record; ``schema_ref`` is the schema's path from the record's folder."""
    top = SchemaNode.of_kind(schemas, kind)
    description = str(top.schema.get("description", ""))
    lines = [f"# yaml-language-server: $schema={schema_ref}"]
    lines += _comment(f"A new {kind} record. {description} Fill in every field, then run `make check`, which "
                      "lists each field still to fill in.", "")
    fields = top.properties(schemas)
    for name in [n for n in fields if n in top.required]:
        lines.append("")
        lines += _field(schemas, name, fields[name], "", today)
    optional = [n for n in fields if n not in top.required]
    if optional:
        lines.append("")
        lines += _comment("Optional fields, added the same way where the sources support them: "
                          f"{', '.join(optional)}.", "")
    return "\n".join(lines) + "\n"


def _field(schemas: Schemas, name: str, node: SchemaNode, indent: str, today: dt.date) -> list[str]:
    lines = _comment(_describe(node), indent)
    kind = node.schema.get("type")
    items = node.items(schemas)
    if name == REVIEWED and not indent:
        return lines + [f'{indent}{name}: "{today.isoformat()}"']
    if kind == "object":
        lines.append(f"{indent}{name}:")
        return lines + _group(schemas, node, indent + "  ", today)
    if items is not None and items.schema.get("type") == "object":
        lines.append(f"{indent}{name}:")
        group = _group(schemas, items, indent + "    ", today)
        first = next(i for i, line in enumerate(group) if not line.lstrip().startswith("#"))
        # The first field's comment goes above the item's dash: "  # ...", "  - title: ''".
        group[:first] = [f"{indent}  {line.lstrip()}" for line in group[:first]]
        group[first] = f"{indent}  - {group[first].lstrip()}"
        return lines + group
    if kind == "array":
        return lines + [f"{indent}{name}: []"]
    if kind in ("integer", "number"):
        return lines + [f"{indent}{name}:"]
    return lines + [f'{indent}{name}: ""']


def _group(schemas: Schemas, node: SchemaNode, indent: str, today: dt.date) -> list[str]:
    """The required fields of a group (or of each group in a list), at ``indent``; all its fields
    where none is required (a term's perspectives: at least one of them)."""
    properties = node.properties(schemas)
    lines: list[str] = []
    for name in [n for n in properties if n in node.required or not node.required]:
        lines += _field(schemas, name, properties[name], indent, today)
    return lines


def _describe(node: SchemaNode) -> str:
    """A field's description, with its allowed values where there are few."""
    text = str(node.schema.get("description") or node.schema.get("title") or "")
    items = node.schema.get("items")
    if node.schema.get("enum"):
        values, words = node.schema["enum"], "One of"
    else:
        values, words = (items.get("enum") if isinstance(items, dict) else None) or [], "Any of"
    if values and len(values) <= FEW_CHOICES:
        text += f" {words}: {', '.join(str(v) for v in values)}."
    return text


def _comment(text: str, indent: str) -> list[str]:
    width = COMMENT_WIDTH - len(indent) - 2
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width, break_on_hyphens=False)] if text else []


def write_skeleton(project: Project, kind: str, record_id: str, today: dt.date) -> Outcome:
    """Write ``practices/<plural>/<id>.yml`` for a new record, unless the kind or id is wrong or taken."""
    schemas, problems = load_schemas(project.schemas_dir, project.shown_schemas_dir)
    if schemas is None:
        return Outcome(None, "The schemas have problems; fix them first (make check lists them):\n"
                       + "\n".join(map(str, problems)))
    kinds = ", ".join(schemas.kinds)
    if not kind or not record_id:
        return Outcome(None, f"Say which kind of record and which id: make new KIND=<kind> ID=<id>, "
                             f"e.g. make new KIND=practice ID=exit-programme-example. The kinds are: {kinds}.")
    if kind not in schemas.kinds:
        return Outcome(None, f"'{kind}' is not a kind of record. The kinds are: {kinds}.")
    if not ID_PATTERN.match(record_id) or len(record_id) > MAX_ID_LENGTH:
        return Outcome(None, f"'{record_id}' is not a valid id: use lower-case letters, digits and single hyphens, "
                             f"at most {MAX_ID_LENGTH} characters, e.g. '{suggest_id(record_id)[:MAX_ID_LENGTH]}'.")
    taken = sorted(project.records_dir.glob(f"*/{record_id}{RECORD_SUFFIX}"))
    if taken:
        shown = taken[0].relative_to(project.root).as_posix()
        return Outcome(None, f"The id '{record_id}' is taken: {shown} exists, and ids are unique across all kinds. "
                             "Choose another id, or edit that file.")
    path = project.records_dir / schemas.kinds[kind].plural / f"{record_id}{RECORD_SUFFIX}"
    schema_ref = Path(os.path.relpath(project.schemas_dir / f"{kind}.json", path.parent)).as_posix()
    text = skeleton(schemas, kind, today, schema_ref)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    shown = path.relative_to(project.root).as_posix()
    return Outcome(path, f"Wrote {shown}: fill in its fields, then run `make check` until it reports no problem, "
                         "and `make urls` to list the new page's address.")
