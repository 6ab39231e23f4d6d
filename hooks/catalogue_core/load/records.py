"""Find record files under ``practices/`` and read each into a ``Record``.

The folder says the kind (``practices/tools/vera-2r.yml`` is a tool) and the file stem is the id,
so neither is written inside the file and they can never disagree with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..problems import Problem
from ..urls import record_src
from .strict_yaml import Document, load_document

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 80
RECORD_SUFFIX = ".yml"
IGNORED_NAMES = {"README.md", ".gitkeep"}


@dataclass
class Record:
    """One valid-to-parse record file. Its data may still fail schema validation."""

    id: str
    kind: str
    plural: str  # the kind's folder, which is also its URL segment
    path: str  # as shown to the editor, e.g. practices/tools/vera-2r.yml
    document: Document

    @property
    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.document.data
        return data

    @property
    def title(self) -> str:
        return str(self.data.get("title", self.id))

    @property
    def url(self) -> str:
        """Site-relative URL with a trailing slash, e.g. ``tools/vera-2r/``."""
        return f"{self.plural}/{self.id}/"

    @property
    def src(self) -> str:
        """The generated page's path under docs/, e.g. ``tools/vera-2r.md``."""
        return record_src(self.plural, self.id)

    @property
    def source_key(self) -> bytes | None:
        """The record's file as a cache key: its path and the SHA-256 of its bytes. None for a record
        not read from a file, whose work is never kept (cache.py)."""
        digest = self.document.digest
        return self.path.encode() + b"\0" + digest if digest else None

    def line_of(self, *path: str | int) -> int:
        return self.document.line_of(tuple(path))


def suggest_id(stem: str) -> str:
    """What a broken file name would be as an id: 'Neustart Probation' -> 'neustart-probation'."""
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "record"


def find_record_files(root: Path, shown_root: str, kind_by_folder: dict[str, str]
                      ) -> tuple[list[tuple[Path, str, str, str]], list[Problem]]:
    """Every record file below ``root`` as (path, shown path, kind, id), and the problems with names.

    ``shown_root`` is how ``root`` is written in messages (``practices``); ``kind_by_folder`` maps each
    kind's folder to the kind, as the schemas declare them.
    """
    found: list[tuple[Path, str, str, str]] = []
    problems: list[Problem] = []
    real_root = root.resolve()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        shown = f"{shown_root}/{rel.as_posix()}"
        if path.name in IGNORED_NAMES or (path.is_dir() and not path.is_symlink()):
            continue
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(real_root):
                problems.append(Problem(shown, 1, "(file)", f"this is a link to {target}, outside {shown_root}/; "
                                        "records must be real files inside the tree."))
            else:
                problems.append(Problem(shown, 1, "(file)", "this is a link; records must be real files "
                                        "(a link would give one record two ids). Copy or move the file instead."))
            continue
        if len(rel.parts) != 2 or rel.parts[0] not in kind_by_folder:
            folders = ", ".join(f"{shown_root}/{plural}/" for plural in kind_by_folder)
            problems.append(Problem(shown, 1, "(file)", f"records live one level down in a kind's folder: {folders}."))
            continue
        if path.suffix != RECORD_SUFFIX:
            problems.append(Problem(shown, 1, "(file)", f"record files end in '{RECORD_SUFFIX}'; "
                                    f"rename it to '{path.stem}{RECORD_SUFFIX}'." if path.suffix == ".yaml"
                                    else f"only '{RECORD_SUFFIX}' record files belong here."))
            continue
        stem = path.name[: -len(RECORD_SUFFIX)]
        if not ID_PATTERN.match(stem) or len(stem) > MAX_ID_LENGTH:
            problems.append(Problem(shown, 1, "(file)",
                                    f"the file name '{stem}' is not a valid id: use lower-case letters, digits and "
                                    f"single hyphens, at most {MAX_ID_LENGTH} characters, "
                                    f"e.g. '{suggest_id(stem)[:MAX_ID_LENGTH]}{RECORD_SUFFIX}'."))
            continue
        found.append((path, shown, kind_by_folder[rel.parts[0]], stem))
    return found, problems


def read_records(
    root: Path, shown_root: str, kind_by_folder: dict[str, str]
) -> tuple[list[Record], set[str], list[Problem]]:
    """Parse every record file (``find_record_files`` says which).

    Returns the records, the ids of files that could not be parsed (they add problems and no
    record), and the problems.
    """
    files, problems = find_record_files(root, shown_root, kind_by_folder)
    records: list[Record] = []
    unreadable: set[str] = set()
    for path, shown, kind, record_id in files:
        document, file_problems = load_document(path, shown)
        problems.extend(file_problems)
        if document is None:
            unreadable.add(record_id)
        else:
            records.append(Record(id=record_id, kind=kind, plural=path.parent.name, path=shown, document=document))
    return records, unreadable, problems


def text_values(value: Any, at: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string in a record's data, with its field path: ``(("sources", 0, "url"), "https://…")``."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from text_values(child, at + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from text_values(child, at + (index,))
    elif isinstance(value, str):
        yield at, value
