"""The scripts' words: interface_strings.yml, its loader, and the interface-strings.js each build writes.

Every key a script reads (``lacStrings.<group>.<key>`` in docs/assets/javascripts/) must be in the
file the build writes, in English and in German; the built file is the YAML's words, nothing else.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from catalogue_core.load.interface_strings import (
    InterfaceStringsError,
    check_interface_strings,
    strings,
)
from catalogue_core.problems import Problem
from catalogue_core.publish.interface_script import SCRIPT_GROUPS, SCRIPT_PATH, interface_script
from catalogue_core.schemas import Schemas
from conftest import ROOT

SCRIPTS = ROOT / "docs" / "assets" / "javascripts"
USE = re.compile(r"\blacStrings\.(\w+)\.(\w+)")
GENERATED_PREFIX = "window.lacStrings = "


def keys_used(text: str) -> set[tuple[str, str]]:
    """(group, key) of every ``lacStrings.group.key`` in a script's text."""
    return set(USE.findall(text))


def parse_script(text: str) -> dict[str, Any]:
    """The data of a generated interface-strings.js."""
    start = text.index(GENERATED_PREFIX) + len(GENERATED_PREFIX)
    data: dict[str, Any] = json.loads(text[start:].rstrip().removesuffix(";"))
    return data


def missing_keys(used: set[tuple[str, str]], data: dict[str, Any]) -> list[str]:
    return sorted(f"{group}.{key}" for group, key in used
                  if not isinstance(data.get(group), dict) or not data[group].get(key))


@pytest.fixture(scope="module")
def schemas() -> Schemas:
    return Schemas.load(ROOT / "schemas")


@pytest.fixture(scope="module")
def used() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for script in sorted(SCRIPTS.glob("*.js")):
        found |= keys_used(script.read_text(encoding="utf-8"))
    return found


def test_the_scan_finds_what_the_scripts_read(used: set[tuple[str, str]]) -> None:
    groups = {group for group, _ in used}
    assert {"index_page", "compare", "search", "planner", "accessibility", "addresses"} <= groups
    assert ("index_page", "count_shown") in used and ("compare", "chosen") in used


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_key_the_scripts_read_is_in_the_file(language: str, used: set[tuple[str, str]],
                                                   schemas: Schemas) -> None:
    data = parse_script(interface_script(language, schemas))
    assert missing_keys(used, data) == []
    assert data["lang"] == language


def test_a_key_missing_from_the_yaml_is_found(schemas: Schemas) -> None:
    data = parse_script(interface_script("de", schemas))
    used = keys_used('say(lacStrings.index_page.count_shown, {}); lacStrings.compare.no_such_words')
    assert missing_keys(used, data) == ["compare.no_such_words"]


def test_the_german_file_is_german(schemas: Schemas) -> None:
    data = parse_script(interface_script("de", schemas))
    assert data["index_page"]["filters_active"] == "Filter ({n} aktiv)"
    assert data["kinds"]["practice"] == {"one": "Praxisbeispiel", "other": "Praxisbeispiele"}
    english = parse_script(interface_script("en", schemas))
    assert english["kinds"]["practice"] == {"one": "practice", "other": "practices"}
    # Each kind's German names come from its schema, so every kind has them.
    assert set(data["kinds"]) == set(schemas.kinds)


def test_the_file_is_the_same_bytes_each_time(schemas: Schemas) -> None:
    assert interface_script("de", schemas) == interface_script("de", schemas)


def test_the_built_english_file_is_the_yaml(real_site_build: Path, schemas: Schemas) -> None:
    built = (real_site_build / SCRIPT_PATH).read_text(encoding="utf-8")
    data = parse_script(built)
    english = strings("en")
    assert {group: data[group] for group in SCRIPT_GROUPS} == {group: english[group] for group in SCRIPT_GROUPS}
    assert built == interface_script("en", schemas)
    # Listed first, so every other script finds its words already there.
    page = (real_site_build / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="(assets/javascripts/[\w-]+\.js)"', page)
    assert scripts[0] == SCRIPT_PATH, scripts


def test_the_project_file_has_no_problem() -> None:
    assert check_interface_strings() == []


def test_each_problem_of_the_strings_file_is_located(tmp_path: Path) -> None:
    path = tmp_path / "interface_strings.yml"
    path.write_text(
        "search:\n"
        '  ok: {en: "Search", de: "Suchen"}\n'
        '  no_german: {en: "Clear"}\n'
        '  counts: {en: "{n} pages", de: "{total} Seiten"}\n'
        "  loose: Search\n"
        "months:\n"
        "  names: {en: [January, February], de: [Januar]}\n",
        encoding="utf-8")
    shown = "interface_strings.yml"
    assert check_interface_strings(path, shown) == [
        Problem(shown, 3, "search.no_german", "the words have no de: add them beside the others."),
        Problem(shown, 4, "search.counts", "the languages use different {placeholders} (en: {n}; de: {total})."),
        Problem(shown, 5, "search.loose", "write the words as {en: ..., de: ...}."),
        Problem(shown, 7, "months.names", "the lists differ in length between the languages."),
    ]
    with pytest.raises(InterfaceStringsError, match=r":3: search\.no_german: the words have no de"):
        strings("de", path)


def test_a_language_the_file_does_not_have_is_a_located_problem() -> None:
    with pytest.raises(InterfaceStringsError, match=r"interface_strings\.yml:1: \(file\): there are no words in "
                                                     r"the language 'fr'"):
        strings("fr")


def test_scripts_read_each_word_by_its_full_name() -> None:
    """A script that kept ``lacStrings.compare`` in a variable would read keys the scan cannot see;
    only the language and the kinds' names (looked up by a page's kind) are read one level down."""
    shallow = set()
    for script in sorted(SCRIPTS.glob("*.js")):
        for name in re.findall(r"\blacStrings\.(\w+)\b(?!\.)", script.read_text(encoding="utf-8")):
            shallow.add(name)
    assert shallow <= {"lang", "kinds"}
