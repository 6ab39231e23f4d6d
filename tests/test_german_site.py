"""The German site under /de/, from the real build (no browser needed): every reader page has its
German twin and back, German pages say they are German, and the words our build writes itself are
German there except inside text marked English."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import pytest
from german_pages import english_interface_words, english_words_on

# English names that German text keeps as they are (not yet marked lang="en" in the records' German
# summaries and the hand-written German pages): an organisation's or a paper's own name.
ENGLISH_NAMES = ("Home Office", "Home Affairs", "Office for Security and Counter-Terrorism",
                 "Lone actors: making use of needs and risk assessment tools in")


def _english_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith("de/") and p.name != "404.html")


def _switch(html: str, language: str) -> str | None:
    match = re.search(rf'<a href="([^"]*)" hreflang="{language}"', html)
    return match.group(1) if match else None


def _is_redirect(html: str) -> bool:
    return 'http-equiv="refresh"' in html


def test_every_english_page_has_its_german_twin_and_back(real_site_build: Path) -> None:
    missing, wrong = [], []
    pages = _english_pages(real_site_build)
    assert len(pages) > 120
    for path in pages:
        twin = real_site_build / "de" / path
        if not twin.is_file():
            missing.append(path)
            continue
        english, german = (real_site_build / path).read_text(encoding="utf-8"), twin.read_text(encoding="utf-8")
        if _is_redirect(english):
            continue
        there, back = _switch(english, "de"), _switch(german, "en")
        page_url = posixpath.normpath(posixpath.dirname(path) or ".")
        german_url = posixpath.normpath(posixpath.dirname(f"de/{path}"))
        if there is None or posixpath.normpath(posixpath.join(page_url, there)) != german_url:
            wrong.append(f"{path}: hreflang=de goes to {there}")
        if back is None or posixpath.normpath(posixpath.join(german_url, back)) != page_url:
            wrong.append(f"de/{path}: hreflang=en goes to {back}")
    assert missing == [] and wrong == []


def test_german_pages_are_marked_german(real_site_build: Path) -> None:
    not_german = [p.relative_to(real_site_build).as_posix() for p in (real_site_build / "de").rglob("*.html")
                  if not _is_redirect(text := p.read_text(encoding="utf-8")) and '<html lang="de"' not in text]
    assert not_german == []


def test_the_data_files_are_the_english_sites_only(real_site_build: Path) -> None:
    assert (real_site_build / "catalogue.json").is_file() and not (real_site_build / "de" / "catalogue.json").exists()
    assert not (real_site_build / "de" / "data").exists() and not (real_site_build / "de" / "schema").exists()
    open_data = (real_site_build / "de" / "open-data" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../catalogue.json"' in open_data
    assert "Diese Seite gibt es nur auf Englisch." in open_data


def test_record_pages_lead_with_the_german_summary(real_site_build: Path) -> None:
    page = (real_site_build / "de" / "tools" / "vera-2r" / "index.html").read_text(encoding="utf-8")
    assert '<p class="lac-lede">Ein Instrument der strukturierten professionellen Urteilsbildung' in page
    assert "Die folgenden Abschnitte gibt es nur auf Englisch." in page
    assert re.search(r"Zuletzt geprüft <time datetime=\"\d{4}-\d\d-\d\d\">\d+\. [A-ZÄÖÜ][a-zä]+ \d{4}</time>", page)


@pytest.mark.parametrize("path", ["index.html", "practices/index.html", "tools/index.html", "terms/index.html",
                                  "tools/vera-2r/index.html", "practices/aarhus-model/index.html",
                                  "findings/index.html", "compare/practices/index.html", "404.html", "plan/index.html"])
def test_no_english_interface_word_outside_english_text(real_site_build: Path, path: str) -> None:
    """The words the English build writes itself (interface_strings.yml, the schemas' titles and
    labels, the kinds' names) that German writes otherwise, nowhere on a German page but inside
    ``lang="en"``. Names are no interface words: the catalogue's own name, and the English titles of
    records that have no German one (a programme's name), are left out of the text first."""
    words = english_interface_words()
    page = (real_site_build / "de" / path).read_text(encoding="utf-8").replace("Lone Actors Practice Catalogue", "")
    for name in [*_record_names(real_site_build), *ENGLISH_NAMES]:
        page = re.sub(r"\s+".join(map(re.escape, name.split())), "", page)
    assert english_words_on(page, words) == []


def _record_names(site: Path) -> list[str]:
    import json

    records = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["records"]
    names = [r["title"] for r in records if not r.get("title_de")]
    return sorted((html.escape(name, quote=False) for name in names), key=len, reverse=True)
