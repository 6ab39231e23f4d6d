"""The planner's rules are checked like records: each case under examples/planner/ is a broken copy
of planner/planner.yml with the exact report ``make check`` prints for it (``expected.txt``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalogue_core.check.catalogue import Project, load_catalogue
from catalogue_core.problems import format_report
from conftest import EXAMPLES, ROOT, compare_golden

CASES = sorted(p for p in (EXAMPLES / "planner").iterdir() if p.is_dir())


def _project(tmp_path: Path, rules: Path) -> Project:
    """The real records, schemas and pages, with ``rules`` as the planner's file."""
    for folder in ("practices", "schemas", "docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("assets"))
    (tmp_path / "planner").mkdir()
    shutil.copy(rules, tmp_path / "planner" / "planner.yml")
    return Project.at(tmp_path)


def test_the_real_rules_are_valid(tmp_path: Path) -> None:
    catalogue, problems = load_catalogue(_project(tmp_path, ROOT / "planner" / "planner.yml"))
    assert problems == [] and catalogue is not None and catalogue.planner is not None


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_rules_give_located_problems(case: Path, tmp_path: Path) -> None:
    catalogue, problems = load_catalogue(_project(tmp_path, case / "planner.yml"))
    assert catalogue is None
    compare_golden(format_report(problems) + "\n", case / "expected.txt")


def test_an_instrument_without_a_field_the_planner_asks_is_reported(tmp_path: Path) -> None:
    project = _project(tmp_path, ROOT / "planner" / "planner.yml")
    record = project.records_dir / "tools" / "vera-2r.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("ages:\n  - under-18\n  - adult\n", ""), encoding="utf-8")
    _, problems = load_catalogue(project)
    assert [str(p) for p in problems] == [
        "practices/tools/vera-2r.yml:1: ages: the planner matches instruments on 'ages'; give the values its "
        "sources state, or 'not-stated' where they are silent."]


def test_the_printed_plan_has_a_qr_code_only_when_the_site_address_is_known() -> None:
    from catalogue_core.render.plan_page import plan_page
    from catalogue_core.render.templates import Templates
    from catalogue_core.urls import Linker

    catalogue, problems = load_catalogue(Project.at(ROOT))
    assert catalogue is not None, problems
    published = plan_page(catalogue, Linker(directory_urls=True, site_url="https://catalogue.example.net/"), Templates())
    unknown = plan_page(catalogue, Linker(directory_urls=True), Templates())
    assert 'class="lac-qr"' in published and "https://catalogue.example.net/plan/" in published
    assert "lac-qr" not in unknown
