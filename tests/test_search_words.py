"""Search's word rules and index files (hooks/catalogue_core/publish/search/words.py, index_files.py).

The browser's copy of the rules (docs/assets/javascripts/search-engine.js) is checked against the
same cases by Node's test runner, which the last test here runs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from catalogue_core.publish.search.index_files import (
    SPLIT_BYTES,
    SearchPage,
    build_index,
    compound_tail,
    page_text,
    shard_file,
)
from catalogue_core.publish.search.pages import load_synonyms
from catalogue_core.publish.search.words import name_key, rules, terms
from conftest import ROOT

CASES = json.loads((ROOT / "tests" / "search_words_cases.json").read_text(encoding="utf-8"))


def _by_language(section: str) -> list[tuple[str, Any]]:
    return [(lang, case) for lang, cases in CASES[section].items() for case in cases]


def test_the_cases_carry_the_current_rules() -> None:
    """The browser's tests read the rules from the cases file; it must not fall behind."""
    assert CASES["rules"] == json.loads(json.dumps(rules()))


@pytest.mark.parametrize(("lang", "pair"), _by_language("same_terms"))
def test_word_forms_and_spellings_meet(lang: str, pair: list[str]) -> None:
    assert terms(pair[0], lang) == terms(pair[1], lang)


@pytest.mark.parametrize(("lang", "case"), [(lang, item) for lang, cases in CASES["terms"].items()
                                            for item in cases.items()])
def test_terms(lang: str, case: tuple[str, list[str]]) -> None:
    assert terms(case[0], lang) == case[1]


@pytest.mark.parametrize(("text", "expected"), CASES["name_keys"].items())
def test_name_keys_ignore_punctuation_and_spaces(text: str, expected: str) -> None:
    assert name_key(text) == expected


@pytest.mark.parametrize(("lang", "pair"), _by_language("different_terms"))
def test_different_words_stay_apart(lang: str, pair: list[str]) -> None:
    assert terms(pair[0], lang) != terms(pair[1], lang)


def test_snowball_does_not_cut_english_words_to_german_ones() -> None:
    """Snowball's English stemmer keeps "under", "counter", "offer" whole and meets "steering" with
    "steer"; the spelling rules run first, so "center" meets "centre"."""
    assert terms("under counter offer steering center") == ["under", "counter", "offer", "steer", "center"]
    assert terms("centre radicalization") == terms("center radicalisation")


