"""Pages written by templates: a site owner's override changes the built page, an edited template
shows in the next build (the page cache's key covers the templates), and Python writes no markup."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from catalogue_core.check.catalogue import load_catalogue
from catalogue_core.publish.site_plan import plan_site
from catalogue_core.render.templates import BUILT_IN, OVERRIDES
from catalogue_core.urls import Linker
from conftest import ROOT, build_site, make_project, make_site_project

PAGE = Path("practices/example-practice/index.html")


def test_an_override_changes_the_built_page_and_an_edited_template_shows_in_the_next_build(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "project")
    first = build_site(project, tmp_path / "first")
    assert 'class="lac-sources"' in (first / PAGE).read_text(encoding="utf-8")

    # A site owner restyles one part: a template of the same name under overrides/catalogue/.
    overrides = project / "overrides" / OVERRIDES
    overrides.mkdir()
    (overrides / "sources.html").write_text(
        '{% macro sources(page) %}\n'
        '  <ul class="my-sources">{% for source in page.sources %}<li>{{ source.link.text }}</li>{% endfor %}</ul>\n'
        '{% endmacro %}\n', encoding="utf-8")
    second = build_site(project, tmp_path / "second")  # the same cache folder: its key must see the override
    page = (second / PAGE).read_text(encoding="utf-8")
    assert '<ul class="my-sources"><li>Example practice page</li></ul>' in page
    assert 'class="lac-sources"' not in page
    assert 'class="lac-kind"' in page  # the other parts are the catalogue's own

    # An edit to one of the catalogue's own templates shows in the next build too.
    (overrides / "sources.html").unlink()
    footer = project / "hooks" / "catalogue_core" / "templates" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace("{{ t.record_page.permanent_link }}", "Address of this page"), encoding="utf-8")
    # (in a process of its own, which loads the project's copy of the hooks)
    subprocess.run([sys.executable, "-c", "from mkdocs.commands.build import build; from mkdocs.config import "
                    "load_config; build(load_config('mkdocs.yml', site_dir='third', strict=True))"],
                   cwd=project, env={**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"},
                   check=True, capture_output=True, timeout=600)
    third = (project / "third" / PAGE).read_text(encoding="utf-8")
    assert "Address of this page <a class=\"lac-permalink\"" in third and 'class="lac-sources"' in third


def test_a_source_shows_its_quote_folded_and_the_original_it_copies(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    record = project.records_dir / "practices" / "example-practice.yml"
    text = record.read_text(encoding="utf-8")
    assert "    url: https://example.org/practice\n" in text
    record.write_text(text.replace("    url: https://example.org/practice\n",
                                   "    url: https://example.org/practice\n"
                                   "    quote: 'Die Praxis verbindet Risiko & Bedarf \"richtig\".'\n"
                                   "    mirror_of: Example Association, Practice report, 2020\n", 1), encoding="utf-8")
    catalogue, problems = load_catalogue(project)
    assert catalogue is not None, problems
    page = plan_site(catalogue, Linker()).pages["practices/example-practice.md"].markdown
    sources = page[page.index('<ol class="lac-sources">'):]
    sources = sources[:sources.index("</ol>")]
    assert ('<details class="lac-quote"><summary>What the source says</summary>'
            "<blockquote>Die Praxis verbindet Risiko &amp; Bedarf &#34;richtig&#34;.</blockquote></details>") in sources
    assert '<p class="lac-mirror-of">Copy of: <span>Example Association, Practice report, 2020</span></p>' in sources
    assert "lang=" not in sources  # the record does not say the quote's language


# Python may hold a few tag literals (the QR code's attributes, the policy's <meta>, patterns that find
# tags); everything a reader sees is written by templates/.
MAX_TAG_LITERALS = 10
_TAG = re.compile(r"(?<!\?P)<[a-z]")  # a regular expression's named group, (?P<name>, is no tag


def tag_literals(folder: Path) -> list[str]:
    """Every string literal in the Python under ``folder`` that holds an HTML tag, docstrings left out."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        previous = tokenize.NEWLINE
        with path.open("rb") as source:
            for token in tokenize.tokenize(source.readline):
                is_docstring = previous in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.NL,
                                            tokenize.ENCODING)
                if token.type == tokenize.STRING and not is_docstring and _TAG.search(token.string):
                    found.append(f"{path.relative_to(folder)}:{token.start[0]}: {token.string[:60]}")
                if token.type not in (tokenize.COMMENT, tokenize.NL):
                    previous = token.type
    return found


def test_python_writes_almost_no_markup() -> None:
    found = tag_literals(ROOT / "hooks")
    assert len(found) <= MAX_TAG_LITERALS, "\n".join(found)


def test_the_count_sees_a_tag_in_code() -> None:
    assert tag_literals(ROOT / "tests" / "examples" / "tag_literals") == [
        "markup.py:4: '<p>'", "markup.py:5: f'<a href=\"{href}\">'"]


@pytest.mark.parametrize("name", sorted(p.name for p in BUILT_IN.iterdir()))
def test_every_template_names_what_it_writes(name: str) -> None:
    assert (BUILT_IN / name).read_text(encoding="utf-8").startswith("{#"), f"{name}: start with a comment"
