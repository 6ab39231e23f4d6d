"""In Chromium: every practice's and instrument's "Print summary" prints on one A4 page, the meeting's
hand-out on two, counted in the PDF Chromium makes (Playwright's ``page.pdf(format="A4")``); the link
puts the page into its summary and prints; the preview on screen passes axe."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from browser.conftest import WatchedPage, serve
from browser.test_accessibility import _describe
from catalogue_core.render.handout import ANCHOR
from conftest import build_real_site, build_site, make_site_project, snapshot_project

SITE_URL = "https://catalogue.example.net/"


def pdf_pages(tab: WatchedPage) -> int:
    """How many A4 pages the page prints on, as Chromium lays it out for print."""
    pdf = tab.page.pdf(format="A4")
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def _records(site: Path, plural: str) -> list[str]:
    return sorted(p.parent.name for p in (site / plural).glob("*/index.html")
                  if f'id="{ANCHOR}"' in p.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def real_published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The project's own site built for a published address: its hand-outs carry QR codes, which
    take more room than the note a hand-out without one has."""
    site = build_real_site(snapshot_project(tmp_path_factory.mktemp("real-published") / "project"),
                           settings={"SITE_URL": SITE_URL})
    for url in serve(site):
        yield url, site


def test_every_practice_and_instrument_summary_prints_on_one_a4_page(
    real_published: tuple[str, Path], open_site: Callable[[str], WatchedPage]
) -> None:
    url, site = real_published
    tab = open_site(url)
    counts = {}
    for plural in ("practices", "tools"):
        records = _records(site, plural)
        assert records, plural
        for record_id in records:
            tab.goto(f"{plural}/{record_id}/#{ANCHOR}")
            assert tab.page.locator(f"#{ANCHOR} svg.lac-qr").count() == 1
            counts[f"{plural}/{record_id}"] = pdf_pages(tab)
    assert {page: n for page, n in counts.items() if n != 1} == {}
    assert len(counts) >= 30
    assert tab.problems() == []


def test_the_meeting_hand_out_prints_on_two_a4_pages(
    real_url: str, real_site_build: Path, open_site: Callable[[str], WatchedPage]
) -> None:
    tab = open_site(real_url)
    for record_id in _records(real_site_build, "meetings"):
        tab.goto(f"meetings/{record_id}/#{ANCHOR}")
        assert pdf_pages(tab) <= 2, record_id
        tab.goto(f"meetings/{record_id}/")
        assert pdf_pages(tab) > 2, record_id  # the full page, for comparison


def test_the_print_summary_link_shows_the_summary_and_prints(
    real_url: str, open_site: Callable[[str], WatchedPage]
) -> None:
    tab = open_site(real_url)
    tab.goto("practices/aarhus-model/")
    page = tab.page
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    full_height = page.evaluate("document.querySelector('article').scrollHeight")
    assert not page.locator(f"#{ANCHOR}").is_visible()
    page.get_by_role("link", name="Print summary").click()
    page.wait_for_timeout(200)
    assert page.evaluate("[location.hash, window.__printed, scrollY]") == [f"#{ANCHOR}", 1, 0]
    # The preview: title, summary, the box at a glance and the hand-out; the long sections and the
    # longer facts box are gone.
    assert page.locator(f"#{ANCHOR}").is_visible() and page.locator(".lac-handout-bar").is_visible()
    assert page.locator(".lac-glance").is_visible() and not page.locator(".lac-facts").is_visible()
    assert not page.locator("h2#description").is_visible()
    # Shorter than the full page, though that folds its long parts now and the summary holds what
    # the practice does (target group, how it works).
    assert page.evaluate("document.querySelector('article').scrollHeight") < full_height * 0.7
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__printed") == 2
    with page.expect_navigation():
        page.get_by_role("link", name="Back to the full page").click()
    assert page.locator("h2#description").is_visible() and not page.locator(f"#{ANCHOR}").is_visible()
    assert tab.problems() == []


@pytest.mark.parametrize("mobile", [False, True], ids=["desk", "phone"])
def test_the_summary_preview_has_no_accessibility_violation(
    real_url: str, mobile: bool, open_site: Callable[..., WatchedPage]
) -> None:
    tab = open_site(real_url, mobile=mobile)
    violations = {}
    for path in ("practices/aarhus-model/", "tools/vera-2r/", "meetings/ran-lone-actors-assessment-tools-2021/"):
        tab.goto(f"{path}#{ANCHOR}")
        found = tab.axe()
        if found:
            violations[path] = found
    assert violations == {}, "\n" + _describe(violations)


@pytest.fixture(scope="module")
def published_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_site(make_site_project(tmp_path_factory.mktemp("published-handouts")), settings={"SITE_URL": SITE_URL})
    yield from serve(site)


def test_with_a_site_url_the_summary_prints_its_qr_code_on_one_page(
    published_url: str, open_site: Callable[[str], WatchedPage]
) -> None:
    tab = open_site(published_url)
    for path in ("practices/example-practice/", "tools/example-tool/"):
        tab.goto(f"{path}#{ANCHOR}")
        tab.page.emulate_media(media="print")
        qr = tab.page.locator(f"#{ANCHOR} svg.lac-qr")
        assert qr.is_visible(), path
        box = qr.bounding_box()
        assert box is not None and box["width"] > 90 and abs(box["width"] - box["height"]) < 1  # about 28 mm
        assert qr.get_attribute("aria-label") == f"QR code of this page's address, {SITE_URL}{path}"
        assert tab.page.locator(".lac-handout-url").inner_text() == SITE_URL + path
        assert pdf_pages(tab) == 1, path
    assert tab.problems() == []


def test_without_a_site_url_the_summary_says_why_it_has_no_qr_code(
    example_url: str, open_site: Callable[[str], WatchedPage]
) -> None:
    tab = open_site(example_url)
    tab.goto(f"practices/example-practice/#{ANCHOR}")
    # The note is for the organiser who looks at the preview on screen, never on the reader's paper.
    assert tab.page.locator(".lac-handout-no-qr").is_visible()
    tab.page.emulate_media(media="print")
    assert tab.page.locator(f"#{ANCHOR} svg").count() == 0
    assert not tab.page.locator(".lac-handout-no-qr").is_visible()
    # The address it shows is the one the page was opened at, filled in by page-address.js.
    assert tab.page.locator(".lac-handout-url").inner_text() == example_url + "practices/example-practice/"