def test_the_browser_stemmers_are_the_vendored_package() -> None:
    """docs/assets/javascripts/snowball-stemmers.js is what scripts/vendor_snowball.py cuts from the
    pinned npm package (English and German), and is small enough to load when searching."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("vendor_snowball", ROOT / "scripts" / "vendor_snowball.py")
    assert spec is not None and spec.loader is not None
    vendor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vendor)
    package = ROOT / "node_modules" / "snowball-stemmers"
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    written = vendor.vendored((package / "snowball-stemmers.js").read_text(encoding="utf-8"), version)
    assert written == vendor.OUTPUT.read_text(encoding="utf-8")
    assert len(written.encode()) < 60_000 and "eval(" not in written and "Function(" not in written


def test_german_parts_of_a_page_are_stemmed_in_german() -> None:
    text = page_text('<p>Works in prison.</p><div lang="de"><p>Die Haftentlassungen</p></div><p>after</p>')
    assert text.text == "Works in prison. · Die Haftentlassungen · after"
    assert text.german == "Die Haftentlassungen"
    files = build_index([_page("a/", "A", '<p>offer</p><div lang="de"><p>Haftentlassungen</p></div>')], [], [])
    assert '"g":{"haftentlass":["haftentlassungen",[0,1]]' in files["s/ha.js"]
    assert '"offer":["offer",[0,1]]' in files["s/of.js"] and '"off"' not in files["s/of.js"]


def test_page_text_keeps_the_text_and_leaves_out_boilerplate() -> None:
    html = (
        '<h1 id="x">Title</h1><p class="lac-kind">Practice</p>'
        '<p>Works with <abbr title="t">NGO</abbr>s &amp; courts.</p>'
        '<dl class="lac-facts"><dt>Organisations</dt><dd>NEUSTART</dd>'
        '<dt>Countries</dt><dd>Austria <abbr>AT</abbr></dd></dl>'
        '<h2 id="how">How it works</h2><p>Case conferences.</p>'
        '<h2 id="sources" data-search-exclude>Sources</h2><ol class="lac-sources"><li>Paper</li></ol>'
        '<p>still sources</p>'
        '<h2 id="more">More</h2><ul class="lac-index"><li><ul><li>nested</li></ul></li></ul><p>after</p>'
        '<p class="lac-meta" data-search-exclude>Last reviewed</p><div class="footnote"><p>cite</p></div>'
    )
    text = page_text(html)
    headings = text.headings
    assert text.text == ("Works with NGOs & courts. · Organisations: NEUSTART · Countries: Austria AT · How it works · "
                    "Case conferences. · More · after")
    assert headings == "How it works More"


def _page(url: str, title: str, html: str, names: tuple[str, ...] = ()) -> SearchPage:
    return SearchPage(url=url, title=title, kind="Practice", html=html, names=names)


def test_the_index_is_the_same_for_the_same_pages_in_any_order() -> None:
    pages = [_page("a/", "Bewährungshilfe", "<p>Probation in Austria</p>"),
             _page("b/", "VERA-2R", "<p>risk</p>", ("VERA-2R",))]
    synonyms = [["probation", "Bewährungshilfe"]]
    first = build_index(pages, synonyms, ["Risk"])
    assert build_index(list(reversed(pages)), synonyms, ["Risk"]) == first
    assert sorted(first) == ["config.js", "d/0.js", "d/1.js",
                             "s/2r.js", "s/au.js", "s/be.js", "s/pr.js", "s/ri.js", "s/ve.js"]
    assert first["s/ve.js"] == ('lacSearch.loaded("s/ve.js",{"t":{"vera":["vera",[1,70]],"vera2r":["vera2r",[1,70]]},'
                                '"g":{"vera":["vera",[1,70]],"vera2r":["vera2r",[1,70]]},"n":{"vera2r":[1]}});\n')
    config = json.loads(first["config.js"][len('lacSearch.loaded("config.js",'):-3])
    assert config["synonyms"] == [[["probation"], ["bewahrungshilfe"]]]
    assert config["files"] == {}


def test_a_large_shard_is_split_by_three_letters() -> None:
    words = " ".join(f"pr{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676)}word"
                     for i in range(SPLIT_BYTES // 10))
    files = build_index([_page("a/", "A", f"<p>{words} pr</p>")], [], [])
    assert "s/pra.js" in files and "s/pr.js" in files
    assert '"pr":' in files["s/pr.js"] and "prbaaword" not in files["s/pr.js"]
    assert shard_file("ök") == "_f6k"
    files = build_index([_page("a/", "A", "<p>øre</p>")], [], [])
    config = json.loads(files["config.js"][len('lacSearch.loaded("config.js",'):-3])
    assert config["files"] == {"ør": "_f8r"} and "s/_f8r.js" in files


def test_synonyms_file_must_be_groups_of_phrases(tmp_path: Path) -> None:
    bad = tmp_path / "synonyms.yml"
    bad.write_text("# words\ngroups:\n  - probation\n", encoding="utf-8")
    groups, problems = load_synonyms(bad, "search/synonyms.yml")
    assert groups is None and [str(p) for p in problems] == [
        "search/synonyms.yml:2: groups: expected a list of groups, each a list of words or phrases, "
        "e.g. '- [probation, Bewährungshilfe]'."]
    bad.write_text("groups:\n  - [a]\ngroups: []\n", encoding="utf-8")  # strict YAML: located, never last-wins
    assert "search/synonyms.yml:3" in str(load_synonyms(bad, "search/synonyms.yml")[1][0])
    groups, problems = load_synonyms(ROOT / "search" / "synonyms.yml", "search/synonyms.yml")
    assert problems == [] and groups is not None and groups[0][0] == "probation"


def test_the_browser_applies_the_same_rules() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed; the browser's search code cannot be tested")
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_site_and_the_offline_copy_share_one_search_declaration() -> None:
    from mkdocs.config import load_config

    site = load_config(str(ROOT / "mkdocs.yml"))
    offline = load_config(str(ROOT / "mkdocs-offline.yml"))
    assert offline.extra["search"] == site.extra["search"]
    offline_plugins = (ROOT / "mkdocs-offline.yml").read_text(encoding="utf-8").split("plugins:")[1].split("extra:")[0]
    assert "search" not in offline_plugins
    assert not any(name.endswith("/search") or name == "search" for name in [*site.plugins, *offline.plugins])


@pytest.mark.parametrize(("term", "tail"), [
    ("jugendarbeit", "arbeit"), ("sozialarbeit", "arbeit"), ("risikobewertung", "bewertung"),
    ("arbeit", ""), ("assessment", ""), ("vera2rabcd", ""),
])
def test_compounds_end_in_a_word_of_the_catalogue(term: str, tail: str) -> None:
    assert compound_tail(term, {"arbeit", "bewertung", "stand", "abcd"}) == tail


def test_a_compound_finds_its_page_by_its_last_word() -> None:
    files = build_index([_page("a/", "Offene Jugendarbeit", "<p>x</p>"), _page("b/", "Arbeit", "<p>y</p>")], [], [])
    assert '"arbeit":["arbeit",[0,20,1,40]]' in files["s/ar.js"]
