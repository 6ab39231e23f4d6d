"""The Content-Security-Policy of every page, shipped in the page itself.

A ``<meta http-equiv="Content-Security-Policy">`` works on any static host and from ``file://``,
where no response header can be set. It allows scripts, styles, fonts, images and connections
from the site's own origin only, so nothing is loaded from a third party even if a page asked for
it. Material puts a few small scripts inline, in the page's frame; each page's policy lists the
SHA-256 hash of exactly those. A script inside the page's content (its ``<article>``) is never
hashed, so neither it nor an event handler attribute can run: record text is sanitised before it
gets there, and the policy is the second line of defence ('unsafe-inline' is never allowed for
scripts).

A policy given in a ``<meta>`` element applies only to what follows it, so it goes right after
``<meta charset>``, before the first script. ``frame-ancestors``, ``report-uri`` and ``sandbox``
are not allowed in a ``<meta>`` policy and browsers warn about them, so they are left out.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Script types a browser runs; any other type (application/json, ...) is a data block.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

_BASE_POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'none'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    # Material's stylesheets draw icons from data: SVG images (mask-image: url("data:image/svg+xml...")).
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    # The search worker is a file of the site and fetches the site's search index.
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("base-uri", "'none'"),
    ("form-action", "'none'"),
    ("object-src", "'none'"),
)

_META_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)


# The page as an HTML tokenizer sees it, in the tokens that matter here: a comment; a script or style
# element with its raw text (which holds no tags); an <article> tag (Material's page content is one
# <article>); and a run of everything else, text and other tags, as one match. The expression does
# the tokenizing in C and never backtracks (possessive repeats), so the loop below sees a few dozen
# matches a page; a loop over every tag took a quarter of a 1,000-record build's time (`make bench`).
# A tag's attributes; quoted values may hold '<' and '>'.
_ATTRIBUTES = r"[^>\"']*+(?:(?:\"[^\"]*+\"|'[^']*+')[^>\"']*+)*+"
# Tag names match in any case; the rest of the pattern is case-sensitive, which is faster.
_SPECIAL_TAG = r"(?i:script|style)(?=[\s/>])|/?(?i:article)(?=[\s/>])"
_TOKENS = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    rf"|<(?P<raw>(?i:script|style))(?=[\s/>])(?P<attributes>{_ATTRIBUTES})>"
    r"(?P<text>(?:[^<]++|<(?!/(?i:(?P=raw))(?=[\s/>])[^>]*>))*+)(?:</(?i:(?P=raw))(?=[\s/>])[^>]*>|\Z)"
    rf"|<(?P<article>/?)(?i:article)(?=[\s/>]){_ATTRIBUTES}>"
    rf"|(?P<other>(?:<(?!{_SPECIAL_TAG})/?[a-zA-Z]{_ATTRIBUTES}>|[^<]++)++)",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"([^\s=/>]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]*))?")


def inline_scripts(page: str, *, in_content: bool = False) -> list[str]:
    """The text of each inline script in ``page`` that a browser would run, in page order, as written:
    those of the page's frame (the theme's), or with ``in_content`` those inside its ``<article>``."""
    scripts = []
    articles = 0
    for token in _TOKENS.finditer(page):
        kind = token.lastgroup  # the last group the match closed names its alternative
        if kind == "article":
            articles = max(0, articles - 1) if token.group("article") else articles + 1
        elif kind == "text" and token.group("raw").lower() == "script" and (articles > 0) == in_content:
            attributes = {name.lower(): value[1:-1] if value[:1] in ("'", '"') else value
                          for name, value in _ATTRIBUTE.findall(token.group("attributes"))}
            if "src" not in attributes and attributes.get("type", "").strip().lower() in _SCRIPT_TYPES:
                scripts.append(token.group("text"))
    return scripts


def script_hash(script: str) -> str:
    """A CSP hash source for one inline script: ``'sha256-<base64 of the UTF-8 text's digest>'``."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(script_hashes: list[str], *, inline_scripts_allowed: bool = False) -> str:
    """The policy text. ``inline_scripts_allowed`` is for ``mkdocs serve`` only (see the hook)."""
    extra = ["'unsafe-inline'"] if inline_scripts_allowed else sorted(set(script_hashes))
    directives = []
    for name, sources in _BASE_POLICY:
        if name == "script-src":
            sources = " ".join([sources, *extra])
        directives.append(f"{name} {sources}")
    return "; ".join(directives)


def with_policy(page: str, *, inline_scripts_allowed: bool = False) -> str:
    """``page`` with its policy in a ``<meta>`` element right after ``<meta charset>``.

    A page without ``<meta charset>`` (not a Material page) gets it first thing in ``<head>``.
    """
    hashes = [script_hash(s) for s in inline_scripts(page)]
    meta = (f'<meta http-equiv="Content-Security-Policy" '
            f'content="{policy(hashes, inline_scripts_allowed=inline_scripts_allowed)}">')
    charset = _META_CHARSET.search(page)
    if charset:
        return f"{page[:charset.end()]}\n      {meta}{page[charset.end():]}"
    head = re.search(r"<head[^>]*>", page, re.IGNORECASE)
    if head is None:
        raise ValueError("the page has no head element, so it cannot carry a Content-Security-Policy")
    return f"{page[:head.end()]}{meta}{page[head.end():]}"
