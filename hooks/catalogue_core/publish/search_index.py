"""Publish stage, search: the catalogue's search index, written as small files the browser loads
only for the words a reader types.

Input is every built page (``SearchPage``): a record page's text as its view model gives it
(``render/record_page.py``, ``search_text``), every other page's content HTML; output is a set of files under
``search/`` (``write_index``):

- ``config.js``: the word rules (``search_words.rules``), the synonym groups, the names offered
  when nothing is found, the number of pages and which shards are split;
- ``s/<key>.js``: one shard per first two letters of a stem (three where two would make a large
  file): every stem with its most common written form and its postings (page number, weight), and
  the whole-name keys of titles, acronyms and original-language names with their pages (a page
  that is not a record as -1 - its number);
- ``d/<n>.js``: one page each: title, address, kind and the page's searchable text, loaded only
  for the results shown, for their snippets.

Every file is a script that hands its data to ``window.lacSearch`` (a "JSONP" file): scripts load
from ``file://`` where ``fetch`` cannot, so the offline copy searches with the very same files.
In hand-written pages' HTML, boilerplate stays out of the text: sections whose heading carries
``data-search-exclude``, elements that carry it, and the lists, forms and permalinks named in
``BOILERPLATE_CLASSES``. Everything is written in a fixed order, so two
builds give the same bytes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .search_words import JOINED, WORD, name_key, rules, term_of

# How much one occurrence counts, by where it is. A record's title and names outweigh any number
# of mentions in the text of other pages (the browser also puts exact name matches first).
TITLE_WEIGHT = 40
NAME_WEIGHT = 30
HEADING_WEIGHT = 4
TEXT_WEIGHT = 1
MAX_WEIGHT = 255

# A shard whose file would be larger than this is split by the stems' first three letters.
SPLIT_BYTES = 24_000
# Both parts of a compound that search splits are at least this long (compound_tail).
COMPOUND_PART = 4
# The stored text of a page, for snippets, is cut after this many characters.
MAX_TEXT = 20_000

# Elements with one of these classes are navigation or lists of other pages, not the page's text.
BOILERPLATE_CLASSES = frozenset({"lac-index", "lac-filters", "lac-sources", "lac-cite", "headerlink", "lac-records",
                                 "lac-count", "lac-meta", "lac-kind", "md-tags", "footnote"})
# The h1 is the title, which search holds on its own.
_SKIPPED_TAGS = frozenset({"h1", "script", "style", "form", "button", "details", "nav", "template"})
_BLOCK_TAGS = frozenset({"p", "li", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "div",
                         "section", "blockquote", "pre", "table", "ul", "ol", "dl", "br", "hr", "figcaption"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed"})

# Markdown and our templates write tag names in lower case.
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)([^>]*)>|<!--.*?-->", re.DOTALL)
_CLASS = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);")
# Where a block ends, and where a term (dt) ends and its description begins: private-use characters,
# which no page holds and str.split() keeps.
_BLOCK, _TERM = "\ue000", "\ue001"
_TERM_END = re.compile(" ?\ue001[ \ue000]*")
_BLOCK_END = re.compile(" ?\ue000[ \ue000]*")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": " "}


@dataclass(frozen=True)
class SearchPage:
    """One built page as search sees it."""

    url: str  # site-relative address, as MkDocs gives it ("tools/vera-2r/", "tools/vera-2r.html")
    title: str
    kind: str  # what the reader is told it is: the schema's title of its kind, or "Page"
    html: str  # the page's content, as rendered from its Markdown
    names: tuple[str, ...] = ()  # acronym, full name, original-language and German names
    text: tuple[str, str] | None = None  # (text, headings) from a record page's view model; else from ``html``


OTHER_KIND = "Page"  # the kind of every page that is not a record

def _unescape(text: str) -> str:
    if "&" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
        return _NAMED.get(name, match.group(0))

    return _ENTITY.sub(one, text)


def page_text(html: str) -> tuple[str, str]:
    """(the page's searchable text, its headings' text) from its content HTML; boilerplate left out.

    Blocks are separated by " · ", a term and its description by ": ", so snippets read
    "Organisations: NEUSTART · Countries: Austria", never "OrganisationsNEUSTARTCountriesAustria".
    """
    parts: list[str] = []
    headings: list[str] = []
    skip_tag = ""  # the element being skipped, and how deep in same-named elements
    skip_depth = 0
    skip_section = False  # inside a section whose heading is excluded, until the next h1/h2
    heading = ""
    end = 0
    for match in _TAG.finditer(html):  # only the tags: the text is what lies between them
        if end < match.start() and not skip_depth and not skip_section:
            text = _unescape(html[end:match.start()])
            parts.append(text)
            if heading:
                headings.append(text)
        end = match.end()
        closing, tag, attributes = match.groups()
        if tag is None:
            continue  # a comment
        if skip_depth:
            if tag == skip_tag and tag not in _VOID:
                skip_depth += -1 if closing else 1
            continue
        if not closing and (tag == "h1" or tag == "h2"):
            skip_section = "data-search-exclude" in attributes
        if skip_section:
            continue
        if not closing:
            classes = _CLASS.search(attributes) if "class" in attributes else None
            if tag in _SKIPPED_TAGS or "data-search-exclude" in attributes or (
                    classes and not BOILERPLATE_CLASSES.isdisjoint(classes.group(1).split())):
                if tag not in _VOID:
                    skip_tag, skip_depth = tag, 1
                continue
            if tag in _HEADINGS:
                heading = tag
        elif tag == heading:
            heading = ""
            headings.append(" ")
        if tag == "dt" and closing:
            parts.append(_TERM)
        elif tag in _BLOCK_TAGS:
            parts.append(_BLOCK)
    if end < len(html) and not skip_depth and not skip_section:
        parts.append(_unescape(html[end:]))
    text = " ".join("".join(parts).split())
    text = _BLOCK_END.sub(" · ", _TERM_END.sub(": ", text)).strip(" ·")
    return text, " ".join("".join(headings).split())


def _weights(page: SearchPage, text: str, headings: str, written: Counter[str]) -> Counter[str]:
    """Stem -> its weight on this page; counts every written word into ``written`` as well."""
    weights: Counter[str] = Counter()
    for source, weight in ((page.title, TITLE_WEIGHT), (" ".join(page.names), NAME_WEIGHT),
                           (headings, HEADING_WEIGHT), (text, TEXT_WEIGHT)):
        lowered = unicodedata.normalize("NFC", source).lower()
        counts = Counter(WORD.findall(lowered))  # counted in C; the loop below sees each word once
        counts.update("".join(WORD.findall(group)) for group in JOINED.findall(lowered))
        written.update(counts)
        for word, count in counts.items():
            term = term_of(word)
            if term:
                weights[term] += count * weight
    return weights


def _names(page: SearchPage) -> list[str]:
    keys = []
    for name in (page.title, *page.names):
        key = name_key(name)
        if key and key not in keys:
            keys.append(key)
    return keys


def shard_file(prefix: str) -> str:
    """The file name of a shard: its prefix where that is plain a-z and 0-9, else escaped (_hex)."""
    return "".join(ch if ("a" <= ch <= "z" or "0" <= ch <= "9") else f"_{ord(ch):x}" for ch in prefix)


def _script(call: str, *args: Any) -> str:
    return f"lacSearch.{call}(" + ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":"))
                                          for a in args) + ");\n"


def _postings(entries: list[tuple[int, int]]) -> list[int]:
    """[(page, weight), ...] sorted by page -> [gap, weight, gap, weight, ...]: small numbers."""
    flat: list[int] = []
    last = 0
    for number, weight in entries:
        flat += [number - last, weight]
        last = number
    return flat


def build_index(pages: list[SearchPage], synonyms: list[list[str]], suggestions: list[str]) -> dict[str, str]:
    """Every search file, by its path under ``search/``."""
    pages = sorted(pages, key=lambda p: p.url)
    postings: dict[str, list[tuple[int, int]]] = {}
    written: Counter[str] = Counter()
    names: dict[str, list[int]] = {}
    files: dict[str, str] = {}
    for number, page in enumerate(pages):
        text, headings = page.text if page.text is not None else page_text(page.html)
        weights = _weights(page, text, headings, written)
        for term, weight in weights.items():  # pages come in order, so every postings list is sorted
            postings.setdefault(term, []).append((number, min(weight, MAX_WEIGHT)))
        # A record's names outrank a hand-written page's title ("Lone versus group actors" is both).
        for key in _names(page):
            names.setdefault(key, []).append(number if page.kind != OTHER_KIND else -1 - number)
        if len(text) > MAX_TEXT:
            text = text[:MAX_TEXT].rsplit(" ", 1)[0] + " …"
        files[f"d/{number}.js"] = _script("page", number, {"t": page.title, "u": page.url, "k": page.kind, "x": text})

    shown: dict[str, str] = {}  # stem -> its most common written form
    for word, _ in sorted(written.items(), key=lambda item: (-item[1], item[0])):
        term = term_of(word)
        if term:
            shown.setdefault(term, word)

    canonical = [[_canonical(phrase) for phrase in group] for group in synonyms]
    _add_compound_parts(postings, {term for group in canonical for phrase in group for term in phrase})
    shards = _shards(postings, names, shown)
    splits = sorted({prefix[:2] for prefix in shards if len(prefix) == 3})
    for prefix, shard in sorted(shards.items()):
        files[f"s/{shard_file(prefix)}.js"] = _script("shard", prefix, shard)
    config = {
        "pages": len(pages),
        "shards": sorted(shards),
        "splits": splits,
        "rules": rules(),
        "synonyms": canonical,
        "suggest": sorted(set(suggestions), key=lambda s: (s.casefold(), s)),
    }
    files["config.js"] = _script("config", config)
    return files


def compound_tail(term: str, vocabulary: set[str] | frozenset[str]) -> str:
    """The longest word of ``vocabulary`` that ends a long compound ("jugendarbeit" -> "arbeit"), or "".

    German joins words into one ("Jugendarbeit", "Risikobewertung"); a search for "Arbeit" or
    "Bewertung" should find them. Only letters count, and both parts are at least COMPOUND_PART long,
    so short English endings do not split words.
    """
    if len(term) < 2 * COMPOUND_PART or not term.isalpha():
        return ""
    for start in range(COMPOUND_PART, len(term) - COMPOUND_PART + 1):
        if term[start:] in vocabulary:
            return term[start:]
    return ""


def _add_compound_parts(postings: dict[str, list[tuple[int, int]]], words: set[str]) -> None:
    """Every page with a compound also counts, at half its weight, for the compound's last word, if
    that word is on some page or in the synonym groups (``words``)."""
    vocabulary = frozenset(postings) | words
    extra: dict[str, dict[int, int]] = {}
    for term in sorted(postings):
        tail = compound_tail(term, vocabulary)
        if tail:
            for number, weight in postings[term]:
                pages = extra.setdefault(tail, {})
                pages[number] = max(pages.get(number, 0), max(1, weight // 2))
    for tail, pages in extra.items():
        merged = dict(postings.get(tail, []))
        for number, weight in pages.items():
            merged[number] = max(merged.get(number, 0), weight)
        postings[tail] = sorted(merged.items())


def _canonical(phrase: str) -> list[str]:
    return [t for t in map(term_of, WORD.findall(phrase.lower())) if t]


def _shards(postings: dict[str, list[tuple[int, int]]], names: dict[str, list[int]],
            shown: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Prefix -> {"t": {stem: [written form, postings]}, "n": {name key: [pages]}}."""
    by_two: dict[str, dict[str, Any]] = {}
    for term in sorted(postings):
        entry = [shown.get(term, term), _postings(postings[term])]
        by_two.setdefault(term[:2], {"t": {}, "n": {}})["t"][term] = entry
    for key in sorted(names):
        by_two.setdefault(key[:2], {"t": {}, "n": {}})["n"][key] = names[key]
    shards: dict[str, dict[str, Any]] = {}
    for prefix, shard in by_two.items():
        if len(prefix) < 2 or len(json.dumps(shard, ensure_ascii=False)) <= SPLIT_BYTES:
            shards[prefix] = shard
            continue
        shards[prefix] = {"t": {}, "n": {}}  # what is exactly two letters long stays here
        for part in ("t", "n"):
            for key, value in shard[part].items():
                target = key[:3] if len(key) > 2 else prefix
                shards.setdefault(target, {"t": {}, "n": {}})[part][key] = value
    return shards

