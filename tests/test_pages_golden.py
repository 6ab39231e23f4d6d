"""Golden test of the generated Markdown: the example catalogue's pages, file by file.

Run ``UPDATE_GOLDEN=1 pytest tests/test_pages_golden.py`` after an intended change and review the
diff under tests/golden/pages/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue_core.check.catalogue import load_catalogue
from catalogue_core.publish.site_plan import plan_site
from catalogue_core.render.pages import build_pages
from catalogue_core.urls import Linker
from conftest import ROOT, compare_golden, make_project

GOLDEN = ROOT / "tests" / "golden" / "pages"
SITE_URL = "https://catalogue.example.org/"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    catalogue, problems = load_catalogue(make_project(tmp_path_factory.mktemp("golden")))
    assert catalogue is not None, problems
    return {src: page.markdown for src, page in plan_site(catalogue, Linker(site_url=SITE_URL)).pages.items()}


def test_every_page_matches_its_golden_file(pages: dict[str, str]) -> None:
    for src, markdown in sorted(pages.items()):
        compare_golden(markdown, GOLDEN / src)
    written = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")}
    assert written == set(pages), "golden files without a page (or pages without one): update the goldens"


def test_pages_are_the_same_on_every_run(tmp_path: Path, pages: dict[str, str]) -> None:
    catalogue, _ = load_catalogue(make_project(tmp_path))
    assert catalogue is not None
    again = {src: page.markdown for src, page in plan_site(catalogue, Linker(site_url=SITE_URL)).pages.items()}
    assert again == pages


def test_file_urls_link_to_html_files(tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(make_project(tmp_path))
    assert catalogue is not None
    page = build_pages(catalogue, Linker(directory_urls=False))["tools/example-tool.md"].markdown
    assert 'href="../practices/example-practice.html"' in page
    assert 'href="index.html">All assessment instruments</a>' in page
