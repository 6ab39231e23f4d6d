"""Abbreviations explained on hover: every acronym in the catalogue, with what it stands for.

Every record with an acronym (a field with the role ``acronym``) gives one entry. The same glossary feeds the ``abbr``
extension for hand-written pages and the record-text renderer, so "SPJ" or "VERA-2R" reads the
same everywhere.
"""

from __future__ import annotations

from ..check.catalogue import Catalogue
from .markup import first_sentence

MAX_TITLE = 160


def abbreviations(catalogue: Catalogue) -> dict[str, str]:
    """Acronym -> the hover text, in a stable order: what the acronym stands for (a field with the
    role ``expansion``), else the title and the first sentence of the record's definition."""
    found: dict[str, str] = {}
    for record in catalogue.records:
        for acronym in catalogue.names_of(record, "acronym"):
            if acronym in found:
                continue
            expansion = catalogue.names_of(record, "expansion")
            definition = catalogue.names_of(record, "definition") or [record.data["summary"]]
            found[acronym] = expansion[0] if expansion else f"{record.title}: {first_sentence(definition[0])}"
    return {acronym: _shorten(text) for acronym, text in sorted(found.items())}


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1].rstrip() + "…"
