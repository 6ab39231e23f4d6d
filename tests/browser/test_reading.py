"""Pages edited for the moment of work: short on a phone, no boilerplate, results one tap away,
comparisons that fit a phone, prints that fit on paper, a tags page and a feed that read on a phone.

Measured as tests/browser/page_metrics.py measures for the report: a number in a report and a
number in a test come from the same code.
"""

from __future__ import annotations

import html
import re
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from browser.conftest import WatchedPage
from browser.page_metrics import a4_pages, page_heights, record_pages, repeated_sentences

SCREEN = 800
SIZES = [pytest.param(False, id="1280x800"), pytest.param(True, id="375x800")]
SCHEMES = [pytest.param(False, id="light"), pytest.param(True, id="dark")]
PHONE_WIDTH = 375


def _practices(site: Path) -> list[str]:
    return [p.parent.relative_to(site).as_posix() + "/" for p in record_pages(site, ("practices",))]


def _describe(violations: dict[str, list[dict[str, Any]]]) -> str:
    return "\n".join(f"{where}: {v['id']}: {v['help']} {v['nodes'][:3]}"
                     for where, found in violations.items() for v in found)


# --- short pages, no boilerplate, plain words -------------------------------------------------------

def test_practice_pages_are_short_on_a_phone(real_url: str, real_site_build: Path, browser: Any) -> None:
    heights = page_heights(browser, real_url, _practices(real_site_build))
    assert len(heights) >= 30
    assert statistics.median(heights.values()) <= 5000, sorted(heights.items(), key=lambda i: -i[1])[:5]
    assert {path: h for path, h in heights.items() if h > 8000} == {}


def test_no_sentence_of_eight_words_is_on_more_than_three_record_pages(real_site_build: Path) -> None:
    # A source's entry is a citation, and five practices cite the same list for the same fact.
    repeated = repeated_sentences(record_pages(real_site_build), skip_sources=True)
    assert repeated == [], "\n".join(f"{n} pages: {s}" for s, n in repeated[:10])


def test_the_relation_every_practice_shares_is_said_once_on_the_index(real_site_build: Path) -> None:
    relation = "Related to the meeting's themes (not confirmed as presented)"
    pages = [p for p in record_pages(real_site_build, ("practices",)) if relation in p.read_text(encoding="utf-8")]
    assert pages == []
    index = html.unescape((real_site_build / "practices" / "index.html").read_text(encoding="utf-8"))
    assert index.count(relation) == 1


def test_record_pages_show_no_record_id_and_no_country_code(real_site_build: Path) -> None:
    found = {}
    for page in record_pages(real_site_build):
        text = page.read_text(encoding="utf-8")
        if "Record id" in text or 'title="ISO 3166-1 code"' in text or "schemas/common.json" in text:
            found[page.parent.name] = True
    assert found == {}


def test_the_practice_page_reads_in_a_practitioners_order(real_url: str,
                                                          open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url, mobile=True, height=SCREEN)
    tab.goto("practices/austrian-case-conferences/")
    page = tab.page
    tops = page.evaluate("""() => Object.fromEntries(['#target-group', '#how-it-works', '#evidence-and-evaluation',
        '#about-this-record', '#connections', '#sources'].map(s => [s, document.querySelector(s).getBoundingClientRect().top]))""")
    order = sorted(tops, key=tops.__getitem__)
    assert order == ["#target-group", "#how-it-works", "#evidence-and-evaluation", "#about-this-record",
                     "#connections", "#sources"]
    # The editors' notes fold under one heading; opened, each is there.
    uncertain = page.locator("details.lac-about summary", has_text="What is uncertain")
    assert uncertain.count() == 1 and not page.locator("details.lac-about[open]").count()
    uncertain.click()
    assert page.locator("details.lac-about[open]").count() == 1
    assert tab.problems() == []


# --- filters ----------------------------------------------------------------------------------------

def test_on_a_phone_the_results_are_one_tap_away_after_a_change(real_url: str,
                                                                 open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url, mobile=True, height=SCREEN)
    tab.goto("practices/")
    page = tab.page
    show = page.locator(".lac-show-results")
    assert show.is_hidden()  # the form folded: the results are on the first screen already
    page.click(".lac-filter-toggle")
    page.click("details.lac-facet > summary")
    page.check("input[name=country][value=AT]")
    count = page.inner_text(".lac-count")
    shown = re.match(r"(\d+) of", count)
    assert shown and show.is_visible() and show.inner_text() == f"Show {shown.group(1)} practices"
    box = show.bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= SCREEN and box["height"] >= 44
    show.click()
    top = page.eval_on_selector(".lac-count", "e => e.getBoundingClientRect().top")
    first = page.eval_on_selector("li.lac-entry:not([hidden])", "e => e.getBoundingClientRect().top")
    assert 0 <= top < first < SCREEN
    assert page.evaluate("document.activeElement.classList.contains('lac-count')")
    assert show.is_hidden()
    assert tab.problems() == []


