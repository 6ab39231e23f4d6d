"""Readers first, on a desk (1280x800) and on a phone (375x800): the answer in the first screen,
no sideways scrolling, a way back from every record, and help when an address is wrong.

Expected records and counts are computed from catalogue.json, so the tests follow the content.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from site_scan import is_redirect

from browser.conftest import Served, WatchedPage
from browser.test_find_it_fast import expected_ids, visible_entries
from conftest import KINDS

SCREEN = 800  # the height of the first screen, on a desk and on a phone
SIZES = [pytest.param(False, id="1280x800"), pytest.param(True, id="375x800")]
PHONE_TARGET = 44  # px: the smallest touch target on a phone (WCAG 2.5.5, Apple and Google guidance)
INDEXES = {"meetings": "Meetings", "findings": "Key findings", "themes": "Main themes",
           "recommendations": "Recommendations", "practices": "Practices", "tools": "Assessment instruments",
           "terms": "Glossary"}


@pytest.fixture(scope="module")
def records(real_site_build: Path) -> list[dict[str, Any]]:
    catalogue: dict[str, Any] = json.loads((real_site_build / "catalogue.json").read_text(encoding="utf-8"))
    return list(catalogue["records"])


def first_result_top(tab: WatchedPage) -> float:
    top: float = tab.page.evaluate("""() => {
        const e = [...document.querySelectorAll('ul.lac-index > li.lac-entry')].find(e => !e.hidden);
        return e ? e.getBoundingClientRect().top + window.scrollY : Infinity; }""")
    return top


def counts_shown(tab: WatchedPage) -> dict[str, int]:
    found: dict[str, int] = tab.page.eval_on_selector_all(
        "form.lac-filters label", """els => Object.fromEntries(els.map(l => {
            const box = l.querySelector('input');
            return [box.name + '=' + box.value, Number(l.querySelector('.lac-facet-count').textContent.replace(/\\D/g, ''))];
        }))""")
    return found


# --- A. index pages ---------------------------------------------------------------------------

@pytest.mark.parametrize("mobile", SIZES)
@pytest.mark.parametrize("query", ["", "?country=AT"])
def test_the_first_result_is_in_the_first_screen(
    mobile: bool, query: str, real_url: str, open_site: Callable[..., WatchedPage]
) -> None:
    tab = open_site(real_url, mobile=mobile, height=SCREEN)
    tab.goto(f"practices/{query}")
    assert first_result_top(tab) + 40 < SCREEN, "the first result's title does not show in the first screen"
    # On a phone the filters are folded behind one button that says how many are active.
    toggle = tab.page.locator(".lac-filter-toggle")
    assert toggle.is_visible()
    assert toggle.inner_text() == ("Filters (1 active)" if query else "Filters")
    if mobile:
        assert toggle.get_attribute("aria-expanded") == "false" and not tab.page.is_visible("form.lac-filters")
        toggle.click()
        assert tab.page.is_visible("form.lac-filters")
    assert tab.problems() == []


def test_touch_targets_on_a_phone_are_44_px(real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url, mobile=True, height=SCREEN)
    tab.goto("practices/?country=AT")
    tab.page.click(".lac-filter-toggle")
    tab.page.click("details.lac-facet > summary")  # open the first filter group
    heights: dict[str, float] = tab.page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('.lac-filter-toggle, details.lac-facet > summary, .lac-chip, '
            + 'details.lac-facet[open] label')]
          .filter(e => e.offsetParent !== null)
          .map((e, i) => [i + ' ' + e.textContent.trim().slice(0, 40), e.getBoundingClientRect().height]))""")
    assert len(heights) > 5
    small = {name: h for name, h in heights.items() if h < PHONE_TARGET - 0.5}
    assert small == {}


@pytest.mark.parametrize("query", ["country=AT", "country=AT&setting=probation", "focus=both&evidence=none"])
def test_counts_follow_the_selection(
    query: str, records: list[dict[str, Any]], real_url: str, open_site: Callable[..., WatchedPage]
) -> None:
    """A value's count is the number of records shown if it were ticked too: the other filters
    apply, its own filter's choices do not (standard faceting)."""
    tab = open_site(real_url)
    tab.goto(f"practices/?{query}")
    chosen = parse_qsl(query)
    expected = {}
    for box in counts_shown(tab):
        name, value = box.split("=", 1)
        view = [(n, v) for n, v in chosen if n != name] + [(name, value)]
        expected[box] = len(expected_ids(records, "practice", "&".join(f"{n}={v}" for n, v in view)))
    assert counts_shown(tab) == expected
    if query == "country=AT":  # the example: "Probation (11)" where 4 match
        probation = len(expected_ids(records, "practice", "country=AT&setting=probation"))
        assert counts_shown(tab)["setting=probation"] == probation
    assert tab.problems() == []


