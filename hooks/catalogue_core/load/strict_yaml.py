"""Read one record file as strict YAML: one mapping, plain data, nothing implicit or clever.

PyYAML's safe loader is permissive in ways that corrupt records silently: duplicate keys are
last-wins, ``NO`` becomes ``False`` (Norway), ``01234`` is octal, ``1:30`` is 90, and aliases share
objects. This module keeps libyaml's speed (CSafeLoader, ~12x the pure-Python loader) and
rejects or neutralises each of those, returning problems with line numbers instead of raising.

Text is made safe here, once, for every output (pages, lists on other pages, feeds, CSV, JSON,
search, hand-outs): every string is put in Unicode's composed form (NFC: the same text, the same
bytes, whichever way an editor typed "ü"), and a character a reader cannot see that changes what
the text shows (``INVISIBLE``) is a located problem, never silently dropped.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem, field_path

try:  # libyaml is optional in PyYAML; the pure loader gives the same results, only slower
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12  # records nest three levels at most; anything deeper is a mistake or an attack

# YAML 1.2 core-schema style scalars. Dates are deliberately absent: they stay strings and the
# schema checks them, so an impossible date like 2026-13-01 is a located problem, not a ValueError.
_RESOLVERS: list[tuple[str, str, list[str]]] = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),  # "" is an empty value
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+0123456789."),
    ),
]

_DEFAULT_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}

# Characters a reader cannot see that change what the text around them shows, or hide text: every
# format character (Unicode category Cf: bidirectional embeddings, overrides, isolates and marks,
# which can show "evil" as "live"; zero-width spaces and joiners; word joiners and invisible
# operators; a byte order mark inside text; tag characters, which can carry hidden ASCII), except
# the prepended concatenation marks (U+0600-U+0605, U+06DD, U+070F, U+0890-U+0891, U+08E2,
# U+110BD, U+110CD), which are drawn; line and paragraph separators (Zl, Zp), which YAML and
# JavaScript treat as line breaks; control characters other than tab and line breaks (Cc, as a
# YAML escape can write them); and the blank fillers of Hangul and the combining grapheme joiner,
# letters and marks that draw nothing. The soft hyphen (U+00AD) is among them too: it shows only
# where a line breaks, but splits a word for search, CSV and JSON readers, who see "Ausstiegs-
# programm" as two words; breaking long words is the stylesheet's job (CSS hyphens, overflow-wrap).
# Unicode 14 (Python 3.11's unicodedata); tests/test_safe_text.py compares it with unicodedata.
_INVISIBLE_IN_BMP = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f"
                     "\u2028-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb")
_INVISIBLE_BEYOND_BMP = ("\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
                         "\U000e0020-\U000e007f")
INVISIBLE = re.compile(f"[{_INVISIBLE_IN_BMP}{_INVISIBLE_BEYOND_BMP}]")
# The same, faster: re compiles a class of BMP characters only to a lookup table, where the full
# class is a list of ranges tried one by one (a third of the time on a German paragraph, by timeit);
# the rare text beyond the BMP is searched with the full class.
_INVISIBLE_BMP_ONLY = re.compile(f"[{_INVISIBLE_IN_BMP}]")
_ASCII_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_invisible(text: str) -> bool:
    """Whether ``text`` holds an ``INVISIBLE`` character."""
    if text.isascii():
        return not text.isprintable() and _ASCII_INVISIBLE.search(text) is not None
    if _INVISIBLE_BMP_ONLY.search(text) is not None:
        return True
    # Only text beyond the BMP takes more than two bytes a character in UTF-16: a quick way to ask.
    return len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text) and INVISIBLE.search(text) is not None

# A cheap pre-check; only files that match pay for a second, exact pass over the event stream.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s,\[\]{}]")


class StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """CSafeLoader with YAML 1.2-style implicit types and no timestamp, merge or value tags."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}


for _tag, _pattern, _first in _RESOLVERS:
    StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


