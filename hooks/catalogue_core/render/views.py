"""Render stage: view models, what a page says as plain frozen dataclasses.

``render/`` builds these from records and schemas; the templates in ``templates/`` decide how they
look, and search and hand-outs read their text from them. Each value class names its ``shape``,
which the ``value`` macro (templates/values.html) dispatches on. Record text that ``markup``
rendered and sanitised arrives as ``markupsafe.Markup``; every other string is plain text, escaped
by the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from markupsafe import Markup

# --- small parts, shared by several values ------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A link when ``href`` is set (a record's page, a safe web address), else the text alone."""

    text: str
    href: str | None


@dataclass(frozen=True)
class Address:
    """A page's permanent address as the page shows it (addresses.PageAddress)."""

    url: str | None  # absolute, when the build knows the site's address
    path: str  # site-relative, filled in by page-address.js when ``url`` is None
    href: str  # a link to the page from itself


@dataclass(frozen=True)
class Date:
    iso: str  # as the record has it: 2021, 2021-12 or 2021-12-10
    shown: str  # 10 December 2021


# --- values: what a field shows, by its format ---------------------------------------------------


@dataclass(frozen=True)
class Plain:
    shape: ClassVar[str] = "plain"
    text: str


@dataclass(frozen=True)
class Rendered:
    """Record Markdown rendered and sanitised by ``markup.TextRenderer``."""

    shape: ClassVar[str] = "rendered"
    html: Markup
    text: str  # the same, as plain text (for search)


@dataclass(frozen=True)
class DateValue:
    shape: ClassVar[str] = "date"
    date: Date


@dataclass(frozen=True)
class Links:
    """Links to records or addresses, one after the other, separated by commas."""

    shape: ClassVar[str] = "links"
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Countries:
    shape: ClassVar[str] = "countries"
    countries: tuple[tuple[str, str], ...]  # (name, ISO 3166-1 code)


@dataclass(frozen=True)
class Translations:
    shape: ClassVar[str] = "translations"
    terms: tuple[tuple[str, str], ...]  # (language, term)


@dataclass(frozen=True)
class Contacts:
    """Contact text, its web and e-mail addresses and phone numbers as links, one ``Link`` per piece."""

    shape: ClassVar[str] = "contacts"
    pieces: tuple[Link, ...]


@dataclass(frozen=True)
class OriginalName:
    shape: ClassVar[str] = "original-name"
    lang: str
    name: str


@dataclass(frozen=True)
class Badge:
    """A rated value (an evidence level, a suitability); ``value`` names it in the CSS class."""

    shape: ClassVar[str] = "badge"
    value: str
    label: str
    href: str | None = None


@dataclass(frozen=True)
class Rating:
    shape: ClassVar[str] = "rating"
    label: str | None
    notes: tuple[Rendered, ...]


@dataclass(frozen=True)
class Publication:
    shape: ClassVar[str] = "publication"
    link: Link
    publisher: str
    date: Date
    note: Rendered | None


@dataclass(frozen=True)
class FollowUpItem:
    link: Link
    type_label: str
    date: Date
    added: Date
    note: Rendered | None


@dataclass(frozen=True)
class FollowUp:
    """Dated material, newest first, grouped by type in the vocabulary's order."""

    shape: ClassVar[str] = "follow-up"
    feed: str | None  # the list's Atom feed, relative to the page
    groups: tuple[tuple[str, tuple[FollowUpItem, ...]], ...]  # (type's label, items)

    @property
    def items(self) -> tuple[FollowUpItem, ...]:
        """Every item in one list, newest first, A to Z within a date (the hand-out's list)."""
        every = sorted((item for _, items in self.groups for item in items), key=lambda i: i.link.text)
        return tuple(sorted(every, key=lambda i: i.date.iso, reverse=True))


@dataclass(frozen=True)
class Perspectives:
    shape: ClassVar[str] = "perspectives"
    parts: tuple[tuple[str, Rendered], ...]  # (title, text)


@dataclass(frozen=True)
class Bullets:
    shape: ClassVar[str] = "bullets"
    items: tuple[Rendered, ...]


@dataclass(frozen=True)
class Excerpt:
    """A long text in the at-a-glance box: its first sentence and a link to the whole section."""

    shape: ClassVar[str] = "excerpt"
    sentence: str
    href: str
    more: str  # "More on who may use it"


@dataclass(frozen=True)
class ListedRecord:
    link: Link
    summary: Rendered | None  # inline
    relations: tuple[str, ...] = ()  # how it is linked, where a group does not say so in its heading


@dataclass(frozen=True)
class RecordList:
    shape: ClassVar[str] = "records"
    records: tuple[ListedRecord, ...]
    numbered: bool  # every record is of a kind whose records are numbered (x-kind.numbered)


Value = (Plain | Rendered | DateValue | Links | Countries | Translations | Contacts | OriginalName | Badge | Rating
         | Publication | FollowUp | Perspectives | Bullets | Excerpt | RecordList)


