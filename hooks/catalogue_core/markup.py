"""Record text to safe HTML, and escaping for everything we write into pages ourselves.

Record text is Markdown written by many hands. It is rendered with a small, fixed set of
Markdown extensions (none reads files or runs templates) and the resulting HTML is cleaned by
nh3. Cleaning the Markdown source instead would mangle it (``x<y`` in code, ``> quote``), see
research/ecosystem.md section 6. Links survive only as absolute http(s) or mailto URLs.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "a", "sup", "sub", "del", "hr", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "title"}

# Record text is plain prose with lists and links; the safe subset of Python-Markdown's extensions.
RECORD_TEXT_EXTENSIONS = ["sane_lists", "abbr"]


class TextRenderer:
    """Renders record Markdown to clean HTML. Create one per build; it is not thread-safe.

    ``abbreviations`` (acronym -> explanation) become ``<abbr title>`` wherever they appear.
    """

    def __init__(self, abbreviations: dict[str, str] | None = None) -> None:
        self._markdown = markdown.Markdown(
            extensions=RECORD_TEXT_EXTENSIONS,
            extension_configs={"abbr": {"glossary": dict(abbreviations or {})}},
            output_format="html",
        )
        self._cache: dict[str, str] = {}

    def block(self, text: str) -> str:
        """Markdown paragraphs, lists and links -> sanitised HTML."""
        if text not in self._cache:
            self._markdown.reset()
            self._cache[text] = clean_html(self._markdown.convert(text))
        return self._cache[text]

    def inline(self, text: str) -> str:
        """Like ``block`` but without the wrapping paragraph, for short values in lists."""
        rendered = self.block(text)
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            return rendered[3:-4]
        return rendered


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
    return html.escape(str(text), quote=True)


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
