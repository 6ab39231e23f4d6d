"""Real ``mkdocs build --strict`` runs, asserting on the HTML and data files they write."""

from __future__ import annotations

import json
import logging
import marshal
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
    assert "<dt>Countries</dt>\n<dd>Austria" in html  # in the at-a-glance box
    assert '<a href="https://example.org/practice">Example practice page</a>' in html  # a source
    assert 'href="../../tools/example-tool/">EXT-1 example tool</a>' in html  # a link it makes
    assert "<h3>Recommendations it supports <span" in html  # a backlink group in Connections, folded
    assert 'id="connections"' in html
    assert 'href="../../recommendations/example-recommendation/"' in html
    # "Edit this page" opens the YAML record, not generated Markdown (test_addresses.py, with REPO_URL).


def test_catalogue_json_holds_every_field_and_the_contract_keys(example_site: Path) -> None:
    catalogue = json.loads((example_site / "catalogue.json").read_text(encoding="utf-8"))
    practice = next(r for r in catalogue["records"] if r["id"] == "example-practice")
    assert practice["kind"] == "practice"
    assert practice["countries"] == ["AT", "NO"]  # Norway survives as a code
    assert practice["sources"][0]["url"] == "https://example.org/practice"
    assert practice["evidence"] == {"level": "none", "summary": "No evaluation was found."}
    assert (example_site / "schema" / "practice.json").is_file()
    assert (example_site / "data" / "practices.csv").is_file()


def test_catalogue_json_is_the_document_with_one_record_to_a_line(example_site: Path) -> None:
    text = (example_site / "catalogue.json").read_text(encoding="utf-8")
    catalogue = json.loads(text)
    assert list(catalogue) == ["name", "licence", "schemas", "records"]
    record_lines = [line.strip().rstrip(",") for line in text.splitlines() if line.startswith("  {")]
    assert [json.loads(line) for line in record_lines] == catalogue["records"]
    assert text.endswith("\n ]\n}\n")


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


def test_the_sitemap_is_dated_by_the_newest_review_not_the_build_day(tmp_path: Path) -> None:
    # Only a site with a published address lists its pages in the sitemap (test_addresses.py).
    site = build_site(make_site_project(tmp_path), settings={"SITE_URL": "https://catalogue.example.net/"})
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2025-06-30</lastmod>" in sitemap


def test_every_url_the_real_site_serves_is_in_the_published_list(real_site_build: Path) -> None:
    """New records and pages join published-urls.txt (``make urls``), so that the build can later
    refuse to drop them; the build itself already fails when a listed URL stops resolving."""
    from catalogue_core.publish.published_urls import read_list
    from conftest import ROOT

    listed = {url for _, url in read_list(ROOT / "published-urls.txt")}
    served = {"/" + p.relative_to(real_site_build).as_posix().removesuffix("index.html")
              for p in real_site_build.rglob("*.html") if p.name != "404.html"}
    served |= {"/" + p.relative_to(real_site_build).as_posix()
               for pattern in ("catalogue.json", "data/*.csv", "schema/*.json", "**/feed.xml")
               for p in real_site_build.glob(pattern)}
    missing = sorted(served - listed)
    assert missing == [], f"run `make urls` and commit published-urls.txt; missing: {missing}"


def test_a_rebuild_from_the_caches_gives_the_same_site(tmp_path: Path) -> None:
    project = make_site_project(tmp_path)
    cold = build_site(project, tmp_path / "cold")
    caches = list((project / ".cache" / "catalogue").glob("record-pages-*.marshal"))
    assert len(caches) == 1 and marshal.loads(caches[0].read_bytes())  # the first build kept its work
    warm = build_site(project, tmp_path / "warm")
    first = {p.relative_to(cold): p.read_bytes() for p in cold.rglob("*") if p.is_file()}
    second = {p.relative_to(warm): p.read_bytes() for p in warm.rglob("*") if p.is_file()}
    assert first == second


def test_pages_kept_from_an_earlier_build_follow_an_edit_to_a_record_they_show(tmp_path: Path) -> None:
    """A warm rebuild after an edit gives the site a build from nothing gives: the pages that list
    the edited tool (its title and summary show there) are made again, not taken from the cache."""
    import shutil

    project = make_site_project(tmp_path / "project")
    build_site(project, tmp_path / "first")
    tool = project / "practices" / "tools" / "example-tool.yml"
    tool.write_text(tool.read_text(encoding="utf-8").replace("title: EXT-1 example tool", "title: EXT-1 renamed tool")
                    .replace("An example structured", "A renamed structured"), encoding="utf-8")
    warm = build_site(project, tmp_path / "warm")
    shutil.rmtree(project / ".cache")
    cold = build_site(project, tmp_path / "cold")
    linking = warm / "practices" / "example-practice" / "index.html"
    assert "EXT-1 renamed tool" in linking.read_text(encoding="utf-8")
    first = {p.relative_to(cold): p.read_bytes() for p in cold.rglob("*") if p.is_file()}
    second = {p.relative_to(warm): p.read_bytes() for p in warm.rglob("*") if p.is_file()}
    assert first == second


def test_a_record_broken_after_a_build_is_checked_again(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The first build kept its pages; the edited record is checked all the same."""
    project = make_site_project(tmp_path / "project")
    build_site(project, tmp_path / "first")
    tool = project / "practices" / "tools" / "example-tool.yml"
    tool.write_text(tool.read_text(encoding="utf-8").replace("types: [risk]", "types: [rsik]"), encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(project, tmp_path / "second")
    assert "practices/tools/example-tool.yml:7: types[0]: " in caplog.text


def test_a_cache_file_keeps_what_a_build_used_under_its_key(tmp_path: Path) -> None:
    from catalogue_core.cache import CacheFile

    first = CacheFile(tmp_path, "things", "k1", "site")
    assert first.get("a") is None
    first.put("a", ("<p>A</p>", {("x", 0): 1}))
    first.save()
    second = CacheFile(tmp_path, "things", "k1", "site")
    assert second.get("a") == ("<p>A</p>", {("x", 0): 1})
    written = second.path.stat().st_mtime_ns if second.path else 0
    second.save()  # the same entries: nothing is written
    assert second.path is not None and second.path.stat().st_mtime_ns == written
    CacheFile(tmp_path, "things", "k1", "site").save()  # a build that used nothing keeps nothing
    assert CacheFile(tmp_path, "things", "k1", "site").get("a") is None
    offline = CacheFile(tmp_path, "things", "k1", "offline")  # another configuration keeps its own file
    offline.put("b", "B")
    offline.save()
    newer = CacheFile(tmp_path, "things", "k2", "site")  # other inputs replace the same configuration's file
    newer.put("c", "C")
    newer.save()
    assert sorted(p.name.split("-")[1] for p in tmp_path.glob("things-*")) == ["offline", "site"]
    assert CacheFile(tmp_path, "things", "k1", "offline").get("b") == "B"
    assert CacheFile(tmp_path, "things", "k1", "other code", code="another digest").known == {}
    assert newer.path is not None
    newer.path.write_bytes(b"not marshal data")
    assert CacheFile(tmp_path, "things", "k2", "site").known == {}  # an unreadable file is an empty cache
    assert CacheFile(None, "things", "k2").known == {}  # no folder, nothing kept
