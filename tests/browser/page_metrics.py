"""How long the built pages are for a reader: phone heights, repeated sentences, A4 pages of a print.

Run on a built site (``make build`` first):

    PYTHONPATH=hooks:tests .venv/bin/python -m browser.page_metrics site

The functions are also what the reading tests assert on (tests/browser/test_reading.py), so a number
in a report and a number in a test are measured the same way.
"""

from __future__ import annotations

import html
import re
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PHONE = {"width": 375, "height": 800}
DESK = {"width": 1280, "height": 800}
RECORD_FOLDERS = ("practices", "tools", "findings", "recommendations", "terms")
PRINT_SAMPLES = ("practices/austrian-case-conferences/", "practices/aarhus-model/",
                 "practices/neustart-extremism-probation/")
MIN_WORDS = 8

_SKIP_BLOCKS = re.compile(r"<(script|style|noscript|template)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_SOURCES = re.compile(r'<ol class="lac-sources">.*?</ol>', re.S)
_LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.S | re.I)
_WORD = re.compile(r"\w", re.U)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def record_pages(site: Path, folders: tuple[str, ...] = RECORD_FOLDERS) -> list[Path]:
    """Every record page's index.html (not the folders' own index pages)."""
    return sorted(p for folder in folders for p in (site / folder).glob("*/index.html"))


def _article_text(page: Path, skip_sources: bool = False) -> str:
    """The visible text of the page's article (navigation, header and footer are the same everywhere
    by design, and are not what a reader reads as the page)."""
    source = page.read_text(encoding="utf-8")
    start = source.find("<article")
    end = source.rfind("</article>")
    body = source[start:end] if start >= 0 and end > start else source
    body = _SKIP_BLOCKS.sub(" ", body)
    if skip_sources:  # a source's entry (its title, what it supports) is a citation, not prose
        body = _SOURCES.sub(" ", body)
    # A link's text names another page (a record's title, a source's title): naming it on every page
    # that links it is what links are for, not a repeated sentence.
    body = _LINK.sub("\n", body)
    body = re.sub(r"<(br|/p|/li|/h\d|/dt|/dd|/td|/th|/div|/summary|/figcaption)\b[^>]*>", "\n", body, flags=re.I)
    return html.unescape(_TAG.sub(" ", body))


def words(sentence: str) -> int:
    """Words are tokens with a letter or a digit in them ("·" and "—" are not words)."""
    return sum(1 for token in sentence.split() if _WORD.search(token))


def sentences(text: str) -> Iterator[str]:
    for part in _SENTENCE_END.split(text):
        sentence = " ".join(part.split())
        if words(sentence) >= MIN_WORDS:
            yield sentence


def repeated_sentences(pages: list[Path], more_than: int = 3, skip_sources: bool = False) -> list[tuple[str, int]]:
    """Sentences of 8+ words found on more than ``more_than`` pages, longest first, with page counts."""
    where: dict[str, set[Path]] = defaultdict(set)
    for page in pages:
        for sentence in set(sentences(_article_text(page, skip_sources))):
            where[sentence].add(page)
    found = [(s, len(p)) for s, p in where.items() if len(p) > more_than]
    return sorted(found, key=lambda item: (-words(item[0]), -item[1]))


def page_heights(browser: Any, base: str, paths: list[str], viewport: dict[str, int] = PHONE) -> dict[str, int]:
    """The scroll height in CSS pixels of each page at ``viewport``."""
    context = browser.new_context(viewport=viewport, is_mobile=viewport["width"] < 600,
                                  has_touch=viewport["width"] < 600, reduced_motion="reduce")
    page = context.new_page()
    heights = {}
    try:
        for path in paths:
            page.goto(base + path, wait_until="load")
            heights[path] = int(page.evaluate("document.documentElement.scrollHeight"))
    finally:
        context.close()
    return heights


def a4_pages(browser: Any, base: str, path: str) -> int:
    """How many A4 sheets Chromium prints the page on (a plain print, as from the browser's menu)."""
    context = browser.new_context(viewport=DESK)
    page = context.new_page()
    try:
        page.goto(base + path, wait_until="load")
        pdf: bytes = page.pdf(format="A4", print_background=True)
    finally:
        context.close()
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def main(site: Path) -> None:
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    practices = [p.parent.relative_to(site).as_posix() + "/" for p in record_pages(site, ("practices",))]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        heights = page_heights(browser, base, practices)
        tallest = max(heights, key=heights.__getitem__)
        print(f"practice pages at 375x800: {len(heights)}; median {statistics.median(heights.values()):.0f} px; "
              f"largest {heights[tallest]} px ({tallest})")
        for path in PRINT_SAMPLES:
            print(f"plain print, A4 pages: {a4_pages(browser, base, path)} ({path})")
        browser.close()
    server.shutdown()
    repeats = repeated_sentences(record_pages(site))
    print(f"sentences of {MIN_WORDS}+ words on more than 3 record pages: {len(repeats)}")
    for sentence, count in repeats[:8]:
        print(f"  {count} pages, {words(sentence)} words: {sentence}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
