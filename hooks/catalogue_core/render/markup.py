"""Record text to safe HTML, and escaping for everything we write into pages ourselves.

Record text is Markdown written by many hands. It is rendered with a small, fixed set of
Markdown extensions (none reads files or runs templates) and the resulting HTML is cleaned by
nh3. Cleaning the Markdown source instead would mangle it (``x<y`` in code, ``> quote``), as measured
with Python-Markdown 3.11 and nh3 0.3. Links survive only as absolute http(s) or mailto URLs.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

import markdown
import nh3
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "a", "sup", "sub", "del", "hr", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "title"}

# Record text is plain prose with lists and links; the safe subset of Python-Markdown's extensions.
# Abbreviations come from ``GlossaryAbbrExtension`` (below), which renders like ``abbr``.
RECORD_TEXT_EXTENSIONS = ["sane_lists"]


class TextRenderer:
    """Renders record Markdown to clean HTML. Create one per build; it is not thread-safe.

    ``abbreviations`` (acronym -> explanation) become ``<abbr title>`` wherever they appear.
    """

    def __init__(self, abbreviations: dict[str, str] | None = None) -> None:
        self._abbreviations = dict(abbreviations or {})
        self._markdown = markdown.Markdown(
            extensions=[*RECORD_TEXT_EXTENSIONS, GlossaryAbbrExtension(glossary=dict(self._abbreviations))],
            output_format="html",
        )
        self._cache: dict[str, str] = {}

    def block(self, text: str) -> str:
        """Markdown paragraphs, lists and links -> sanitised HTML."""
        if text not in self._cache:
            html = self.plain_paragraphs(text)
            if html is None:
                self._markdown.reset()
                html = self._markdown.convert(text)
            self._cache[text] = clean_html(html)
        return self._cache[text]

    def plain_paragraphs(self, text: str) -> str | None:
        """The HTML Python-Markdown makes of text that uses no Markdown at all, or None for any other.

        Most record text is plain paragraphs, and Python-Markdown was most of the build's own time
        (``make bench``): this does the same in a few string operations. tests/test_fast_paths.py
        checks that both give the same HTML for every text of the catalogue and the benchmark's.
        """
        if _NOT_PLAIN.search(text):
            return None
        paragraphs = [p.strip("\n") for p in _BLANK_LINE.split(text.strip("\n"))]
        if self._abbreviations:
            pattern = abbreviation_pattern(frozenset(self._abbreviations))
            paragraphs = [pattern.sub(self._abbr, p) for p in paragraphs]
        return "\n".join(f"<p>{p}</p>" for p in paragraphs if p)

    def _abbr(self, match: re.Match[str]) -> str:
        return f'<abbr title="{escape(self._abbreviations[match.group(0)])}">{match.group(0)}</abbr>'

    def inline(self, text: str) -> str:
        """Like ``block`` but without the wrapping paragraph, for short values in lists."""
        rendered = self.block(text)
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            return rendered[3:-4]
        return rendered


# Anything Markdown could read as markup: inline syntax and HTML characters, indented or list-like
# or rule-like line starts, trailing spaces (line breaks). Text without any of it is plain.
_NOT_PLAIN = re.compile(r"[\\`*_\[\]<>&#!|{}~=+]|^[ \t]|^\d+[.)]|^[-+*](?:[ \t]|$)|[ \t]$|^-{3,}|\r", re.M)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


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
    """Plain text into HTML text or an attribute value."""
    return _escape_text(text) if isinstance(text, str) else html.escape(str(text), quote=True)


@lru_cache(maxsize=65536)  # pages repeat the same titles, labels and hrefs many times over
def _escape_text(text: str) -> str:
    return html.escape(text, quote=True)


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


def format_date(value: str) -> str:
    """'2021-12-10' -> '10 December 2021', '2022-01' -> 'January 2022', '2021' -> '2021'."""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return value


def time_element(value: str) -> str:
    """A date for people, with the machine-readable date kept in ``datetime``."""
    return f'<time datetime="{escape(value)}">{escape(format_date(value))}</time>'
