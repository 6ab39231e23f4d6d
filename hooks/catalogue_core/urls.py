"""Where each page lives, and relative links between pages, the way MkDocs computes them.

Generated pages embed their links as HTML, which MkDocs does not rewrite, so we compute hrefs
ourselves for both URL styles: directory URLs (``tools/vera-2r/``) for the served site, file URLs
(``tools/vera-2r.html``) for the offline copy that opens from ``file://``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


def record_src(plural: str, record_id: str) -> str:
    """The generated Markdown file of a record, relative to docs/: ``tools/vera-2r.md``."""
    return f"{plural}/{record_id}.md"


def index_src(plural: str) -> str:
    """The generated index page of a kind, relative to docs/: ``tools/index.md``."""
    return f"{plural}/index.md"


def feed_path(plural: str, record_id: str) -> str:
    """A record's own Atom feed (a meeting's follow-up material), relative to the site's root."""
    return f"{plural}/{record_id}/feed.xml"


@dataclass(frozen=True)
class Linker:
    """Computes page URLs and relative hrefs for one URL style."""

    directory_urls: bool = True
    site_url: str = ""  # the published address, for links that leave the site (feeds, citations)

    def url(self, src: str) -> str:
        """Site-relative URL of the page built from ``src`` (``tools/vera-2r.md``)."""
        stem = src[: -len(".md")] if src.endswith(".md") else src
        folder, _, name = stem.rpartition("/")
        if not self.directory_urls:
            return f"{stem}.html"
        if name == "index":
            return f"{folder}/" if folder else ""
        return f"{stem}/"

    def href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """A relative link from one page to another, as it works in the built site."""
        here, there = self.url(from_src), self.url(to_src)
        base = here if self.directory_urls else posixpath.dirname(here)
        relative = relative_path(there, base)
        if self.directory_urls and there.endswith("/") or there == "":
            relative = "./" if relative == "." else relative + "/"
        if not self.directory_urls and relative == ".":
            relative = posixpath.basename(there)
        return relative + (f"#{anchor}" if anchor else "")

    def absolute(self, src: str) -> str:
        """The published address of a page (or its site-relative URL when no site URL is known).

        Always in directory-URL form: an offline copy's citations and feeds point at the site.
        """
        return self.absolute_file(Linker(directory_urls=True).url(src))

    def absolute_file(self, path: str) -> str:
        """The full address of a file in the site, e.g. ``feed.xml``."""
        base = self.site_url if not self.site_url or self.site_url.endswith("/") else self.site_url + "/"
        return base + path

    def file_href(self, from_src: str, path: str) -> str:
        """A relative link from a page to a file in the site, e.g. ``meetings/x/feed.xml``."""
        here = self.url(from_src)
        return relative_path(path, here if self.directory_urls else posixpath.dirname(here))


def relative_path(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for two site-relative paths ("" or "." is the site's root).

    The same answer without ``relpath``'s detour through the working directory: a page links to
    many others, and this was the largest part of page generation (`make bench`).
    """
    to = [part for part in path.split("/") if part not in ("", ".")]
    start_parts = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    for a, b in zip(to, start_parts):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + to[common:]) or "."
