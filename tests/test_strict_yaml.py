"""The strict loader on small inputs: what YAML 1.1 would silently change stays as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue_core.load.strict_yaml import MAX_FILE_BYTES, load_document


def load(tmp_path: Path, text: str | bytes) -> tuple[object, list[str]]:
    path = tmp_path / "record.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    document, problems = load_document(path, "practices/terms/record.yml")
    return (document.data if document else None), [str(p) for p in problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("country: NO", {"country": "NO"}),  # Norway stays Norway
        ("a: yes\nb: off\nc: On\nd: n", {"a": "yes", "b": "off", "c": "On", "d": "n"}),
        ("a: true\nb: False", {"a": True, "b": False}),
        ("version: 1.10", {"version": 1.1}),
        ("zip: 01234", {"zip": "01234"}),  # not octal
        ("duration: 1:30", {"duration": "1:30"}),  # not sexagesimal
        ("year: 2015\nneg: -3", {"year": 2015, "neg": -3}),
        ("reviewed: 2026-10-01", {"reviewed": "2026-10-01"}),  # dates stay text; the schema checks them
        ("reviewed: 2026-13-01", {"reviewed": "2026-13-01"}),  # no ValueError from the loader
        ("a: ~\nb: null\nc:", {"a": None, "b": None, "c": None}),
        ("merge: <<", {"merge": "<<"}),
        ("title: Café – Bewährungshilfe", {"title": "Café – Bewährungshilfe"}),
    ],
)
def test_scalars_keep_their_written_meaning(tmp_path: Path, text: str, expected: dict[str, object]) -> None:
    data, problems = load(tmp_path, text)
    assert problems == []
    assert data == expected


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    data, problems = load(tmp_path, b"\xef\xbb\xbftitle: With BOM\n")
    assert (data, problems) == ({"title": "With BOM"}, [])


def test_lines_of_nested_fields_are_recorded(tmp_path: Path) -> None:
    path = tmp_path / "record.yml"
    path.write_text("title: T\nsources:\n  - title: S\n    url: https://example.org\n", encoding="utf-8")
    document, _ = load_document(path, "x.yml")
    assert document is not None
    assert document.line_of(("sources", 0, "url")) == 4
    assert document.line_of(("sources", 0, "missing")) == 3  # nearest known parent
    assert document.line_of(("nowhere",)) == 1


def test_a_file_over_the_size_bound_is_refused_before_parsing(tmp_path: Path) -> None:
    big = "title: Big\nsummary: " + "x" * (10 * 1024 * 1024) + "\n"  # 10 MB
    data, problems = load(tmp_path, big)
    assert data is None
    assert problems == [
        f"practices/terms/record.yml:1: (file): the file is {len(big):,} bytes; a record may be at most "
        f"{MAX_FILE_BYTES:,} bytes. Move long text to a hand-written page or split the record."
    ]


def test_a_nul_byte_is_refused(tmp_path: Path) -> None:
    data, problems = load(tmp_path, b"title: A\nsummary: B\x00C\n")
    assert data is None
    assert problems == ["practices/terms/record.yml:2: (file): the file contains a NUL character; it is not a text file."]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\n  b: 2\n", "practices/terms/record.yml:2: (file): this is not valid YAML: mapping values are not "
                          "allowed in this context. Check the indentation and quoting on this line and the one before."),
        ("title: 'unclosed\n", "practices/terms/record.yml:2: (file): this is not valid YAML: while scanning a quoted "
                               "scalar, found unexpected end of stream. Check the indentation and quoting on this "
                               "line and the one before."),
        ("{a: 1, a: 2}", "practices/terms/record.yml:1: a: this field is given twice (first on line 1); keep one and "
                         "delete the other."),
        ("? [a, b]\n: c\n", "practices/terms/record.yml:1: (file): field names must be plain words, like 'title'."),
        ("1: one\n", "practices/terms/record.yml:1: (file): field names must be plain words, like 'title'."),
    ],
)
def test_broken_yaml_is_a_located_problem(tmp_path: Path, text: str, message: str) -> None:
    _, problems = load(tmp_path, text)
    assert problems == [message]
