"""The real catalogue: it validates, and it meets the content rules editors work by."""

from __future__ import annotations

from collections import Counter

import pytest

from catalogue_core.check.catalogue import Catalogue, Project, load_catalogue
from conftest import ROOT


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    loaded, problems = load_catalogue(Project.at(ROOT))
    assert problems == [], "\n".join(str(p) for p in problems)
    assert loaded is not None
    return loaded


def test_the_catalogue_has_the_minimum_content(catalogue: Catalogue) -> None:
    counts = Counter(r.kind for r in catalogue.records)
    assert counts["meeting"] >= 1 and counts["finding"] >= 5 and counts["theme"] >= 4
    assert counts["recommendation"] >= 10 and counts["practice"] >= 14
    assert counts["tool"] >= 8 and counts["term"] >= 14
    countries = Counter(c for r in catalogue.of_kind("practice") for c in set(r.data["countries"]))
    assert countries["AT"] >= 4 and countries["DE"] >= 4
    elsewhere = [r for r in catalogue.of_kind("practice") if not set(r.data["countries"]) & {"AT", "DE"}]
    assert len(elsewhere) >= 6


def test_every_recommendation_builds_on_findings_and_points_to_something_to_use(catalogue: Catalogue) -> None:
    for record in catalogue.of_kind("recommendation"):
        assert record.data["basis"] == "editorial"
        assert record.data["findings"], record.id
        assert any(record.data.get(field) for field in ("practices", "tools", "terms")), record.id


def test_the_meeting_lists_its_five_findings_in_order(catalogue: Catalogue) -> None:
    meeting = catalogue.by_id["ran-lone-actors-assessment-tools-2021"]
    numbers = [catalogue.by_id[f].data["number"] for f in meeting.data["findings"]]
    assert numbers == [1, 2, 3, 4, 5]
    assert meeting.data["date"] == "2021-12-10"
    assert meeting.data["publication"]["date"] == "2022-02-17"


def test_no_practice_claims_it_was_presented_without_a_source_saying_so(catalogue: Catalogue) -> None:
    for record in catalogue.of_kind("practice"):
        if record.data.get("meeting_relation") == "presented":
            supports = " ".join(s.get("supports", "") for s in record.data["sources"]).casefold()
            assert "presented" in supports, f"{record.id}: 'presented' needs a source that supports it"


def test_every_kind_is_linked_both_ways(catalogue: Catalogue) -> None:
    """Dense, deliberate cross-references: no record stands alone."""
    for record in catalogue.records:
        linked = catalogue.links.get(record.id, []) + catalogue.backlinks.get(record.id, [])
        assert linked, f"{record.id} links to nothing and nothing links to it"
