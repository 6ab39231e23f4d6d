"""Render stage: hand-outs, the printed summary of a record page.

A practice or an instrument prints on one A4 page: its summary, facts at a glance (contact
included), evidence, its permanent address and a QR code of that address. A meeting prints on two:
its facts, key findings, recommendations and follow-up material, newest first.

A hand-out is a mode of the record's own page, not a page of its own, which would double the pages
a build writes (`make bench` weighs every one). The page has a "Print summary" link to
``#print-summary`` and, at its end, a block with that id, hidden on screen. While the page's address
ends in ``#print-summary``, the stylesheets show only the page's title, summary and facts and that
block, as a preview on screen (catalogue.css) and laid out for A4 in print (print.css); CSS
``:target`` and ``:has()`` do it, so Ctrl+P alone prints the hand-out. ``handout.js`` makes the
link print at once.

Without a site URL the build knows no address to put in a QR code, and none is made in the browser
(no online service, no script): the hand-out shows the address the page was opened at
(addresses.py) and says why there is no code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..check.catalogue import Catalogue
from ..load.interface_strings import strings
from ..load.records import Record
from ..schemas import FieldInfo
from ..urls import Linker
from . import views
from .citation import CATALOGUE_NAME
from .markup import TextRenderer, date_of
from .qr_code import qr_svg

if TYPE_CHECKING:
    from .record_page import RecordPage

ANCHOR = "print-summary"  # the hand-out's id, written in templates/handout.html and handout_link.html
# What a kind's hand-out holds besides the page's title, summary and box, and how its link reads, is
# declared in its schema: x-kind.handout = {"fields": [...], "link": "Print summary"}.
# For organisers, the preview, never the print; in the build's language (interface_strings.yml).
NO_QR_CODE = strings("en")["handout"]["no_site_address"]
SUMMARIES_UP_TO = 6  # a list of records on a hand-out shows their summaries up to this many, else titles


class Handout:
    """The hand-out of record pages, as a view model (``views.Handout``); the record page's template
    includes ``handout_link.html`` and ``handout.html`` for it."""

    def __init__(self, catalogue: Catalogue, linker: Linker, text: TextRenderer, page: RecordPage):
        """``page`` gives the values of fields as the record page shows them (a rating, follow-up material)."""
        self.catalogue = catalogue
        self.linker = linker
        self.text = text
        self.page = page

    def view(self, record: Record, address: views.Address) -> views.Handout | None:
        """The hand-out of a record (None for a kind without one)."""
        handout = self.catalogue.schemas.kinds[record.kind].handout
        if not handout:
            return None
        fields = self.catalogue.schemas.fields[record.kind]
        parts = tuple(views.HandoutPart(fields[name].title, self._value(record, fields[name], record.data[name]))
                      for name in handout["fields"] if name in record.data and name in fields)
        reviewed = record.data[self.catalogue.schemas.page_fields.reviewed]
        words = self.page.words["handout"]
        code = Markup(qr_svg(address.url, words["qr_code_label"].format(url=address.url))) if address.url else None
        return views.Handout(link_label=str(handout["link"]), back=self.linker.href(record.src, record.src),
                             parts=parts, address=address, reviewed=date_of(str(reviewed)),
                             catalogue_name=CATALOGUE_NAME, qr_svg=code, no_qr_code=words["no_site_address"])

    def _value(self, record: Record, info: FieldInfo, value: Any) -> views.Value:
        if info.references:
            targets = [self.catalogue.by_id[i] for i in (value if isinstance(value, list) else [value])]
            return self.page.record_list(record.src, targets, with_summaries=len(targets) <= SUMMARIES_UP_TO)
        if info.format:
            return self.page.formats[info.format](record, info, value)
        return views.Rendered(Markup(self.text.block(str(value))), str(value))
