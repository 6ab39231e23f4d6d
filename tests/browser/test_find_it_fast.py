"""Finding things on the project's own site: filtered views by URL, entry points by role, search.

The expected records are computed from catalogue.json, so the tests follow the content.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from browser.conftest import SEARCH_RESULT, WatchedPage
from catalogue_core.render.index_page import facet_values
from catalogue_core.schemas import Schemas
from conftest import KINDS, ROOT

# (index page, query): each a view a practitioner might share. Values of one filter are
# alternatives; different filters must all match.
SHARED_VIEWS = [
    ("practices/", "country=AT&setting=probation"),
    ("practices/", "country=AT&country=DE"),
    ("practices/", "assessment=needs&focus=both"),
    ("practices/", "evidence=external&evidence=peer-reviewed"),
    ("practices/", "role=mental-health-professional&setting=multi-agency"),
    ("practices/", "country=XX"),  # a value no record has: nothing matches, and the page says so
    ("tools/", "type=risk&method=structured-professional-judgement"),
    ("tools/", "suitability=designed-for&suitability=applicable"),
    ("recommendations/", "audience=trainers"),
    ("recommendations/", "finding=understand-the-other-disciplines&audience=organisations"),
]


@pytest.fixture(scope="module")
def records(real_site_build: Path) -> list[dict[str, Any]]:
    catalogue: dict[str, Any] = json.loads((real_site_build / "catalogue.json").read_text(encoding="utf-8"))
    return list(catalogue["records"])


class _Record:
    """Just enough of catalogue_core.load.records.Record for facet_values: the record's data."""

    def __init__(self, data: dict[str, Any]):
        self.data = data


def expected_ids(records: list[dict[str, Any]], kind: str, query: str) -> set[str]:
    facets = Schemas.load(ROOT / "schemas").kinds[kind].facets
    params_by_facet = {param: facet for facet, param in facets.items()}
    wanted: dict[str, set[str]] = {}
    for name, value in parse_qsl(query):
        wanted.setdefault(params_by_facet[name], set()).add(value)
    return {
        r["id"] for r in records if r["kind"] == kind
        and all(set(facet_values(_Record(r), facet)) & values for facet, values in wanted.items())  # type: ignore[arg-type]
    }


