"""Open data, feeds, redirects, citations and published URLs, on the example catalogue's real build."""

from __future__ import annotations

import csv
import io
import json
import logging
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from mkdocs.exceptions import Abort

from catalogue_core.catalogue import load_catalogue
from catalogue_core.citation import bibtex, plain_citation
from catalogue_core.exports import LIST_SEPARATOR, csv_columns
from catalogue_core.schemas import KINDS

from conftest import build_site, make_project, make_site_project

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(make_site_project(tmp_path_factory.mktemp("open-data")))


def decode_cell(text: str, schema: dict) -> object:
    """Read a CSV cell back by its field's schema: the inverse of exports.csv_cell."""
    if text == "":
        return None
    kind = schema.get("type")
    if kind == "integer":
        return int(text)
    if kind == "object" or (kind == "array" and text.startswith("[")):
        return json.loads(text)
    if kind == "array":
        items = schema.get("items", {})
        return [int(v) if items.get("type") == "integer" else v for v in text.split(LIST_SEPARATOR)]
    return text


def test_csv_files_round_trip_to_the_records(site: Path, tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(make_project(tmp_path))
    assert catalogue is not None
    for kind, plural in KINDS.items():
        rows = list(csv.DictReader(io.StringIO((site / "data" / f"{plural}.csv").read_text(encoding="utf-8"))))
        assert list(rows[0]) == csv_columns(catalogue, kind)
        fields = catalogue.schemas.fields[kind]
        for row, record in zip(rows, catalogue.of_kind(kind), strict=True):
            assert (row["id"], row["kind"], row["url"]) == (record.id, kind, record.url)
            decoded = {name: decode_cell(row[name], fields[name].schema) for name in fields}
            assert {k: v for k, v in decoded.items() if v is not None} == record.data


def test_the_site_feed_is_valid_atom_with_one_entry_per_record(site: Path) -> None:
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    # Built without SITE_URL: addresses relative to the feed, ids that name no host (test_addresses.py).
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "feed.xml"
    assert feed.findtext(f"{ATOM}id").startswith("urn:uuid:")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 8
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)  # newest first
    assert updated[0] == "2025-06-30T00:00:00Z" == feed.findtext(f"{ATOM}updated")
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.find(f"{ATOM}link").get("href").endswith("/")


def test_each_meeting_has_a_follow_up_feed_linked_from_its_page(site: Path) -> None:
    feed = ET.parse(site / "meetings" / "example-meeting" / "feed.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert sorted(titles) == ["Example paper follow-up", "Example recording"]
    page = (site / "meetings" / "example-meeting" / "index.html").read_text(encoding="utf-8")
    assert '<a href="feed.xml" type="application/atom+xml">Follow this list as a feed (Atom)</a>' in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in home and 'href="feed.xml"' in home


def test_a_former_id_redirects_to_the_record(site: Path) -> None:
    page = (site / "tools" / "old-example-tool" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../example-tool/">' in page
    assert '<link rel="canonical" href="../example-tool/">' in page  # relative: no SITE_URL
    assert (site / "tools" / "example-tool" / "index.html").is_file()


def test_a_published_url_that_stops_resolving_stops_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_site_project(tmp_path)
    (project / "published-urls.txt").write_text("# list\n/tools/example-tool/\n/tools/removed-tool/\n")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(project)
    assert ("published-urls.txt:3: /tools/removed-tool/: this published URL no longer resolves. If the record "
            "was renamed or merged, add its old id to the new record's 'aliases'") in caplog.text


def test_citations_name_the_record_and_escape_bibtex(tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(make_project(tmp_path))
    assert catalogue is not None
    practice = catalogue.by_id["example-practice"]
    url = "https://catalogue.example.org/practices/example-practice/"
    assert plain_citation(practice, url) == (
        'Lone Actors Practice Catalogue editors. "Example probation practice" (Example Association). '
        "Lone Actors Practice Catalogue, last reviewed 1 May 2025. " + url
    )
    practice.data["title"] = "Risk & needs: 50% {done}"
    entry = bibtex(practice, url)
    assert entry.startswith("@misc{lac-example-practice,\n")
    assert r"title = {Risk \& needs: 50\% \{done\}}" in entry
    assert "url = {" + url + "}" in entry


def test_the_open_data_page_links_every_file_and_describes_every_field(site: Path) -> None:
    html = (site / "open-data" / "index.html").read_text(encoding="utf-8")
    for plural in KINDS.values():
        assert f'href="../data/{plural}.csv"' in html
    for kind in KINDS:
        assert f'href="../schema/{kind}.json"' in html
    assert 'href="../catalogue.json"' in html
    assert "<code>lone_actor_suitability</code>" in html and "<code>follow_up</code>" in html
