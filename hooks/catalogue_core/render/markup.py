"""Record text to safe HTML, and escaping for everything we write into pages ourselves.

Record text is Markdown (CommonMark) written by many hands. It is rendered by cmark-gfm, which
reads no files and runs no templates, and the resulting HTML is cleaned by nh3. Cleaning the
Markdown source instead would mangle it (``x<y`` in code, ``> quote``). Links survive only as
absolute http(s) or mailto URLs.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

import cmarkgfm
import markdown
import markupsafe
import nh3
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor

from .views import Date

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "a", "sup", "sub", "del", "hr", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "title"}

class TextRenderer:
    """Renders record Markdown to clean HTML. Create one per build; it is not thread-safe.

    Record text is CommonMark, rendered by cmark-gfm (GitHub's C implementation, through the
    ``cmarkgfm`` bindings) with its safe defaults: raw HTML becomes a comment and links with unsafe
    schemes lose their address. Python-Markdown, which renders the hand-written pages, took most of
    a build's own time when it rendered record text too (`make bench`: about a second for 1,000
    records, against a fiftieth of that here). ``abbreviations`` (acronym -> explanation) then
    become ``<abbr title>`` in the text outside code, as the ``abbr`` extension does on the
    hand-written pages, and nh3 keeps only the tags and addresses record text may have.
    """

    def __init__(self, abbreviations: dict[str, str] | None = None) -> None:
        self._abbreviations = dict(abbreviations or {})
        self._pattern = abbreviation_pattern(frozenset(self._abbreviations)) if self._abbreviations else None
        self._cache: dict[str, str] = {}

    def block(self, text: str) -> str:
        """Markdown paragraphs, lists and links -> sanitised HTML."""
        if text not in self._cache:
            html = cmarkgfm.markdown_to_html(text).strip()
            # cmark escapes all text; output whose every tag is one of the bare tags below needs no
            # cleaning (most record text: paragraphs, lists, emphasis). Anything else goes through nh3.
            if not _only_bare_tags(html):
                html = clean_html(html)
            if self._pattern is not None and self._pattern.search(html):
                html = self._mark_abbreviations(html, self._pattern)
            self._cache[text] = html
        return self._cache[text]

    def _mark_abbreviations(self, html: str, pattern: re.Pattern[str]) -> str:
        """``<abbr title>`` around every acronym in the text between tags, except inside code."""
        parts = _TAG.split(html)
        in_code = 0
        for index, part in enumerate(parts):
            if index % 2:  # a tag
                name = _TAG_NAME.match(part)
                if name and name.group(2).lower() in ("code", "pre"):
                    in_code += -1 if name.group(1) else 1
            elif part and not in_code:
                parts[index] = pattern.sub(self._abbr, part)
        return "".join(parts)

    def _abbr(self, match: re.Match[str]) -> str:
        return f'<abbr title="{escape(self._abbreviations[match.group(0)])}">{match.group(0)}</abbr>'

    def inline(self, text: str) -> str:
        """Like ``block`` but without the wrapping paragraph, for short values in lists."""
        rendered = self.block(text)
        if rendered.startswith(_P) and rendered.endswith(_END_P) and rendered.count(_P) == 1:
            return rendered[len(_P):-len(_END_P)]
        return rendered


_P, _END_P = "<p>", "</p>"  # a paragraph, as cmark writes it


_TAG = re.compile(r"(<[^>]*>)")
_BARE_TAGS = {"p", "em", "strong", "code", "ul", "ol", "li", "br", "hr", "blockquote", "pre"}
_ANY_TAG = re.compile(r"<(?:/?([a-z]+) ?/?>)?")


def _only_bare_tags(html: str) -> bool:
    """Whether every '<' in cmark's output opens or closes one of ``_BARE_TAGS``, without attributes."""
    return all(match.group(1) in _BARE_TAGS for match in _ANY_TAG.finditer(html))
_TAG_NAME = re.compile(r"<(/?)([A-Za-z0-9]+)")


class GlossaryAbbrExtension(AbbrExtension):
    """Python-Markdown's ``abbr`` extension, same output, with the matching pattern built once.

    The stock tree processor joins every abbreviation into one alternation on every conversion and
    tries each alternative at every word start, so rendering took records x abbreviations: with a
    tool acronym per tool, quadratic in the catalogue's size (``make bench``). The pattern here is a
    trie, which finds the same longest abbreviation in one pass, compiled once per glossary.
    """

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(_GlossaryAbbrTreeprocessor(md, self.abbrs), "abbr", 7)  # replaces the stock one


