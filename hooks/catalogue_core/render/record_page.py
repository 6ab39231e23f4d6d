"""One record -> the Markdown of its page.

The page is Markdown headings (so the table of contents, anchors and copy-link permalinks work)
around HTML blocks that we build: every value is escaped, every record text is rendered and
sanitised by ``markup``. Which field goes where follows the kind's schema (``x-kind.glance`` for
the at-a-glance box, ``x-place`` and ``x-format`` per field), so a new field shows up on the page
without code here, as a fact (short values) or a section (Markdown text).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from markdown.extensions.toc import slugify

from ..check.catalogue import Catalogue, Link
from ..load.records import Record
from ..schemas import FieldInfo
from ..urls import Linker, index_src
from .addresses import MARK, PageAddress
from .citation import bibtex, plain_citation
from .handout import Handout
from .markup import TextRenderer, escape, safe_href, time_element
from .meeting_link import link_box
from .plan_link import plan_link

Section = tuple[str, str]  # (heading, HTML)

# Material's search skips a section whose heading carries this attribute (attr_list syntax).
SEARCH_EXCLUDE = "{ data-search-exclude }"


class RecordPage:
    """Renders the pages of one catalogue for one URL style.

    Where each field goes follows its schema (``FieldInfo.place``, ``FieldInfo.format``); the
    schemas are checked before this runs, so every place and format named there is one this
    class can render (``schemas.PLACES``, ``schemas.FORMATS``).
    """

    def __init__(self, catalogue: Catalogue, linker: Linker, text: TextRenderer):
        self.catalogue = catalogue
        self.linker = linker
        self.text = text
        self.formats: dict[str, Callable[[Record, FieldInfo, Any], str]] = {
            "bullets": self._bullets,
            "rating": self._rating,
            "publication": self._publication,
            "follow-up": self._follow_up,
            "perspectives": self._perspectives,
            "country": self._countries,
            "translations": self._translations,
            "link": self._links,
            "original-name": self._original_name,
        }
        self.handout = Handout(catalogue, linker, text, self.formats)  # handout.py: "Print summary"

    # --- the page -------------------------------------------------------------------------

    def markdown(self, record: Record) -> str:
        src = record.src
        kind = self.catalogue.schemas.kinds[record.kind]
        badges = [self._glance_value(record, name) for name in kind.glance
                  if name in record.data and self._rated_property(record, self.catalogue.schemas.fields[record.kind][name])]
        glance = [row for name in kind.glance for row in self._glance_row(record, name)]
        facts: list[tuple[str, str]] = []
        notices: list[str] = []  # before the facts: what the record is based on
        warnings: list[str] = []  # after the facts: what is uncertain
        sections: list[tuple[str, str, bool]] = []  # heading, HTML, searched
        link_sections: list[Section] = []
        connections: list[tuple[Record, str]] = []  # (linked record, how it is linked)
        shown_links: set[str] = set()
        for name, info in self.catalogue.schemas.fields[record.kind].items():
            if info.place in ("frame", "hidden") or name not in record.data:
                continue
            value = record.data[name]
            in_glance = name in kind.glance
            if info.references:
                targets = [self.catalogue.by_id[i] for i in (value if isinstance(value, list) else [value])]
                shown_links.update(t.id for t in targets)
                if in_glance:
                    continue
                if info.place == "connections":
                    connections += [(t, "") for t in targets]  # "see also" needs no words in Connections
                elif info.place == "links":
                    link_sections.append((info.title, self._record_list(src, targets)))
                else:
                    facts.append((info.title, ", ".join(self._record_link(src, t) for t in targets)))
            elif in_glance and info.place not in ("section", "notice", "warning"):
                continue  # shown in the box; a section stays below it, with the whole text
            elif info.place == "notice":
                notices.append(_admonition("note", info.title, self.text.block(self._value_text(info, value))))
            elif info.place == "warning":
                warnings.append(_admonition("warning", info.title, self.text.block(str(value))))
            elif info.place == "section":
                sections.append((info.title, self._section(record, info, value), info.searched))
            else:
                facts.append((info.title, self._fact_value(record, info, value)))

        out = [f"# {_markdown_heading_text(record.title)}", ""]
        out += self.handout.link(record)
        out += plan_link(self.catalogue, self.linker, record)
        # The kind links to its index, and the record's ratings (its evidence) stand beside it: both
        # in the first screen, on a phone too, whatever the length of the title and summary.
        kind_index = self.linker.href(src, index_src(record.plural))
        out += [f'<p class="lac-kind"><a href="{escape(kind_index)}" title="All {escape(kind.names.lower())}">'
                f'{escape(kind.name)}</a>{"".join(badges)}</p>', ""]
        out += [f'<p class="lac-lede">{self.text.inline(record.data["summary"])}</p>', ""]
        for notice in notices:
            out += [notice, ""]
        if glance:
            rows = "".join(f"<dt>{escape(label)}</dt>\n<dd>{value}</dd>\n" for label, value in glance)
            out += [f'<dl class="lac-glance" aria-label="At a glance">\n{rows}</dl>', ""]
        if facts:
            rows = "".join(f"<dt>{escape(label)}</dt>\n<dd>{value}</dd>\n" for label, value in facts)
            out += [f'<dl class="lac-facts">\n{rows}</dl>', ""]
        out += link_box(record, self.linker, self.catalogue.schemas)  # meeting_link.py: for organisers
        for warning in warnings:
            out += [warning, ""]
        for heading, body, searched in sections:
            exclude = "" if searched else f" {SEARCH_EXCLUDE}"
            out += [f"## {_markdown_heading_text(heading)}{exclude}", "", body, ""]
        # Lists of other records and of sources stay out of the search index: they would make
        # every page that links VERA-2R compete with VERA-2R's own page for its name.
        for heading, body in link_sections:
            out += [f"## {_markdown_heading_text(heading)} {SEARCH_EXCLUDE}", "", body, ""]
        listed_in_glance = {link.source.id for link in self.catalogue.backlinks.get(record.id, [])
                     if f"{link.source.kind}.{link.field}" in kind.glance}
        connections += self._backlinks(record, (shown_links | listed_in_glance) - {r.id for r, _ in connections})
        if connections:
            out += [f"## Connections {SEARCH_EXCLUDE}", "", self._connections(src, connections), ""]
        out += [f"## Sources {SEARCH_EXCLUDE}", "", self._sources(record), ""]
        out += [f"## Cite this record {SEARCH_EXCLUDE}", "", self._citation(record), ""]
        out += [self._footer(record), ""]
        out += self.handout.block(record)
        return "\n".join(out)

    def _section(self, record: Record, info: FieldInfo, value: Any) -> str:
        if info.format:
            body = self.formats[info.format](record, info, value)
        elif info.is_markdown:
            body = self.text.block(value)
        else:
            body = f"<p>{self._fact_value(record, info, value)}</p>"
        return f'<div lang="{escape(info.lang)}">{body}</div>' if info.lang else body

    def _value_text(self, info: FieldInfo, value: Any) -> str:
        return str(info.labels.get(str(value), value))

    # --- parts ----------------------------------------------------------------------------

    def _record_link(self, src: str, target: Record) -> str:
        href = self.linker.href(src, target.src)
        return f'<a href="{escape(href)}">{escape(target.title)}</a>'

    def _record_list(self, src: str, targets: list[Record]) -> str:
        items = "".join(
            f'<li>{self._record_link(src, t)}<span class="lac-summary"> — {self.text.inline(t.data["summary"])}</span></li>'
            for t in targets
        )
        tag = "ol" if targets and all(t.kind == "finding" for t in targets) else "ul"
        return f'<{tag} class="lac-records">{items}</{tag}>'

    def _backlinks(self, record: Record, shown: set[str]) -> list[tuple[Record, str]]:
        """Records that link to this one, each once, with how they link (or ""); those the page
        already lists through its own fields are left out."""
        found: dict[str, tuple[Record, str]] = {}
        for link in self.catalogue.backlinks.get(record.id, []):
            if link.source.id not in shown and link.source.id not in found:
                found[link.source.id] = (link.source, self._backlink_title(link))
        return list(found.values())

    def _connections(self, src: str, linked: list[tuple[Record, str]]) -> str:
        """Every other record this one links to or is linked from, grouped by kind in the kinds' order.
        A group whose records are all connected the same way is headed by that ("Practices that use
        it"); otherwise by the kind's name, with the way beside each record."""
        kinds = self.catalogue.schemas.kinds
        by_kind: dict[str, dict[str, tuple[Record, list[str]]]] = {kind: {} for kind in kinds}
        for target, relation in linked:
            entry = by_kind[target.kind].setdefault(target.id, (target, []))
            if relation and relation not in entry[1]:
                entry[1].append(relation)
        parts = []
        for kind, entries in by_kind.items():
            if not entries:
                continue
            ordered = sorted(entries.values(), key=lambda e: self.catalogue.position[e[0].id])
            relations = {tuple(how) for _, how in ordered}
            shared = ordered[0][1] if len(relations) == 1 and len(ordered[0][1]) == 1 else []
            heading = shared[0] if shared else kinds[kind].names
            items = "".join(
                f"<li>{self._record_link(src, target)}"
                + (f'<span class="lac-relation"> ({escape("; ".join(how))})</span>' if how and not shared else "")
                + f'<span class="lac-summary"> — {self.text.inline(target.data["summary"])}</span></li>'
                for target, how in ordered)
            parts.append(f'<h3>{escape(heading)}</h3><ul class="lac-records">{items}</ul>')
        return f'<div class="lac-connections">{"".join(parts)}</div>'

    # --- the at-a-glance box -----------------------------------------------------------------

    def glance_rows(self, record: Record, from_src: str) -> list[tuple[str, str]]:
        """Every row of the record's box, ratings included, with links that work from the page
        ``from_src`` (the comparison pages show the boxes of several records side by side)."""
        kind = self.catalogue.schemas.kinds[record.kind]
        fields = self.catalogue.schemas.fields[record.kind]
        rows = [(self._glance_label(record, name), self._glance_value(record, name, from_src))
                for name in kind.glance if name in record.data and self._rated_property(record, fields[name])]
        return rows + [row for name in kind.glance for row in self._glance_row(record, name, from_src)]

    def _glance_row(self, record: Record, name: str, from_src: str | None = None) -> list[tuple[str, str]]:
        """The box's row for a field, or for the records that link here ('practice.tools'); none when empty
        or when it is a rating, which stands beside the kind at the top of the page."""
        fields = self.catalogue.schemas.fields[record.kind]
        from_src = from_src or record.src
        if name in fields:
            if name not in record.data or self._rated_property(record, fields[name]):
                return []
            return [(self._glance_label(record, name), self._glance_value(record, name, from_src))]
        source_kind, _, field = name.partition(".")
        sources = [link.source for link in self.catalogue.backlinks.get(record.id, [])
                   if link.source.kind == source_kind and link.field == field]
        if not sources:
            return []
        kind = self.catalogue.schemas.kinds[source_kind]
        label = kind.backlinks.get(field, kind.names)
        return [(label, ", ".join(self._record_link(from_src, s) for s in sources))]

    def _glance_label(self, record: Record, name: str) -> str:
        info = self.catalogue.schemas.fields[record.kind][name]
        rated = self._rated_property(record, info)
        return str(rated[1].get("title", info.title)) if rated else info.title

    def _glance_value(self, record: Record, name: str, from_src: str | None = None) -> str:
        """A field as the box shows it: a rating as a badge that links to its section, a long text as its
        first sentence with a link to the rest, links to records, and short values as in the facts."""
        info = self.catalogue.schemas.fields[record.kind][name]
        value = record.data[name]
        from_src = from_src or record.src
        page = "" if from_src == record.src else self.linker.href(from_src, record.src)
        anchor = f"{page}#{_slug(info.title)}"
        rated = self._rated_property(record, info)
        if rated:
            key, schema = rated
            return rating_badge(schema, str(value[key]), anchor)
        if info.references:
            targets = [self.catalogue.by_id[i] for i in (value if isinstance(value, list) else [value])]
            return ", ".join(self._record_link(from_src, t) for t in targets)
        if info.is_markdown and not info.is_list:
            return f'{escape(first_sentence(value))} <a href="{anchor}">More on {escape(info.title.lower())}</a>'
        return self._fact_value(record, info, value)

    def _rated_property(self, record: Record, info: FieldInfo) -> tuple[str, dict[str, Any]] | None:
        """For a field of the ``rating`` format: the key and schema of its labelled value."""
        if info.format != "rating":
            return None
        for key, schema in info.schema.get("properties", {}).items():
            schema = self.catalogue.schemas.resolve(schema, f"{record.kind}.json")
            if "x-labels" in schema:
                return key, schema
        return None

    def _backlink_title(self, link: Link) -> str:
        """How the linking record's kind declares this link reads from here ("Practices that use it"),
        or "" where it declares nothing."""
        return self.catalogue.schemas.kinds[link.source.kind].backlinks.get(link.field, "")

    def _bullets(self, record: Record, info: FieldInfo, values: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{self.text.inline(v)}</li>" for v in values) + "</ul>"

    def _fact_value(self, record: Record, info: FieldInfo, value: Any) -> str:
        if info.format:
            return self.formats[info.format](record, info, value)
        values = value if isinstance(value, list) else [value]
        if info.labels:
            return ", ".join(escape(info.labels.get(str(v), v)) for v in values)
        if info.schema.get("format") == "date":
            return time_element(str(value))
        return ", ".join(escape(v) for v in values)

    def _countries(self, record: Record, info: FieldInfo, value: list[str] | str) -> str:
        values = value if isinstance(value, list) else [value]
        return ", ".join(f'{escape(info.labels.get(v, v))} <abbr title="ISO 3166-1 code">{escape(v)}</abbr>'
                         for v in values)

    def _translations(self, record: Record, info: FieldInfo, value: list[dict[str, str]]) -> str:
        return ", ".join(f'<span lang="{escape(t["language"])}">{escape(t["term"])}</span> '
                         f'({escape(t["language"])})' for t in value)

    def _links(self, record: Record, info: FieldInfo, value: list[str] | str) -> str:
        values = value if isinstance(value, list) else [value]
        return ", ".join(linkify(str(v)) for v in values)

    def _original_name(self, record: Record, info: FieldInfo, value: str) -> str:
        return f'<span lang="{_guess_language(record, self.catalogue)}">{escape(value)}</span>'

    def _rating(self, record: Record, info: FieldInfo, value: dict[str, Any]) -> str:
        """An object with one labelled value (the rating) and Markdown text (what it rests on)."""
        rated = text = ""
        for key, schema in info.schema.get("properties", {}).items():
            schema = self.catalogue.schemas.resolve(schema, f"{record.kind}.json")
            if key not in value:
                continue
            if "x-labels" in schema and not rated:
                rated = f'<p class="lac-rating"><strong>{escape(schema["x-labels"].get(value[key], value[key]))}.</strong></p>'
            elif schema.get("contentMediaType") == "text/markdown" or schema.get("type") == "string":
                text += self.text.block(value[key])
        return rated + text

    def _publication(self, record: Record, info: FieldInfo, value: dict[str, Any]) -> str:
        href = safe_href(value["url"])
        title = f'<a href="{escape(href)}">{escape(value["title"])}</a>' if href else escape(value["title"])
        out = f"<p>{title}. {escape(value['publisher'])}, published {time_element(value['date'])}.</p>"
        if "note" in value:
            out += self.text.block(value["note"])
        return out

    def _follow_up(self, record: Record, info: FieldInfo, items: list[dict[str, Any]]) -> str:
        feed_path = self.catalogue.feed_path_of(record)
        subscribe = ""
        if feed_path:
            feed = self.linker.file_href(record.src, feed_path)
            subscribe = (f'<p class="lac-feed"><a href="{escape(feed)}" type="application/atom+xml">Follow this '
                         "list as a feed (Atom)</a>: feed readers show each item added after the meeting.</p>")
        return subscribe + self._follow_up_items(record, info, items)

    def _follow_up_items(self, record: Record, info: FieldInfo, items: list[dict[str, Any]]) -> str:
        labels = self.catalogue.schemas.resolve(info.schema["items"], f"{record.kind}.json")["properties"]
        type_labels = labels["type"].get("x-labels", {})
        by_type: dict[str, list[dict[str, Any]]] = {}
        newest_first = sorted(sorted(items, key=lambda i: i["title"]), key=lambda i: i["date"], reverse=True)
        for item in newest_first:
            by_type.setdefault(item["type"], []).append(item)
        parts = []
        for kind in type_labels:  # vocabulary order: papers first, "other" last
            if kind not in by_type:
                continue
            rows = []
            for item in by_type[kind]:
                href = safe_href(item["url"])
                title = f'<a href="{escape(href)}">{escape(item["title"])}</a>' if href else escape(item["title"])
                note = f'<div class="lac-note">{self.text.block(item["note"])}</div>' if "note" in item else ""
                rows.append(f'<li><span class="lac-date">{time_element(item["date"])}</span> {title}'
                            f'<span class="lac-added"> (added to this page {time_element(item["added"])})</span>'
                            f"{note}</li>")
            parts.append(f'<h3>{escape(type_labels[kind])}</h3><ul class="lac-follow-up">{"".join(rows)}</ul>')
        return "".join(parts)

    def _perspectives(self, record: Record, info: FieldInfo, value: dict[str, str]) -> str:
        props = info.schema["properties"]
        parts = []
        for key, schema in props.items():  # schema order, so pages read alike
            if key in value:
                parts.append(f"<dt>{escape(schema.get('title', key))}</dt><dd>{self.text.block(value[key])}</dd>")
        return f'<dl class="lac-perspectives">{"".join(parts)}</dl>'

    def _sources(self, record: Record) -> str:
        items = []
        for source in record.data["sources"]:
            href = safe_href(source["url"])
            title = escape(source["title"])
            link = f'<a href="{escape(href)}">{title}</a>' if href else title
            supports = f' <span class="lac-supports">(supports: {escape(source["supports"])})</span>' \
                if "supports" in source else ""
            items.append(f"<li>{link}{supports}</li>")
        return f'<ol class="lac-sources">{"".join(items)}</ol>'

    def _citation(self, record: Record) -> str:
        address = PageAddress(self.linker, record.src)  # with or without SITE_URL
        about = self.catalogue.author_of(record)
        return (f'<p class="lac-cite">{address.fill(plain_citation(record, MARK, about))}</p>'
                f"<details><summary>BibTeX</summary><pre><code>{address.fill(bibtex(record, MARK, about))}</code>"
                "</pre></details>")

    def _footer(self, record: Record) -> str:
        kind_index = self.linker.href(record.src, index_src(record.plural))
        permanent = PageAddress(self.linker, record.src)  # with or without SITE_URL
        names = self.catalogue.schemas.kinds[record.kind].names.lower()
        return (f'<p class="lac-meta" data-search-exclude>Last reviewed {time_element(record.data["reviewed"])} · '
                f"Permanent link {permanent.link_html()} · "
                f'Record id <code>{escape(record.id)}</code> · '
                f'<a href="{escape(kind_index)}">All {escape(names)}</a></p>')


def _admonition(kind: str, title: str, body: str) -> str:
    return f'<div class="admonition {kind}"><p class="admonition-title">{escape(title)}</p>{body}</div>'


def rating_badge(schema: dict[str, Any], value: str, href: str | None = None) -> str:
    """A rated value (an evidence level, a suitability) as a badge; its class names the value."""
    label = escape(schema.get("x-labels", {}).get(value, value))
    css = f"lac-badge lac-badge--{escape(value)}"
    return f'<a class="{css}" href="{escape(href)}">{label}</a>' if href else f'<span class="{css}">{label}</span>'


# Web and e-mail addresses, and phone numbers (a leading + or 0, then at least six more digits in groups),
# inside contact text such as "Hotline 0911 943 43 43" or "Through the website: https://example.org".
_CONTACT = re.compile(
    r"(?P<url>https?://[^\s<>]+[^\s<>().,;:!?'\"])"
    r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<phone>(?<![\w+])(?:\+|0)\d{1,4}(?:[ /-]?\(?\d{1,5}\)?){2,6}(?!\w))"
)


_NOT_DIAL = re.compile(r"[^\d+]")


def linkify(text: str) -> str:
    """Contact text with its addresses as links: https, mailto and tel; everything else escaped."""
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
        out.append(escape(text[last:match.start()]))
        out.append(f'<a href="{escape(href)}">{escape(found)}</a>' if href else escape(found))
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


@lru_cache(maxsize=256)
def _slug(heading: str) -> str:
    """The anchor MkDocs gives a heading (Python-Markdown's toc slugify)."""
    return str(slugify(heading, "-"))


_MARKDOWN_LINK_TEXT = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"[*_`#>]")
_FIRST_SENTENCE = re.compile(r"(.+?[.!?])(\s|$)")


