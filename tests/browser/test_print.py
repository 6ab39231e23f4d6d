"""A meeting hub or a record prints as a clean handout: no navigation, link targets shown."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from browser.conftest import WatchedPage

HIDDEN_IN_PRINT = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"]


@pytest.mark.parametrize("path", ["meetings/ran-lone-actors-assessment-tools-2021/", "tools/vera-2r/"])
def test_a_page_prints_as_a_handout(path: str, real_url: str, open_site: Callable[[str], WatchedPage]) -> None:
    tab = open_site(real_url)
    tab.goto(path)
    tab.page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        assert tab.page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none", selector
    # An outside link shows where it goes; the article takes the full width of the paper.
    after = tab.page.eval_on_selector("ol.lac-sources a[href^='http']",
                                      "e => getComputedStyle(e, '::after').content")
    assert after.startswith('" <http')
    assert tab.page.eval_on_selector(".md-content", "e => e.getBoundingClientRect().width") > 700
    pdf = tab.page.pdf(format="A4")  # Chromium lays the handout out as it would print
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert tab.problems() == []