@pytest.mark.parametrize("mobile", SIZES)
def test_an_unknown_value_in_the_address_is_shown_and_can_be_removed(
    mobile: bool, records: list[dict[str, Any]], real_url: str, open_site: Callable[..., WatchedPage]
) -> None:
    tab = open_site(real_url, mobile=mobile, height=SCREEN)
    tab.goto("practices/?country=AT&focus=lone-and-group")
    total = sum(1 for r in records if r["kind"] == "practice")
    assert tab.page.inner_text(".lac-count") == f"0 of {total} practices"
    unknown = tab.page.locator(".lac-active .lac-chip", has_text="lone-and-group")
    assert unknown.is_visible(), "the unknown value is not shown as an active filter"
    # Nothing matches: the page names the filter that excludes everything and offers to remove it.
    empty = tab.page.locator(".lac-empty")
    assert empty.is_visible() and "lone-and-group" in empty.inner_text()
    assert empty.locator("button.lac-chip").count() == 2  # one per active filter
    unknown.click()
    austria = expected_ids(records, "practice", "country=AT")
    assert tab.page.inner_text(".lac-count") == f"{len(austria)} of {total} practices"
    assert visible_entries(tab) == austria
    assert urlsplit(tab.page.url).query == "country=AT"
    assert not empty.is_visible()
    assert tab.problems() == []


def test_a_combination_without_results_offers_to_remove_each_filter(
    records: list[dict[str, Any]], real_url: str, open_site: Callable[..., WatchedPage]
) -> None:
    practices = [r for r in records if r["kind"] == "practice"]
    countries = sorted({c for r in practices for c in r["countries"]})
    settings = sorted({s for r in practices for s in r["settings"]})
    query = next(f"country={c}&setting={s}" for c in countries for s in settings
                 if not expected_ids(records, "practice", f"country={c}&setting={s}"))
    tab = open_site(real_url)
    tab.goto(f"practices/?{query}")
    empty = tab.page.locator(".lac-empty")
    assert empty.is_visible()
    assert "together" in empty.inner_text()  # each filter matches something alone; together nothing
    buttons = empty.locator("button.lac-chip")
    assert buttons.count() == 2
    country = query.split("&")[0]
    buttons.filter(has_text="Settings").click()  # removing the setting leaves the country's records
    assert visible_entries(tab) == expected_ids(records, "practice", country)
    assert urlsplit(tab.page.url).query == country
    assert tab.problems() == []


def test_sorting_follows_the_entries_sort_keys(
    records: list[dict[str, Any]], real_url: str, real_site_build: Path, open_site: Callable[..., WatchedPage]
) -> None:
    """The renderer may add data-sort-<key> to entries; each becomes a way to sort, kept in the URL.
    Here the key is added to the served page, as the renderer would."""
    reviewed = {r["id"]: str(r["reviewed"]) for r in records if r["kind"] == "practice"}
    html = (real_site_build / "practices" / "index.html").read_text(encoding="utf-8")
    html = re.sub(r'<li class="lac-entry" id="([^"]+)"',
                  lambda m: f'{m.group(0)} data-sort-reviewed="{reviewed[m.group(1)]}"', html)
    tab = open_site(real_url)
    tab.page.route(real_url + "practices/?sort=reviewed",
                   lambda route: route.fulfill(status=200, body=html, content_type="text/html"))
    tab.goto("practices/?sort=reviewed")
    order = tab.page.eval_on_selector_all("ul.lac-index > li.lac-entry", "els => els.map(e => e.id)")
    assert [reviewed[i] for i in order] == sorted(reviewed.values(), reverse=True)
    assert tab.page.input_value(".lac-sort select") == "reviewed"
    tab.page.select_option(".lac-sort select", "title")
    assert urlsplit(tab.page.url).query == ""


# --- B, C. where am I, and the menu -----------------------------------------------------------

def record_pages(root: Path) -> list[str]:
    pages = []
    for plural in KINDS.values():
        for page in sorted((root / plural).glob("*/index.html")):
            if not is_redirect(page.read_text(encoding="utf-8")):
                pages.append(f"{plural}/{page.parent.name}/")
    return pages