def test_on_a_desk_the_count_and_first_result_stay_in_the_first_screen(
        real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url, height=SCREEN)
    tab.goto("practices/")
    page = tab.page
    for facet, value in (("country", "AT"), ("setting", "probation")):
        page.click(f"details.lac-facet[data-facet={facet}] > summary")
        page.check(f"input[name={facet}][value={value}]")
        page.keyboard.press("Escape")  # folds the group that dropped over the list
        count = page.eval_on_selector(".lac-count", "e => e.getBoundingClientRect().bottom")
        first = page.eval_on_selector("li.lac-entry:not([hidden]) .lac-entry-title",
                                      "e => e.getBoundingClientRect().bottom")
        assert count < first < SCREEN, (facet, count, first)
    assert page.locator("details.lac-facet[open]").count() == 0
    assert tab.problems() == []


# --- comparison -------------------------------------------------------------------------------------

@pytest.mark.parametrize("mobile", SIZES)
def test_every_compared_value_is_in_view_without_a_sideways_scroll(
        mobile: bool, real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url, mobile=mobile, height=SCREEN)
    tab.goto("compare/practices/?ids=aarhus-model,austrian-case-conferences,neustart-extremism-probation")
    page = tab.page
    page.wait_for_selector("table.lac-compare-table")
    width = PHONE_WIDTH if mobile else 1280
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    labels = page.eval_on_selector_all("table.lac-compare-table tbody th", "ths => ths.map(t => t.textContent)")
    assert labels == ["Target group", "Practitioner roles", "Instruments used", "How it works", "Evidence level",
                      "Countries", "Settings", "Contact"]
    cells = page.eval_on_selector_all("table.lac-compare-table tbody td", """tds => tds.map(td => {
        const box = td.getBoundingClientRect(), region = td.closest('.lac-compare-scroll').getBoundingClientRect();
        return {left: box.left, right: box.right, regionRight: region.right,
                who: td.querySelector('.lac-compare-who').offsetParent !== null, text: td.innerText}; })""")
    assert len(cells) == 3 * len(labels)
    hidden = [c for c in cells if c["left"] < 0 or c["right"] > min(width, c["regionRight"]) + 1]
    assert hidden == []
    if mobile:  # the columns stack: each value says whose it is
        assert all(c["who"] for c in cells)
    assert "Not stated in the sources" in " ".join(c["text"] for c in cells)
    assert "—" not in " ".join(c["text"] for c in cells)
    assert tab.problems() == []


# --- print ------------------------------------------------------------------------------------------

def test_a_plain_print_of_every_practice_fits_on_four_a4_pages(real_url: str, real_site_build: Path,
                                                               browser: Any) -> None:
    long = {path: n for path in _practices(real_site_build) if (n := a4_pages(browser, real_url, path)) > 4}
    assert long == {}


def test_a_plain_print_has_no_navigation_contents_or_doubled_addresses(
        real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url)
    tab.goto("practices/neustart-extremism-probation/")
    page = tab.page
    page.emulate_media(media="print")
    for selector in (".md-sidebar--primary", ".md-sidebar--secondary", ".lac-toc", ".md-header"):
        assert page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none", selector
    doubled = page.eval_on_selector_all("article a[href^='http']", """as => as.filter(a => {
        const after = getComputedStyle(a, '::after').content;
        return after.includes('http') && (a.closest('.lac-facts, .lac-glance, .lac-meta') || a.textContent.includes('http'));
      }).map(a => a.href)""")
    assert doubled == []
    assert tab.problems() == []


def test_the_print_summary_holds_what_the_practice_does_on_one_page(
        real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url)
    tab.goto("practices/aarhus-model/#print-summary")
    page = tab.page
    page.emulate_media(media="print")
    headings = page.eval_on_selector_all(".lac-handout .lac-handout-heading", "hs => hs.map(h => h.textContent)")
    for part in ("Target group", "How it works", "Evidence and evaluation", "Permanent link"):
        assert part in headings, part
    assert page.locator(".lac-glance dt", has_text="Contact").is_visible()
    assert page.locator(".lac-handout-no-qr").is_hidden()  # a note for organisers, not for readers
    assert "No QR code" not in page.inner_text("article")
    assert len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4"))) == 1
    assert tab.problems() == []