class _GlossaryAbbrTreeprocessor(AbbrTreeprocessor):
    _keys: frozenset[str] = frozenset()
    RE: re.Pattern[str] | None  # set by AbbrTreeprocessor's __init__, which has no annotations

    def run(self, root: Any) -> None:
        if not self.abbrs:
            return
        if self.RE is None or self.abbrs.keys() != self._keys:  # the glossary, unless a text defined more
            self._keys = frozenset(self.abbrs)
            self.RE = abbreviation_pattern(self._keys)
        # Most pages hold no abbreviation outside record text, which arrives marked up already. One
        # look at each text of the page settles that; the stock walk runs only where there is one.
        pattern = self.RE
        if any(pattern.search(text) for el in root.iter() for text in (el.text, el.tail if el is not root else None)
               if text):
            self.iter_element(root)


@lru_cache(maxsize=8)  # a pure function of the glossary; a build has one or two
def abbreviation_pattern(abbreviations: frozenset[str]) -> re.Pattern[str]:
    """Matches any of ``abbreviations`` as a whole word, the longest first (like the stock ``abbr``)."""
    trie: dict[str, Any] = {}
    for word in abbreviations:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return re.compile(rf"\b{_trie_pattern(trie)}\b")


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    # A word may end here or go on: the greedy '?' tries the longer word first, as the stock
    # alternation, sorted longest first, does.
    return f"(?:{body})?" if "" in node else body


def clean_html(fragment: str) -> str:
    """Keep only the tags and attributes record text may use; links only http(s) and mailto."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        url_relative="deny",
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def escape(text: object) -> str:
    """Plain text into HTML text or an attribute value, exactly as the templates escape it (MarkupSafe)."""
    return str(markupsafe.escape(text))


_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")


def safe_href(url: str) -> str | None:
    """An http(s) URL or an e-mail address as an href, or None if it is neither."""
    if re.match(r"^https?://[^\s<>\"']+$", url):
        return url
    if _EMAIL.match(url):
        return f"mailto:{url}"
    if url.startswith("mailto:") and _EMAIL.match(url[7:]):
        return url
    return None


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def format_date(value: str, months: list[str] | None = None) -> str:
    """'2021-12-10' -> '10 December 2021', '2022-01' -> 'January 2022', '2021' -> '2021'. With another
    language's ``months`` (interface_strings.yml), a day is written as German does: '10. Dezember 2021'."""
    names = months or _MONTHS
    parts = value.split("-")
    if len(parts) == 3:
        day = f"{int(parts[2])}." if months and months != _MONTHS else str(int(parts[2]))
        return f"{day} {names[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{names[int(parts[1]) - 1]} {parts[0]}"
    return value


def date_of(value: str) -> Date:
    """A record's date, as machines and as people read it (the ``time`` macro writes both)."""
    return Date(value, format_date(value))


_MARKDOWN_LINK_TEXT = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"[*_`#>]")
_LIST_MARK = re.compile(r"^[ \t]*(?:[-+*]|\d+[.)])[ \t]+", re.MULTILINE)


@lru_cache(maxsize=65536)  # summaries are listed on many pages
def plain_text(markdown_text: str) -> str:
    """Record Markdown as plain text on one line: links keep their words, marks and raw HTML go."""
    text = markdown_text
    if "<" in text:
        text = html.unescape(nh3.clean(text, tags=set()))
    text = _LIST_MARK.sub("", _MARKDOWN_LINK_TEXT.sub(r"\1", text))
    return " ".join(_MARKDOWN_MARKS.sub("", text).split())


_FIRST_SENTENCE = re.compile(r"(.+?[.!?])(\s|$)")


def first_sentence(markdown_text: str) -> str:
    """The first sentence of some Markdown, as plain text (links keep their words)."""
    plain = plain_text(markdown_text)
    match = _FIRST_SENTENCE.match(plain)
    return match.group(1) if match else plain


@lru_cache(maxsize=4096)  # mostly the same few section headings, on every page
def markdown_heading(text: str) -> markupsafe.Markup:
    """Text for a Markdown heading (a record's title): what Markdown or HTML would interpret, escaped.
    The templates' ``heading`` filter."""
    for char in "\\`*_{}[]()#+-.!|":
        text = text.replace(char, "\\" + char)
    return markupsafe.Markup(html.escape(text, quote=False))
