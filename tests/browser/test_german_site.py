"""The German site in a browser: the language switch keeps the reader on the same page, axe finds
nothing on German pages at both widths in both colour schemes, and German searches find their
records on /de/."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from browser.conftest import WatchedPage
from browser.test_find_it_fast import search_results

# A record page of each kind, an index, the planner and home.
GERMAN_PAGES = ["de/", "de/practices/", "de/plan/", "de/practices/aarhus-model/", "de/tools/vera-2r/",
                "de/terms/social-diagnostics/", "de/findings/lone-and-group-actors-differ/",
                "de/themes/", "de/recommendations/reassess-at-agreed-intervals/",
                "de/meetings/ran-lone-actors-assessment-tools-2021/"]

# (query, a page that must be among the first three results on /de/): compounds whose parts are in
# the catalogue, and German words practitioners type.
GERMAN_QUERIES = [
    ("Entlassungsvorbereitung", "de/recommendations/plan-release-before-discharge/"),
    ("Sozialdiagnostik", "de/recommendations/train-caseworkers-in-social-diagnostics/"),
    ("Ausstiegsberatung", "de/practices/konex-baden-wuerttemberg/"),
    ("Haftentlassung", "de/recommendations/plan-release-before-discharge/"),
    ("Bewährungshilfe", "de/practices/vpn-prison-and-probation/"),
    ("Fallkonferenz", "de/terms/case-conference/"),
]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("mobile", [False, True], ids=["1280", "375"])
def test_german_pages_have_no_wcag_violation(
    mobile: bool, dark: bool, real_url: str, open_site: Callable[..., WatchedPage]
) -> None:
    tab = open_site(real_url, mobile=mobile, dark=dark)
    violations = {}
    for path in GERMAN_PAGES:
        tab.goto(path)
        assert tab.page.evaluate("document.documentElement.lang") == "de"
        found = tab.axe()
        if found:
            violations[path] = [f"{v['id']}: {v['help']} ({'; '.join(v['nodes'][:2])})" for v in found]
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= (375 if mobile else 1280)
    assert violations == {}


def test_the_language_switch_keeps_the_page(real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url)
    tab.goto("tools/vera-2r/")
    tab.page.goto(tab.page.locator('a[hreflang="de"]').first.evaluate("a => a.href"))
    assert tab.page.url == real_url + "de/tools/vera-2r/"
    tab.page.goto(tab.page.locator('a[hreflang="en"]').first.evaluate("a => a.href"))
    assert tab.page.url == real_url + "tools/vera-2r/"


@pytest.mark.parametrize(("query", "expected"), GERMAN_QUERIES, ids=[q for q, _ in GERMAN_QUERIES])
def test_german_searches_find_their_records(
    query: str, expected: str, real_url: str, open_site: Callable[..., WatchedPage]
) -> None:
    tab = open_site(real_url)
    tab.goto("de/")
    found = [url.removeprefix(real_url) for url in search_results(tab, query)]
    assert expected in found[:3], found[:5]
