"""One record -> the Markdown of its page.

The page is Markdown headings (so the table of contents, anchors and copy-link permalinks work)
around HTML blocks that we build: every value is escaped, every record text is rendered and
sanitised by ``markup``. Which field goes where follows the kind's schema, so a new field shows
up on the page without code here, as a fact (short values) or a section (Markdown text).
"""

from __future__ import annotations

import html
from functools import lru_cache
from typing import Any, Callable

from .catalogue import Catalogue, Link
from .citation import bibtex, plain_citation
from .feeds import meeting_feed_path
from .markup import TextRenderer, escape, safe_href, time_element
from .records import Record
from .schemas import FieldInfo
from .urls import Linker, index_src, record_src

# Fields that have a place of their own on every page rather than in the facts or sections.
PAGE_FRAME_FIELDS = {"title", "summary", "sources", "reviewed", "tags", "aliases", "uncertainty", "basis"}

KIND_NAMES: dict[str, tuple[str, str]] = {
    "meeting": ("Meeting", "Meetings"),
    "finding": ("Key finding", "Key findings"),
    "theme": ("Main theme", "Main themes"),
    "recommendation": ("Recommendation", "Recommendations"),
    "practice": ("Practice", "Practices"),
    "tool": ("Assessment instrument", "Assessment instruments"),
    "term": ("Glossary term", "Glossary"),
}

# How a group of backlinks is headed: (kind of the linking record, its field) -> heading.
BACKLINK_TITLES: dict[tuple[str, str], str] = {
    ("practice", "tools"): "Practices that use it",
    ("recommendation", "findings"): "Recommendations that build on it",
    ("recommendation", "practices"): "Recommendations it supports",
    ("recommendation", "tools"): "Recommendations about it",
    ("recommendation", "terms"): "Recommendations that use the term",
    ("practice", "terms"): "Practices where the term matters",
    ("theme", "findings"): "Themes",
    ("finding", "meeting"): "Key findings",
    ("theme", "meeting"): "Main themes",
    ("practice", "meeting"): "Practices related to the meeting",
}

Section = tuple[str, str]  # (heading, HTML)

# Material's search skips a section whose heading carries this attribute (attr_list syntax).
SEARCH_EXCLUDE = "{ data-search-exclude }"

# Detail sections that stay out of the search index. None: search loads only the words typed
# (catalogue_core/search_index.py), so every section of a record is searchable.
UNSEARCHED_FIELDS: set[str] = set()


