"""No dead addresses: without SITE_URL and REPO_URL a site names no host it does not know; with them,
its pages, feeds, sitemap and redirects use them."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from site_scan import html_files

from catalogue_core.publish.publish_settings import missing_settings_notice
from catalogue_core.render.addresses import PageAddress, atom_id, file_address
from catalogue_core.render.templates import Templates
from catalogue_core.urls import Linker
from conftest import build_site, make_site_project

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://catalogue.example.net/"
REPO_URL = "https://git.example.net/editors/lone-actors-catalogue"
# Hosts a build must never make up: MkDocs' dev server and a placeholder repository.
INVENTED_HOSTS = ("127.0.0.1", "localhost:8000", "example.org/lone-actors")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_site_project(tmp_path_factory.mktemp("published"))
    return build_site(project, settings={"SITE_URL": SITE_URL, "REPO_URL": REPO_URL})


def test_without_settings_no_page_names_a_host_it_does_not_know(example_site_build: Path) -> None:
    found = []
    for path in html_files(example_site_build):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(example_site_build)}: {host}" for host in INVENTED_HOSTS if host in text]
        assert 'rel="edit"' not in text and 'class="md-source"' not in text, path  # no REPO_URL: no such links
    assert found == []
    for xml in ("sitemap.xml", "feed.xml"):  # a meeting's feed links the follow-up material's own addresses
        assert "://" not in re.sub(r'xmlns="[^"]*"', "", (example_site_build / xml).read_text(encoding="utf-8")), xml


def test_the_real_site_without_settings_has_no_dev_server_or_placeholder_address(real_site_build: Path) -> None:
    """The issue's own check: a default `make build` has no 127.0.0.1 or example.org in any page."""
    found = [f"{p.relative_to(real_site_build)}: {word}" for p in html_files(real_site_build)
             for word in ("127.0.0.1", "example.org") if word in p.read_text(encoding="utf-8")]
    assert found == []


def test_without_site_url_a_page_links_itself_and_the_browser_fills_in_its_address(example_site_build: Path) -> None:
    html = (example_site_build / "practices" / "example-practice" / "index.html").read_text(encoding="utf-8")
    assert ('Permanent link <a class="lac-permalink" href="./" data-page-address>practices/example-practice/</a> '
            '<button type="button" class="lac-copy" data-copy-page-address hidden>Copy link</button>') in html
    assert "Catalogue, 1 May 2025. <span data-page-address>practices/example-practice/</span></p>" in html
    assert "url = {<span data-page-address>practices/example-practice/</span>}" in html
    assert "assets/javascripts/page-address.js" in html


def test_without_site_url_feeds_link_relative_to_themselves_with_ids_that_name_no_host(
    example_site_build: Path,
) -> None:
    feed = ET.parse(example_site_build / "feed.xml").getroot()
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "./"
    entry = next(e for e in feed.findall(f"{ATOM}entry") if "example-practice" in e.find(f"{ATOM}link").get("href"))
    assert entry.find(f"{ATOM}link").get("href") == "practices/example-practice/"
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", entry.findtext(f"{ATOM}id"))
    meeting = ET.parse(example_site_build / "meetings" / "example-meeting" / "feed.xml").getroot()
    assert meeting.find(f"{ATOM}link[@rel='self']").get("href") == "feed.xml"
    assert meeting.find(f"{ATOM}link[@rel='alternate']").get("href") == "./"


def test_with_site_url_pages_feeds_sitemap_and_redirects_use_it(published: Path) -> None:
    page = published / "practices" / "example-practice" / "index.html"
    html = page.read_text(encoding="utf-8")
    permanent = f"{SITE_URL}practices/example-practice/"
    assert f'<a class="lac-permalink" href="{permanent}">{permanent}</a>' in html
    assert f"Catalogue, 1 May 2025. {permanent}</p>" in html and f"url = {{{permanent}}}" in html
    assert "data-page-address" not in html
    assert f'<link rel="canonical" href="{permanent}">' in html
    assert f"<loc>{permanent}</loc>" in (published / "sitemap.xml").read_text(encoding="utf-8")
    feed = ET.parse(published / "feed.xml").getroot()
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE_URL}feed.xml"
    assert f"{SITE_URL}practices/example-practice/" in [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    redirect = (published / "tools" / "old-example-tool" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}tools/example-tool/">' in redirect


def test_with_repo_url_the_header_links_the_repository_and_record_pages_edit_their_record(published: Path) -> None:
    html = (published / "practices" / "example-practice" / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO_URL}/edit/main/practices/practices/example-practice.yml"' in html
    assert f'<a href="{REPO_URL}" title="Go to repository" class="md-source">' in html
    # Material asks GitHub's or GitLab's API for stars and forks only for a data-md-component="source"
    # link; ours has none (overrides/partials/source.html), so the policy has nothing to block.
    assert 'data-md-component="source"' not in html


def test_page_addresses_with_and_without_a_site_url() -> None:
    without = PageAddress(Linker(), "tools/vera-2r.md")
    assert (without.url, without.href, without.path) == (None, "./", "tools/vera-2r/")
    assert PageAddress(Linker(directory_urls=False), "tools/vera-2r.md").href == "vera-2r.html"
    known = PageAddress(Linker(site_url="https://x.example/sub"), "tools/vera-2r.md")
    assert known.url == known.href == "https://x.example/sub/tools/vera-2r/"
    # How the templates write an address: the published one as text, else the path for page-address.js.
    address_text = Templates().macro("values.html", "address_text")
    assert str(address_text(known)) == "https://x.example/sub/tools/vera-2r/"
    assert str(address_text(without)) == "<span data-page-address>tools/vera-2r/</span>"
    assert file_address(Linker(), "meetings/m/feed.xml", "meetings/m/") == "./"
    assert file_address(Linker(), "feed.xml", "tools/vera-2r/") == "tools/vera-2r/"
    assert file_address(Linker(), "meetings/m/feed.xml", "") == "../../"
    assert atom_id(Linker(), "tools/vera-2r/") == atom_id(Linker(), "tools/vera-2r/") != atom_id(Linker(), "tools/x/")


def test_the_build_names_in_one_line_what_is_not_set() -> None:
    assert missing_settings_notice(SITE_URL, REPO_URL) is None
    line = missing_settings_notice(None, None)
    assert line is not None and "\n" not in line
    assert line.startswith("SITE_URL (") and " and REPO_URL (" in line and "are not set" in line
    assert missing_settings_notice(SITE_URL, "").startswith("REPO_URL (no link to the repository")
