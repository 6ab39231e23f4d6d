"""The validated catalogue: all records, indexed once, with the links between them.

``load_catalogue`` is the one entry point that ``make check`` and the MkDocs hook share: read,
parse, validate, and either return a catalogue or every problem found.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

from .parse_cache import ParseCache
from .problems import Problem
from .records import Record, read_records
from .schemas import KINDS, Schemas
from .validate import check_records, passed_records_cache


@dataclass(frozen=True)
class Link:
    """``source`` names ``target`` in its field ``field``."""

    source: Record
    field: str
    target: Record


@dataclass(frozen=True)
class Project:
    """Where things are. Messages show record paths relative to ``root``."""

    root: Path
    records_dir: Path
    schemas_dir: Path

    @classmethod
    def at(cls, root: Path, records_dir: Path | None = None) -> Project:
        """The standard layout: ``practices/`` and ``schemas/`` in ``root``."""
        root = root.resolve()
        return cls(root, (records_dir or root / "practices").resolve(), root / "schemas")

    @property
    def shown_records_dir(self) -> str:
        """How the records folder is written in messages, e.g. ``practices``."""
        try:
            return self.records_dir.relative_to(self.root).as_posix()
        except ValueError:
            return self.records_dir.as_posix()


class Catalogue:
    """Valid records, in a stable order, with forward links and backlinks computed once."""

    def __init__(self, records: list[Record], schemas: Schemas):
        self.schemas = schemas
        self.records = sorted(records, key=_sort_key)
        self.by_id = {r.id: r for r in self.records}

    def of_kind(self, kind: str) -> list[Record]:
        return self.by_kind[kind]

    @cached_property
    def by_kind(self) -> dict[str, list[Record]]:
        grouped: dict[str, list[Record]] = {kind: [] for kind in KINDS}
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
        return int(datetime.fromisoformat(newest).replace(tzinfo=timezone.utc).timestamp())

    @cached_property
    def aliases(self) -> dict[str, Record]:
        """former id -> the record that now holds it."""
        return {alias: r for r in self.records for alias in r.data.get("aliases", [])}


def _sort_key(record: Record) -> tuple[int, int, str, str]:
    number = record.data.get("number", 0) if record.kind == "finding" else 0
    return (list(KINDS).index(record.kind), number, record.title.casefold(), record.id)


def load_catalogue(project: Project, cache_dir: Path | None = None) -> tuple[Catalogue | None, list[Problem]]:
    """Read and check every record. A catalogue is returned only when there is no problem at all.

    With ``cache_dir``, clean parses of record files, and which record files passed the checks of a
    single record, are kept there between builds (parse_cache.py, validate.py).
    """
    schemas = Schemas(project.schemas_dir)
    cache = ParseCache(cache_dir) if cache_dir else None
    records, unreadable_ids, problems = read_records(project.records_dir, project.shown_records_dir, cache)
    if cache:
        cache.save()
    passed = passed_records_cache(cache_dir, schemas) if cache_dir else None
    problems.extend(check_records(records, schemas, unreadable_ids, passed))
    if passed:
        passed.save()
    if problems:
        return None, sorted(set(problems))
    return Catalogue(records, schemas), []
