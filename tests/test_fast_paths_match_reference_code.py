"""The fast paths that `make bench` asked for give exactly what the slow, obvious code gives.

The quick schema check never calls a record valid that jsonschema would fault; the abbreviation
pattern marks up the same words as Python-Markdown's own ``abbr``; the inline-script scan finds
the same scripts as html.parser; relative links are the ones ``posixpath.relpath`` gives; front
matter reads back, in MkDocs, as what a YAML dumper would have written.
"""

from __future__ import annotations

import copy
import posixpath
import random
from html.parser import HTMLParser
from typing import Any

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from catalogue_core.check.validate import Validators
from catalogue_core.load.strict_yaml import StrictLoader, load_document
from catalogue_core.publish.csp import inline_scripts
from catalogue_core.render.markup import GlossaryAbbrExtension
from catalogue_core.render.pages import front_matter
from catalogue_core.schemas import Schemas
from catalogue_core.urls import relative_path
from conftest import EXAMPLES, ROOT

SCHEMAS = Schemas.load(ROOT / "schemas")
VALIDATORS = Validators(SCHEMAS)


def _example_records() -> list[tuple[str, Any]]:
    found = []
    for path in sorted(EXAMPLES.rglob("*.yml")):
        kind = SCHEMAS.kind_by_plural.get(path.parent.name)
        if kind is None or path.is_symlink():
            continue
        document, _ = load_document(path, path.name)
        if document is not None:
            found.append((kind, document.data))
    return found


def _jsonschema_valid(kind: str, data: Any) -> bool:
    return not any(True for _ in VALIDATORS.full(kind).iter_errors(data))


def _mutations(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Small ways to break a valid record, one at a time."""
    out = []
    for key, value in data.items():
        for replacement in (None, True, 1, 1.0, "", [], {}, "x" * 500, ["a", "a"], [1], "NOT-AN-ENUM", "2021-02-30"):
            if replacement != value:
                changed = copy.deepcopy(data)
                changed[key] = replacement
                out.append(changed)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            changed = copy.deepcopy(data)
            changed[key][0]["unexpected"] = "x"
            out.append(changed)
    for key in list(data):
        changed = copy.deepcopy(data)
        del changed[key]
        out.append(changed)
    extra = copy.deepcopy(data)
    extra["no_such_field"] = "x"
    out.append(extra)
    return out


def test_every_kind_has_a_quick_check() -> None:
    assert all(check is not None for check in VALIDATORS.quick.values())


@pytest.mark.parametrize("kind,data", _example_records())
def test_the_quick_check_agrees_with_jsonschema(kind: str, data: Any) -> None:
    quick = VALIDATORS.quick[kind]
    assert quick is not None
    for candidate in [data] + (_mutations(data) if isinstance(data, dict) else []):
        if quick(candidate):  # "certainly valid" must be true; "unsure" may be said of a valid record
            assert _jsonschema_valid(kind, candidate), candidate
    if _jsonschema_valid(kind, data):
        assert quick(data), "a valid example record should take the quick path"


GLOSSARY = {"RA-1": "a", "RA-12": "b", "RA": "c", "ERG22+": "d", "VERA-2R": "e", "A B": "f", "A BC": "g",
            "C++": "h", "(x)": "i"}
WORDS = [*GLOSSARY, "RA-123", "RA-", "ERG22", "VERA", "text", "A", "B", "BC", "and", "-", "+", "RA1", "*em*",
         "**RA**", "`RA-1`", "[RA](https://example.org)"]


def test_glossary_abbreviations_render_like_the_abbr_extension() -> None:
    rng = random.Random(7)
    for _ in range(500):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))
        if rng.random() < 0.2:
            text += "\n\n*[XY]: defined in the text\n\nXY and RA"
        stock = markdown.markdown(text, extensions=["abbr"], extension_configs={"abbr": {"glossary": GLOSSARY}})
        ours = markdown.markdown(text, extensions=[GlossaryAbbrExtension(glossary=GLOSSARY)])
        assert ours == stock, text


@pytest.mark.parametrize("page,scripts", [
    ("<script>a</script>", ["a"]),
    ('<SCRIPT type="module">b</SCRIPT >', ["b"]),
    ('<a title="<script>x</script>">t</a>', []),
    ("<!-- <script>c</script> -->", []),
    ('<script src="x.js"></script>', []),
    ('<script type="application/json">{}</script>', []),
    ("<style>.a{content:'<script>'}</style><script>d</script>", ["d"]),
    ("<script type='text/javascript' >e<!-- </script>", ["e<!-- "]),
    ('<div data-x=">"><script>g &amp; h</script></div>', ["g &amp; h"]),
    ("<scripts>h</scripts><script async>i</script><script type=module>j</script>", ["i", "j"]),
])
def test_inline_scripts_are_found_as_a_browser_finds_them(page: str, scripts: list[str]) -> None:
    assert inline_scripts(page) == scripts


class _ReferenceScripts(HTMLParser):
    """Inline scripts a browser runs, by html.parser: those of the frame and those in <article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.frame: list[str] = []
        self.content: list[str] = []
        self._articles = 0
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "article":
            self._articles += 1
        runs = values.get("type", "").strip().lower() in ("", "text/javascript", "application/javascript", "module")
        if tag == "script" and "src" not in values and runs:
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._articles = max(0, self._articles - 1)
        if tag == "script" and self._text is not None:
            (self.content if self._articles else self.frame).append("".join(self._text))
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


_FRAGMENTS = [
    "<script>{n}()</script>", '<SCRIPT type="module">{n}()</SCRIPT >', "<script async defer>{n}('<b>')</script>",
    "<script type='text/javascript'>if (a < b && c > d) {n}()</script>", '<script src="{n}.js"></script>',
    '<script type="application/json">{{"x": "</div>", "n": "{n}"}}</script>', "<style>.a{{content:'<script>'}}</style>",
    "<!-- <script>{n}()</script> -->", '<a title="<script>{n}()</script>" href=\'x>y\'>link</a>',
    '<article class="md-content__inner">', "</article>", "<ARTICLE>", "</Article >", "<articles>", '<div data-x=">">',
    "</div>", "text < more > text", "<scripts>{n}</scripts>", "<br/>", "a &amp; b", "</script>", "<p>", "\n",
]


def test_the_inline_script_scan_agrees_with_html_parser_on_random_pages() -> None:
    rng = random.Random(11)
    for _ in range(2000):
        page = "".join(rng.choice(_FRAGMENTS).format(n=f"s{i}") for i in range(rng.randint(1, 30)))
        reference = _ReferenceScripts()
        reference.feed(page)
        reference.close()
        assert inline_scripts(page) == reference.frame, page
        assert inline_scripts(page, in_content=True) == reference.content, page


def test_relative_paths_are_the_ones_posixpath_gives() -> None:
    rng = random.Random(3)
    parts = [".", "a", "b", "tools", "vera-2r", "index.html", "a.html"]

    def site_path() -> str:  # as Linker.url gives them: "", "tools/", "tools/vera-2r/", "tools/a.html"
        path = "/".join(rng.choice(parts) for _ in range(rng.randint(0, 4)))
        return path + "/" if path and rng.random() < 0.5 else path

    for _ in range(3000):
        path, start = site_path(), site_path()
        assert relative_path(path, start) == posixpath.relpath(path or ".", start or "."), (path, start)


# Characters that YAML quoting gets wrong most easily: quotes, escapes, YAML indicators, every
# control character, the line breaks YAML folds, what libyaml refuses unescaped, non-ASCII of each width.
_NASTY = (['"', "'", "\\", "#", ": ", "- ", "&a", "*a", "!t", "|", ">", "%", "@", "`", "{", "}", "[", "]", ",",
           " ", "  ", "A", "é", "Ł", "中", "😀", "&amp;", "&quot;", "\u00a0", "\u2028", "\u2029", "\ufeff",
           "\ufffe", "\uffff", "\x85", "\x7f", "\x80", "\x9f", "---", "...", "~", "null", "yes", "NO", "1:30",
           "0x1F", "1e3"] + [chr(c) for c in range(32)])


def test_front_matter_reads_back_in_mkdocs_as_written() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        def text() -> str:
            return "".join(rng.choice(_NASTY) for _ in range(rng.randint(0, 8)))
        meta: dict[str, str | list[str]] = {"title": text(), "description": text()}
        if rng.random() < 0.5:
            meta["tags"] = [text() for _ in range(rng.randint(0, 3))]
        body, read = get_data(front_matter(meta) + "# Body\n")
        assert (read, body) == (meta, "# Body\n"), meta


def test_the_strict_loader_builds_the_same_data_as_its_yaml_constructor() -> None:
    """``load_document`` builds the data in its checking walk; PyYAML's constructor is the reference."""
    paths = sorted((EXAMPLES / "valid").rglob("*.yml")) + sorted((ROOT / "practices").rglob("*.yml"))
    for path in paths:
        document, problems = load_document(path, path.name)
        assert document is not None and problems == [], path
        assert document.data == yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader), path


