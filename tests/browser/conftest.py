"""Browser fixtures: built sites served on 127.0.0.1 and one Debian chromium per session.

Playwright drives /usr/bin/chromium and downloads no browser (`pip install playwright` fetches none).
Every page a test opens is watched: CSP violations, console errors, uncaught exceptions, failed
requests, requests to any other host and JavaScript dialogs are collected, so a test can assert
that a page raised none of them.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, snapshot_project

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEARCH_RESULT = ".md-search-result__item"

# Runs before any page script: records every CSP violation the document reports.
_WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || "inline code"} at ${e.sourceFile || "?"}:${e.lineNumber}`);
}, true);
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


def serve(site: Path, handler: type[SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve ``site`` on a free port of 127.0.0.1 from a thread with ``handler``; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {site}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def example_url(example_site_build: Path) -> Iterator[str]:
    yield from serve(example_site_build)


@pytest.fixture(scope="session")
def real_url(real_site_build: Path) -> Iterator[str]:
    yield from serve(real_site_build)


@pytest.fixture(scope="session")
def injection_url(injection_site: Path) -> Iterator[str]:
    yield from serve(injection_site)


@dataclass(frozen=True)
class Served:
    url: str  # base URL, ending in /
    root: Path  # the built site folder

    def pages(self) -> list[str]:
        """Site-relative URL of every HTML page, in directory-URL form where there is one."""
        out = []
        for path in sorted(self.root.rglob("*.html")):
            rel = path.relative_to(self.root).as_posix()
            out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return out


@pytest.fixture(params=["example", "real"])
def served(request: pytest.FixtureRequest) -> Served:
    """Each test that takes this runs on the example catalogue's site and on the project's own."""
    return Served(request.getfixturevalue(f"{request.param}_url"),
                  request.getfixturevalue(f"{request.param}_site_build"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is not installed at {CHROMIUM}; `make browser` installs it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing; `npm ci` (part of `make test`) installs axe-core.")
    return AXE.read_text(encoding="utf-8")


@dataclass
class WatchedPage:
    """A browser tab on one site, with everything that went wrong since it opened."""

    page: Any  # playwright.sync_api.Page
    base: str
    axe_source: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        response = self.page.goto(self.base + path.lstrip("/"), wait_until="load")
        if self.base.startswith("http"):
            assert response is not None and response.ok, f"{path}: HTTP {response.status if response else '?'}"

    def search(self, query: str) -> int:
        """Type a query into Material's search as a person does; returns the number of results."""
        self.page.click(".md-search__input")
        self.page.keyboard.type(query)  # Material's search ignores page.fill()
        self.page.wait_for_selector(SEARCH_RESULT, timeout=15_000)
        return int(self.page.locator(SEARCH_RESULT).count())

    def csp_violations(self) -> list[str]:
        found: list[str] = self.page.evaluate("window.__cspViolations || []")
        return found

    def problems(self) -> list[str]:
        """Everything that went wrong on the page so far, in words."""
        return ([f"CSP: {v}" for v in self.csp_violations()]
                + [f"console error: {m}" for m in self.console_errors]
                + [f"uncaught exception: {m}" for m in self.page_errors]
                + [f"failed request: {r}" for r in self.failed_requests]
                + [f"request to another host: {r}" for r in self.foreign_requests]
                + [f"dialog: {d}" for d in self.dialogs])

    def settle(self) -> None:
        """Wait until CSS transitions and animations have finished (axe measures colours as shown)."""
        self.page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")

    def axe(self, include: str | None = None) -> list[dict[str, Any]]:
        """axe-core's WCAG 2.1 A and AA violations on the page as it is now."""
        self.settle()
        if not self.page.evaluate("typeof window.axe === 'object'"):
            # Evaluated by the DevTools protocol, which the page's CSP does not govern; a <script>
            # tag would be (rightly) blocked by the policy.
            self.page.evaluate(self.axe_source + "\n;0")
        result: list[dict[str, Any]] = self.page.evaluate(
            """async ([include, tags]) => {
                 const results = await axe.run(include ? {include: [[include]]} : document,
                                               {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
                 return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.map(n => `${n.target.join(" ")}: ${n.failureSummary}`)}));
               }""",
            [include, WCAG_21_AA],
        )
        return result


@pytest.fixture
def open_site(browser: Any, axe_source: str) -> Iterator[Callable[..., WatchedPage]]:
    """``open_site(base_url)`` gives a fresh, watched tab on that site: desktop size, or ``mobile=True``;
    ``dark=True`` makes the system ask for a dark colour scheme; ``height`` sets the window's height."""
    contexts = []

    def open_(base: str, mobile: bool = False, dark: bool = False, height: int | None = None) -> WatchedPage:
        size = {"width": 375, "height": height or 740} if mobile else {"width": 1280, "height": height or 900}
        context = browser.new_context(viewport=size, reduced_motion="reduce", is_mobile=mobile, has_touch=mobile,
                                      color_scheme="dark" if dark else "light")
        contexts.append(context)
        page = context.new_page()
        watched = WatchedPage(page, base, axe_source)
        page.add_init_script(_WATCH_CSP)
        page.on("console", lambda m: watched.console_errors.append(m.text)
                if m.type == "error" else None)
        page.on("pageerror", lambda e: watched.page_errors.append(str(e)))
        page.on("dialog", lambda d: (watched.dialogs.append(d.message), d.dismiss()))
        # ERR_ABORTED is a request cut short by the test moving on to the next page, not a failure.
        context.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED"
                   else watched.failed_requests.append(f"{r.url} ({r.failure})"))
        context.on("response", lambda r: watched.failed_requests.append(f"{r.url} (HTTP {r.status})")
                   if r.status >= 400 else None)
        context.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:", "about:"))
                   else watched.foreign_requests.append(r.url))
        return watched

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own offline copy (mkdocs-offline.yml), built once per session."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = snapshot_project(tmp_path_factory.mktemp("offline-session") / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    site = project / "offline-site"
    build(load_config(str(project / "mkdocs-offline.yml"), site_dir=str(site), strict=True))
    return site
