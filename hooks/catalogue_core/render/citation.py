"""How to cite a record: one plain-text line and a BibTeX entry."""

from __future__ import annotations

import re

from ..load.records import Record
from .markup import format_date

CATALOGUE_NAME = "Lone Actors Practice Catalogue"  # the one place the catalogue names itself
EDITORS = f"{CATALOGUE_NAME} editors"


def plain_citation(record: Record, url: str, about: str | None) -> str:
    """``about`` is the organisation the record is about (``Catalogue.author_of``), if any."""
    reviewed = str(record.data["reviewed"])
    about = about or EDITORS
    by = "" if about == EDITORS else f" ({about})"
    return (f"{EDITORS}. \"{record.title}\"{by}. {CATALOGUE_NAME}, last reviewed {format_date(reviewed)}. "
            f"{url}")


def bibtex(record: Record, url: str, about: str | None) -> str:
    reviewed = str(record.data["reviewed"])
    fields = [
        ("title", record.title),
        ("author", f"{{{EDITORS}}}"),
        ("organization", about or EDITORS),
        ("howpublished", CATALOGUE_NAME),
        ("year", reviewed[:4]),
        ("url", url),
        ("note", f"Last reviewed {reviewed}"),
    ]
    body = ",\n".join(f"  {name} = {{{_bibtex_escape(value, name)}}}" for name, value in fields)
    return f"@misc{{lac-{record.id},\n{body}\n}}"


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                   "#": r"\#", "_": r"\_"}


def _bibtex_escape(value: str, field: str) -> str:
    if field in ("url", "author"):
        return value  # author is already braced as a corporate name; URLs are verbatim
    return re.sub(r"[\\{}&%$#_]", lambda m: _BIBTEX_SPECIAL[m.group(0)], value)
