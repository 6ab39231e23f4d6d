"""One record -> its view model (``views.RecordView``) -> the Markdown of its page, and its text for search.

Which field goes where follows the kind's schema (``x-kind.glance`` for the at-a-glance box,
``x-place`` and ``x-format`` per field), so a new field shows up on the page without code here, as
a fact (short values) or a section (Markdown text). How it looks is the templates' business
(``templates/record_page.md`` and the parts it includes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from markdown.extensions.toc import slugify
from markupsafe import Markup

from ..check.catalogue import Catalogue, Link
from ..load.records import Record
from ..schemas import FieldInfo
from ..urls import Linker, index_src
from . import views
from .addresses import MARK, PageAddress
from .citation import bibtex, plain_citation
from .handout import Handout
from .languages import GERMAN, original_name_language
from .markup import TextRenderer, date_of, first_sentence, plain_text, safe_href
from .plan_link import plan_link
from .share_box import share_box
from .shared_values import shared_values
from .templates import Templates

# A section of running text this long or longer shows its first block and folds the rest.
FOLD_FROM = 600

class RecordPage:
    """Renders the pages of one catalogue for one URL style.

    Where each field goes follows its schema (``FieldInfo.place``, ``FieldInfo.format``); the
    schemas are checked before this runs, so every place and format named there is one this
    class can show (``schemas.PLACES``, ``schemas.FORMATS``), with the keys each format needs
    (``schemas.FORMAT_KEYS``).
    """

    def __init__(self, catalogue: Catalogue, linker: Linker, text: TextRenderer, templates: Templates):
        self.catalogue = catalogue
        self.schemas = catalogue.schemas
        self.linker = linker
        self.text = text
        self.templates = templates
        self.formats: dict[str, Callable[[Record, FieldInfo, Any], views.Value]] = {
            "bullets": self._bullets,
            "rating": self._rating,
            "publication": self._publication,
            "follow-up": self._follow_up,
            "perspectives": self._perspectives,
            "country": self._countries,
            "translations": self._translations,
            "link": self._contacts,
            "original-name": self._original_name,
        }
        self.handout = Handout(catalogue, linker, text, self)
        self._shared: dict[str, dict[str, Any]] = {}  # per kind: values said once, on the index
        self._page = templates.get("record_page.md")
        self.words, self.noun, self.language = templates.words, templates.noun, templates.language
        self._value = templates.macro("values.html", "value")
        self._labels_of_sources: dict[str, views.SourceLabels] = {}  # per kind

    # --- the page -------------------------------------------------------------------------

    def markdown(self, record: Record) -> str:
        return self.render(self.view(record))

    def render(self, view: views.RecordView) -> str:
        return self._page.render(page=view)

    def view(self, record: Record) -> views.RecordView:
        src = record.src
        kind = self.schemas.kinds[record.kind]
        fields = self.schemas.fields[record.kind]
        badges = [self._badge(record, fields[name], src) for name in kind.glance
                  if name in record.data and self.schemas.rated(record.kind, fields[name])]
        glance = [row for name in kind.glance for row in self._glance_row(record, name, src)]
        facts: list[views.Row] = []
        notices: list[views.Box] = []  # before the facts: what the record is based on
        warnings: list[views.Box] = []  # after the facts: what is uncertain
        sections: list[views.Section] = []
        link_sections: list[views.Section] = []
        connections: list[tuple[Record, str]] = []  # (linked record, how it is linked)
        shown_links: set[str] = set()
        editorial: list[views.Box] = []  # at the end, folded: the editors' notes on the record
        if record.kind not in self._shared:  # once per kind: it reads every record of the kind
            self._shared[record.kind] = shared_values(self.catalogue, record.kind)
        shared = self._shared[record.kind]
        for name, info in fields.items():
            if info.place in ("frame", "hidden") or name not in record.data or name in shared:
                continue
            value = record.data[name]
            in_glance = name in kind.glance
            if info.references:
                targets = self._targets(value)
                shown_links.update(t.id for t in targets)
                if in_glance:
                    continue
                if info.place == "connections":
                    connections += [(t, "") for t in targets]  # "see also" needs no words in Connections
                elif info.place in ("links", "digest"):
                    # Lists of other records stay out of the search index: they would make every page
                    # that links VERA-2R compete with VERA-2R's own page for its name. Their titles
                    # only, unless declared a digest (the meeting's findings): a summary repeated on
                    # every page that links the record is read once, on its own page.
                    listed = self.record_list(src, targets, with_summaries=info.place == "digest")
                    link_sections.append(views.Section(info.title, listed, searched=False))
                else:
                    facts.append(views.Row(info.title, self._record_links(src, targets)))
            elif in_glance and info.place not in ("section", "notice", "warning"):
                continue  # shown in the box; a section stays below it, with the whole text
            elif info.place == "notice":
                notices.append(views.Box("note", info.title, self._block(str(info.labels.get(str(value), value))),
                                         None if str(value) in info.labels else info.lang))
            elif info.place == "warning":
                warnings.append(views.Box("warning", info.title, self._block(str(value)), info.lang))
            elif info.place == "about":
                text = str(info.labels.get(str(value), value))
                editorial.append(views.Box("note", info.title, self._block(text),
                                           None if str(value) in info.labels else info.lang))
            elif info.place == "section":
                lead, rest = self._lead_and_rest(info, value)
                if rest is not None:
                    sections.append(views.Section(info.title, self._block(lead), info.searched, info.lang,
                                                  rest=self._block(rest)))
                else:
                    sections.append(views.Section(info.title, self._section_value(record, info, value),
                                                  info.searched, info.lang))
            else:
                facts.append(views.Row(info.title, self.fact_value(record, info, value), info.lang))

        listed_in_glance = {link.source.id for link in self.catalogue.backlinks.get(record.id, [])
                            if f"{link.source.kind}.{link.field}" in kind.glance}
        connections += self._backlinks(record, (shown_links | listed_in_glance) - {r.id for r, _ in connections})
        address = self._address(src)
        about = self.catalogue.author_of(record)
        page_fields = self.schemas.page_fields
        return views.RecordView(
            id=record.id, title=record.title, kind_name=kind.name, kind_names=kind.names,
            kind_index=self.linker.href(src, index_src(record.plural)), badges=tuple(badges),
            summary=self._inline(record.data[page_fields.summary]), notices=tuple(notices), glance=tuple(glance),
            facts=tuple(facts), share=share_box(record, self.schemas, address), warnings=tuple(warnings),
            about=tuple(editorial),
            sections=tuple(sections + link_sections), connections=self._connections(src, connections),
            sources=tuple(self._sources(record)), source_labels=self._source_labels(record.kind),
            sources_heading=fields[page_fields.sources].title,
            citation=_citation(plain_citation(record, MARK, about)), bibtex=_citation(bibtex(record, MARK, about)),
            address=address, reviewed=date_of(str(record.data[page_fields.reviewed])),
            reviewed_label=fields[page_fields.reviewed].title, handout=self.handout.view(record, address),
            plan=plan_link(self.catalogue, self.linker, record),
        )

    def search_text(self, view: views.RecordView) -> views.SearchText:
        """What the page gives search: its summary, box, facts, notes and the sections it searches (with
        their headings); never its lists of other records, sources or citation, which would make every
        page that names a record compete with the record's own page."""
        # On a German page the summary is German (languages.py): search weighs it as German there.
        german = [view.summary.text] if self.language == GERMAN else []
        blocks = [] if german else [view.summary.text]
        blocks += [part for box in view.notices for part in (box.title, box.body.text)]
        blocks += [f"{row.label}: {value_text(row.value)}" for row in view.glance + view.facts]
        blocks += [part for box in view.warnings + view.about for part in (box.title, box.body.text)]
        headings = []
        for section in view.sections:
            if section.searched:
                headings.append(section.heading)
                if isinstance(section.value, views.FollowUp):  # its groups' headings
                    headings += [label for label, _ in section.value.groups]
                blocks += [section.heading, value_text(section.value)]
                blocks += [section.rest.text] if section.rest else []
        return views.SearchText(" · ".join(" ".join(b.split()) for b in blocks if b.strip()), " ".join(headings),
                                " · ".join(" ".join(b.split()) for b in german))

    @staticmethod
    def _lead_and_rest(info: FieldInfo, value: Any) -> tuple[str, str | None]:
        """A long text (``FOLD_FROM`` characters or more, in more than one block) splits into its first
        block, shown, and the rest, folded: the page stays short and loses nothing."""
        text = str(value)
        if not info.is_markdown or info.is_list or info.format or len(text) < FOLD_FROM:
            return text, None
        lead, _, rest = text.strip().partition("\n\n")
        while lead.rstrip().endswith(":") and rest.strip():  # an introduction keeps what it introduces
            more, _, rest = rest.partition("\n\n")
            lead = f"{lead}\n\n{more}"
        return (lead, rest) if rest.strip() and len(lead) < len(text) * 0.7 else (text, None)

    def _section_value(self, record: Record, info: FieldInfo, value: Any) -> views.Value:
        if info.format:
            return self.formats[info.format](record, info, value)
        if info.is_markdown:
            return self._block(value)
        return self.fact_value(record, info, value)

    # --- values ---------------------------------------------------------------------------

    def _block(self, text: str) -> views.Rendered:
        return views.Rendered(Markup(self.text.block(text)), plain_text(text))

    def _inline(self, text: str) -> views.Rendered:
        return views.Rendered(Markup(self.text.inline(text)), plain_text(text))

    def _address(self, src: str) -> views.Address:
        address = PageAddress(self.linker, src)  # with or without SITE_URL
        return views.Address(address.url, address.path, address.href)

    def _targets(self, value: Any) -> list[Record]:
        return [self.catalogue.by_id[i] for i in (value if isinstance(value, list) else [value])]

    def record_link(self, src: str, target: Record) -> views.Link:
        return views.Link(target.title, self.linker.href(src, target.src))

    def _record_links(self, src: str, targets: list[Record]) -> views.Links:
        return views.Links(tuple(self.record_link(src, t) for t in targets))

    def record_list(self, src: str, targets: list[Record], with_summaries: bool = True) -> views.RecordList:
        kinds = self.schemas.kinds
        return views.RecordList(
            tuple(views.ListedRecord(self.record_link(src, t), self._inline(t.data[self.schemas.page_fields.summary])
                                     if with_summaries else None) for t in targets),
            numbered=bool(targets) and all(kinds[t.kind].numbered for t in targets))

    def fact_value(self, record: Record, info: FieldInfo, value: Any) -> views.Value:
        if info.format:
            return self.formats[info.format](record, info, value)
        values = value if isinstance(value, list) else [value]
        if info.labels:
            return views.Plain(", ".join(str(info.labels.get(str(v), v)) for v in values))
        if info.schema.get("format") == "date":
            return views.DateValue(date_of(str(value)))
        return views.Plain(", ".join(map(str, values)))

    def _bullets(self, record: Record, info: FieldInfo, values: list[str]) -> views.Value:
        return views.Bullets(tuple(self._inline(v) for v in values))

    def _countries(self, record: Record, info: FieldInfo, value: list[str] | str) -> views.Value:
        values = value if isinstance(value, list) else [value]
        return views.Countries(tuple((str(info.labels.get(v, v)), v) for v in values))

    def _translations(self, record: Record, info: FieldInfo, value: list[dict[str, str]]) -> views.Value:
        return views.Translations(tuple((t["language"], t["term"]) for t in value))

    def _contacts(self, record: Record, info: FieldInfo, value: list[str] | str) -> views.Value:
        values = value if isinstance(value, list) else [value]
        pieces: list[views.Link] = []
        for index, text in enumerate(values):
            if index:
                pieces.append(views.Link(", ", None))
            pieces += contact_pieces(str(text))
        return views.Contacts(tuple(pieces))

    def _original_name(self, record: Record, info: FieldInfo, value: str) -> views.Value:
        return views.OriginalName(original_name_language(record, self.schemas), value)

    def _rating(self, record: Record, info: FieldInfo, value: dict[str, Any]) -> views.Value:
        """An object with one labelled value (the rating) and Markdown text (what it rests on)."""
        rated = self.schemas.rated(record.kind, info)
        label: str | None = None
        notes = []
        for key, schema in info.schema.get("properties", {}).items():
            if key not in value:
                continue
            if rated and key == rated[0]:
                label = str(rated[1]["x-labels"].get(value[key], value[key]))
                continue
            schema = self.schemas.resolve(schema, f"{record.kind}.json")
            if schema.get("contentMediaType") == "text/markdown" or schema.get("type") == "string":
                notes.append(self._block(value[key]))
        return views.Rating(label, tuple(notes))

    def _publication(self, record: Record, info: FieldInfo, value: dict[str, Any]) -> views.Value:
        return views.Publication(views.Link(value["title"], safe_href(value["url"])), value["publisher"],
                                 date_of(value["date"]), self._block(value["note"]) if "note" in value else None)

    def _follow_up(self, record: Record, info: FieldInfo, items: list[dict[str, Any]]) -> views.Value:
        feed_path = self.catalogue.feed_path_of(record)
        feed = self.linker.file_href(record.src, feed_path) if feed_path else None
        labels = self.schemas.resolve(info.schema["items"], f"{record.kind}.json")["properties"]
        type_labels = labels["type"].get("x-labels", {})
        by_type: dict[str, list[views.FollowUpItem]] = {}
        newest_first = sorted(sorted(items, key=lambda i: i["title"]), key=lambda i: i["date"], reverse=True)
        for item in newest_first:
            by_type.setdefault(item["type"], []).append(views.FollowUpItem(
                views.Link(item["title"], safe_href(item["url"])), str(type_labels.get(item["type"], item["type"])),
                date_of(item["date"]), date_of(item["added"]), self._block(item["note"]) if "note" in item else None))
        groups = tuple((str(type_labels[kind]), tuple(by_type[kind]))
                       for kind in type_labels if kind in by_type)  # vocabulary order: papers first, "other" last
        return views.FollowUp(feed, groups)

    def _perspectives(self, record: Record, info: FieldInfo, value: dict[str, str]) -> views.Value:
        return views.Perspectives(tuple((str(schema.get("title", key)), self._block(value[key]))
                                        for key, schema in info.schema["properties"].items()  # schema order
                                        if key in value))

    # --- Connections ----------------------------------------------------------------------

    def _backlinks(self, record: Record, shown: set[str]) -> list[tuple[Record, str]]:
        """Records that link to this one, each once, with how they link (or ""); those the page
        already lists through its own fields are left out."""
        found: dict[str, tuple[Record, str]] = {}
        for link in self.catalogue.backlinks.get(record.id, []):
            if link.source.id not in shown and link.source.id not in found:
                found[link.source.id] = (link.source, self._backlink_title(link))
        return list(found.values())

    def _connections(self, src: str, linked: list[tuple[Record, str]]) -> tuple[views.ConnectionGroup, ...]:
        """Every other record this one links to or is linked from, grouped by kind in the kinds' order.
        A group whose records are all connected the same way is headed by that ("Practices that use
        it"); otherwise by the kind's name, with the way beside each record."""
        kinds = self.schemas.kinds
        by_kind: dict[str, dict[str, tuple[Record, list[str]]]] = {kind: {} for kind in kinds}
        for target, relation in linked:
            entry = by_kind[target.kind].setdefault(target.id, (target, []))
            if relation and relation not in entry[1]:
                entry[1].append(relation)
        groups = []
        for kind, entries in by_kind.items():
            if not entries:
                continue
            ordered = sorted(entries.values(), key=lambda e: self.catalogue.position[e[0].id])
            relations = {tuple(how) for _, how in ordered}
            shared = ordered[0][1] if len(relations) == 1 and len(ordered[0][1]) == 1 else []
            groups.append(views.ConnectionGroup(shared[0] if shared else kinds[kind].names, tuple(
                views.ListedRecord(self.record_link(src, target),
                                   self._inline(target.data[self.schemas.page_fields.summary]),
                                   () if shared else tuple(how))
                for target, how in ordered)))
        return tuple(groups)

    def _backlink_title(self, link: Link) -> str:
        """How the linking record's kind declares this link reads from here ("Practices that use it"),
        or "" where it declares nothing."""
        return self.schemas.kinds[link.source.kind].backlinks.get(link.field, "")

    def _sources(self, record: Record) -> Iterator[views.Source]:
        for source in record.data[self.schemas.page_fields.sources]:
            yield views.Source(views.Link(source["title"], safe_href(source["url"])), source.get("supports"),
                               source.get("quote"), source.get("mirror_of"))

    def _source_labels(self, kind: str) -> views.SourceLabels:
        if kind not in self._labels_of_sources:
            titles = self.schemas.item_titles(kind, self.schemas.page_fields.sources)
            self._labels_of_sources[kind] = views.SourceLabels(titles.get("quote", "quote"),
                                                               titles.get("mirror_of", "mirror_of"))
        return self._labels_of_sources[kind]

    # --- the at-a-glance box -----------------------------------------------------------------

    def glance_rows(self, record: Record, from_src: str) -> list[tuple[str, str]]:
        """Every row of the record's box as (label, HTML), ratings included, with links that work from
        the page ``from_src`` (the comparison pages show the boxes of several records side by side)."""
        fields = self.schemas.fields[record.kind]
        rows = [views.Row(self._glance_label(record, fields[name]), self._badge(record, fields[name], from_src))
                for name in self.schemas.kinds[record.kind].glance
                if name in record.data and self.schemas.rated(record.kind, fields[name])]
        rows += [row for name in self.schemas.kinds[record.kind].glance
                 for row in self._glance_row(record, name, from_src)]
        return [(row.label, str(self._value(row.value))) for row in rows]

    def compare_rows(self, record: Record, from_src: str) -> list[tuple[str, str]]:
        """The record's rows on its kind's comparison page: one per field ``x-kind.compare`` declares."""
        return [row for name in self.schemas.kinds[record.kind].compare for row in self.field_row(record, name, from_src)]

    def field_row(self, record: Record, name: str, from_src: str) -> list[tuple[str, str]]:
        """A field (or 'kind.field' link) as a row of the box as (label, HTML), ratings included; none
        when empty (the comparison pages show the fields their kind's x-kind.compare declares)."""
        info = self.schemas.fields[record.kind].get(name)
        if info and name in record.data and self.schemas.rated(record.kind, info):
            rows = [views.Row(self._glance_label(record, info), self._badge(record, info, from_src))]
        else:
            rows = self._glance_row(record, name, from_src)
        return [(row.label, str(self._value(row.value))) for row in rows]

    def _glance_row(self, record: Record, name: str, from_src: str) -> list[views.Row]:
        """The box's row for a field, or for the records that link here ('practice.tools'); none when empty
        or when it is a rating, which stands beside the kind at the top of the page."""
        fields = self.schemas.fields[record.kind]
        if name in fields:
            info = fields[name]
            if name not in record.data or self.schemas.rated(record.kind, info):
                return []
            return [views.Row(self._glance_label(record, info), self._glance_value(record, info, from_src),
                              None if info.references else info.lang)]
        source_kind, _, field = name.partition(".")
        sources = [link.source for link in self.catalogue.backlinks.get(record.id, [])
                   if link.source.kind == source_kind and link.field == field]
        if not sources:
            return []
        kind = self.schemas.kinds[source_kind]
        return [views.Row(kind.backlinks.get(field, kind.names), self._record_links(from_src, sources))]

    def _glance_label(self, record: Record, info: FieldInfo) -> str:
        rated = self.schemas.rated(record.kind, info)
        return str(rated[1].get("title", info.title)) if rated else info.title

    def _anchor(self, record: Record, info: FieldInfo, from_src: str) -> str:
        page = "" if from_src == record.src else self.linker.href(from_src, record.src)
        return f"{page}#{_slug(info.title)}"

    def _badge(self, record: Record, info: FieldInfo, from_src: str) -> views.Badge:
        """A rating as a badge that links to its section."""
        rated = self.schemas.rated(record.kind, info)
        assert rated is not None  # callers ask only for rated fields
        key, schema = rated
        return rating_badge(schema, str(record.data[info.name][key]), self._anchor(record, info, from_src))

    def _glance_value(self, record: Record, info: FieldInfo, from_src: str) -> views.Value:
        """A field as the box shows it: a long text as its first sentence with a link to the rest, links
        to records, and short values as in the facts."""
        value = record.data[info.name]
        if info.references:
            return self._record_links(from_src, self._targets(value))
        if info.is_markdown and not info.is_list:
            return views.Excerpt(first_sentence(value), self._anchor(record, info, from_src),
                                 self.words["record_page"]["more_on"].format(field=self.noun(info.title)))
        return self.fact_value(record, info, value)


