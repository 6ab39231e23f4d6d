"""The adversarial corpus as a whole: what it covers, and that one broken file never hides the rest.

Each case folder under tests/examples/invalid/ holds its exact report (test_record_examples.py).
Here: every attack the issue lists has a case; each case is reported by ``make check`` (the real
command line) next to the problem of an unrelated record, with no traceback; and a 10 MB file,
made at test time, is refused without being parsed while the records around it are still checked.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalogue_core.__main__ import main as check_command
from catalogue_core.load.strict_yaml import MAX_FILE_BYTES
from conftest import EXAMPLES, VALID_RECORDS, make_project

CASES = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())

# Issue 6's list of attacks -> the cases that show each (tests/test_strict_yaml.py has the small ones).
COVERAGE = {
    "duplicate keys, top level and nested": ["duplicate-keys"],
    "YAML 1.1 booleans where strings belong": ["yaml-1-1-scalars"],
    "!!python/... and other tags": ["yaml-tags", "custom-tag"],
    "anchors and aliases, billion laughs": ["anchors-and-aliases", "billion-laughs", "alias-collisions"],
    "deep nesting": ["deep-nesting"],
    "invalid UTF-8": ["invalid-utf8"],
    "tab indentation": ["tab-indentation"],
    "an empty file": ["empty-file", "comment-only"],
    "several documents in one file": ["several-documents"],
    "ids with spaces, '..' or '/'": ["bad-file-names", "ids-with-path-characters"],
    "a symlink pointing outside the tree": ["symlinks"],
    "wrong types, unknown fields": ["schema-errors", "not-a-mapping"],
    "dangling and self references": ["references"],
    "duplicate ids": ["duplicate-ids"],
    "impossible dates": ["impossible-dates", "schema-errors"],
    "URLs with javascript:, data: or no scheme": ["unsafe-urls", "schema-errors"],
    "HTML or script in every text field of every kind": [
        "html-in-meeting", "html-in-finding", "html-in-theme", "html-in-recommendation", "html-in-text",
        "html-in-tool", "html-in-term",
    ],
}

# An unrelated record with one problem of its own: it must be reported whatever else is broken.
WITNESS = "practices/terms/witness-term.yml"
WITNESS_LINE = f"{WITNESS}:2: sumary: 'sumary' is not a field of a term record. Did you mean 'summary'?"


def _add_witness(records: Path) -> None:
    text = (VALID_RECORDS / "terms" / "example-term.yml").read_text(encoding="utf-8")
    (records / "terms" / "witness-term.yml").write_text(text.replace("summary:", "sumary:", 1), encoding="utf-8")


def test_every_attack_in_the_issue_has_a_case() -> None:
    names = {case.name for case in CASES}
    missing = {attack: [c for c in cases if c not in names] for attack, cases in COVERAGE.items()}
    assert {attack: cases for attack, cases in missing.items() if cases} == {}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_broken_file_never_hides_the_problems_of_the_others(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path, case / "practices")
    _add_witness(project.records_dir)
    assert check_command(["check", "--root", str(tmp_path)]) == 1
    report = capsys.readouterr().out
    assert "Traceback" not in report
    lines = report.splitlines()
    assert any(line.startswith(WITNESS_LINE) for line in lines), report
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()[:-1]  # all but the count
    assert [line for line in expected if line not in lines] == []


def test_a_10_mb_file_is_refused_unread_and_the_others_are_still_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path)
    _add_witness(project.records_dir)
    big = project.records_dir / "practices" / "huge-practice.yml"
    with big.open("w", encoding="utf-8") as out:
        out.write("title: Huge\nsummary: |\n")
        line = "  " + "x" * 1022 + "\n"
        for _ in range(10 * 1024):
            out.write(line)
    size = big.stat().st_size
    assert size > 10 * 1024 * 1024
    assert check_command(["check", "--root", str(tmp_path)]) == 1
    report = capsys.readouterr().out.splitlines()
    assert report[0] == (f"practices/practices/huge-practice.yml:1: (file): the file is {size:,} bytes; a record "
                         f"may be at most {MAX_FILE_BYTES:,} bytes. Move long text to a hand-written page or split "
                         "the record.")
    assert WITNESS_LINE in report
    assert report[-1] == "3 problems in 2 files."  # the witness lacks summary and has sumary


def test_a_valid_catalogue_around_the_cases_stays_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The witness test above relies on the example catalogue being valid on its own.
    shutil.copytree(VALID_RECORDS, tmp_path / "practices")
    shutil.copytree(EXAMPLES.parent.parent / "schemas", tmp_path / "schemas")
    assert check_command(["check", "--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("All ")
