"""Render stage: the share box on a meeting's page ("Link to this meeting"), for organisers: any kind
whose schema declares ``x-kind.share`` (its heading, the fields that say what the record is, what
its page holds) gets one, as a view model; ``templates/share_box.html`` writes it.

Organisers send participants the meeting's page. The box gives its permanent address with a copy
button, and a snippet to paste into an e-mail, as plain text and as HTML (for e-mail programs that
take HTML), each with its own copy button (copy-link.js). Without a site URL the address in all
three is the one the page was opened at, filled in by page-address.js (addresses.py).
"""

from __future__ import annotations

from ..load.records import Record
from ..schemas import Schemas
from . import views
from .markup import format_date


def share_box(record: Record, schemas: Schemas, address: views.Address) -> views.ShareBox | None:
    """The box, for a kind that declares one."""
    share = schemas.kinds[record.kind].share
    if not share:
        return None
    about = _about(record, schemas, share["about"]) or schemas.kinds[record.kind].name
    return views.ShareBox(str(share["heading"]), address, record.title, about, str(share["holds"]))


def _about(record: Record, schemas: Schemas, fields: list[str]) -> str:
    """The record in one line, from the fields its kind names (a meeting: its series, format, date);
    vocabulary values by their labels, dates written out."""
    parts = []
    for name in fields:
        value = record.data.get(name)
        if not value:
            continue
        info = schemas.fields[record.kind][name]
        if info.schema.get("format") == "date":
            parts.append(format_date(str(value)))
        elif info.labels:
            label = info.labels.get(str(value), str(value))
            parts.append(label[:1].lower() + label[1:] if parts else label)
        else:
            parts.append(str(value))
    return ", ".join(parts)
