"""Text is made safe once, when a file is read (load/strict_yaml.py): composed (NFC), and every
invisible character a located problem. So no file the build writes carries one. The per-field
reports are example cases (tests/examples/invalid/invisible-characters/)."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from site_scan import hidden_characters

from catalogue_core.load.strict_yaml import INVISIBLE, has_invisible, parse_document
from conftest import build_site, make_site_project

# Format characters that are drawn: Unicode's Prepended_Concatenation_Mark property (PropList.txt).
DRAWN_FORMAT_CHARACTERS = {*range(0x600, 0x606), 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD}
# Letters and marks that draw nothing: the Hangul fillers and the combining grapheme joiner.
BLANK_LETTERS = {0x115F, 0x1160, 0x3164, 0xFFA0, 0x34F}


def test_the_invisible_characters_are_unicodes_format_separator_and_control_characters() -> None:
    expected = {code for code in range(sys.maxunicode + 1)
                if (unicodedata.category(chr(code)) in ("Cf", "Zl", "Zp")
                    or unicodedata.category(chr(code)) == "Cc" and chr(code) not in "\t\n\r")
                and code not in DRAWN_FORMAT_CHARACTERS} | BLANK_LETTERS
    table = {code for code in range(sys.maxunicode + 1) if INVISIBLE.match(chr(code))}
    assert sorted(table - expected) == [] and sorted(expected - table) == [], (
        f"INVISIBLE is for Unicode {unicodedata.unidata_version}? Update it from unicodedata")
    # The fast test agrees, in ASCII text, in Latin text and in text beyond the BMP.
    for context in ("a{}b", "\u00e4{}b", "\U0001f600{}b"):
        assert {code for code in range(sys.maxunicode + 1) if has_invisible(context.format(chr(code)))} == table, context


def test_text_is_stored_composed_whichever_way_it_was_typed() -> None:
    decomposed = "title: Bewa\u0308hrungshilfe\nsources:\n  - title: \"Gefa\u0308hrdung\"\n"
    document, problems = parse_document(decomposed.encode("utf-8"), "practices/practices/x.yml")
    assert problems == [] and document is not None
    assert document.data == {"title": "Bewährungshilfe", "sources": [{"title": "Gefährdung"}]}
    assert all(unicodedata.is_normalized("NFC", value) for value in (document.data["title"],))


@pytest.mark.parametrize(("written", "column"), [
    ("title: Evil \u202eelif.exe\n", 13),
    ("title: |\n  one line\n  and a zero\u200bwidth space\n", 13),
    ("title: 'quoted \u2067isolate'\n", 16),
])
def test_an_invisible_character_is_reported_at_its_line_and_column(written: str, column: int) -> None:
    document, problems = parse_document(written.encode("utf-8"), "practices/practices/x.yml")
    line = next(n for n, text in enumerate(written.split("\n"), start=1) if INVISIBLE.search(text))
    assert [(p.line, p.field) for p in problems] == [(line, "title")]
    assert problems[0].message.startswith("remove the invisible character U+")
    assert f"at column {column}:" in problems[0].message


def test_an_invisible_character_in_the_search_synonyms_stops_the_build_at_its_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_site_project(tmp_path / "project")
    synonyms = project / "search" / "synonyms.yml"
    text = synonyms.read_text(encoding="utf-8")
    synonyms.write_text(text.replace("probation service", "probation\u200b service", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(synonyms.read_text(encoding="utf-8").split("\n"), start=1) if "\u200b" in row)
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    assert f"search/synonyms.yml:{line}: groups[0][1]: remove the invisible character U+200B (ZERO WIDTH SPACE)" in (
        caplog.text)
    assert not (tmp_path / "site" / "index.html").exists()


def _theme_files() -> dict[str, bytes]:
    """Material's own static files by their path in a site, which the build copies as they are."""
    import material

    assets = Path(material.__file__).parent / "templates"
    return {p.relative_to(assets).as_posix(): p.read_bytes() for p in assets.rglob("*") if p.is_file()}


def test_no_file_the_build_writes_carries_an_invisible_character(real_site_build: Path) -> None:
    theme = _theme_files()
    scanned, found = 0, []
    for path in sorted(real_site_build.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".xml", ".json", ".csv", ".js", ".txt", ".css"):
            continue
        site_path = path.relative_to(real_site_build).as_posix()
        theme_path = site_path.removeprefix("de/")  # the German site under de/ ships the theme's files too
        if theme.get(theme_path) == path.read_bytes():
            continue  # the theme's code as shipped (its lunr word splitters hold such characters on purpose)
        scanned += 1
        found += [f"{site_path}: {where}"
                  for where in hidden_characters(path.read_text(encoding="utf-8"), path.suffix, INVISIBLE)]
    assert scanned > 100
    assert found == []