# --- page parts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """A labelled value: a row of the at-a-glance box or of the facts."""

    label: str
    value: Value
    lang: str | None = None  # the value's language, where it is not the page's


@dataclass(frozen=True)
class Box:
    """A note or a warning near the top of a page (Material's admonition classes)."""

    style: str  # "note" or "warning"
    title: str
    body: Rendered
    lang: str | None = None  # the body's language, where it is not the page's


@dataclass(frozen=True)
class Section:
    heading: str
    value: Value
    searched: bool
    lang: str | None = None
    rest: Rendered | None = None  # a long text's blocks after the first, folded under "More on ..."


@dataclass(frozen=True)
class ConnectionGroup:
    heading: str  # the kind's name, or how every record of the group is linked ("Practices that use it")
    records: tuple[ListedRecord, ...]


@dataclass(frozen=True)
class Source:
    link: Link
    supports: str | None
    quote: str | None  # the source's own words, in its language
    mirror_of: str | None  # the original's citation, when the address is a copy


@dataclass(frozen=True)
class SourceLabels:
    """How the sources' optional parts are labelled: the titles the schema gives them."""

    quote: str
    mirror_of: str


@dataclass(frozen=True)
class Citation:
    """A citation with the page's address in it: ``before`` + address + ``after``."""

    before: str
    after: str


@dataclass(frozen=True)
class HandoutPart:
    heading: str
    value: Value


@dataclass(frozen=True)
class Handout:
    link_label: str  # "Print summary"
    back: str  # the page itself, relative
    parts: tuple[HandoutPart, ...]
    address: Address
    reviewed: Date
    catalogue_name: str
    qr_svg: Markup | None  # segno's drawing of ``address.url``, when the build knows it
    no_qr_code: str  # why there is none


@dataclass(frozen=True)
class ShareBox:
    heading: str
    address: Address
    title: str
    about: str  # the record in one line: "Example series, online, 10 December 2021"
    holds: str  # what the page holds: "key findings, recommendations, ..."


@dataclass(frozen=True)
class RecordView:
    """Everything a record page says, in the order it says it."""

    id: str
    title: str
    kind_name: str
    kind_names: str
    kind_index: str  # link to the kind's index, from the page
    badges: tuple[Badge, ...]
    summary: Rendered
    notices: tuple[Box, ...]
    glance: tuple[Row, ...]
    facts: tuple[Row, ...]
    share: ShareBox | None
    warnings: tuple[Box, ...]
    about: tuple[Box, ...]  # the editors' notes (x-place "about"), folded at the end under one heading
    sections: tuple[Section, ...]  # the kind's own sections, then lists of linked records
    connections: tuple[ConnectionGroup, ...]
    sources: tuple[Source, ...]
    source_labels: SourceLabels
    sources_heading: str
    citation: Citation
    bibtex: Citation
    address: Address
    reviewed: Date
    reviewed_label: str
    handout: Handout | None
    plan: Link | None = None  # the link to the assessment planner, on the pages of the kind it weighs


@dataclass(frozen=True)
class SearchText:
    """What a page gives search: its text (blocks joined by " · ", a label and its value by ": "), the
    text of its headings, and the part of its text in German (stemmed as German), all plain."""

    text: str
    headings: str
    german: str = ""


@dataclass(frozen=True)
class FilterOption:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class FilterGroup:
    """One facet's checkboxes: ``param`` is its name in the URL query (a public contract)."""

    param: str
    title: str
    options: tuple[FilterOption, ...]


@dataclass(frozen=True)
class SortOrder:
    key: str
    label: str  # "Evidence level (strongest first)"
    order: str  # "asc" or "desc"


@dataclass(frozen=True)
class IndexEntry:
    id: str
    href: str
    name: str  # the title, with the acronym where the title lacks it
    original: str | None  # the name in its own language
    badges: tuple[Badge, ...]
    summary: Rendered
    definitions: tuple[Rendered, ...]
    facts: tuple[tuple[str, str], ...]  # (facet's title, its values' labels)
    filters: tuple[tuple[str, str], ...]  # (URL parameter, the values separated by spaces)
    sort_keys: tuple[tuple[str, str], ...]  # (sort key, the value it sorts by)


@dataclass(frozen=True)
class IndexView:
    kind: str
    title: str  # the kind's plural name
    intro: str
    count: str  # "3 practices"
    filters: tuple[FilterGroup, ...]
    sorts: tuple[SortOrder, ...]
    compare: str | None  # the kind's comparison page, for a kind with an at-a-glance box
    compare_max: int
    entries: tuple[Markup, ...]  # each written by templates/index_entry.html
    shared: tuple[Row, ...] = ()  # values every record of the kind has, said here instead of on each page


@dataclass(frozen=True)
class ComparePage:
    title: str
    names: str  # the kind's plural name
    kind: str  # the kind, whose names compare.js reads from the interface strings
    index: str  # link to the kind's index
    data: str  # link to the comparison's data (compare.js)
    max: int
