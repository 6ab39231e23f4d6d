"""Record pages for readers, on a desk (1280x800) and on a phone (375x800): the answer in the first
screen, contacts that are links, and records compared side by side."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from browser.conftest import WatchedPage

SCREEN = 800
SIZES = [pytest.param(False, id="1280x800"), pytest.param(True, id="375x800")]


def _records(site: Path, kind: str) -> list[dict[str, Any]]:
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    return [r for r in catalogue["records"] if r["kind"] == kind]


def _bottom(tab: WatchedPage, selector: str) -> float:
    """Where the first element matching ``selector`` ends, from the top of the page."""
    bottom: float = tab.page.evaluate("""(selector) => {
        const e = document.querySelector(selector);
        if (!e) return Infinity;
        const box = e.getBoundingClientRect();
        return box.height ? box.bottom + window.scrollY : Infinity; }""", selector)
    return bottom


@pytest.mark.parametrize("mobile", SIZES)
def test_every_practice_shows_its_evidence_and_its_index_in_the_first_screen(
    mobile: bool, real_url: str, real_site_build: Path, open_site: Callable[..., WatchedPage]
) -> None:
    tab = open_site(real_url, mobile=mobile, height=SCREEN)
    late = []
    for practice in _records(real_site_build, "practice"):
        tab.goto(practice["url"])
        evidence = _bottom(tab, ".lac-kind .lac-badge")
        index = _bottom(tab, ".lac-kind a[href]:not(.lac-badge)")
        if max(evidence, index) > SCREEN:
            late.append(f"{practice['id']}: evidence ends at {evidence:.0f}, index link at {index:.0f}")
        badge = tab.page.locator(".lac-kind .lac-badge")
        assert badge.get_attribute("href") == "#evidence-and-evaluation"
        assert tab.page.locator("#evidence-and-evaluation").count() == 1  # the badge leads somewhere
    assert late == []
    assert tab.problems() == []


@pytest.mark.parametrize("mobile", SIZES)
def test_an_instrument_shows_its_suitability_and_the_practices_that_use_it_first(
    mobile: bool, real_url: str, open_site: Callable[..., WatchedPage]
) -> None:
    tab = open_site(real_url, mobile=mobile, height=SCREEN)
    tab.goto("tools/vera-2r/")
    assert _bottom(tab, ".lac-kind .lac-badge") <= SCREEN
    row = tab.page.locator(".lac-glance dt", has_text="Practices that use it")
    assert row.count() == 1
    users = tab.page.locator(".lac-glance dt:has-text('Practices that use it') + dd a")
    assert users.count() >= 3  # VERA-2R is used by several practices in the catalogue
    assert tab.problems() == []


def test_contacts_are_links(real_url: str, real_site_build: Path, open_site: Callable[..., WatchedPage]) -> None:
    """Every web address, e-mail address and phone number in a practice's contact is a link."""
    tab = open_site(real_url)
    checked = 0
    for practice in _records(real_site_build, "practice"):
        contact = str(practice.get("contact", ""))
        if not any(mark in contact for mark in ("http", "@", "0800", "+4", "0911")):
            continue
        tab.goto(practice["url"])
        hrefs = tab.page.eval_on_selector_all(".lac-glance dt:text-is('Contact') + dd a", "as => as.map(a => a.href)")
        assert hrefs, f"{practice['id']}: the contact has no link"
        assert all(h.startswith(("https://", "http://", "mailto:", "tel:")) for h in hrefs), hrefs
        checked += 1
    assert checked >= 5
    tab.goto("practices/" + next(p["id"] for p in _records(real_site_build, "practice")
                                  if "0911" in str(p.get("contact", ""))) + "/")
    assert tab.page.locator(".lac-glance a[href='tel:09119434343']").count() == 1


@pytest.mark.parametrize("mobile", SIZES)
def test_instruments_compared_side_by_side_with_a_shareable_address(
    mobile: bool, real_url: str, open_site: Callable[..., WatchedPage]
) -> None:
    tab = open_site(real_url, mobile=mobile, height=SCREEN)
    tab.goto("tools/")
    ticks = tab.page.locator("input.lac-compare-tick")
    assert tab.page.locator(".lac-compare-bar").is_hidden()  # nothing chosen: no bar above the results
    for index in range(4):
        ticks.nth(index).check()
    assert ticks.nth(4).is_disabled()  # four at most
    link = tab.page.locator("a.lac-compare-link")
    href = link.get_attribute("href")
    assert href is not None and href.count(",") == 3
    link.click()
    tab.page.wait_for_selector("table.lac-compare-table")
    assert tab.page.locator("table.lac-compare-table thead th").count() == 4
    labels = tab.page.eval_on_selector_all("table.lac-compare-table tbody th", "ths => ths.map(t => t.textContent)")
    assert "Suitability for lone actors" in labels and "Assessment type" in labels
    # The address alone says what is compared: opened afresh, it shows the same table.
    shared = tab.page.url
    again = open_site(real_url, mobile=mobile, height=SCREEN)
    again.page.goto(shared)
    again.page.wait_for_selector("table.lac-compare-table")
    assert again.page.locator("table.lac-compare-table thead th").count() == 4
    assert again.page.evaluate("document.documentElement.scrollWidth") <= (375 if mobile else 1280)
    assert again.axe() == []
    assert tab.problems() == [] and again.problems() == []
