"""The scripts write the words of interface-strings.js: English on the English site, and German when
the file is the German one (as the German build writes it), counts and kinds' names included."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from browser.conftest import WatchedPage
from catalogue_core.publish.interface_script import SCRIPT_PATH, interface_script
from catalogue_core.schemas import Schemas
from conftest import ROOT

COMPARED = "compare/practices/?ids=aarhus-model,safety-houses"


def words_on_the_pages(tab: WatchedPage) -> dict[str, str]:
    """The words filters.js and compare.js wrote on the practices' list and their comparison."""
    tab.goto("practices/?country=AT")
    page = tab.page
    found = {"toggle": page.inner_text(".lac-filter-toggle"), "count": page.inner_text(".lac-count"),
             "active": page.inner_text(".lac-active-title"), "sort": page.inner_text(".lac-sort label")}
    page.locator("li.lac-entry:not([hidden]) input.lac-compare-tick").first.check()
    found["chosen"] = page.inner_text(".lac-compare-status")
    found["tick"] = page.locator("li.lac-entry:not([hidden]) input.lac-compare-tick").first.get_attribute("aria-label") or ""
    tab.goto("practices/?country=XX")
    found["nothing"] = page.inner_text(".lac-empty")
    tab.goto(COMPARED)
    page.wait_for_selector(".lac-compare-table")
    found["caption"] = page.inner_text(".lac-compare-table caption")
    found["region"] = page.get_attribute(".lac-compare-scroll", "aria-label") or ""
    return found


def test_the_english_site_writes_english(real_url: str, open_site: Callable[[str], WatchedPage]) -> None:
    tab = open_site(real_url)
    words = words_on_the_pages(tab)
    assert words["toggle"] == "Filters (1 active)"
    assert words["count"].endswith(" practices") and " of " in words["count"]
    assert words["active"] == "Active filters:"
    assert words["sort"] == "Sort by"
    assert words["chosen"] == "1 of at most 4 chosen to compare"
    assert words["tick"].startswith("Compare ")
    assert words["nothing"].split("\n\n")[:2] == ["Nothing matches",
                                                   "No practice has Countries: XX (not a value this list knows)."]
    assert re.search(r"\(then \d+ practices\)", words["nothing"])
    assert words["caption"] == "Comparing 2 practices"
    assert words["region"] == "Comparison table"
    assert tab.problems() == []


def test_with_the_german_file_the_scripts_write_german(real_url: str,
                                                        open_site: Callable[[str], WatchedPage]) -> None:
    german = interface_script("de", Schemas.load(ROOT / "schemas"))
    tab = open_site(real_url)

    def give_german(route: Any) -> None:
        route.fulfill(body=german, content_type="text/javascript; charset=utf-8")

    tab.page.route(real_url + SCRIPT_PATH, give_german)
    words = words_on_the_pages(tab)
    assert words["toggle"] == "Filter (1 aktiv)"
    assert words["count"].startswith("Praxisbeispiele: ") and " von " in words["count"]
    assert words["active"] == "Aktive Filter:"
    assert words["sort"] == "Sortieren nach"
    assert words["chosen"] == "1 von höchstens 4 zum Vergleich ausgewählt"
    assert words["tick"].endswith(" vergleichen")
    assert words["nothing"].split("\n\n")[:2] == [
        "Keine Treffer", "Kein Eintrag der Art „Praxisbeispiel“ hat Countries: XX (kein Wert, den diese Liste kennt)."]
    assert re.search(r"\(dann \d+ Praxisbeispiele\)", words["nothing"])
    assert words["caption"] == "2 Praxisbeispiele im Vergleich"
    assert words["region"] == "Vergleichstabelle"
    assert tab.problems() == []
