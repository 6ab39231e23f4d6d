"""Abbreviations explained on hover: every acronym in the catalogue, with what it stands for.

Terms and tools that have an acronym give one entry each. The same glossary feeds the ``abbr``
extension for hand-written pages and the record-text renderer, so "SPJ" or "VERA-2R" reads the
same everywhere.
"""

from __future__ import annotations

import re

import nh3

from .catalogue import Catalogue

MAX_TITLE = 160


def abbreviations(catalogue: Catalogue) -> dict[str, str]:
    """Acronym -> the hover text, in a stable order."""
    found: dict[str, str] = {}
    for record in catalogue.records:
        acronym = record.data.get("acronym")
        if not acronym or acronym in found:
            continue
        if record.kind == "tool":
            found[acronym] = record.data.get("full_name") or record.title
        else:
            found[acronym] = f"{record.title}: {first_sentence(record.data.get('definition', record.data['summary']))}"
    return {acronym: _shorten(text) for acronym, text in sorted(found.items())}


def first_sentence(markdown_text: str) -> str:
    """The first sentence of some Markdown, as plain text."""
    plain = nh3.clean(markdown_text, tags=set())
    plain = re.sub(r"[*_`#>\[\]]|\((?:https?|mailto):[^)]*\)", "", plain)
    plain = " ".join(plain.split())
    match = re.match(r"(.+?[.!?])(\s|$)", plain)
    return match.group(1) if match else plain


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1].rstrip() + "…"