def test_every_record_page_has_breadcrumbs_to_its_index(real_site_build: Path) -> None:
    """The trail is found in the nav (overrides/partials/path.html), so this is the project's own
    site: the example catalogue's config has no nav that lists the indexes."""
    missing = []
    for path in record_pages(real_site_build):
        html = (real_site_build / path / "index.html").read_text(encoding="utf-8")
        trail = re.search(r'<nav class="md-path" aria-label="Breadcrumb"\s*>(.*?)</nav>', html, re.DOTALL)
        if not trail or 'href="../"' not in trail.group(1) or "data-lac-kind-index" not in trail.group(1):
            missing.append(path)
    assert missing == []


@pytest.mark.parametrize("mobile", SIZES)
def test_a_record_page_shows_where_it_is(mobile: bool, real_url: str, real_site_build: Path,
                                        open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url, mobile=mobile, height=SCREEN)
    for plural in KINDS.values():
        path = next(p for p in record_pages(real_site_build) if p.startswith(plural + "/"))
        tab.goto(path)
        crumb = tab.page.locator("nav.md-path a[data-lac-kind-index]")
        assert crumb.is_visible(), f"/{path}: no breadcrumbs"
        assert crumb.bounding_box()["y"] < SCREEN / 2
        assert crumb.inner_text().strip() == INDEXES[plural]
        assert crumb.evaluate("a => a.href") == real_url + plural + "/"
        # The menu marks the kind's index; on a phone, the drawer opens at its section.
        marked = tab.page.eval_on_selector_all(".md-nav--primary a.lac-nav-kind", "els => els.map(e => e.href)")
        assert marked == [real_url + plural + "/"], f"/{path}: menu marks {marked}"
        if mobile:
            # Record pages are not in the nav, so their contents are in a fold under the title.
            contents = tab.page.locator("details.lac-toc")
            if tab.page.locator(".md-content h2").count() >= 3:
                assert contents.is_visible(), f"/{path}: no contents on a phone"
                contents.locator("summary").click()
                first = contents.locator("a").first
                target = first.get_attribute("href")
                first.click()
                assert tab.page.evaluate("(id) => document.getElementById(id).getBoundingClientRect().top",
                                         target.lstrip("#")) < SCREEN / 2
    assert tab.problems() == []


def test_the_meeting_hub_has_jump_links_on_a_phone(real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url, mobile=True, height=SCREEN)
    tab.goto("meetings/")
    tab.page.locator("ul.lac-index a.lac-entry-title").first.click()
    contents = tab.page.locator("details.lac-toc")
    assert contents.bounding_box()["y"] < SCREEN
    assert contents.locator("a").count() == tab.page.locator(".md-content article h2").count()


@pytest.mark.parametrize("mobile", SIZES)
def test_every_index_is_its_own_menu_item(mobile: bool, real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url, mobile=mobile, height=SCREEN)
    tab.goto("about-the-data/")
    # A section's label is a label, never a link that hides the indexes in it.
    assert tab.page.locator(".md-nav--primary .md-nav__container").count() == 0
    if mobile:
        tab.page.locator("label.md-header__button[for='__drawer']").click()
    for plural, title in INDEXES.items():
        link = tab.page.locator(f".md-nav--primary a.md-nav__link[href$='{plural}/']")
        assert link.count() == 1, f"no menu item for {title}"
        if mobile and not link.is_visible():
            section = link.locator("xpath=ancestor::li[contains(@class,'md-nav__item--nested')][1]")
            section.locator(":scope > label.md-nav__link").click()
            tab.page.wait_for_timeout(300)  # the drawer slides
        assert link.is_visible(), f"{title} cannot be reached in the menu"
        assert link.inner_text().strip() == title
        if mobile:
            back = tab.page.locator(".md-nav--primary nav[aria-expanded='true'] > label.md-nav__title").last
            if back.is_visible():
                back.click()
                tab.page.wait_for_timeout(300)
    # Benchmarks are for the catalogue's developers: not in the menu, linked from About the data.
    assert tab.page.locator(".md-nav--primary a[href$='benchmarks/']").count() == 0
    assert tab.page.locator("article a[href$='benchmarks/']").count() == 1


# --- D. phones: nothing scrolls sideways ------------------------------------------------------