def visible_entries(tab: WatchedPage) -> set[str]:
    ids: list[str] = tab.page.eval_on_selector_all(
        "ul.lac-index > li.lac-entry", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")
    return set(ids)


@pytest.mark.parametrize(("index", "query"), SHARED_VIEWS, ids=[f"{i}?{q}" for i, q in SHARED_VIEWS])
def test_a_shared_filtered_url_shows_exactly_the_matching_records(
    index: str, query: str, records: list[dict[str, Any]], real_url: str,
    open_site: Callable[[str], WatchedPage],
) -> None:
    kind = next(k for k, plural in KINDS.items() if index == f"{plural}/")
    expected = expected_ids(records, kind, query)
    total = sum(1 for r in records if r["kind"] == kind)
    tab = open_site(real_url)
    tab.goto(f"{index}?{query}")
    assert visible_entries(tab) == expected
    noun = tab.page.get_attribute(".lac-count", "data-noun")
    assert tab.page.inner_text(".lac-count") == f"{len(expected)} of {total} {noun}"
    # The boxes show the state the link asked for, and the address keeps it for the next person.
    boxes = "els => els.map(e => e.name + '=' + e.value)"
    offered = set(tab.page.eval_on_selector_all("form.lac-filters input", boxes))  # values some record has
    checked = set(tab.page.eval_on_selector_all("form.lac-filters input:checked", boxes))
    assert checked == {f"{n}={v}" for n, v in parse_qsl(query)} & offered
    assert urlsplit(tab.page.url).query == query
    assert tab.problems() == []


def test_without_javascript_the_full_list_shows(records: list[dict[str, Any]], real_url: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(real_url + "practices/?country=AT")
        shown = page.eval_on_selector_all("ul.lac-index > li.lac-entry", "els => els.filter(e => e.offsetParent !== null).length")
        assert shown == sum(1 for r in records if r["kind"] == "practice")
        assert not page.is_visible("form.lac-filters")  # controls that could not work stay hidden
    finally:
        context.close()


def test_every_entry_point_by_role_opens_a_view_with_records(real_url: str, open_site: Callable[[str], WatchedPage]) -> None:
    tab = open_site(real_url)
    tab.goto("")
    links: list[str] = tab.page.eval_on_selector_all(
        ".lac-roles:not(.lac-tool-types) a", "els => els.map(e => e.href)")
    roles = ["probation", "prison", "youth-social-work", "mental-health", "exit", "police", "multi-agency"]
    for role in roles:
        assert any(role in link for link in links), f"no entry point for {role} on the home page"
    for link in links:
        tab.page.goto(link)
        shown = tab.page.inner_text(".lac-count")
        assert re.match(r"[1-9]\d* of \d+ practices", shown), f"{link} shows {shown!r}"
    # Instruments have entry points of their own, by the type of assessment.
    tab.goto("")
    tools: list[str] = tab.page.eval_on_selector_all(".lac-tool-types a", "els => els.map(e => e.href)")
    assert len(tools) >= 5
    for link in tools:
        tab.page.goto(link)
        shown = tab.page.inner_text(".lac-count")
        assert re.match(r"[1-9]\d* of \d+ assessment instruments", shown), f"{link} shows {shown!r}"
    assert tab.problems() == []


# --- search -----------------------------------------------------------------------------------

def _compact(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def search_results(tab: WatchedPage, query: str) -> list[str]:
    """Type ``query`` into an emptied search box; the result pages' URLs, best first."""
    page = tab.page
    page.click(".md-search__input")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_selector(SEARCH_RESULT, state="detached", timeout=10_000)
    # Material's search listens for key events and ignores page.fill(); inserting all but the last
    # character and typing that one runs one search instead of one per character.
    page.keyboard.insert_text(query[:-1])
    page.keyboard.type(query[-1])
    page.wait_for_selector(SEARCH_RESULT, timeout=10_000)
    script = "els => els.map(e => e.querySelector('a').href.split('?')[0])"
    previous: list[str] = []
    for _ in range(40):  # results arrive from a worker; wait until two reads agree
        current: list[str] = page.eval_on_selector_all(SEARCH_RESULT, script)
        if current and current == previous:
            return current
        previous = current
        page.wait_for_timeout(120)
    return previous


def test_every_record_ranks_first_for_its_name_and_is_found_by_its_other_names(
    records: list[dict[str, Any]], real_url: str, open_site: Callable[[str], WatchedPage],
) -> None:
    """The query is the record's title as a person would type it (without the ':' and '-' that
    lunr reads as query syntax). Where the title contains another record's whole name, such as
    "Police risk assessment ... (RADAR-iTE)", that record may come first and this one second."""
    names = {r["url"]: [_compact(r["title"])] + ([_compact(r["acronym"])] if r.get("acronym") else [])
             for r in records}
    tab = open_site(real_url)
    tab.goto("")
    misses = []
    for record in records:
        url = real_url + record["url"]
        query = record["title"].replace(":", " ").replace("-", " ")
        results = search_results(tab, query)
        contained = {u for u, ns in names.items() if u != record["url"] and any(n in _compact(query) for n in ns)}
        first_ok = results[:1] == [url] or (results[1:2] == [url] and results[0][len(real_url):] in contained)
        if not first_ok:
            misses.append(f"{record['title']!r}: first results {results[:3]}")
        other_names = [record.get("acronym"), str(record.get("original_name") or "").split(";")[0]]
        other_names += record.get("organisations", [])[:1]
        for name in filter(None, (n.strip() for n in other_names if n)):
            if url not in search_results(tab, name.replace(":", " ")):
                misses.append(f"{record['id']}: not found by {name!r}")
    assert misses == []
    assert tab.problems() == []


@pytest.mark.parametrize(("query", "record"), [
    ("Bewährungshilfe", "practices/neustart-extremism-probation/"),
    ("Gefährder", "terms/gefaehrder/"),
    ("Sozialnetz-Konferenz", "practices/sozialnetz-konferenz/"),
    ("Beratungsstelle Extremismus", "practices/beratungsstelle-extremismus/"),
    ("Schutzfaktor", "terms/protective-factor/"),
])
def test_german_words_find_their_records(query: str, record: str, real_url: str,
                                         open_site: Callable[[str], WatchedPage]) -> None:
    tab = open_site(real_url)
    tab.goto("")
    assert real_url + record in search_results(tab, query)
