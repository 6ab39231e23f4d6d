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

from collections.abc import Callable
from typing import Any

from ..check.catalogue import Catalogue
from ..load.records import Record
from ..schemas import FieldInfo
from ..urls import Linker
from .addresses import PageAddress
from .citation import CATALOGUE_NAME
from .markup import TextRenderer, escape, format_date, safe_href, time_element
from .qr_code import qr_svg

ANCHOR = "print-summary"
# What a kind's hand-out holds besides the page's title, summary and box, and how its link reads, is
# declared in its schema: x-kind.handout = {"fields": [...], "link": "Print summary"}.
SUMMARIES_UP_TO = 6  # a list of records on a hand-out shows their summaries up to this many, else titles
NO_QR_CODE = ("No QR code: this copy of the catalogue was built without its web address, so it could not "
              "know which address to put in one.")

Renderer = Callable[[Record, FieldInfo, Any], str]


class Handout:
    """The "Print summary" link and the hand-out block of record pages."""

    def __init__(self, catalogue: Catalogue, linker: Linker, text: TextRenderer, formats: dict[str, Renderer]):
        """``formats`` are the record page's renderers by ``x-format`` (a rating, follow-up material)."""
        self.catalogue = catalogue
        self.linker = linker
        self.text = text
        self.formats = formats

    def link(self, record: Record) -> list[str]:
        """The page's "Print summary" link, and the bar the summary's preview on screen starts with, as
        Markdown lines (none for a kind without a hand-out)."""
        handout = self.catalogue.schemas.kinds[record.kind].handout
        if not handout:
            return []
        label = handout["link"]
        src = record.src
        back = self.linker.href(src, src)  # this page, relative: a local copy stays local
        return [f'<p class="lac-page-actions" data-search-exclude><a class="lac-print-summary" href="#{ANCHOR}">'
                f"{escape(label)}</a></p>", "",
                f'<p class="lac-handout-bar" data-search-exclude>Summary for printing. <button type="button" '
                f'class="lac-print-now" hidden>Print</button> <a href="{escape(back)}">Back to the full page</a></p>',
                ""]

    def block(self, record: Record) -> list[str]:
        """The hand-out block, as Markdown lines (none for a kind without a hand-out)."""
        handout = self.catalogue.schemas.kinds[record.kind].handout
        if not handout:
            return []
        address = PageAddress(self.linker, record.src)
        fields = self.catalogue.schemas.fields[record.kind]
        parts = []
        for name in handout["fields"]:
            if name in record.data and name in fields:
                info = fields[name]
                title = escape(info.title)
                parts.append(f'<div class="lac-handout-part"><p class="lac-handout-heading">{title}</p>'
                             f"{self._field(record, info, record.data[name])}</div>")
        parts.append(self._address(record, address))
        return [f'<div class="lac-handout" id="{ANCHOR}" data-search-exclude>{"".join(parts)}</div>', ""]

    def _field(self, record: Record, info: FieldInfo, value: Any) -> str:
        if info.references:
            ids = value if isinstance(value, list) else [value]
            return self._records([self.catalogue.by_id[i] for i in ids], record)
        if info.format == "follow-up":
            return self._links(record, info, value)
        if info.format:
            return self.formats[info.format](record, info, value)
        return self.text.block(str(value))

    def _records(self, targets: list[Record], record: Record) -> str:
        with_summary = len(targets) <= SUMMARIES_UP_TO
        items = []
        for target in targets:
            href = escape(self.linker.href(record.src, target.src))
            summary = f' <span class="lac-summary">{self.text.inline(target.data["summary"])}</span>' \
                if with_summary else ""
            items.append(f'<li><a href="{href}">{escape(target.title)}</a>{summary}</li>')
        tag = "ol" if targets and all(t.kind == "finding" for t in targets) else "ul"
        return f'<{tag} class="lac-handout-list">{"".join(items)}</{tag}>'

    def _links(self, record: Record, info: FieldInfo, groups: list[dict[str, Any]]) -> str:
        """Titled links (follow-up material), newest first, each with its kind and date."""
        item_schema = self.catalogue.schemas.resolve(info.schema.get("items", {}), f"{record.kind}.json")
        type_labels: dict[str, str] = item_schema.get("properties", {}).get("type", {}).get("x-labels", {})
        items = []
        for group in sorted(sorted(groups, key=lambda g: str(g.get("title", ""))),
                            key=lambda g: str(g.get("date", "")), reverse=True):
            href = safe_href(str(group["url"]))
            title = escape(group.get("title", group["url"]))
            link = f'<a href="{escape(href)}">{title}</a>' if href else title
            about = [type_labels.get(str(group["type"]), str(group["type"]))] if "type" in group else []
            about += [format_date(str(group["date"]))] if "date" in group else []
            meta = f' <span class="lac-handout-meta">({escape(", ".join(about))})</span>' if about else ""
            items.append(f"<li>{link}{meta}</li>")
        return f'<ul class="lac-handout-list">{"".join(items)}</ul>'

    def _address(self, record: Record, address: PageAddress) -> str:
        code = (qr_svg(address.url, f"QR code of this page's address, {address.url}") if address.url
                else f'<p class="lac-handout-no-qr">{escape(NO_QR_CODE)}</p>')
        return (f'<div class="lac-handout-address"><div><p class="lac-handout-heading">Permanent link</p>'
                f'<p class="lac-handout-url">{address.text_html()}</p>'
                f'<p class="lac-handout-source">From the {escape(CATALOGUE_NAME)}, last reviewed '
                f'{time_element(str(record.data["reviewed"]))}. The full page also lists the sources and what '
                f"is uncertain. Text: CC BY 4.0.</p></div>{code}</div>")
