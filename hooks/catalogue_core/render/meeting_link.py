"""Render stage: the "Link to this meeting" box on a meeting's page, for organisers (any kind whose
schema declares ``x-kind.share``: its heading, the fields that say what the record is, what its page
holds).

Organisers send participants the meeting's page. The box gives its permanent address with a copy
button, and a snippet to paste into an e-mail, as plain text and as HTML (for e-mail programs that
take HTML), each with its own copy button (copy-link.js). Without a site URL the address in all
three is the one the page was opened at, filled in by page-address.js (addresses.py).
"""

from __future__ import annotations

from ..load.records import Record
from ..schemas import Schemas
from ..urls import Linker
from .addresses import PageAddress
from .markup import escape, format_date


def link_box(record: Record, linker: Linker, schemas: Schemas) -> list[str]:
    """The box as Markdown lines, for a kind that declares one."""
    share = schemas.kinds[record.kind].share
    if not share:
        return []
    address = PageAddress(linker, record.src)
    about = _about(record, schemas, share["about"]) or schemas.kinds[record.kind].name
    holds = str(share["holds"])
    plain = (f"{escape(record.title)}\n{escape(about)}\n"
             f"{escape(holds[:1].upper() + holds[1:])}: {address.text_html()}")
    # The HTML snippet as text: its own markup escaped once more, the address still filled in by the browser.
    html = (f"&lt;p&gt;&lt;a href=&quot;{address.text_html()}&quot;&gt;{escape(escape(record.title))}&lt;/a&gt;"
            f"&lt;br&gt;{escape(escape(about))}: {escape(holds)}.&lt;/p&gt;")
    return [
        '<div class="admonition info lac-share" data-search-exclude>'
        f'<p class="admonition-title">{escape(share["heading"])}</p>'
        f"<p>Permanent address: {address.link_html()}</p>"
        "<details><summary>Text for an e-mail to participants</summary>"
        '<p>Plain text <button type="button" class="lac-copy" data-copy-from="lac-share-text" hidden>'
        "Copy text</button></p>"
        f'<pre><code id="lac-share-text">{plain}</code></pre>'
        '<p>HTML, for e-mail programs that take it <button type="button" class="lac-copy" '
        'data-copy-from="lac-share-html" hidden>Copy HTML</button></p>'
        f'<pre><code id="lac-share-html">{html}</code></pre></details></div>',
        "",
    ]


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
