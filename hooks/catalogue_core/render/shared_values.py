"""Render stage: values that every record of a kind shares, said once on the kind's index.

When all 39 practices are "Related to the meeting's themes (not confirmed as presented)" and all
link the same meeting, repeating that on every page tells the reader nothing about the page and
makes every page longer. A field is shared when every record of a kind with more than
``SHARED_FROM`` records has it with the same value; such a field leaves the record pages and the
kind's index says it once. Fields with a place of their own on every page (``frame``), hidden
fields, the at-a-glance box, ratings and sections of running text are never moved: those are
what a page is about, even where they happen to agree.
"""

from __future__ import annotations

from typing import Any

from ..check.catalogue import Catalogue

SHARED_FROM = 3  # a kind with this many records or fewer keeps every value on its pages
_NEVER_MOVED = ("frame", "hidden", "section", "links", "digest", "connections", "about")


def shared_values(catalogue: Catalogue, kind: str) -> dict[str, Any]:
    """Field name -> the value every record of ``kind`` has, for the fields that move to the index."""
    records = catalogue.of_kind(kind)
    if len(records) <= SHARED_FROM:
        return {}
    schemas = catalogue.schemas
    declared = schemas.kinds[kind]
    shared = {}
    for name, info in schemas.fields[kind].items():
        if info.place in _NEVER_MOVED or name in declared.glance or schemas.rated(kind, info):
            continue
        values = [record.data.get(name) for record in records]
        if values[0] is not None and all(value == values[0] for value in values):
            shared[name] = values[0]
    return shared
