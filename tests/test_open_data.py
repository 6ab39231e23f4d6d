"""Open data, feeds, redirects, citations and published URLs, on the example catalogue's real build."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from mkdocs.exceptions import Abort

from catalogue_core.check.catalogue import load_catalogue
from catalogue_core.project import Project
from catalogue_core.publish import spreadsheets
from catalogue_core.render.citation import bibtex, plain_citation
from catalogue_core.schema_walk import SchemaNode
from catalogue_core.schemas import Schemas
from conftest import KINDS, ROOT, build_site, make_project, make_site_project

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(make_site_project(tmp_path_factory.mktemp("open-data")))


def decode_value(text: str, schema: dict) -> object:
    """A scalar or a list of scalars read back by its schema."""
    if schema.get("type") == "integer":
        return int(text)
    if schema.get("type") == "array":
        return [decode_value(item, schema.get("items", {})) for item in split_items(text)]
    return text


def split_items(text: str) -> list[str]:
    """A list cell's items: joined with '; ', an item with a semicolon in double quotes."""
    return next(csv.reader([text], delimiter=";", skipinitialspace=True))


def unneutralised(text: str) -> str:
    """A cell as the record has it: without the apostrophe that keeps a formula from running."""
    return text[1:] if re.match(r"'+[=+\-@\t\r]", text) else text


def decode_row(row: dict[str, str], schemas: Schemas, kind: str) -> dict[str, object]:
    """A CSV row read back into the record's data: the inverse of spreadsheets.row."""
    data: dict[str, object] = {}
    fields = {name: node for name, node in SchemaNode.of_kind(schemas, kind).properties(schemas).items()}
    for column in spreadsheets.columns(schemas, kind):
        text = unneutralised(row[column.name])
        if text == "":
            continue
        field = fields[column.field]
        if column.key is None:
            data[column.field] = decode_value(text, field.schema)
        elif column.in_list:
            item = field.items(schemas)
            assert item is not None
            key_schema = item.properties(schemas)[column.key].schema
            values = split_items(text)
            groups = data.setdefault(column.field, [{} for _ in values])
            assert isinstance(groups, list) and len(groups) == len(values), column.name
            for group, value in zip(groups, values):
                if value != "":
                    group[column.key] = decode_value(value, key_schema)
        else:
            key_schema = field.properties(schemas)[column.key].schema
            group = data.setdefault(column.field, {})
            assert isinstance(group, dict)
            group[column.key] = decode_value(text, key_schema)
    data["title"] = row["title"]
    return data


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_files_round_trip_to_the_records(site: Path, tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(make_project(tmp_path))
    assert catalogue is not None
    for kind, plural in KINDS.items():
        rows = read_csv(site / "data" / f"{plural}.csv")
        assert list(rows[0]) == spreadsheets.header(catalogue.schemas, kind)
        for row, record in zip(rows, catalogue.of_kind(kind), strict=True):
            assert (row["id"], row["kind"], row["url"]) == (record.id, kind, record.url)
            assert decode_row(row, catalogue.schemas, kind) == record.data


def test_the_real_csv_files_have_the_mark_no_json_and_read_back(real_site_build: Path) -> None:
    catalogue, _ = load_catalogue(Project.at(ROOT))
    assert catalogue is not None
    for kind, plural in KINDS.items():
        rows = read_csv(real_site_build / "data" / f"{plural}.csv")
        assert len(rows) == len(catalogue.of_kind(kind))
        for row, record in zip(rows, catalogue.of_kind(kind), strict=True):
            for text in row.values():
                if text[:1] in "[{":
                    with pytest.raises(ValueError):
                        json.loads(text)  # a list or a group is never written as JSON
            assert decode_row(row, catalogue.schemas, kind) == record.data, record.id
    rows = read_csv(real_site_build / "data" / "practices.csv")
    assert any("ö" in row["title"] for row in rows)  # the mark lets Excel read "Religiöse" as UTF-8


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"https://evil.example\")", "'=HYPERLINK(\"https://evil.example\")"),
    ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("'=x", "''=x"), ("a = b", "a = b"), (["=1", "b"], "'=1; b"), (["a; b", "c"], '"a; b"; c'),
    (['"quoted"', " x"], '"""quoted"""; " x"'), ([2015, 2016], "2015; 2016"), (None, ""), (True, "true"),
])
def test_a_cell_never_runs_as_a_formula_and_lists_split_back(value: object, cell: str) -> None:
    assert spreadsheets.cell(value) == cell
    if isinstance(value, list):
        assert [str(v) for v in value] == split_items(unneutralised(cell))
    elif isinstance(value, str):
        assert unneutralised(cell) == value


def test_with_a_site_url_the_csv_url_column_and_catalogue_json_name_it(tmp_path: Path) -> None:
    site = build_site(make_site_project(tmp_path), settings={"SITE_URL": "https://catalogue.example.net/"})
    rows = read_csv(site / "data" / "practices.csv")
    assert rows[0]["url"] == "https://catalogue.example.net/practices/example-practice/"
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    assert catalogue["site_url"] == "https://catalogue.example.net/"
    assert catalogue["records"][0]["url"].endswith("/") and "://" not in catalogue["records"][0]["url"]


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
    assert plain_citation(practice, url, catalogue.author_of(practice)) == (
        'Lone Actors Practice Catalogue editors. "Example probation practice" (Example Association). '
        "Lone Actors Practice Catalogue, 1 May 2025. " + url
    )
    practice.data["title"] = "Risk & needs: 50% {done}"
    entry = bibtex(practice, url, catalogue.author_of(practice))
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


def test_every_feed_carries_its_stylesheet_and_a_note_for_browsers(site: Path) -> None:
    for path, href in (("feed.xml", "assets/stylesheets/feed.css"),
                       ("meetings/example-meeting/feed.xml", "../../assets/stylesheets/feed.css")):
        text = (site / path).read_text(encoding="utf-8")
        assert text.splitlines()[1] == f'<?xml-stylesheet type="text/css" href="{href}"?>', path
        assert (site / path).parent.joinpath(href).resolve().is_file()
        assert "text/xsl" not in text
        feed = ET.parse(site / path).getroot()
        note = feed.find("{http://www.w3.org/1999/xhtml}div")
        assert note is not None and note.get("class") == "reader-note"
        # A viewport for phones first (feed_reading.py says why at the root), then the title and the note.
        assert [child.tag for child in feed][:3] == ["{http://www.w3.org/1999/xhtml}meta", f"{ATOM}title",
                                                 "{http://www.w3.org/1999/xhtml}div"]
