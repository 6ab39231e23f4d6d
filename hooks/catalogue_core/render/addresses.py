"""Render stage: how pages and files name addresses in the site, with or without a known host.

With ``SITE_URL`` the build knows every page's published address and writes it out: permanent links,
citations, BibTeX, feeds, canonical links. Without it the build knows no host, so it names none:

- a link is relative to the page or file that holds it (``./``, ``../example-tool/``);
- where a page shows its own address as text (the permanent link, a citation, BibTeX, an e-mail
  snippet), an element marked ``data-page-address`` holds the page's site-relative path (the
  ``address_text`` and ``address_link`` macros of templates/values.html), and our script
  ``page-address.js`` replaces it in the browser with the address the page was opened at.
  The script is a file of the site, so the pages' Content-Security-Policy lets it run;
- a feed's ids, which Atom requires to be absolute, are ``urn:uuid:`` names made from the path.
"""

from __future__ import annotations

import posixpath
import uuid
from dataclasses import dataclass

from ..urls import Linker, relative_path

# Stands for the address inside a citation, which record_page.py cuts there for the templates. The
# last one is taken: in a citation and in BibTeX nothing from the record comes after the address.
MARK = "\x00address\x00"
# Atom ids without a host: name-based UUIDs (RFC 4122, version 5) of the site path, the same in
# every build, so a feed reader never sees an entry twice.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://lone-actors-practice-catalogue.invalid/")


@dataclass(frozen=True)
class PageAddress:
    """The permanent address of the page built from ``src`` (``tools/vera-2r.md``), as that page shows it."""

    linker: Linker
    src: str

    @property
    def url(self) -> str | None:
        """The absolute address, or None when no site URL is known."""
        return self.linker.absolute(self.src) if self.linker.site_url else None

    @property
    def path(self) -> str:
        """The site-relative path in directory-URL form, e.g. ``tools/vera-2r/``."""
        return Linker(directory_urls=True).url(self.src)

    @property
    def href(self) -> str:
        """A link to the page from the page itself: absolute when known, else relative (``./``)."""
        return self.url or self.linker.href(self.src, self.src)


def file_address(linker: Linker, from_path: str, to_path: str) -> str:
    """An address written into a file of the site (a feed) at ``from_path``, for ``to_path`` (both
    site paths, ``""`` for the home page): absolute when the site URL is known, else relative."""
    if linker.site_url:
        return linker.absolute_file(to_path)
    relative = relative_path(to_path, posixpath.dirname(from_path))
    if relative == ".":
        return "./"
    return relative + "/" if to_path.endswith("/") or to_path == "" else relative


def atom_id(linker: Linker, path: str) -> str:
    """A permanent Atom id for the site path ``path``: its address, or a ``urn:uuid:`` made from it."""
    if linker.site_url:
        return linker.absolute_file(path)
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, path)}"
