"""Contracts declared once and checked: a kind whose schema lacks an optional field, an annotation or
an x-kind entry either builds or is reported at ``path:line``, never a traceback.

Each case copies the example project, takes one thing out of one kind's schema (and, for a field,
out of that kind's records too), then loads and plans the whole site as a build does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from catalogue_core.check.catalogue import load_catalogue
from catalogue_core.problems import format_report
from catalogue_core.publish.site_plan import plan_site
from catalogue_core.urls import Linker
from conftest import KINDS, ROOT, make_project

SCHEMAS = ROOT / "schemas"
LOCATED = re.compile(r"^(schemas|practices)/[^:]+:[1-9][0-9]*: ")


def _annotations(schema: Any, at: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The path of every x- annotation written in a schema (not behind a $ref)."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key.startswith("x-"):
                yield (*at, key)
            else:
                yield from _annotations(value, (*at, key))


def _cases() -> Iterator[Any]:
    for kind in KINDS:
        schema = json.loads((SCHEMAS / f"{kind}.json").read_text(encoding="utf-8"))
        for field in schema["properties"]:
            if field not in schema.get("required", []):
                yield pytest.param(kind, ("properties", field), id=f"{kind}-without-{field}")
        for path in _annotations(schema["properties"], ("properties",)):
            yield pytest.param(kind, path, id=f"{kind}-without-{'.'.join(path[1:])}")
        for key in schema["x-kind"]:
            if key not in ("plural", "name", "names", "order", "intro"):
                yield pytest.param(kind, ("x-kind", key), id=f"{kind}-without-x-kind.{key}")


def _drop_top_level_key(text: str, key: str) -> str:
    """A YAML record without its top-level ``key`` (its line and the indented or '- ' lines below it)."""
    out, dropping = [], False
    for line in text.splitlines(keepends=True):
        if re.match(rf"{re.escape(key)}\s*:", line):
            dropping = True
            continue
        if dropping and (line.startswith((" ", "-", "\t")) or not line.strip()):
            continue
        dropping = False
        out.append(line)
    return "".join(out)


@pytest.mark.parametrize("kind,path", list(_cases()))
def test_a_kind_without_an_optional_part_builds_or_is_reported_at_its_line(tmp_path: Path, kind: str,
                                                                           path: tuple[str, ...]) -> None:
    project = make_project(tmp_path)
    schema_file = project.schemas_dir / f"{kind}.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    parent = schema
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    schema_file.write_text(json.dumps(schema, indent=2, ensure_ascii=False), encoding="utf-8")
    if path[0] == "properties" and len(path) == 2:  # a field: its records go without it too
        for record in (project.records_dir / KINDS[kind]).glob("*.yml"):
            record.write_text(_drop_top_level_key(record.read_text(encoding="utf-8"), path[1]), encoding="utf-8")

    catalogue, problems = load_catalogue(project)
    if catalogue is None:
        report = format_report(problems)
        assert problems and all(LOCATED.match(str(problem)) for problem in problems), report
        return
    pages = plan_site(catalogue, Linker(site_url="https://catalogue.example.org/")).pages
    assert any(page.record_path and page.record_path.startswith(f"practices/{KINDS[kind]}/") for page in pages.values())