def _all_text(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for v in value for t in _all_text(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _all_text(v)]
    return []


@pytest.mark.parametrize("text,expected", [
    ("Plain text with VERA-2R.", '<p>Plain text with <abbr title="Violent Extremism Risk Assessment">VERA-2R</abbr>.</p>'),
    ("1. **Aims.** First\n   line\n2. Second", "<ol>\n<li><strong>Aims.</strong> First\nline</li>\n<li>Second</li>\n</ol>"),
    ("Code `VERA-2R` stays code.", "<p>Code <code>VERA-2R</code> stays code.</p>"),
    ("[VERA-2R site](https://example.org/a_b)",
     '<p><a href="https://example.org/a_b" rel="noopener noreferrer"><abbr title="Violent Extremism Risk Assessment">'
     "VERA-2R</abbr> site</a></p>"),
    ("Before <b onclick=x>x</b> and [x](javascript:alert(1))", '<p>Before x and <a rel="noopener noreferrer">x</a></p>'),
    ("<script>alert(1)</script>", ""),
    ("x < y & z", "<p>x &lt; y &amp; z</p>"),
])
def test_record_text_is_commonmark_with_abbreviations_and_nothing_unsafe(text: str, expected: str) -> None:
    from catalogue_core.render.markup import TextRenderer

    renderer = TextRenderer({"VERA-2R": "Violent Extremism Risk Assessment"})
    assert renderer.block(text) == expected


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref" and isinstance(v, str)] + \
            [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def test_every_ref_is_looked_up_as_the_json_schema_library_resolves_it() -> None:
    schemas = Schemas.load(ROOT / "schemas")
    pairs = sorted({(ref, name) for name, document in schemas.documents.items() for ref in _refs(document)})
    assert len(pairs) > 50
    for ref, base in pairs:
        expected = schemas.registry.resolver(base_uri=base).lookup(ref).contents
        target, document = schemas.lookup(ref, base)
        assert target is expected, (ref, base)
        assert document == (ref.partition("#")[0] or base)


def test_a_document_with_an_id_inside_is_left_to_the_library() -> None:
    documents = {name: copy.deepcopy(doc) for name, doc in SCHEMAS.documents.items()}
    documents["common.json"]["$defs"]["inner"] = {"$id": "inner.json", "type": "string"}
    schemas = Schemas(ROOT / "schemas", documents)
    assert not schemas._one_id("common.json")
    assert schemas._one_id("practice.json")
