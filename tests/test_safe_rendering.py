"""Safe rendering: record text can never put executable markup into the site, even unvalidated.

Validation already rejects HTML in record text and unsafe URLs in URL fields. These tests switch
validation off (tests/injection/unchecked_hook.py) and put an attack into every text field of every
kind (tests/injection_records.py), then run a real ``mkdocs build --strict`` and read every HTML
file the way a browser would. Only the theme's own scripts may remain; no event handler,
javascript:/data: URL, frame, object, style element or third-party load may reach a page or the
search index. tests/browser/test_csp_and_search.py opens the same pages in Chromium.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from injection_records import TEXT_ATTACK
from site_scan import executable_markup, html_files, parse, third_party_loads_in_html

from conftest import KINDS, VALID_RECORDS, build_site, make_site_project


def _theme_scripts(site: Path) -> tuple[set[str], set[str]]:
    """The inline scripts and script files a clean build of the same site has."""
    inline: set[str] = set()
    srcs: set[str] = set()
    for path in html_files(site):
        page = parse(path.read_text(encoding="utf-8"))
        inline.update(page.inline_scripts)
        srcs.update(e.attrs["src"] for e in page.elements if e.tag == "script" and "src" in e.attrs)
    return inline, srcs


def test_the_attacks_reach_every_kind_and_are_shown_as_text(injection_site: Path) -> None:
    # The attack text is on the pages, escaped: proof that the records were really rendered.
    for plural in KINDS.values():
        pages = [p for p in (injection_site / plural).rglob("index.html") if p.parent.name != plural]
        assert pages, plural
        for page in pages:
            html = page.read_text(encoding="utf-8")
            assert any(f"&lt;script&gt;alert({q}script{q})&lt;/script&gt;" in html
                       for q in ("&#39;", "&#x27;", "'")), page  # MarkupSafe's, Python's or Markdown's escaping


def test_no_executable_markup_reaches_any_html_file(injection_site: Path, example_site_build: Path) -> None:
    inline, srcs = _theme_scripts(example_site_build)
    problems = []
    for path in html_files(injection_site):
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(injection_site)
        problems += [f"{rel}: {p}" for p in executable_markup(html, inline, srcs)]
        problems += [f"{rel}: {p}" for p in third_party_loads_in_html(html)]
    assert problems == []


def test_the_search_index_holds_only_data(injection_site: Path) -> None:
    # Every search file is a script of one call with JSON arguments (catalogue_core/search_index.py):
    # record text must stay inside the JSON, and the browser shows it as text (textContent).
    call = re.compile(r"lacSearch\.(config|shard|page)\((.*)\);\n", re.DOTALL)
    files = sorted((injection_site / "search").rglob("*.js"))
    texts = []
    for path in files:
        match = call.fullmatch(path.read_text(encoding="utf-8"))
        assert match, f"{path.relative_to(injection_site)} is not one call with data"
        arguments = json.loads(f"[{match.group(2)}]")
        if match.group(1) == "page":
            texts.append(arguments[1]["x"])
    assert len(texts) > 10
    assert any("onmouseover" in t or "<script" in t.lower() or "javascript:" in t.lower() for t in texts)


def test_titles_and_summaries_stay_text_in_the_page_head(injection_site: Path) -> None:
    # Material writes the front matter title and description into the page unescaped.
    page = parse((injection_site / "practices" / "example-practice" / "index.html").read_text(encoding="utf-8"))
    description = next(e for e in page.elements if e.tag == "meta" and e.attrs.get("name") == "description")
    assert description.attrs["content"] == TEXT_ATTACK
    assert "onmouseover" not in {name for e in page.elements for name in e.attrs}


def test_quotes_and_character_references_in_valid_records_stay_text(tmp_path: Path) -> None:
    # These pass validation (no tag, no link), so the real hook must keep them text in the page head.
    overlay = tmp_path / "overlay" / "terms"
    overlay.mkdir(parents=True)
    record = (VALID_RECORDS / "terms" / "example-term.yml").read_text(encoding="utf-8")
    title = 'Say "hi" &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
    summary = '0;url=https://evil.example/" http-equiv="refresh'
    record = record.replace("title: Protective factor", f"title: '{title}'")
    record = record.replace("summary: Something that lowers the chance of violence.", f"summary: '{summary}'")
    (overlay / "example-term.yml").write_text(record, encoding="utf-8")
    site = build_site(make_site_project(tmp_path / "project", overlay.parent))
    html = (site / "terms" / "example-term" / "index.html").read_text(encoding="utf-8")
    page = parse(html)
    description = next(e for e in page.elements if e.tag == "meta" and e.attrs.get("name") == "description")
    assert description.attrs == {"name": "description", "content": summary}
    assert not [e for e in page.elements if e.tag == "meta" and "http-equiv" in e.attrs
                and e.attrs["http-equiv"].lower() == "refresh"]
    other_record = site / "tools" / "example-tool" / "index.html"
    assert page.inline_scripts == parse(other_record.read_text(encoding="utf-8")).inline_scripts
    shown_title = title.replace("&", "&amp;").replace('"', "&quot;")
    assert f"<title>{shown_title} - " in html