def rating_badge(schema: dict[str, Any], value: str, href: str | None = None) -> views.Badge:
    """A rated value (an evidence level, a suitability) as a badge; its class names the value."""
    return views.Badge(value, str(schema.get("x-labels", {}).get(value, value)), href)


def value_text(value: views.Value) -> str:
    """A value as plain text, for search: what the page shows, without its markup."""
    if isinstance(value, views.Plain):
        return value.text
    if isinstance(value, views.Rendered):
        return value.text
    if isinstance(value, views.DateValue):
        return value.date.shown
    if isinstance(value, views.Links):
        return ", ".join(link.text for link in value.links)
    if isinstance(value, views.Contacts):
        return "".join(piece.text for piece in value.pieces)
    if isinstance(value, views.Countries):
        return ", ".join(f"{name} {code}" for name, code in value.countries)
    if isinstance(value, views.Translations):
        return ", ".join(f"{term} ({language})" for language, term in value.terms)
    if isinstance(value, views.OriginalName):
        return value.name
    if isinstance(value, views.Badge):
        return value.label
    if isinstance(value, views.Rating):
        return " · ".join([f"{value.label}." if value.label else "", *(note.text for note in value.notes)])
    if isinstance(value, views.Publication):
        note = f" · {value.note.text}" if value.note else ""
        return f"{value.link.text}. {value.publisher}, published {value.date.shown}.{note}"
    if isinstance(value, views.FollowUp):
        return " · ".join(f"{label} · " + " · ".join(
            f"{item.date.shown} {item.link.text} (added to this page {item.added.shown})"
            + (f" · {item.note.text}" if item.note else "") for item in items) for label, items in value.groups)
    if isinstance(value, views.Perspectives):
        return " · ".join(f"{title}: {text.text}" for title, text in value.parts)
    if isinstance(value, views.Bullets):
        return " · ".join(item.text for item in value.items)
    if isinstance(value, views.Excerpt):
        return value.sentence
    return " · ".join(record.link.text for record in value.records)


