"""Real ``mkdocs build --strict`` runs, asserting on the HTML and data files they write."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import EXAMPLES, build_site, make_site_project


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(make_site_project(tmp_path_factory.mktemp("example-site")))


def test_every_record_has_its_page_and_every_kind_its_index(example_site: Path) -> None:
    catalogue = json.loads((example_site / "catalogue.json").read_text(encoding="utf-8"))
    urls = {r["url"] for r in catalogue["records"]}
    assert "practices/example-practice/" in urls
    for url in urls:
        assert (example_site / url / "index.html").is_file(), url
    for plural in ("meetings", "findings", "themes", "recommendations", "practices", "tools", "terms"):
        assert (example_site / plural / "index.html").is_file()


def test_a_record_page_shows_facts_sources_links_and_backlinks(example_site: Path) -> None:
    html = (example_site / "practices" / "example-practice" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in html and "Example probation practice" in html
    assert "<dt>Countries</dt><dd>Austria" in html
    assert '<a href="https://example.org/practice">Example practice page</a>' in html  # a source
    assert 'href="../../tools/example-tool/">EXT-1 example tool</a>' in html  # a link it makes
    assert 'id="recommendations-it-supports"' in html  # a backlink section, with an anchor
    assert 'href="../../recommendations/example-recommendation/"' in html
    # "Edit this page" opens the YAML record, not generated Markdown.
    assert "edit/main/practices/practices/example-practice.yml" in html


def test_catalogue_json_holds_every_field_and_the_contract_keys(example_site: Path) -> None:
    catalogue = json.loads((example_site / "catalogue.json").read_text(encoding="utf-8"))
    practice = next(r for r in catalogue["records"] if r["id"] == "example-practice")
    assert practice["kind"] == "practice"
    assert practice["countries"] == ["AT", "NO"]  # Norway survives as a code
    assert practice["sources"][0]["url"] == "https://example.org/practice"
    assert practice["evidence"] == {"level": "none", "summary": "No evaluation was found."}
    assert (example_site / "schema" / "practice.json").is_file()
    assert (example_site / "data" / "practices.csv").is_file()


def test_an_invalid_record_stops_the_build_and_leaves_the_old_site(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_site_project(tmp_path, EXAMPLES / "invalid" / "schema-errors" / "practices")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(project, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"
    assert sorted(site.iterdir()) == [site / "index.html"]
    report = caplog.text
    assert "The records have problems, so the site was not built." in report
    assert "practices/practices/example-practice.yml:3: orgnisations: 'orgnisations' is not a field" in report
    assert "16 problems in 1 file." in report
    assert "Traceback" not in report


def test_two_builds_of_the_same_records_are_identical(example_site: Path, tmp_path: Path) -> None:
    again = build_site(make_site_project(tmp_path))
    first = {p.relative_to(example_site): p.read_bytes() for p in example_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    different = sorted(str(path) for path in first if first[path] != second[path])
    assert different == []


def test_the_sitemap_is_dated_by_the_newest_review_not_the_build_day(example_site: Path) -> None:
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2025-06-30</lastmod>" in sitemap


def test_every_url_the_real_site_serves_is_in_the_published_list(real_site_build: Path) -> None:
    """New records and pages join published-urls.txt (``make urls``), so that the build can later
    refuse to drop them; the build itself already fails when a listed URL stops resolving."""
    from catalogue_core.published_urls import read_list

    from conftest import ROOT

    listed = {url for _, url in read_list(ROOT / "published-urls.txt")}
    served = {"/" + p.relative_to(real_site_build).as_posix().removesuffix("index.html")
              for p in real_site_build.rglob("*.html") if p.name != "404.html"}
    served |= {"/" + p.relative_to(real_site_build).as_posix()
               for pattern in ("catalogue.json", "data/*.csv", "schema/*.json", "**/feed.xml")
               for p in real_site_build.glob(pattern)}
    missing = sorted(served - listed)
    assert missing == [], f"run `make urls` and commit published-urls.txt; missing: {missing}"


def test_a_rebuild_from_the_rendered_text_cache_gives_the_same_site(tmp_path: Path) -> None:
    project = make_site_project(tmp_path)
    cold = build_site(project, tmp_path / "cold")
    caches = list((project / ".cache" / "catalogue").glob("rendered-text-*.json"))
    assert len(caches) == 1 and json.loads(caches[0].read_text(encoding="utf-8"))  # the first build kept its work
    warm = build_site(project, tmp_path / "warm")
    first = {p.relative_to(cold): p.read_bytes() for p in cold.rglob("*") if p.is_file()}
    second = {p.relative_to(warm): p.read_bytes() for p in warm.rglob("*") if p.is_file()}
    assert first == second


def test_the_text_cache_is_keyed_by_what_the_html_depends_on(tmp_path: Path) -> None:
    from catalogue_core import text_cache

    assert text_cache.cache_key({"SPJ": "Structured professional judgement"}) != text_cache.cache_key({})
    path = text_cache.cache_path(tmp_path, {})
    text_cache.save(path, {"A *text*": "<p>A <em>text</em></p>"})
    assert text_cache.load(path) == {"A *text*": "<p>A <em>text</em></p>"}
    (tmp_path / "rendered-text-broken.json").write_text("{not json")
    assert text_cache.load(tmp_path / "rendered-text-broken.json") == {}
    other = text_cache.cache_path(tmp_path, {"SPJ": "x"})
    text_cache.save(other, {})
    assert not path.exists()  # a cache for another glossary or code replaces the old one
