"""Example-driven tests of loading and validation: each folder under examples/invalid is one case.

A case folder holds record files laid out like ``practices/`` (they are added to, or replace, the
valid example catalogue) and ``expected.txt``: the exact report ``make check`` prints for it.
A changed message shows up as a reviewable diff of ``expected.txt``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue_core.check.catalogue import load_catalogue
from catalogue_core.problems import format_report
from conftest import EXAMPLES, compare_golden, make_project

CASES = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())


def test_the_valid_examples_load_without_problems(tmp_path: Path) -> None:
    catalogue, problems = load_catalogue(make_project(tmp_path))
    assert problems == []
    assert catalogue is not None
    assert {r.kind for r in catalogue.records} == {
        "meeting", "finding", "theme", "recommendation", "practice", "tool", "term",
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_example_gives_exactly_the_expected_report(case: Path, tmp_path: Path) -> None:
    catalogue, problems = load_catalogue(make_project(tmp_path, case / "practices"))
    assert catalogue is None, "an invalid catalogue must never be returned"
    compare_golden(format_report(problems) + "\n", case / "expected.txt")
