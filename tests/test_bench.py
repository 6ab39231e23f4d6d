"""The benchmark's generator and reports (``make bench``), without timing anything."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

from catalogue_core.check.catalogue import load_catalogue
from catalogue_core.project import Project
from conftest import KINDS, ROOT

if str(ROOT) not in sys.path:  # `bench` is a top-level package of the repository
    sys.path.insert(0, str(ROOT))

from bench import report  # noqa: E402
from bench.generate import MIN_SIZE, catalogue_files, catalogue_records, composition, write_catalogue  # noqa: E402
from bench.project import plain_config, stand_in, without_hooks  # noqa: E402

SMALL = 60


def test_a_small_synthetic_catalogue_loads_without_problems(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    assert write_catalogue(tmp_path / "practices", SMALL) == SMALL
    catalogue, problems = load_catalogue(Project.at(tmp_path))
    assert problems == []
    assert catalogue is not None
    assert {kind: len(records) for kind, records in catalogue.by_kind.items()} == composition(SMALL)


@pytest.mark.parametrize("size", [MIN_SIZE, 100, 1000, 5000])
def test_every_kind_is_there_and_the_counts_add_up(size: int) -> None:
    counts = composition(size)
    assert list(counts) == list(KINDS)
    assert sum(counts.values()) == size
    assert min(counts.values()) >= 1
    if size >= 100:  # a real catalogue is mostly practices; the smallest one is mostly its meeting
        assert counts["practice"] == max(counts.values())


def test_the_same_size_and_seed_give_the_same_files_and_another_seed_does_not() -> None:
    first = catalogue_files(SMALL, seed=1)
    assert first == catalogue_files(SMALL, seed=1)
    assert first != catalogue_files(SMALL, seed=2)
    assert len(first) == SMALL  # ids are unique: one file per record


def test_practices_are_realistic() -> None:
    practices = catalogue_records(SMALL)["practice"]
    ids = {record_id for kind in catalogue_records(SMALL).values() for record_id, _ in kind}
    for _, data in practices:
        assert 150 <= len(data["description"].split()) <= 400
        assert data["countries"] and data["tools"] and data["terms"]
        if data["countries"][0] in ("AT", "DE", "CH"):
            assert data["original_name"]
        assert set(data["tools"] + data["terms"] + data.get("related", [])) <= ids
    assert any("original_name" in data for _, data in practices)


def test_the_plain_floor_config_is_the_same_without_hooks() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plain = without_hooks(config)
    assert "catalogue_hook" not in plain
    assert "hooks:" not in plain.replace("watch:\n  - practices\n  - schemas\n  - hooks", "")
    assert len(plain.splitlines()) < len(config.splitlines())
    assert yaml.safe_load(without_hooks("site_name: x\nhooks:\n  - a.py\n\nplugins:\n  - search\n")) == {
        "site_name": "x", "plugins": ["search"]}


def test_the_plain_floor_searches_with_materials_stock_search() -> None:
    plain = yaml.safe_load(plain_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).replace("!ENV", ""))
    assert "search" in plain["plugins"]
    assert "assets/javascripts/search.js" not in plain["extra_javascript"]
    assert "assets/stylesheets/search.css" not in plain["extra_css"]


def test_a_stand_in_page_keeps_front_matter_title_and_listing_markers() -> None:
    page = "---\ntitle: Tags\n---\n\n# Tags\n\nSee [a record](practices/x.md).\n\n<!-- material/tags -->\n"
    assert stand_in(page).startswith("---\ntitle: Tags\n---\n# Tags\n")
    assert "<!-- material/tags -->" in stand_in(page)
    assert "practices/x.md" not in stand_in(page)


def _row(records: int, **values: float) -> dict[str, object]:
    row: dict[str, object] = {
        "records": records, "check_s": 1.0, "parse_s": 1.0, "build_s": 10.0, "plain_build_s": 10.0,
        "search_index_bytes": 2000 * records, "page": "practices/x/", "page_bytes": 100_000,
        "first_search_s": 1.0, "plain_first_search_s": 1.0,
        "first_search_bytes": 100 * records, "plain_first_search_bytes": 200 * records + 1,
    }
    row.update(values)
    return row


def test_budgets_pass_and_fail_on_their_limits() -> None:
    rows = [_row(1000, build_s=11.0), _row(5000, build_s=55.0, check_s=2.01, page_bytes=150_001)]
    verdicts = {(v.budget, v.records): v.passed for v in report.check_budgets(rows)}
    assert verdicts[("build <= 1.10x plain floor", 1000)] is True
    assert verdicts[("5,000-record build <= 5.5x the 1,000-record build", 5000)] is True
    assert verdicts[("check <= 2x parse", 1000)] is True
    assert verdicts[("check <= 2x parse", 5000)] is False
    assert verdicts[("record page <= 150 KB transferred", 5000)] is False
    assert verdicts[("first search bytes <= 0.5x Material's stock search", 5000)] is True
    slow = report.check_budgets([_row(100, first_search_bytes=250_000), _row(1000, build_s=11.1),
                                 _row(5000, build_s=61.1, first_search_s=1.21, first_search_bytes=600_000)])
    failed = {(v.budget, v.records) for v in slow if not v.passed}
    assert failed == {("build <= 1.10x plain floor", 1000),
                      ("5,000-record build <= 5.5x the 1,000-record build", 5000),
                      ("first search <= 1.2x plain floor", 5000),
                      ("first search bytes <= 0.5x Material's stock search", 5000),
                      ("first search bytes < 250 KB", 100)}


def test_the_typing_budget_holds_at_one_and_a_half_times_the_paste() -> None:
    typing = {"probation": {"typed": 150, "pasted": 100, "typed_files": 9, "pasted_files": 8}}
    ok = report.check_budgets([_row(100, typing_ratio=1.5, typing=typing)])  # type: ignore[arg-type]
    over = report.check_budgets([_row(100, typing_ratio=1.51, typing=typing)])  # type: ignore[arg-type]
    budget = "typing a word letter by letter <= 1.5x the search bytes of pasting it"
    assert [v.passed for v in ok if v.budget == budget] == [True]
    assert [v.passed for v in over if v.budget == budget] == [False]
    assert "probation: 150 B typed, 100 B pasted" in str([v for v in over if v.budget == budget][0])


def test_the_table_has_a_row_per_size() -> None:
    lines = report.table([_row(100), _row(1000)]).splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("| records | check s | parse s |")
    assert lines[3].startswith("| 1,000 |")
