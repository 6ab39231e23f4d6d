"""Publish stage, search: every name a record has besides its title.

Search (``search_site``) indexes these with a weight just below the title's and treats each whole
name as a key, so "RRI", "Inklusionschart", "bOJA" or "VERA 2R" find their record first.
"""

from __future__ import annotations

from .records import Record


def other_names(record: Record) -> list[str]:
    """Acronym, full name, original-language names, organisations and translations, in that order."""
    names = [record.data.get("acronym"), record.data.get("full_name")]
    names += str(record.data.get("original_name") or "").split(";")
    names += record.data.get("organisations", [])
    names += [t["term"] for t in record.data.get("translations", [])]
    out: list[str] = []
    for name in names:
        name = str(name or "").strip()
        if name and name not in out:
            out.append(name)
    return out