def first_sentence(markdown_text: str) -> str:
    """The first sentence of some Markdown, as plain text (links keep their words)."""
    plain = " ".join(_MARKDOWN_MARKS.sub("", _MARKDOWN_LINK_TEXT.sub(r"\1", markdown_text)).split())
    match = _FIRST_SENTENCE.match(plain)
    return match.group(1) if match else plain


# The main language of a country, for ``lang`` on an original-language name ("und": undetermined).
COUNTRY_LANGUAGES = {"AT": "de", "DE": "de", "CH": "de", "NL": "nl", "BE": "nl", "SE": "sv", "DK": "da", "FI": "fi",
                     "FR": "fr", "NO": "no", "ES": "es", "IT": "it", "PL": "pl"}


def _guess_language(record: Record, catalogue: Catalogue) -> str:
    """The language of an original name: that of the record's first country where we know it."""
    for info in catalogue.schemas.fields[record.kind].values():
        if info.format == "country" and record.data.get(info.name):
            value = record.data[info.name]
            first = value[0] if isinstance(value, list) else value
            return COUNTRY_LANGUAGES.get(first, "und")
    return "und"


@lru_cache(maxsize=4096)  # mostly the same few section headings, on every page
def _markdown_heading_text(text: str) -> str:
    """Record titles go into Markdown headings; escape what Markdown or HTML would interpret."""
    for char in "\\`*_{}[]()#+-.!|":
        text = text.replace(char, "\\" + char)
    return html.escape(text, quote=False)