Path_ = tuple[str | int, ...]

# First characters that some implicit resolver looks at; every other plain scalar is a string.
_RESOLVED_FIRST = frozenset(key for key in StrictLoader.yaml_implicit_resolvers if key)


@dataclass
class Document:
    """A parsed record file: its data, the line on which each field path starts, and the SHA-256 of
    the file's bytes, which stands for the data wherever work done once is kept (cache.py)."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    digest: bytes = b""
    # The file has no '<', '](', ']:' or backslash (which could escape one): none of its text can hold
    # HTML or a link, and check_text need not look (validate.py).
    no_markup: bool = False

    def line_of(self, path: Path_) -> int:
        """The line of the nearest enclosing field we know, or 1."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def load_document(path: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Parse ``path`` strictly. Returns the document, or None and the problems that stop it."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [
            Problem(shown_as, 1, "(file)", f"the file is {size:,} bytes; a record may be at most "
                    f"{MAX_FILE_BYTES:,} bytes. Move long text to a hand-written page or split the record.")
        ]
    return parse_document(path.read_bytes(), shown_as)


def parse_document(raw: bytes, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Parse a record file's bytes strictly, as ``load_document`` does once it has read them."""

    def problem(line: int, message: str, where: str = "(file)") -> Problem:
        return Problem(shown_as, line, where, message)

    digest = hashlib.sha256(raw).digest()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        return None, [problem(line, f"the file is not valid UTF-8 (byte 0x{raw[err.start]:02x}). "
                              "Save it as UTF-8 in your editor.")]
    if "\0" in text:
        return None, [problem(text.count("\n", 0, text.index("\0")) + 1,
                              "the file contains a NUL character; it is not a text file.")]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, [problem(1, "the file is empty; a record needs at least its required fields.")]

    loader = StrictLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as err:
            return None, [_yaml_error_problem(err, shown_as, text)]
        except yaml.YAMLError as err:  # unmarked errors are rare (reader errors)
            return None, [problem(1, f"this is not valid YAML: {err}")]
        if node is None:
            return None, [problem(1, "the file is empty; a record needs at least its required fields.")]
        doc = Document(data=None, digest=digest,
                       no_markup=not ("<" in text or "](" in text or "]:" in text or "\\" in text))
        # An alias needs an anchor, and an anchor needs an '&': without one there is no alias to find.
        fatal, problems, data = _check_nodes(node, loader, doc.lines, shown_as, text, find_aliases="&" in text)
        if "&" in text and _MAYBE_ANCHOR.search(text):
            anchors = _anchor_problems(text, shown_as)
            fatal += anchors
        if fatal:
            return None, fatal + problems
        if not isinstance(node, yaml.MappingNode):
            return None, [problem(node.start_mark.line + 1,
                                  "a record must be a mapping of field names to values, "
                                  "like 'title: Something'.")]
        if data is _UNBUILT:  # rare: a duplicate key or a value the walk could not build
            try:
                data = loader.construct_document(node)
            except (yaml.YAMLError, ValueError, OverflowError) as err:
                return None, problems + [problem(1, f"a value could not be read: {err}")]
        doc.data = data
        # Duplicate or odd keys still give a document (last value wins in it), so the editor also
        # sees the record's other problems; the problems themselves keep any site from being built.
        return doc, problems
    finally:
        loader.dispose()


def _yaml_error_problem(err: yaml.MarkedYAMLError, shown_as: str, text: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    what = err.problem or ""
    context = err.context or ""
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    indent = source_line[: len(source_line) - len(source_line.lstrip())]
    if "\t" in indent or "\t" in what:  # libyaml does not name the tab, the line shows it
        message = "a tab character is used for indentation; YAML needs spaces. Replace the tab with spaces."
    elif "expected a single document" in context or "expected a single document" in what:
        message = "the file holds more than one YAML document ('---'); a record file holds exactly one."
    elif "could not determine a constructor for the tag" in what or "tag" in what and "!" in what:
        message = f"YAML tags such as '{_tag_in(what)}' are not allowed; write the plain value."
    elif "nesting depth" in what:
        message = "the file nests too deeply to be a record."
    else:
        message = f"this is not valid YAML: {what or context}".strip()
        if context and what:
            message = f"this is not valid YAML: {context}, {what}"
        message += ". Check the indentation and quoting on this line and the one before."
    return Problem(shown_as, line, "(file)", message)


def _tag_in(text: str) -> str:
    found = re.search(r"'(![^']*)'", text)
    return found.group(1) if found else "!tag"


_UNBUILT: Any = object()  # the walk could not build the data; PyYAML's constructor does it instead
_STR = "tag:yaml.org,2002:str"


def _check_nodes(
    root: yaml.Node, loader: Any, lines: dict[Path_, int], shown_as: str, text: str, find_aliases: bool = True
) -> tuple[list[Problem], list[Problem], Any]:
    """Walk the node tree once: record lines, reject aliases, tags, duplicate and odd keys, build the
    data with every string made safe (``_safe_text``); ``text`` is the file's, for columns.

    Returns (fatal, other, data): aliases, tags and deep nesting make the data unsafe to construct
    or walk; duplicate and odd keys do not. Building the data in the same walk saves PyYAML's
    constructor a second pass over every node; ``data`` is ``_UNBUILT`` where a duplicate key or an
    unreadable value needs that constructor's exact behaviour (last value wins, its error message).
    """
    fatal: list[Problem] = []
    problems: list[Problem] = []
    aliases: list[Problem] = []
    seen: set[yaml.Node] = set()
    unbuilt = False

    def walk(node: yaml.Node, path: Path_, depth: int) -> Any:
        nonlocal unbuilt
        if find_aliases:
            if node in seen:  # nodes hash by identity; an alias is a node reached twice
                aliases.append(Problem(shown_as, node.start_mark.line + 1, field_path(path),
                                       "YAML aliases ('*name') are not allowed; write the value out in full."))
                return None
            seen.add(node)
        if depth <= MAX_DEPTH and _is_plain_str(node):
            # The common case, a string written as one: nothing to check unless it has non-ASCII
            # characters (every INVISIBLE one is, but for controls, which libyaml lets in only as
            # the escapes of a double-quoted string).
            value = node.value
            return value if value.isascii() and node.style != '"' else _safe_text(node, path)
        if depth > MAX_DEPTH:
            fatal.append(Problem(shown_as, node.start_mark.line + 1, field_path(path),
                                 f"values nest more than {MAX_DEPTH} levels deep; "
                                 "records are flat lists and mappings."))
            return None
        if _has_explicit_tag(node, loader):
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            fatal.append(Problem(shown_as, node.start_mark.line + 1, field_path(path),
                                 f"YAML tags such as '{tag}' are not allowed; write the plain value."))
            return None
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR:
                return node.value if node.value.isascii() and node.style != '"' else _safe_text(node, path)
            try:
                return loader.construct_object(node)
            except (yaml.YAMLError, ValueError, OverflowError):
                unbuilt = True
                return None
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                child_path = path + (index,)
                lines[child_path] = child.start_mark.line + 1
                items.append(walk(child, child_path, depth + 1))
            return items
        mapping: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not _is_plain_str(key_node) and (not isinstance(key_node, yaml.ScalarNode)
                                                or _has_explicit_tag(key_node, loader) or key_node.tag != _STR):
                fatal.append(Problem(shown_as, key_line, field_path(path),  # such keys cannot even be constructed
                                     "field names must be plain words, like 'title'."))
                continue
            key = key_node.value
            if key in first_line:
                problems.append(Problem(shown_as, key_line, field_path(path + (key,)),
                                        f"this field is given twice (first on line {first_line[key]}); "
                                        "keep one and delete the other."))
                unbuilt = True
                continue
            first_line[key] = key_line
            child_path = path + (key,)
            lines[child_path] = key_line
            mapping[key] = walk(value_node, child_path, depth + 1)
        return mapping

    def _safe_text(node: yaml.ScalarNode, path: Path_) -> str:
        """The string in NFC; each invisible character in it is a problem at its line and column."""
        value: str = node.value
        if has_invisible(value):
            hidden = [found.group() for found in INVISIBLE.finditer(value)]
            problems.append(_invisible_problem(node, path, hidden, text, shown_as))
        if value.isascii() or unicodedata.is_normalized("NFC", value):
            return value
        return unicodedata.normalize("NFC", value)

    lines[()] = root.start_mark.line + 1
    data = walk(root, (), 0)
    return fatal + _first_of(aliases, "aliases"), problems, _UNBUILT if unbuilt else data


def _invisible_problem(node: yaml.Node, path: Path_, hidden: list[str], text: str, shown_as: str) -> Problem:
    """One problem for a value's invisible characters, at the first one's line and column.

    The characters are looked for where the value is written; a character written as an escape
    (``"\\u202e"``) is not there as itself, so the problem names the value's first line instead."""
    first = hidden[0]
    start, end = node.start_mark.line, node.end_mark.line
    source_lines = text.split("\n")[start:end + 1]
    line, where = start + 1, "written as an escape in this value"
    for offset, source in enumerate(source_lines):
        column = source.find(first, node.start_mark.column if offset == 0 else 0)
        if column >= 0:
            line, where = start + offset + 1, f"at column {column + 1}"
            break
    name = unicodedata.name(first, "") or "a control character"
    more = len(hidden) - 1
    also = f"; {more} more such character{'s' if more > 1 else ''} follow{'s' if more == 1 else ''} in this value" if more else ""
    return Problem(shown_as, line, field_path(path),
                   f"remove the invisible character U+{ord(first):04X} ({name}) {where}: readers cannot see it, "
                   f"yet it changes how the text is shown, searched or copied{also}.")


def _first_of(problems: list[Problem], noun: str) -> list[Problem]:
    """One problem for a repeated mistake (a billion-laughs file has thousands), with the count."""
    if len(problems) <= 1:
        return problems
    first = problems[0]
    return [Problem(first.path, first.line, first.field, f"{first.message} ({len(problems)} {noun} in this file)")]


def _is_plain_str(node: yaml.Node) -> bool:
    """A shortcut for most nodes: a string scalar with no tag written, so nothing to check or convert."""
    return node.__class__ is yaml.ScalarNode and node.tag == _STR and bool(
        node.style or (node.value and node.value[0] not in _RESOLVED_FIRST))


def _has_explicit_tag(node: yaml.Node, loader: Any) -> bool:
    """True when the file wrote a tag (``!!str``, ``!foo``) instead of letting YAML infer it."""
    if isinstance(node, yaml.ScalarNode):
        if not node.style:  # plain scalar: libyaml says '', the pure loader None
            if node.tag == _STR and node.value and node.value[0] not in _RESOLVED_FIRST:
                return False  # no implicit resolver starts with this character, so it resolves to str
            return bool(node.tag != loader.resolve(yaml.ScalarNode, node.value, (True, False)))
        return bool(node.tag != _DEFAULT_TAGS[yaml.ScalarNode])
    return bool(node.tag != _DEFAULT_TAGS[type(node)])


def _anchor_problems(text: str, shown_as: str) -> list[Problem]:
    problems = []
    for event in yaml.parse(text, Loader=StrictLoader):
        if getattr(event, "anchor", None) and not isinstance(event, yaml.AliasEvent):
            problems.append(Problem(shown_as, event.start_mark.line + 1, "(file)",
                                    f"YAML anchors ('&{event.anchor}') are not allowed; write each value out in full."))
    return _first_of(problems, "anchors")
