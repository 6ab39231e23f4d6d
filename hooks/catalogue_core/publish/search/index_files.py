"""Publish stage, search: the catalogue's search index, written as small files the browser loads
only for the words a reader types.

Input is every built page (``SearchPage``): a record page's text as its view model gives it
(``render/record_page.py``, ``search_text``), every other page's content HTML; output is a set of files under
``search/`` (``write_index``):

- ``config.js``: the word rules (``words.rules``), the synonym groups, the names offered
  when nothing is found, the number of pages, the shards and which of them are split;
- ``s/<key>.js``: one shard per first two letters of a stem (three where two would make a large
  file): every English stem (``t``) and German stem (``g``) with its most common written form and
  its postings (page number, weight), and the whole-name keys of titles, acronyms and
  original-language names with their pages (a page that is not a record as -1 - its number);
- ``d/<n>.js``: one page each: title, address, kind and the page's searchable text, loaded only
  for the results shown, for their snippets.

Every file is a script that hands its own path and its data to ``window.lacSearch.loaded`` (a
"JSONP" file): scripts load from ``file://`` where ``fetch`` cannot, so the offline copy searches
with the very same files. A shard's file name is made here only (``shard_file``); the browser reads
the names that are not the prefix itself from ``config.js``.

Text is stemmed in its own language: what the page marks ``lang="de"`` in German, the rest in
English; titles and other names in both (``words``).
In hand-written pages' HTML (record pages give search their text from their view models),
boilerplate stays out of the text: sections whose heading carries ``data-search-exclude``
(sources, citations, lists of other records), elements that carry it, and the lists, forms and
permalinks named in ``BOILERPLATE_CLASSES``. Everything is written in a fixed order, so two
builds give the same bytes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .words import DEFAULT_LANGUAGE, JOINED, LANGUAGES, STOPWORDS, WORD, name_key, rules, spell, term_of, words

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
# The language marked on a page's German parts, and each language's section in a shard.
GERMAN = "de"
SECTIONS: dict[str, str] = {"en": "t", "de": "g"}
assert set(SECTIONS) == set(LANGUAGES)

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
_LANG = re.compile(r"""\blang\s*=\s*["']([a-zA-Z-]+)["']""")


@dataclass(frozen=True)
class SearchPage:
    """One built page as search sees it."""

    url: str  # site-relative address, as MkDocs gives it ("tools/vera-2r/", "tools/vera-2r.html")
    title: str
    kind: str  # what the reader is told it is: the schema's title of its kind, or "Page"
    html: str  # the page's content, as rendered from its Markdown
    names: tuple[str, ...] = ()  # acronym, full name, original-language and German names
    text: PageText | None = None  # from a record page's view model; else read from ``html``


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


@dataclass(frozen=True)
class PageText:
    """What search reads on a page: all its text (for snippets), its headings' text, and its German
    parts (the text inside elements marked ``lang="de"``), which are stemmed in German."""

    text: str
    headings: str
    german: str = ""


def page_text(html: str) -> PageText:
    """The page's searchable text from its content HTML; boilerplate left out.

    Blocks are separated by " · ", a term and its description by ": ", so snippets read
    "Organisations: NEUSTART · Countries: Austria", never "OrganisationsNEUSTARTCountriesAustria".
    """
    parts: list[str] = []
    headings: list[str] = []
    german: list[str] = []
    german_tag = ""  # the element marked lang="de" we are in, and how deep in same-named elements
    german_depth = 0
    skip_tag = ""  # the element being skipped, and how deep in same-named elements
    skip_depth = 0
    skip_section = False  # inside a section whose heading is excluded, until the next h1/h2
    heading = ""
    end = 0
    for match in _TAG.finditer(html):  # only the tags: the text is what lies between them
        if end < match.start() and not skip_depth and not skip_section:
            text = _unescape(html[end:match.start()])
            parts.append(text)
            if german_depth:
                german.append(text)
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
        if german_depth and tag == german_tag and tag not in _VOID:
            german_depth += -1 if closing else 1
            if not german_depth:
                german.append(" ")
        elif not closing and not german_depth and "lang" in attributes and tag not in _VOID:
            marked = _LANG.search(attributes)
            if marked and marked.group(1).split("-")[0].lower() == GERMAN:
                german_tag, german_depth = tag, 1
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
    german_text = " ".join(_BLOCK_END.sub(" ", _TERM_END.sub(" ", "".join(german))).split())
    return PageText(text, " ".join("".join(headings).split()), german_text)


def _counts(source: str) -> Counter[str]:
    lowered = unicodedata.normalize("NFC", source).lower()
    counts = Counter(WORD.findall(lowered))  # counted in C; the caller sees each word once
    counts.update("".join(WORD.findall(group)) for group in JOINED.findall(lowered))
    return counts


def _weights(page: SearchPage, text: PageText,
             written: dict[str, Counter[str]]) -> dict[str, Counter[str]]:
    """Language -> stem -> its weight on this page; counts every written word into ``written`` (by
    language) as well. The German parts count in German only, names and titles in both languages."""
    both = tuple(LANGUAGES)
    english: Counter[str] = _counts(text.text)
    german: Counter[str] = Counter()
    if text.german:  # most pages have no German part
        german = _counts(text.german)
        english -= german
    weights: dict[str, Counter[str]] = {lang: Counter() for lang in LANGUAGES}
    for counts, weight, langs in ((_counts(page.title), TITLE_WEIGHT, both),
                                  (_counts(" ".join(page.names)), NAME_WEIGHT, both),
                                  (_counts(text.headings), HEADING_WEIGHT, (DEFAULT_LANGUAGE,)),
                                  (english, TEXT_WEIGHT, (DEFAULT_LANGUAGE,)), (german, TEXT_WEIGHT, (GERMAN,))):
        for lang in langs:
            written[lang].update(counts)
            for word, count in counts.items():
                term = term_of(word, lang)
                if term:
                    weights[lang][term] += count * weight
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


def _script(path: str, data: Any) -> str:
    """The file at ``path`` (under search/): one call that hands the browser its path and data."""
    return f"lacSearch.loaded({json.dumps(path)}," + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ");\n"


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
    postings: dict[str, dict[str, list[tuple[int, int]]]] = {lang: {} for lang in LANGUAGES}
    written: dict[str, Counter[str]] = {lang: Counter() for lang in LANGUAGES}
    names: dict[str, list[int]] = {}
    files: dict[str, str] = {}
    for number, page in enumerate(pages):
        text = page.text if page.text is not None else page_text(page.html)
        for lang, weights in _weights(page, text, written).items():
            for term, weight in weights.items():  # pages come in order, so every postings list is sorted
                postings[lang].setdefault(term, []).append((number, min(weight, MAX_WEIGHT)))
        # A record's names outrank a hand-written page's title ("Lone versus group actors" is both).
        for key in _names(page):
            names.setdefault(key, []).append(number if page.kind != OTHER_KIND else -1 - number)
        shown_text = text.text
        if len(shown_text) > MAX_TEXT:
            shown_text = shown_text[:MAX_TEXT].rsplit(" ", 1)[0] + " …"
        path = f"d/{number}.js"
        files[path] = _script(path, {"t": page.title, "u": page.url, "k": page.kind, "x": shown_text})

    canonical = [[_canonical(phrase) for phrase in group] for group in synonyms]
    sections: dict[str, dict[str, list[Any]]] = {}
    for lang, section in SECTIONS.items():
        shown: dict[str, str] = {}  # stem -> its most common written form
        for word, _ in sorted(written[lang].items(), key=lambda item: (-item[1], item[0])):
            term = term_of(word, lang)
            if term:
                shown.setdefault(term, word)
        phrase_terms = {term_of(w, lang) for group in canonical for phrase in group for w in phrase}
        _add_compound_parts(postings[lang], phrase_terms - {""})
        sections[section] = {term: [shown.get(term, term), _postings(entries)]
                             for term, entries in sorted(postings[lang].items())}
    shards = _shards(sections, names)
    splits = sorted({prefix[:2] for prefix in shards if len(prefix) == 3})
    for prefix, shard in sorted(shards.items()):
        path = f"s/{shard_file(prefix)}.js"
        files[path] = _script(path, shard)
    config = {
        "pages": len(pages),
        "shards": sorted(shards),
        "files": {prefix: shard_file(prefix) for prefix in sorted(shards) if shard_file(prefix) != prefix},
        "splits": splits,
        "rules": rules(),
        "synonyms": canonical,
        "suggest": sorted(set(suggestions), key=lambda s: (s.casefold(), s)),
    }
    files["config.js"] = _script("config.js", config)
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
    """A synonym phrase as the browser compares it with a query: its spelled words, stopwords left
    out; the browser stems them in both languages."""
    return [spell(w) for w in words(phrase) if w not in STOPWORDS]


def _shards(sections: dict[str, dict[str, list[Any]]], names: dict[str, list[int]]) -> dict[str, dict[str, Any]]:
    """Prefix -> {"t": {English stem: [written form, postings]}, "g": {German stem: ...},
    "n": {name key: [pages]}}."""
    parts = [*sections, "n"]
    by_two: dict[str, dict[str, Any]] = {}
    for part, entries in (*sections.items(), ("n", names)):
        for key in sorted(entries):
            by_two.setdefault(key[:2], {p: {} for p in parts})[part][key] = entries[key]
    shards: dict[str, dict[str, Any]] = {}
    for prefix, shard in by_two.items():
        if len(prefix) < 2 or len(json.dumps(shard, ensure_ascii=False)) <= SPLIT_BYTES:
            shards[prefix] = shard
            continue
        shards[prefix] = {p: {} for p in parts}  # what is exactly two letters long stays here
        for part in parts:
            for key, value in shard[part].items():
                target = key[:3] if len(key) > 2 else prefix
                shards.setdefault(target, {p: {} for p in parts})[part][key] = value
    return shards