# --- tags and feed ----------------------------------------------------------------------------------

def test_the_tags_page_is_grouped_folded_and_short(real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url, mobile=True, height=SCREEN)
    tab.goto("tags/")
    page = tab.page
    assert page.evaluate("document.documentElement.scrollHeight") <= 3 * SCREEN
    assert page.locator("h2.lac-tag-group").count() >= 3
    assert page.locator("details.lac-tag").count() >= 20 and page.locator("details.lac-tag[open]").count() == 0
    assert "schemas/" not in page.inner_text("article")
    # A record's tag chip lands on the tag's list, open.
    tab.goto("practices/aarhus-model/")
    href = page.get_attribute(".lac-page-tags a.md-tag, nav.md-tags a", "href")
    assert href and "#tag:" in href
    page.goto(page.url.split("#")[0] + href if href.startswith("#") else
              page.evaluate("h => new URL(h, location.href).href", href))
    tag = href.split("#", 1)[1]
    page.wait_for_function("id => document.getElementById(id).closest('details').open", arg=tag)
    assert tab.problems() == []


def test_the_feed_reads_on_a_phone_with_dates_in_words(real_url: str,
                                                        open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url, mobile=True, height=SCREEN)
    for path in ("feed.xml", "meetings/ran-lone-actors-assessment-tools-2021/feed.xml"):
        tab.goto(path)
        page = tab.page
        assert page.evaluate("[innerWidth, document.documentElement.scrollWidth]") == [PHONE_WIDTH, PHONE_WIDTH]
        # An XML document has no innerText: the elements a reader sees whose own text is a timestamp.
        raw = page.evaluate("""() => [...document.querySelectorAll('*')].filter(e => e.checkVisibility()
            && [...e.childNodes].some(n => n.nodeType === 3 && /\\d{4}-\\d\\d-\\d\\dT/.test(n.data))).map(e => e.localName)""")
        assert raw == [], path
        dates = page.eval_on_selector_all("xpath=//*[local-name()='p' and @class='entry-date']",
                                          "ps => ps.map(p => p.textContent)")
        assert dates and all(re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}", d) for d in dates), dates[:3]
        summaries = page.eval_on_selector_all("xpath=//*[local-name()='summary']", "s => s.map(e => e.textContent)")
        starts = [" ".join(s.split()[:3]) for s in summaries]
        assert not [s for s in set(starts) if starts.count(s) > 3 and s.startswith(("Background reading",))]
    assert [p for p in tab.problems() if "favicon" not in p and "404" not in p] == []


# --- home page --------------------------------------------------------------------------------------

@pytest.mark.parametrize("mobile", SIZES)
def test_the_home_page_spells_out_its_terms_and_leads_to_instruments(
        mobile: bool, real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url, mobile=mobile, height=SCREEN)
    tab.goto("")
    text = tab.page.inner_text("article")
    for short, long in (("RAN", "Radicalisation Awareness Network"), ("P/CVE", "preventing and countering violent extremism")):
        assert long in text and text.index(long) < text.index(short), short
    assert tab.page.locator(".lac-tool-types a").count() >= 5
    assert tab.page.locator(".lac-roles a").first.bounding_box()["y"] < SCREEN  # type: ignore[index]
    assert tab.problems() == []


# --- accessibility of what changed ------------------------------------------------------------------

@pytest.mark.parametrize("dark", SCHEMES)
@pytest.mark.parametrize("mobile", SIZES)
def test_the_changed_pages_have_no_accessibility_violation(
        mobile: bool, dark: bool, real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url, mobile=mobile, dark=dark, height=SCREEN)
    violations = {}
    for path in ("", "practices/austrian-case-conferences/", "tools/vera-2r/", "tags/",
                 "compare/tools/?ids=trap-18,vera-2r", "compare/practices/?ids=aarhus-model,safety-houses"):
        tab.goto(path)
        if path.startswith("compare/"):
            tab.page.wait_for_selector("table.lac-compare-table")
        if path.startswith("practices/"):
            for summary in tab.page.locator("details.lac-fold > summary").all()[:4]:
                summary.click()
        found = tab.axe()
        if found:
            violations[path or "home"] = found
    tab.goto("practices/")
    if mobile:
        tab.page.click(".lac-filter-toggle")
    tab.page.click("details.lac-facet > summary")
    tab.page.check("input[name=country][value=AT]")
    found = tab.axe()
    if found:
        violations["practices/ with a filter"] = found
    assert violations == {}, "\n" + _describe(violations)
