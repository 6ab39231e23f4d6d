"""The validated catalogue: all records, indexed once, with the links between them.

``load_catalogue`` is the one entry point that ``make check`` and the MkDocs hook share: read,
parse, validate, and either return a catalogue or every problem found.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from ..load.interface_strings import check_interface_strings
from ..load.records import Record, read_records
from ..problems import Problem
from ..project import Project
from ..schemas import Schemas, load_schemas
from ..urls import feed_path
from .content_rules import check_content, load_content_rules
from .planner_rules import PlannerRules, load_rules
from .validate import check_records


@dataclass(frozen=True)
class Link:
    """``source`` names ``target`` in its field ``field``."""

    source: Record
    field: str
    target: Record


class Catalogue:
    """Valid records, in a stable order, with forward links and backlinks computed once."""

    def __init__(self, records: list[Record], schemas: Schemas):
        self.schemas = schemas
        self.planner: PlannerRules | None = None  # the planner's checked rules, when the project has them
        self.records = sorted(records, key=self._sort_key)
        self.by_id = {r.id: r for r in self.records}
        self.position = {r.id: i for i, r in enumerate(self.records)}  # the order lists follow

    def of_kind(self, kind: str) -> list[Record]:
        return self.by_kind[kind]

    @cached_property
    def by_kind(self) -> dict[str, list[Record]]:
        grouped: dict[str, list[Record]] = {kind: [] for kind in self.schemas.kinds}
        for record in self.records:
            grouped[record.kind].append(record)
        return grouped

    @cached_property
    def links(self) -> dict[str, list[Link]]:
        """record id -> the links it makes, in field order."""
        out: dict[str, list[Link]] = defaultdict(list)
        for record in self.records:
            for name, info in self.schemas.fields[record.kind].items():
                if info.references is None or name not in record.data:
                    continue
                value = record.data[name]
                for target_id in value if isinstance(value, list) else [value]:
                    out[record.id].append(Link(record, name, self.by_id[target_id]))
        return out

    @cached_property
    def backlinks(self) -> dict[str, list[Link]]:
        """record id -> the links that point at it, ordered by the linking record."""
        out: dict[str, list[Link]] = defaultdict(list)
        for links in self.links.values():
            for link in links:
                out[link.target.id].append(link)
        return out

    @property
    def newest_review_epoch(self) -> int:
        """Seconds since 1970 at midnight UTC of the newest ``reviewed`` date (0 when empty)."""
        newest = max((str(r.data["reviewed"]) for r in self.records), default="1970-01-01")
        return int(datetime.fromisoformat(newest).replace(tzinfo=UTC).timestamp())

    @cached_property
    def aliases(self) -> dict[str, Record]:
        """former id -> the record that now holds it."""
        return {alias: r for r in self.records for alias in r.data.get("aliases", [])}


    def _sort_key(self, record: Record) -> tuple[object, ...]:
        """Kinds in their declared order; within a kind, by the fields its x-kind block sorts on."""
        kind = self.schemas.kinds[record.kind]
        values = [record.data.get(field) for field in kind.sort]
        return (kind.order, *((v is None, v.casefold() if isinstance(v, str) else v or 0) for v in values), record.id)

    def label(self, record: Record) -> str:
        """How a record is named in filters, by its kind's ``label`` format (``Finding {number}: {title}``)."""
        return self.schemas.kinds[record.kind].label.format_map({**record.data, "title": record.title})

    def author_of(self, record: Record) -> str | None:
        """The organisation a record is about, for its citation: its first field with the role
        ``author`` that has a value (a list is joined), or None."""
        for info in self.schemas.fields_with_role(record.kind, "author"):
            value = record.data.get(info.name)
            if value:
                return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        return None

    def names_of(self, record: Record, role: str) -> list[str]:
        """The values of a record's fields with ``role``, as text, list items one by one. For a list of
        objects, the item properties that carry the role too (a translation's term, not its language)."""
        out: list[str] = []
        for info in self.schemas.fields_with_role(record.kind, role):
            value = record.data.get(info.name)
            items = self.schemas.resolve(info.schema.get("items", {}), f"{record.kind}.json")
            keys = [key for key, sub in items.get("properties", {}).items() if role in _roles(sub)]
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    out += [str(item[key]) for key in keys if key in item]
                elif item is not None:
                    out.append(str(item))
        return out

    def feed_path_of(self, record: Record) -> str | None:
        """A record with a follow-up list has a feed of its own."""
        has_feed = any(info.format == "follow-up" for info in self.schemas.fields[record.kind].values())
        return feed_path(record.plural, record.id) if has_feed else None


def _roles(schema: dict[str, Any]) -> list[str]:
    roles = schema.get("x-role", [])
    return [roles] if isinstance(roles, str) else list(roles)


def load_catalogue(project: Project) -> tuple[Catalogue | None, list[Problem]]:
    """Read the schemas and check every record. A catalogue is returned only when there is no problem
    at all; a broken schema is reported with the records' problems, never raised."""
    schemas, problems = load_schemas(project.schemas_dir, project.shown_schemas_dir, project.cache_dir)
    if schemas is None:
        return None, sorted(set(problems))
    records, unreadable_ids, problems = read_records(project.records_dir, project.shown_records_dir,
                                                     schemas.kind_by_plural)
    problems.extend(check_records(records, schemas, unreadable_ids))
    rules, rule_problems = load_content_rules(schemas, project.shown_schemas_dir)
    problems.extend(rule_problems)
    problems.extend(check_interface_strings())  # the words our templates and scripts write, both languages
    if rules is not None:
        problems.extend(check_content(records, rules))
    if problems:
        return None, sorted(set(problems))
    catalogue = Catalogue(records, schemas)
    if project.planner_file.is_file():
        catalogue.planner, problems = load_rules(project.planner_file, project._shown(project.planner_file),
                                                 catalogue, project.docs_dir)
        if problems:
            return None, sorted(set(problems))
    return catalogue, []
