"""In Chromium, with the response headers of ``site/_headers`` as Netlify or Cloudflare Pages send them:
the header policy and each page's ``<meta>`` policy both apply, and together they still let every page
type, search, the copy buttons and the feeds work; no other site can frame ours."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from browser.conftest import Served, WatchedPage, serve
from browser.static_host_server import headers_for, read_rules, serve_with_headers
from browser.test_accessibility import page_types


@pytest.fixture(scope="module")
def real_with_headers(real_site_build: Path) -> Iterator[Served]:
    for url in serve_with_headers(real_site_build):
        yield Served(url, real_site_build)


@pytest.fixture(scope="module")
def example_with_headers(example_site_build: Path) -> Iterator[Served]:
    for url in serve_with_headers(example_site_build):
        yield Served(url, example_site_build)


def test_the_headers_reach_the_browser(real_with_headers: Served, open_site: Callable[[str], WatchedPage]) -> None:
    tab = open_site(real_with_headers.url)
    page = tab.page.goto(real_with_headers.url + "practices/")
    assert page is not None
    headers = page.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in headers["permissions-policy"]
    bundle = next((real_with_headers.root / "assets" / "javascripts").glob("bundle.*.min.js"))
    response = tab.page.request.get(real_with_headers.url + bundle.relative_to(real_with_headers.root).as_posix())
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    response = tab.page.request.get(real_with_headers.url + "assets/stylesheets/catalogue.css")
    assert "cache-control" not in response.headers  # our own files keep the host's default: revalidate


def test_every_page_type_works_under_both_policies(
    real_with_headers: Served, open_site: Callable[[str], WatchedPage]
) -> None:
    tab = open_site(real_with_headers.url)
    problems = []
    for path in page_types(real_with_headers):
        tab.goto(path)
        # Scripts ran: Material's (the search box is set up) and ours (the copy buttons show).
        assert tab.page.locator(".md-search__form").count() == 1, path
        if path.count("/") == 2:  # a record page
            assert tab.page.locator("button.lac-copy").first.is_visible(), path
        problems += [f"/{path}: {p}" for p in tab.problems()]
        tab.console_errors.clear(), tab.failed_requests.clear(), tab.foreign_requests.clear()
    assert tab.search("probation") > 0
    problems += [f"search: {p}" for p in tab.problems()]
    assert problems == []


def test_feeds_read_as_pages_under_the_header_policy(
    example_with_headers: Served, open_site: Callable[[str], WatchedPage]
) -> None:
    tab = open_site(example_with_headers.url)
    for path in ("feed.xml", "meetings/example-meeting/feed.xml"):
        tab.goto(path)
        assert tab.page.evaluate("getComputedStyle(document.documentElement).display") == "block", path
        assert tab.csp_violations() == [], path
    assert [m for m in tab.console_errors if "Content Security Policy" in m or "Permissions" in m] == []


def _framed(open_site: Callable[[str], WatchedPage], url: str) -> bool:
    """Whether a page of another origin (about:blank) can show ``url`` in a frame."""
    tab = open_site("about:blank")
    tab.page.set_content(f'<iframe src="{url}" title="framed"></iframe>')
    tab.page.wait_for_timeout(1_000)
    frame = tab.page.frames[1]
    try:
        return bool(frame.evaluate("document.querySelector('.md-header') !== null"))
    except Exception:  # a blocked frame holds Chromium's error page, which scripts cannot reach
        return False


def test_no_other_site_can_frame_ours(
    real_with_headers: Served, real_site_build: Path, open_site: Callable[[str], WatchedPage]
) -> None:
    assert not _framed(open_site, real_with_headers.url + "practices/")
    for plain in serve(real_site_build):  # the same site without the headers can be framed: a <meta> cannot stop it
        assert _framed(open_site, plain + "practices/")


def test_the_headers_file_has_one_rule_for_every_path_and_one_per_hashed_bundle(real_site_build: Path) -> None:
    text = (real_site_build / "_headers").read_text(encoding="utf-8")
    rules = read_rules(text)
    assert rules[0][0] == "/*"
    assert {name for name, _ in headers_for(rules, "/practices/")} == {
        "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"}
    # One rule for the bundles of every language's site (the German one under de/ has its own copy).
    hashed = sorted(p.relative_to(real_site_build).as_posix()
                    for assets in (real_site_build / "assets", real_site_build / "de" / "assets")
                    for p in assets.rglob("*.min.*") if p.name.count(".") >= 3 and not p.parent.name == "min")
    assert [pattern[1:] for pattern, _ in rules[1:]] == hashed
    assert max(len(line) for line in text.splitlines()) < 2000  # Cloudflare Pages' limit for one line
