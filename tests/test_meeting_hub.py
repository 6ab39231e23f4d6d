"""The meeting hub for organisers: follow-up material newest first, and a "Link to this meeting" box
with the permanent address and an e-mail snippet in plain text and HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import build_site, make_site_project

SITE_URL = "https://catalogue.example.net/"
MEETING = "meetings/ran-lone-actors-assessment-tools-2021/index.html"


def _box(page: str) -> str:
    start = page.index('<div class="admonition info lac-share"')
    return page[start:page.index("</details></div>", start)]


def test_the_follow_up_material_is_newest_first_in_each_group(real_site_build: Path) -> None:
    page = (real_site_build / MEETING).read_text(encoding="utf-8")
    groups = re.findall(r'<ul class="lac-follow-up">(.*?)</ul>', page, re.DOTALL)
    assert groups
    for group in groups:
        dates = re.findall(r'<span class="lac-date"><time datetime="([^"]+)"', group)
        assert dates == sorted(dates, reverse=True), dates


def test_only_the_meeting_has_a_link_box(example_site_build: Path) -> None:
    assert "Link to this meeting" in (example_site_build / "meetings/example-meeting/index.html").read_text("utf-8")
    for page in ("practices/example-practice/index.html", "findings/example-finding-one/index.html"):
        assert "lac-share" not in (example_site_build / page).read_text(encoding="utf-8")


def test_without_a_site_url_the_box_leaves_the_address_to_the_browser(example_site_build: Path) -> None:
    box = _box((example_site_build / "meetings/example-meeting/index.html").read_text(encoding="utf-8"))
    assert box.count("<span data-page-address>meetings/example-meeting/</span>") == 2  # text and HTML snippets
    assert 'href="./" data-page-address>meetings/example-meeting/</a>' in box
    assert "://" not in box


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(make_site_project(tmp_path_factory.mktemp("hub")), settings={"SITE_URL": SITE_URL})


def test_with_a_site_url_the_snippets_name_the_permanent_address(published: Path) -> None:
    box = _box((published / "meetings/example-meeting/index.html").read_text(encoding="utf-8"))
    address = f"{SITE_URL}meetings/example-meeting/"
    text = html.unescape(re.search(r'<code id="lac-share-text">(.*?)</code>', box, re.DOTALL).group(1))
    assert text == ("Example meeting on assessment tools\nExample small-scale meeting, online, 10 December 2021\n"
                    f"Key findings, recommendations, practices and follow-up material: {address}")
    snippet = html.unescape(re.search(r'<code id="lac-share-html">(.*?)</code>', box, re.DOTALL).group(1))
    assert snippet == (f'<p><a href="{address}">Example meeting on assessment tools</a><br>Example small-scale '
                       "meeting, online, 10 December 2021: key findings, recommendations, practices and follow-up "
                       "material.</p>")


def test_the_html_snippet_escapes_the_title_for_the_e_mail(tmp_path: Path) -> None:
    from catalogue_core.check.catalogue import load_catalogue
    from catalogue_core.render.markup import TextRenderer
    from catalogue_core.render.record_page import RecordPage
    from catalogue_core.render.templates import Templates
    from catalogue_core.urls import Linker
    from conftest import make_project

    catalogue, _ = load_catalogue(make_project(tmp_path))
    assert catalogue is not None
    meeting = catalogue.by_id["example-meeting"]
    meeting.data["title"] = 'Risk & needs: "<tools>"'
    box = RecordPage(catalogue, Linker(site_url=SITE_URL), TextRenderer(), Templates()).markdown(meeting)
    snippet = html.unescape(re.search(r'<code id="lac-share-html">(.*?)</code>', box, re.DOTALL).group(1))
    assert '">Risk &amp; needs: &#34;&lt;tools&gt;&#34;</a>' in snippet  # HTML for the e-mail: escaped once (MarkupSafe's entities)
    text = html.unescape(re.search(r'<code id="lac-share-text">(.*?)</code>', box, re.DOTALL).group(1))
    assert text.startswith('Risk & needs: "<tools>"\n')
