"""axe-core in Chromium finds no WCAG 2.1 A or AA violation on any page type, in any state.

Page types: the home page, every hand-written page, each kind's index (the glossary is the terms
index), a record of each kind (the meeting's record is the meeting hub), the 404 page, search open
with results, and an index with filters applied; in the light and the dark colour scheme, on a
desk and on a phone. Rules run: axe's tags wcag2a, wcag2aa, wcag21a and
wcag21aa. Fixes for stock Material live in docs/assets/stylesheets/accessibility.css.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from site_scan import is_redirect

from browser.conftest import Served, WatchedPage
from conftest import KINDS


def _describe(violations: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for where, found in violations.items():
        for v in found:
            lines.append(f"{where}: {v['id']} ({v['impact']}): {v['help']}")
            lines += [f"    {node}" for node in v["nodes"][:5]]
    return "\n".join(lines)


def page_types(served: Served) -> list[str]:
    """One URL of each page type the site has."""
    pages = ["", "404.html"]
    for plural in KINDS.values():
        pages.append(f"{plural}/")
        records = sorted(p.parent.name for p in (served.root / plural).glob("*/index.html")
                         if not is_redirect(p.read_text(encoding="utf-8")))
        pages.append(f"{plural}/{records[0]}/")
    kind_folders = set(KINDS.values())
    for page in sorted(served.root.glob("*/index.html")):  # hand-written and other top-level pages
        name = page.parent.name
        if name not in kind_folders and name not in ("search", "assets"):
            pages.append(f"{name}/")
    return pages


def test_no_page_type_has_a_wcag_21_aa_violation(served: Served, open_site: Callable[[str], WatchedPage]) -> None:
    tab = open_site(served.url)
    violations = {}
    for path in page_types(served):
        tab.goto(path)
        found = tab.axe()
        if found:
            violations[f"/{path}"] = found
    assert violations == {}, "\n" + _describe(violations)


def test_search_open_with_results_has_no_violation(served: Served, open_site: Callable[[str], WatchedPage]) -> None:
    tab = open_site(served.url)
    tab.goto("")
    assert tab.search("probation") > 0
    found = tab.axe()
    assert found == [], "\n" + _describe({"search open": found})


def test_an_index_with_filters_applied_has_no_violation(
    served: Served, open_site: Callable[[str], WatchedPage]
) -> None:
    tab = open_site(served.url)
    tab.goto("practices/")
    filters = tab.page.locator("form.lac-filters")
    assert filters.is_visible(), "the practices index shows no filters"
    count = tab.page.locator(".lac-count").inner_text()
    tab.page.locator("form.lac-filters details.lac-facet > summary").first.click()  # open the first group
    tab.page.locator("form.lac-filters input[type=checkbox]").first.check()
    assert tab.page.locator(".lac-count").inner_text() != count
    found = tab.axe()
    assert found == [], "\n" + _describe({"filters applied": found})


def test_small_screens_have_no_violation(served: Served, open_site: Callable[..., WatchedPage]) -> None:
    # A phone-sized screen: Material folds the navigation into a drawer and the search into a button.
    tab = open_site(served.url, mobile=True)
    records = [p for p in page_types(served) if p.startswith(("meetings/", "practices/")) and p.count("/") == 2]
    violations = {}
    for path in ["", "practices/", "terms/", *records]:
        tab.goto(path)
        found = tab.axe()
        if found:
            violations[f"/{path} (375 px)"] = found
    tab.goto("")
    tab.page.locator("label.md-header__button[for='__drawer']").click()  # open the navigation drawer
    found = tab.axe()
    if found:
        violations["/ with the navigation drawer open (375 px)"] = found
    assert violations == {}, "\n" + _describe(violations)


@pytest.mark.parametrize("mobile", [False, True], ids=["1280", "375"])
def test_the_dark_scheme_has_no_violation(
    mobile: bool, served: Served, open_site: Callable[..., WatchedPage]
) -> None:
    """The system asks for dark colours: every page type, and an index whose filters match nothing."""
    tab = open_site(served.url, mobile=mobile, dark=True)
    violations = {}
    for path in [*page_types(served), "practices/?country=XX&setting=probation"]:
        tab.goto(path)
        assert tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        if path.startswith("practices/?"):
            if mobile:
                tab.page.click(".lac-filter-toggle")
            tab.page.locator("details.lac-facet > summary").first.click()
        found = tab.axe()
        if found:
            violations[f"/{path} (dark, {'375' if mobile else '1280'} px)"] = found
    assert violations == {}, "\n" + _describe(violations)
