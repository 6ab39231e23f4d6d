"""Publish stage, search: every name a record has besides its title.

Search (``pages``) indexes these with a weight just below the title's and treats each whole
name as a key, so "RRI", "Inklusionschart", "bOJA" or "VERA 2R" find their record first.
"""

from __future__ import annotations

from ...check.catalogue import Catalogue
from ...load.records import Record


def other_names(catalogue: Catalogue, record: Record) -> list[str]:
    """Every name of the record but its title: its acronyms, then its fields with the role ``name``
    (an original name may list several, separated by ';')."""
    names = catalogue.names_of(record, "acronym") + catalogue.names_of(record, "name")
    out: list[str] = []
    for part in (part.strip() for name in names for part in name.split(";")):
        if part and part not in out:
            out.append(part)
    return out
