"""In Chromium: a feed opened in the browser reads as a page that says how to subscribe, with or
without XSLT in the browser (hooks/catalogue_core/publish/feed_reading.py says why it is CSS, not XSLT)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from browser.conftest import CHROMIUM, CHROMIUM_ARGS, WatchedPage

FEEDS = ["feed.xml", "meetings/example-meeting/feed.xml"]


def _reads_as_a_page(tab: WatchedPage, path: str) -> None:
    tab.goto(path)
    page = tab.page
    # Chromium's raw-XML viewer replaces the document with its own HTML; a styled feed keeps its root.
    assert page.evaluate("document.documentElement.localName") == "feed", path
    assert page.evaluate("getComputedStyle(document.documentElement).display") == "block", path
    note = page.locator("xpath=//*[local-name()='div' and @class='reader-note']")
    assert note.is_visible() and "To follow it, copy the address of this page" in note.inner_text()
    titles = page.locator("xpath=//*[local-name()='entry']/*[local-name()='title']")
    assert titles.count() > 0 and titles.first.is_visible()
    assert page.locator("xpath=//*[local-name()='entry']/*[local-name()='id']").first.is_hidden()


def _problems(tab: WatchedPage) -> list[str]:
    """The tab's problems, less the console line about /favicon.ico: a browser asks for it beside a
    document that names no icon, as an XML feed cannot, and Playwright reports that request nowhere
    else. The feed's one resource, its stylesheet, is known to load: the layout above needs it."""
    return [p for p in tab.problems() if p != "console error: Failed to load resource: the server responded "
                                               "with a status of 404 (File not found)"]


@pytest.mark.parametrize("path", FEEDS)
def test_a_feed_reads_as_a_page_with_how_to_subscribe(
    path: str, example_url: str, open_site: Callable[[str], WatchedPage]
) -> None:
    tab = open_site(example_url)
    _reads_as_a_page(tab, path)
    link = tab.page.locator("xpath=//*[local-name()='div' and @class='reader-note']//*[local-name()='a']")
    with tab.page.expect_navigation():
        link.click()
    expected = "" if path == "feed.xml" else "meetings/example-meeting/"
    assert tab.page.url == example_url + expected
    assert _problems(tab) == []


@pytest.fixture(scope="module")
def browser_without_xslt(browser: Any) -> Iterator[Any]:
    """Chromium as it will be once XSLT is removed from it."""
    chromium = browser.browser_type.launch(executable_path=CHROMIUM,
                                           args=[*CHROMIUM_ARGS, "--disable-blink-features=XSLT"])
    yield chromium
    chromium.close()


def test_a_feed_reads_the_same_in_a_browser_without_xslt(browser_without_xslt: Any, example_url: str) -> None:
    context = browser_without_xslt.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        assert page.evaluate("typeof XSLTProcessor") == "undefined"
        tab = WatchedPage(page, example_url, "")
        for path in FEEDS:
            _reads_as_a_page(tab, path)
    finally:
        context.close()
