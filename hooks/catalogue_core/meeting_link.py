"""Render stage: the "Link to this meeting" box on a meeting's page, for organisers.

Organisers send participants the meeting's page. The box gives its permanent address with a copy
button, and a snippet to paste into an e-mail, as plain text and as HTML (for e-mail programs that
take HTML), each with its own copy button (copy-link.js). Without a site URL the address in all
three is the one the page was opened at, filled in by page-address.js (addresses.py).
"""

from __future__ import annotations

from .addresses import PageAddress
from .markup import escape, format_date
from .records import Record
from .schemas import Schemas
from .urls import Linker, record_src

WHAT_THE_PAGE_HOLDS = "key findings, recommendations, practices and follow-up material"


def link_box(record: Record, linker: Linker, schemas: Schemas) -> list[str]:
    """The box as Markdown lines: for a meeting only."""
    if record.kind != "meeting":
        return []
    address = PageAddress(linker, record_src(record.kind, record.id))
    about = _about(record, schemas)
    plain = (f"{escape(record.title)}\n{escape(about)}\n"
             f"{escape(WHAT_THE_PAGE_HOLDS.capitalize())}: {address.text_html()}")
    # The HTML snippet as text: its own markup escaped once more, the address still filled in by the browser.
    html = (f"&lt;p&gt;&lt;a href=&quot;{address.text_html()}&quot;&gt;{escape(escape(record.title))}&lt;/a&gt;"
            f"&lt;br&gt;{escape(escape(about))}: {escape(WHAT_THE_PAGE_HOLDS)}.&lt;/p&gt;")
    return [
        '<div class="admonition info lac-share" data-search-exclude>'
        '<p class="admonition-title">Link to this meeting</p>'
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


def _about(record: Record, schemas: Schemas) -> str:
    """The meeting in one line: its series, how and when it was held."""
    parts = [str(record.data["series"])] if record.data.get("series") else []
    if record.data.get("format"):
        label = schemas.label(record.kind, "format", str(record.data["format"]))
        parts.append(label[:1].lower() + label[1:])
    if record.data.get("date"):
        parts.append(format_date(str(record.data["date"])))
    return ", ".join(parts) or "Meeting"
