"""Hand-outs on the built pages: which pages have one, what it holds, and its QR code only where the
build knows the page's address."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalogue_core.render.handout import ANCHOR, NO_QR_CODE
from catalogue_core.render.markup import escape
from catalogue_core.render.qr_code import qr_svg
from catalogue_core.schemas import Schemas
from conftest import KINDS, ROOT, build_site, make_site_project

SITE_URL = "https://catalogue.example.net/"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(make_site_project(tmp_path_factory.mktemp("handouts")), settings={"SITE_URL": SITE_URL})


def _page(site: Path, kind: str, record_id: str) -> str:
    return (site / KINDS[kind] / record_id / "index.html").read_text(encoding="utf-8")


def test_practices_instruments_and_meetings_have_a_hand_out_and_other_kinds_none(example_site_build: Path) -> None:
    declared = {kind.kind for kind in Schemas.load(ROOT / "schemas").kinds.values() if kind.handout}
    assert declared == {"practice", "tool", "meeting"}
    for kind, record_id, link in [("practice", "example-practice", "Print summary"),
                                  ("tool", "example-tool", "Print summary"),
                                  ("meeting", "example-meeting", "Print hand-out")]:
        html = _page(example_site_build, kind, record_id)
        assert f'<a class="lac-print-summary" href="#{ANCHOR}">{link}</a>' in html, kind
        assert html.count(f'id="{ANCHOR}"') == 1, kind
    for kind, record_id in [("finding", "example-finding-one"), ("theme", "example-theme"),
                            ("recommendation", "example-recommendation"), ("term", "example-term")]:
        assert ANCHOR not in _page(example_site_build, kind, record_id), kind


def test_a_practice_hand_out_holds_its_evidence_and_address(example_site_build: Path) -> None:
    html = _page(example_site_build, "practice", "example-practice")
    block = html[html.index(f'id="{ANCHOR}"'):html.index("</article>")]
    assert '<p class="lac-handout-heading">Evidence and evaluation</p>' in block
    assert "No evaluation was found." in block
    assert '<span data-page-address>practices/example-practice/</span>' in block  # no SITE_URL: the browser fills it
    assert "<svg" not in block and escape(NO_QR_CODE) in block


def test_the_meeting_hand_out_lists_findings_recommendations_and_follow_up_newest_first(
    example_site_build: Path,
) -> None:
    html = _page(example_site_build, "meeting", "example-meeting")
    block = html[html.index(f'id="{ANCHOR}"'):html.index("</article>")]
    headings = re.findall(r'<p class="lac-handout-heading">([^<]*)</p>', block)
    assert headings == ["Key findings", "Recommendations", "Follow-up material", "Permanent link"]
    follow_up = block[block.index("Follow-up material"):]
    titles = re.findall(r'<a href="https://[^"]*">([^<]*)</a>', follow_up)
    assert titles == ["Example recording", "Example paper follow-up"]  # 2022 before 2021


def test_with_a_site_url_the_hand_out_has_a_qr_code_of_the_permanent_link(published: Path) -> None:
    for kind, record_id in [("practice", "example-practice"), ("tool", "example-tool"),
                            ("meeting", "example-meeting")]:
        html = _page(published, kind, record_id)
        address = f"{SITE_URL}{KINDS[kind]}/{record_id}/"
        # The same code segno draws for the address: it encodes exactly the permanent link.
        assert qr_svg(address, f"QR code of this page's address, {address}") in html, kind
        assert NO_QR_CODE not in html
