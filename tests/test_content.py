"""The real catalogue: it validates, and it meets the content rules editors work by."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from catalogue_core.check.catalogue import Catalogue, load_catalogue
from catalogue_core.project import Project
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


# Minimums from the issue "Content depth". Each check names what is short, so a failure says what to add.
MIN_PRACTICES = 30
MIN_PRACTICES_AT = 8
MIN_PRACTICES_DE = 8
MIN_PRACTICES_ELSEWHERE = 14
MIN_COUNTRIES_ELSEWHERE = 8
MIN_LONE_OR_BOTH = 6
MIN_TOOLS = 16
MIN_PRACTICES_WITH_TOOLS = 12
MIN_TERMS = 24


def _ids(records) -> str:
    return ", ".join(r.id for r in records) or "none"


def test_there_are_enough_practices(catalogue: Catalogue) -> None:
    count = len(catalogue.of_kind("practice"))
    assert count >= MIN_PRACTICES, (
        f"{count} practices, at least {MIN_PRACTICES} needed: add {MIN_PRACTICES - count} more"
    )


@pytest.mark.parametrize(("country", "minimum"), [("AT", MIN_PRACTICES_AT), ("DE", MIN_PRACTICES_DE)])
def test_there_are_enough_practices_from_austria_and_germany(catalogue: Catalogue, country: str, minimum: int) -> None:
    found = [r for r in catalogue.of_kind("practice") if country in r.data["countries"]]
    count = len(found)
    assert count >= minimum, (
        f"{count} practices from {country} ({_ids(found)}), at least {minimum} needed: add {minimum - count} more"
    )


def test_there_are_enough_practices_from_elsewhere(catalogue: Catalogue) -> None:
    elsewhere = [r for r in catalogue.of_kind("practice") if not set(r.data["countries"]) & {"AT", "DE"}]
    countries = sorted({c for r in elsewhere for c in r.data["countries"]} - {"AT", "DE"})
    problems = []
    if len(elsewhere) < MIN_PRACTICES_ELSEWHERE:
        problems.append(
            f"{len(elsewhere)} practices outside Austria and Germany, at least {MIN_PRACTICES_ELSEWHERE} "
            f"needed: add {MIN_PRACTICES_ELSEWHERE - len(elsewhere)} more"
        )
    if len(countries) < MIN_COUNTRIES_ELSEWHERE:
        problems.append(
            f"practices from {len(countries)} countries besides AT and DE ({', '.join(countries) or 'none'}), "
            f"at least {MIN_COUNTRIES_ELSEWHERE} needed: add practices from "
            f"{MIN_COUNTRIES_ELSEWHERE - len(countries)} more countries"
        )
    assert not problems, "; ".join(problems)


def test_enough_practices_address_lone_actors(catalogue: Catalogue) -> None:
    schema = json.loads((ROOT / "schemas" / "practice.json").read_text(encoding="utf-8"))
    allowed = set(schema["properties"]["actor_focus"]["enum"])
    assert {"lone", "both"} <= allowed, f"the practice schema's actor_focus no longer has 'lone' and 'both': {allowed}"
    found = [r for r in catalogue.of_kind("practice") if r.data["actor_focus"] in {"lone", "both"}]
    count = len(found)
    assert count >= MIN_LONE_OR_BOTH, (
        f"{count} practices with actor_focus 'lone' or 'both' ({_ids(found)}), at least "
        f"{MIN_LONE_OR_BOTH} needed: add {MIN_LONE_OR_BOTH - count} more"
    )


def test_there_are_enough_tools_and_practices_use_them(catalogue: Catalogue) -> None:
    tools = catalogue.of_kind("tool")
    linked = [r for r in catalogue.of_kind("practice") if r.data.get("tools")]
    problems = []
    if len(tools) < MIN_TOOLS:
        problems.append(f"{len(tools)} tools, at least {MIN_TOOLS} needed: add {MIN_TOOLS - len(tools)} more")
    if len(linked) < MIN_PRACTICES_WITH_TOOLS:
        problems.append(
            f"{len(linked)} practices list instruments under 'tools' ({_ids(linked)}), at least "
            f"{MIN_PRACTICES_WITH_TOOLS} needed: link {MIN_PRACTICES_WITH_TOOLS - len(linked)} more"
        )
    assert not problems, "; ".join(problems)


def test_the_glossary_has_enough_terms_each_with_a_german_name(catalogue: Catalogue) -> None:
    terms = catalogue.of_kind("term")
    without_de = [
        r for r in terms if not any(t.get("language") == "de" and t.get("term") for t in r.data.get("translations", []))
    ]
    problems = []
    if len(terms) < MIN_TERMS:
        problems.append(f"{len(terms)} terms, at least {MIN_TERMS} needed: add {MIN_TERMS - len(terms)} more")
    if without_de:
        problems.append(f"terms without a German ('de') translation: {_ids(without_de)}")
    assert not problems, "; ".join(problems)


def test_every_austrian_and_german_practice_has_a_german_summary(catalogue: Catalogue) -> None:
    missing = [
        r
        for r in catalogue.of_kind("practice")
        if set(r.data["countries"]) & {"AT", "DE"} and not str(r.data.get("summary_de", "")).strip()
    ]
    assert not missing, f"Austrian or German practices without summary_de: {_ids(missing)}"


def test_every_record_has_an_https_source(catalogue: Catalogue) -> None:
    missing = [
        r for r in catalogue.records if not any(str(s.get("url", "")).startswith("https://") for s in r.data["sources"])
    ]
    assert not missing, "records without a single https:// source: " + ", ".join(r.path for r in missing)


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


@pytest.mark.parametrize("kind", ["practice", "tool"])
def test_every_practice_and_instrument_quotes_a_source_for_its_key_claim(catalogue: Catalogue, kind: str) -> None:
    unquoted = [r for r in catalogue.of_kind(kind) if not any(s.get("quote") for s in r.data["sources"])]
    assert unquoted == [], f"give a source of each of these a quote (the source's own words): {_ids(unquoted)}"
