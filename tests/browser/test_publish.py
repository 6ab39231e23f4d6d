"""In Chromium: a site built without SITE_URL shows and copies the address it was opened at; a site
built with REPO_URL on GitHub loads nothing from GitHub."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from browser.conftest import WatchedPage, serve
from conftest import build_site, make_site_project


def test_without_site_url_the_permanent_link_and_citation_show_the_address_the_page_was_opened_at(
    example_url: str, open_site: Callable[[str], WatchedPage]
) -> None:
    tab = open_site(example_url)
    tab.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.goto("practices/example-practice/")
    address = example_url + "practices/example-practice/"
    assert tab.page.locator("a.lac-permalink").inner_text() == address
    assert tab.page.locator(".lac-cite").inner_text().endswith(f"Lone Actors Practice Catalogue, 1 May 2025. {address}")
    assert f"url = {{{address}}}" in tab.page.locator("details pre").text_content()
    button = tab.page.locator("button.lac-copy")
    assert button.is_visible()
    button.click()
    assert tab.page.evaluate("navigator.clipboard.readText()") == address
    assert tab.problems() == []


@pytest.fixture(scope="module")
def github_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_site(make_site_project(tmp_path_factory.mktemp("github")),
                      settings={"REPO_URL": "https://github.com/example-owner/lone-actors-catalogue"})
    yield from serve(site)


def test_a_github_repository_link_fetches_nothing_from_github(
    github_site: str, open_site: Callable[[str], WatchedPage]
) -> None:
    # Material fetches a GitHub repository's stars and forks for its header link; ours does not ask.
    tab = open_site(github_site)
    tab.goto("practices/example-practice/")
    assert tab.page.locator("a.md-source").first.get_attribute("href") == \
        "https://github.com/example-owner/lone-actors-catalogue"
    assert tab.page.locator("a[rel=edit]").get_attribute("href") == ("https://github.com/example-owner/"
                                                                    "lone-actors-catalogue/edit/main/practices/"
                                                                    "practices/example-practice.yml")
    tab.page.wait_for_timeout(500)
    assert tab.problems() == []


def test_the_meeting_snippets_copy_with_the_address_the_page_was_opened_at(
    example_url: str, open_site: Callable[[str], WatchedPage]
) -> None:
    tab = open_site(example_url)
    tab.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.goto("meetings/example-meeting/")
    address = example_url + "meetings/example-meeting/"
    box = tab.page.locator(".lac-share")
    assert box.is_visible() and address in box.locator("a.lac-permalink").inner_text()
    box.locator("summary").click()
    box.get_by_role("button", name="Copy text").click()
    text = tab.page.evaluate("navigator.clipboard.readText()")
    assert text.startswith("Example meeting on assessment tools\n") and text.endswith(f"material: {address}")
    box.get_by_role("button", name="Copy HTML").click()
    assert tab.page.evaluate("navigator.clipboard.readText()").startswith(f'<p><a href="{address}">Example meeting')
    assert tab.problems() == []
