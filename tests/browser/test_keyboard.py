"""Search and the index filters work by keyboard alone: Tab to reach, type, arrows, Enter, Space.

No test here clicks or hovers; every step is a key press, as for someone who cannot use a mouse.
"""

from __future__ import annotations

from collections.abc import Callable

from browser.conftest import Served, WatchedPage

MAX_TABS = 60  # a control further away than this is not reasonably reachable


def tab_to(tab: WatchedPage, selector: str, *, backwards: bool = False) -> int:
    """Press Tab until the focused element matches ``selector``; returns how many presses it took."""
    for presses in range(1, MAX_TABS + 1):
        tab.page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if tab.page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} is not reached within {MAX_TABS} presses of Tab")


def focus_is_visible(tab: WatchedPage) -> bool:
    """The focused element shows a focus indicator (an outline or box shadow)."""
    return bool(tab.page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
    }"""))


def test_search_by_keyboard_alone(served: Served, open_site: Callable[[str], WatchedPage]) -> None:
    tab = open_site(served.url)
    tab.goto("")
    tab_to(tab, ".md-search__input")
    tab.page.keyboard.type("probation")
    tab.page.wait_for_selector(".md-search-result__item", timeout=15_000)
    tab.page.keyboard.press("ArrowDown")  # Material moves focus into the results
    focused = tab.page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
    assert focused, "ArrowDown does not move focus to the first result"
    target = tab.page.evaluate("document.activeElement.href")
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    assert tab.page.url.split("#")[0] == target.split("#")[0]
    assert tab.problems() == []


def test_the_search_shortcut_and_escape(served: Served, open_site: Callable[[str], WatchedPage]) -> None:
    tab = open_site(served.url)
    tab.goto("practices/")
    tab.page.keyboard.press("/")  # Material's shortcut: "/", "s" or "f" focuses search
    assert tab.page.evaluate("document.activeElement.matches('.md-search__input')")
    tab.page.wait_for_function("document.getElementById('__search').checked")  # the search is open
    tab.page.keyboard.press("Escape")
    tab.page.wait_for_function("!document.getElementById('__search').checked")  # and closed again
    assert not tab.page.evaluate("document.activeElement.matches('.md-search__input')")


def test_filters_by_keyboard_alone(served: Served, open_site: Callable[[str], WatchedPage]) -> None:
    tab = open_site(served.url)
    tab.goto("practices/")
    entries = tab.page.locator("ul.lac-index > li.lac-entry")
    total = entries.count()
    count_text = tab.page.locator(".lac-count").inner_text()

    tab_to(tab, "form.lac-filters details.lac-facet > summary")  # each filter group is folded
    assert focus_is_visible(tab), "the focused filter group shows no focus indicator"
    tab.page.keyboard.press("Enter")
    tab_to(tab, "form.lac-filters input[type=checkbox]")
    assert focus_is_visible(tab), "the focused filter shows no focus indicator"
    tab.page.keyboard.press("Space")
    assert tab.page.evaluate("document.activeElement.checked")
    name, value = tab.page.evaluate("[document.activeElement.name, document.activeElement.value]")
    shown = entries.count() - tab.page.locator("ul.lac-index > li.lac-entry[hidden]").count()
    assert 0 < shown <= total
    assert tab.page.locator(".lac-count").inner_text() != count_text
    assert f"{name}={value}" in tab.page.url  # a shareable view

    tab.page.keyboard.press("Space")  # and off again
    assert not tab.page.evaluate("document.activeElement.checked")
    assert tab.page.locator("ul.lac-index > li.lac-entry[hidden]").count() == 0
    assert tab.page.locator(".lac-count").inner_text() == count_text
    assert tab.problems() == []