def _citation(text: str) -> views.Citation:
    """A citation holding ``MARK`` where the page's address goes (the last one: nothing from the
    record comes after the address)."""
    before, mark, after = text.rpartition(MARK)
    return views.Citation(before, after) if mark else views.Citation(text, "")


# Web and e-mail addresses, and phone numbers (a leading + or 0, then at least six more digits in groups),
# inside contact text such as "Hotline 0911 943 43 43" or "Through the website: https://example.org".
_CONTACT = re.compile(
    r"(?P<url>https?://[^\s<>]+[^\s<>().,;:!?'\"])"
    r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<phone>(?<![\w+])(?:\+|0)\d{1,4}(?:[ /-]?\(?\d{1,5}\)?){2,6}(?!\w))"
)
_NOT_DIAL = re.compile(r"[^\d+]")


def contact_pieces(text: str) -> list[views.Link]:
    """Contact text in pieces: its addresses as links (https, mailto and tel), the rest as text."""
    out, last = [], 0
    for match in _CONTACT.finditer(text):
        found = match.group()
        if match.lastgroup == "phone":
            digits = _NOT_DIAL.sub("", found)
            href = f"tel:{digits}" if len(digits.lstrip("+")) >= 7 else None
        elif match.lastgroup == "email":
            href = f"mailto:{found}"
        else:
            href = safe_href(found)
        if match.start() > last:
            out.append(views.Link(text[last:match.start()], None))
        out.append(views.Link(found, href))
        last = match.end()
    if last < len(text):
        out.append(views.Link(text[last:], None))
    return out


@lru_cache(maxsize=256)
def _slug(heading: str) -> str:
    """The anchor MkDocs gives a heading (Python-Markdown's toc slugify)."""
    return str(slugify(heading, "-"))