class RecordPage:
    """Renders the pages of one catalogue for one URL style."""

    def __init__(self, catalogue: Catalogue, linker: Linker, text: TextRenderer):
        self.catalogue = catalogue
        self.linker = linker
        self.text = text
        self.special: dict[str, Callable[[Record, FieldInfo, Any], str]] = {
            "evidence": self._evidence,
            "lone_actor_suitability": self._suitability,
            "publication": self._publication,
            "follow_up": self._follow_up,
            "perspectives": self._perspectives,
        }

    # --- the page -------------------------------------------------------------------------

    def markdown(self, record: Record) -> str:
        src = record_src(record.kind, record.id)
        fields = self.catalogue.schemas.fields[record.kind]
        facts: list[tuple[str, str]] = []
        sections: list[Section] = []
        link_sections: list[Section] = []
        shown_links: set[str] = set()
        unsearched = {info.schema.get("title", name) for name, info in fields.items() if name in UNSEARCHED_FIELDS}
        for name, info in fields.items():
            if name in PAGE_FRAME_FIELDS or name not in record.data:
                continue
            value = record.data[name]
            if info.references:
                targets = [self.catalogue.by_id[i] for i in (value if isinstance(value, list) else [value])]
                shown_links.update(t.id for t in targets)
                if info.is_list:
                    link_sections.append((info.schema.get("title", name), self._record_list(src, targets)))
                else:
                    facts.append((info.schema.get("title", name), self._record_link(src, targets[0])))
            elif name in self.special and not info.is_markdown:  # a tool's evidence is plain text
                sections.append((info.schema.get("title", name), self.special[name](record, info, value)))
            elif info.is_markdown and not info.is_list:
                sections.append((info.schema.get("title", name), self.text.block(value)))
            elif info.is_list and not info.labels and info.schema.get("items", {}).get("type") == "string" \
                    and name in ("participants", "actions", "outlook"):
                sections.append((info.schema.get("title", name), self._bullets(value)))
            else:
                facts.append((info.schema.get("title", name), self._fact_value(record, name, info, value)))

        out = [f"# {_markdown_heading_text(record.title)}", ""]
        out += [f'<p class="lac-kind">{escape(KIND_NAMES[record.kind][0])}</p>', ""]
        out += [f'<p class="lac-lede">{self.text.inline(record.data["summary"])}</p>', ""]
        if record.data.get("basis") == "editorial":
            out += [_admonition("note", "Editorial recommendation",
                                self.text.block(self.catalogue.schemas.label(record.kind, "basis", "editorial")
                                                + ". The meeting paper's own recommendations were not available "
                                                "to the editors; this one says what follows from the findings "
                                                "it links.")), ""]
        if facts:
            rows = "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in facts)
            out += [f'<dl class="lac-facts">{rows}</dl>', ""]
        if "uncertainty" in record.data:
            out += [_admonition("warning", "What is uncertain", self.text.block(record.data["uncertainty"])), ""]
        for heading, body in sections:
            exclude = f" {SEARCH_EXCLUDE}" if heading in unsearched else ""
            out += [f"## {_markdown_heading_text(heading)}{exclude}", "", body, ""]
        # Lists of other records and of sources stay out of the search index: they would make
        # every page that links VERA-2R compete with VERA-2R's own page for its name.
        for heading, body in link_sections + self._backlink_sections(src, record, shown_links):
            out += [f"## {_markdown_heading_text(heading)} {SEARCH_EXCLUDE}", "", body, ""]
        out += [f"## Sources {SEARCH_EXCLUDE}", "", self._sources(record), ""]
        out += [f"## Cite this record {SEARCH_EXCLUDE}", "", self._citation(record), ""]
        out += [self._footer(record), ""]
        return "\n".join(out)

    # --- parts ----------------------------------------------------------------------------

    def _record_link(self, src: str, target: Record) -> str:
        href = self.linker.href(src, record_src(target.kind, target.id))
        return f'<a href="{escape(href)}">{escape(target.title)}</a>'

    def _record_list(self, src: str, targets: list[Record]) -> str:
        items = "".join(
            f'<li>{self._record_link(src, t)}<span class="lac-summary"> — {self.text.inline(t.data["summary"])}</span></li>'
            for t in targets
        )
        tag = "ol" if targets and all(t.kind == "finding" for t in targets) else "ul"
        return f'<{tag} class="lac-records">{items}</{tag}>'

    def _backlink_sections(self, src: str, record: Record, shown: set[str]) -> list[Section]:
        groups: dict[str, list[Record]] = {}
        for link in self.catalogue.backlinks.get(record.id, []):
            if link.source.id in shown:
                continue
            heading = self._backlink_title(link)
            if all(r.id != link.source.id for r in groups.setdefault(heading, [])):
                groups[heading].append(link.source)
        return [(heading, self._record_list(src, sources)) for heading, sources in groups.items()]

    def _backlink_title(self, link: Link) -> str:
        if link.field == "related":
            return "See also"
        default = f"{KIND_NAMES[link.source.kind][1]} that link here"
        return BACKLINK_TITLES.get((link.source.kind, link.field), default)

    def _bullets(self, values: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{self.text.inline(v)}</li>" for v in values) + "</ul>"

    def _fact_value(self, record: Record, name: str, info: FieldInfo, value: Any) -> str:
        values = value if isinstance(value, list) else [value]
        if name == "countries":
            names = self.catalogue.schemas.country_names
            return ", ".join(f'{escape(names.get(v, v))} <abbr title="ISO 3166-1 code">{escape(v)}</abbr>'
                             for v in values)
        if name == "translations":
            return ", ".join(f'<span lang="{escape(t["language"])}">{escape(t["term"])}</span> '
                             f'({escape(t["language"])})' for t in values)
        if name in ("website", "contact"):
            return ", ".join(_link_or_text(str(v)) for v in values)
        if name == "original_name":
            return f'<span lang="{_guess_language(record)}">{escape(value)}</span>'
        if info.labels:
            return ", ".join(escape(info.labels.get(str(v), v)) for v in values)
        if info.schema.get("format") == "date":
            return time_element(str(value))
        return ", ".join(escape(v) for v in values)

    def _evidence(self, record: Record, info: FieldInfo, value: dict[str, Any]) -> str:
        label = self._nested_label(info, "level", value["level"])
        return f'<p class="lac-evidence"><strong>{escape(label)}.</strong></p>{self.text.block(value["summary"])}'

    def _suitability(self, record: Record, info: FieldInfo, value: dict[str, Any]) -> str:
        label = self._nested_label(info, "rating", value["rating"])
        return f"<p><strong>{escape(label)}.</strong></p>{self.text.block(value['note'])}"

    @staticmethod
    def _nested_label(info: FieldInfo, key: str, value: str) -> str:
        labels: dict[str, str] = info.schema["properties"][key].get("x-labels", {})
        return labels.get(value, value)

    def _publication(self, record: Record, info: FieldInfo, value: dict[str, Any]) -> str:
        href = safe_href(value["url"])
        title = f'<a href="{escape(href)}">{escape(value["title"])}</a>' if href else escape(value["title"])
        out = f"<p>{title}. {escape(value['publisher'])}, published {time_element(value['date'])}.</p>"
        if "note" in value:
            out += self.text.block(value["note"])
        return out

    def _follow_up(self, record: Record, info: FieldInfo, items: list[dict[str, Any]]) -> str:
        src = record_src(record.kind, record.id)
        feed = self.linker.file_href(src, meeting_feed_path(record))
        subscribe = (f'<p class="lac-feed"><a href="{escape(feed)}" type="application/atom+xml">Follow this list '
                     "as a feed (Atom)</a>: feed readers show each item added after the meeting.</p>")
        return subscribe + self._follow_up_items(record, info, items)

    def _follow_up_items(self, record: Record, info: FieldInfo, items: list[dict[str, Any]]) -> str:
        labels = self.catalogue.schemas.resolve(info.schema["items"], f"{record.kind}.json")["properties"]
        type_labels = labels["type"].get("x-labels", {})
        by_type: dict[str, list[dict[str, Any]]] = {}
        for item in sorted(items, key=lambda i: (i["date"], i["title"])):
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
        url = self.linker.absolute(record_src(record.kind, record.id))
        return (f'<p class="lac-cite">{escape(plain_citation(record, url))}</p>'
                f"<details><summary>BibTeX</summary><pre><code>{escape(bibtex(record, url))}</code></pre></details>")

    def _footer(self, record: Record) -> str:
        kind_index = self.linker.href(record_src(record.kind, record.id), index_src(record.kind))
        permanent = self.linker.absolute(record_src(record.kind, record.id))
        return (f'<p class="lac-meta" data-search-exclude>Last reviewed {time_element(record.data["reviewed"])} · '
                f'Permanent link <a class="lac-permalink" href="{escape(permanent)}">{escape(permanent)}</a> '
                f'<button type="button" class="lac-copy" data-copy="{escape(permanent)}" hidden>Copy link</button> · '
                f'Record id <code>{escape(record.id)}</code> · '
                f'<a href="{escape(kind_index)}">All {escape(KIND_NAMES[record.kind][1].lower())}</a></p>')


def _admonition(kind: str, title: str, body: str) -> str:
    return f'<div class="admonition {kind}"><p class="admonition-title">{escape(title)}</p>{body}</div>'


def _link_or_text(value: str) -> str:
    href = safe_href(value)
    return f'<a href="{escape(href)}">{escape(value)}</a>' if href else escape(value)


def _guess_language(record: Record) -> str:
    """The language of an original name: the first country's main language where we know it."""
    languages = {"AT": "de", "DE": "de", "CH": "de", "NL": "nl", "BE": "nl", "SE": "sv", "DK": "da", "FI": "fi",
                 "FR": "fr", "NO": "no", "ES": "es", "IT": "it", "PL": "pl"}
    countries = record.data.get("countries") or []
    return languages.get(countries[0], "und") if countries else "und"


@lru_cache(maxsize=4096)  # mostly the same few section headings, on every page
def _markdown_heading_text(text: str) -> str:
    """Record titles go into Markdown headings; escape what Markdown or HTML would interpret."""
    for char in "\\`*_{}[]()#+-.!|":
        text = text.replace(char, "\\" + char)
    return html.escape(text, quote=False)
