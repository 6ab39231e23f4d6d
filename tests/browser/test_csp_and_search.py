"""In Chromium: every page satisfies its Content-Security-Policy, loads nothing from another host,
and search still works; injected record text runs nothing; `mkdocs serve` and the offline copy
keep working under their policies."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from site_scan import is_redirect, parse

from browser.conftest import SEARCH_RESULT, Served, WatchedPage
from catalogue_core.publish.csp import with_policy
from conftest import KINDS, ROOT, make_site_project


def test_every_page_satisfies_its_policy_and_loads_only_from_the_site(
    served: Served, open_site: Callable[[str], WatchedPage]
) -> None:
    tab = open_site(served.url)
    problems = []
    for path in served.pages():
        file = served.root / (path + "index.html" if path.endswith("/") or not path else path)
        if is_redirect(file.read_text(encoding="utf-8")):
            # A former id's page: no script, loads nothing (tests/test_site_safety.py reads it),
            # and the page it sends readers to is checked as a page of its own.
            continue
        tab.goto(path)
        problems += [f"/{path}: {p}" for p in tab.problems()]
        tab.console_errors.clear(), tab.failed_requests.clear(), tab.foreign_requests.clear()
    assert problems == []


def test_search_works_under_the_policy(served: Served, open_site: Callable[[str], WatchedPage]) -> None:
    tab = open_site(served.url)
    tab.goto("")
    assert tab.search("probation") > 0
    with tab.page.expect_navigation():
        tab.page.locator(f"{SEARCH_RESULT} a").first.click()
    assert tab.page.url != served.url and tab.page.url.startswith(served.url)
    assert tab.problems() == []


def test_injected_record_text_runs_nothing_in_the_browser(
    injection_url: str, injection_site: Path, open_site: Callable[[str], WatchedPage]
) -> None:
    # The pages hold every attack as text (tests/test_safe_rendering.py); here nothing may run:
    # no dialog, no CSP violation (the policy allows only the theme's scripts), no request elsewhere.
    tab = open_site(injection_url)
    for plural in KINDS.values():
        for page in sorted((injection_site / plural).glob("*/index.html")):
            if is_redirect(page.read_text(encoding="utf-8")):
                continue  # a former id's page, which only sends the reader on
            tab.goto(f"{plural}/{page.parent.name}/")
            # Each page as it shows, then as its hand-out's preview (#print-summary), which shows record
            # text the page otherwise holds hidden; hovering fires any onmouseover.
            views = ["print-summary"] if 'id="print-summary"' in page.read_text(encoding="utf-8") else []
            for view in ["", *views]:
                if view:
                    tab.page.evaluate(f"location.hash = '{view}'")
                for link in tab.page.locator("article a:visible").all()[:40]:
                    link.hover(timeout=2_000, force=True)
    assert tab.search("alert") > 0  # results show the attack text too
    tab.page.wait_for_timeout(500)
    assert tab.problems() == []


def test_the_policy_blocks_a_script_in_the_content_and_lets_the_theme_run(
    open_site: Callable[[str], WatchedPage]
) -> None:
    page = with_policy('<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
                       '<script>window.themeRan = true</script></head><body><article>'
                       '<script>window.contentRan = true</script><p onclick="x()">text</p></article></body></html>').html
    tab = open_site("about:blank")
    tab.page.set_content(page)
    assert tab.page.evaluate("[window.themeRan === true, window.contentRan === undefined]") == [True, True]
    # set_content rewrites the document, which drops the page's violation listener; the console keeps it.
    blocked = [m for m in tab.console_errors if "violates the following Content Security Policy" in m]
    assert len(blocked) == 2, tab.console_errors  # the content's script and its onclick attribute


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_mkdocs_serve_keeps_live_reload_working(tmp_path: Path, open_site: Callable[[str], WatchedPage]) -> None:
    # `mkdocs serve` injects an inline live-reload script; served pages must let it run.
    project = make_site_project(tmp_path)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks")}
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload",
         "-f", str(project / "mkdocs.yml")],
        cwd=project, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base, timeout=1)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"mkdocs serve did not start:\n{log.read_text(errors='replace')}")
                time.sleep(0.2)
        tab = open_site(base)
        tab.goto("practices/example-practice/")
        assert tab.page.evaluate("typeof livereload") == "function"
        assert tab.csp_violations() == []
        # A rebuild reuses the loaded hook and gets no startup event: its pages must still allow the script.
        # The script reloads the open page once the rebuild is done; wait for that reload rather than for
        # a log line (the German site's nested build logs "Documentation built" too), or our own
        # navigation races it.
        with tab.page.expect_navigation(wait_until="load", timeout=90_000):
            (project / "docs" / "index.md").write_text("# Example catalogue, edited\n", encoding="utf-8")
        assert tab.page.evaluate("typeof livereload") == "function"
        assert tab.csp_violations() == []
        tab.goto("")
        assert "edited" in tab.page.title() or tab.page.locator("text=edited").count() > 0
        assert tab.page.evaluate("typeof livereload") == "function"
        assert tab.csp_violations() == []
        assert "Traceback" not in log.read_text(errors="replace")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_offline_copy_searches_from_file_urls_under_the_sites_strict_policy(
    tmp_path: Path, open_site: Callable[[str], WatchedPage]
) -> None:
    project = make_site_project(tmp_path)
    shutil.copy(ROOT / "mkdocs-offline.yml", project / "mkdocs-offline.yml")
    site = tmp_path / "offline-site"
    build(load_config(str(project / "mkdocs-offline.yml"), site_dir=str(site), strict=True))
    pages = [p for p in sorted(site.rglob("*.html")) if not is_redirect(p.read_text(encoding="utf-8"))]
    assert len(pages) > 10
    loose = []
    for file in pages:
        html = file.read_text(encoding="utf-8")
        policies = [e.attrs.get("content", "") for e in parse(html).elements
                    if e.tag == "meta" and e.attrs.get("http-equiv", "").lower() == "content-security-policy"]
        script_src = [d for policy in policies for d in policy.split("; ") if d.startswith("script-src ")]
        if len(script_src) != 1 or "'unsafe-inline'" in script_src[0] or "iframe-worker" in html:
            loose.append(f"{file.relative_to(site)}: {script_src}")
    assert loose == []
    assert not (site / "_headers").exists()  # no host reads it from a folder

    tab = open_site(site.as_uri() + "/")
    tab.goto("index.html")
    assert tab.search("probation") > 0
    with tab.page.expect_navigation():
        tab.page.locator(f"{SEARCH_RESULT} a").first.click()
    assert tab.page.url.startswith(site.as_uri() + "/") and tab.page.url.endswith(".html")
    tab.goto("practices/index.html")
    assert tab.search("assessment") > 0
    assert tab.problems() == []


def test_the_site_opened_from_a_file_url_raises_no_policy_violation(
    example_site_build: Path, open_site: Callable[[str], WatchedPage]
) -> None:
    tab = open_site(example_site_build.as_uri() + "/")
    for page in ("index.html", "practices/index.html", "practices/example-practice/index.html"):
        tab.goto(page)
        assert tab.csp_violations() == [], page
        assert [m for m in tab.console_errors if "Content Security Policy" in m] == [], page
    assert tab.foreign_requests == []