def test_no_page_is_wider_than_a_phone(served: Served, open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(served.url, mobile=True, height=SCREEN)
    wide = {}
    for path in served.pages():
        file = served.root / (path + "index.html" if path.endswith("/") or not path else path)
        if is_redirect(file.read_text(encoding="utf-8")):
            continue
        tab.goto(path)
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            wide[f"/{path}"] = width
    assert wide == {}


@pytest.mark.parametrize("mobile", SIZES)
def test_tags_are_below_the_title(mobile: bool, real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url, mobile=mobile, height=SCREEN)
    tab.goto("practices/aarhus-model/")
    title = tab.page.locator("article h1").bounding_box()
    tags = tab.page.locator("article .md-tags")
    assert tags.count() == 1 and tags.bounding_box()["y"] > title["y"] + SCREEN


# --- E. the home page -------------------------------------------------------------------------

@pytest.mark.parametrize("mobile", SIZES)
def test_the_home_page_offers_the_way_in_on_the_first_screen(
    mobile: bool, real_url: str, open_site: Callable[..., WatchedPage]
) -> None:
    tab = open_site(real_url, mobile=mobile, height=SCREEN)
    tab.goto("")
    assert tab.page.title() == "Lone Actors Practice Catalogue"  # once, not "name - name"
    bottoms = tab.page.eval_on_selector_all(".lac-roles a", "els => els.map(e => e.getBoundingClientRect().bottom)")
    assert sum(1 for b in bottoms if b <= SCREEN) >= (1 if mobile else 3)
    if not mobile:
        for text in ("Search", "What is new"):
            assert tab.page.locator(".lac-start strong", has_text=text).bounding_box()["y"] < SCREEN
        assert tab.page.locator(".md-search__input").is_visible()
    else:
        assert tab.page.locator("label.md-header__button[for='__search']").is_visible()


# --- F. a helpful 404 -------------------------------------------------------------------------

@pytest.mark.parametrize("mobile", SIZES)
def test_the_404_page_suggests_the_closest_record(
    mobile: bool, real_url: str, real_site_build: Path, open_site: Callable[..., WatchedPage]
) -> None:
    """The static host answers an unknown address with 404.html; the test serves it the same way."""
    body = (real_site_build / "404.html").read_text(encoding="utf-8")
    tab = open_site(real_url, mobile=mobile, height=SCREEN)
    tab.page.route(real_url + "practices/aarhus-modle/",
                   lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    tab.page.goto(real_url + "practices/aarhus-modle/")
    suggestion = tab.page.locator(".lac-not-found-suggest a").first
    suggestion.wait_for(timeout=10_000)
    assert suggestion.evaluate("a => a.href") == real_url + "practices/aarhus-model/"
    assert suggestion.bounding_box()["y"] < SCREEN
    for plural in INDEXES:
        assert tab.page.locator(f"article .lac-not-found-nav a[href$='/{plural}/']").count() == 1
    tab.page.click(".lac-not-found-search button")
    tab.page.wait_for_function("document.getElementById('__search').checked")
    assert tab.csp_violations() == [] and tab.page_errors == []


def test_the_404_page_stays_quiet_for_an_address_like_no_record(
    real_url: str, real_site_build: Path, open_site: Callable[..., WatchedPage]
) -> None:
    body = (real_site_build / "404.html").read_text(encoding="utf-8")
    tab = open_site(real_url)
    tab.page.route(real_url + "zzqx/", lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    tab.page.goto(real_url + "zzqx/")
    tab.page.wait_for_load_state("networkidle")
    assert not tab.page.is_visible(".lac-not-found-suggest")


# --- G. dark mode -----------------------------------------------------------------------------

@pytest.mark.parametrize("mobile", SIZES)
def test_the_colour_scheme_follows_the_system_and_the_toggle(
    mobile: bool, real_url: str, open_site: Callable[..., WatchedPage]
) -> None:
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    tab = open_site(real_url, mobile=mobile, dark=True, height=SCREEN)
    tab.goto("practices/")
    assert tab.page.evaluate(scheme) == "slate"
    light = open_site(real_url, mobile=mobile, height=SCREEN)
    light.goto("practices/")
    assert light.page.evaluate(scheme) == "default"
    # The toggle: automatic -> light -> dark, remembered on the next page.
    light.page.locator("form[data-md-component=palette] label:visible").click()
    light.page.locator("form[data-md-component=palette] label:visible").click()
    assert light.page.evaluate(scheme) == "slate"
    light.goto("tools/")
    assert light.page.evaluate(scheme) == "slate"
    assert tab.problems() == [] and light.problems() == []
