"""The index page of each kind: every record of the kind, with its key facts.

Records are listed here rather than in the navigation sidebar: MkDocs renders the whole nav into
every page, which made a 3,000-page build take 276 s instead of 21 s (MkDocs 1.6.1 and Material
9.8 on two cores, measured).
Each entry carries its facet values as ``data-`` attributes for the filters.
"""

from __future__ import annotations

from markupsafe import Markup

from ..check.catalogue import Catalogue
from ..load.records import Record
from ..urls import Linker, index_src
from . import views
from .compare import MAX_COMPARED, compare_src
from .markup import TextRenderer, plain_text
from .record_page import rating_badge
from .shared_values import shared_values
from .templates import Templates

# The fields an index shows and filters by come from each kind's ``x-kind.facets``: field path ->
# the filter's name in the URL query (/practices/?country=AT&setting=probation). Those names are a
# public contract: shared links carry them.


def facet_values(record: Record, facet: str) -> list[str]:
    """The values of a facet field, following one level of nesting (``evidence.level``)."""
    value: object = record.data
    for part in facet.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


class IndexPage:
    def __init__(self, catalogue: Catalogue, linker: Linker, text: TextRenderer, templates: Templates):
        self.catalogue = catalogue
        self.schemas = catalogue.schemas
        self.linker = linker
        self.text = text
        self.template = templates.get("index_page.md")
        self.words, self.noun = templates.words["index_page"], templates.noun
        self._entry_macro = templates.macro("index_entry.html", "index_entry")
        self._ratings_of: dict[str, dict[str, tuple[str, dict[str, object]]]] = {}  # per kind, see _ratings

    def facet_label(self, kind: str, facet: str, value: str) -> str:
        if self.schemas.nested(kind, facet)[0].references:
            target = self.catalogue.by_id.get(value)
            return self.catalogue.label(target) if target else value
        return str(self.schemas.path_labels(kind, facet).get(value, value))

    def facet_title(self, kind: str, facet: str) -> str:
        return self.schemas.path_title(kind, facet)

    def markdown(self, kind: str, entries: dict[str, str] | None = None) -> str:
        """The index page; ``entries`` holds the entries already made (``entry_html``), by record id."""
        return self.template.render(index=self.view(kind, entries or {}))

    def entry_html(self, record: Record) -> str:
        """A record's entry on its kind's index (templates/index_entry.html)."""
        src = index_src(self.schemas.kinds[record.kind].plural)
        return str(self._entry_macro(self._entry(src, record.kind, record)))

    def view(self, kind: str, entries: dict[str, str]) -> views.IndexView:
        records = self.catalogue.of_kind(kind)
        declared = self.schemas.kinds[kind]
        src = index_src(declared.plural)
        count = self.words["count_all"].format(total=len(records),
                                               kinds=self.noun(declared.names if len(records) != 1 else declared.name))
        compare = self.linker.href(src, compare_src(declared.plural)) if declared.glance else None
        return views.IndexView(
            kind=kind, title=declared.names, intro=declared.intro, count=count,
            filters=self._filters(kind, records) if declared.facets else (),
            sorts=tuple(views.SortOrder(key, label, order) for key, (label, order) in self._sort_keys(kind).items()),
            compare=compare, compare_max=MAX_COMPARED,
            entries=tuple(Markup(entries[record.id]) if record.id in entries else self._entry_macro(
                self._entry(src, kind, record)) for record in records),
            shared=self._shared(src, kind))

    def _shared(self, src: str, kind: str) -> tuple[views.Row, ...]:
        """The values every record of the kind has (shared_values.py), which their pages leave out."""
        rows = []
        for name, value in shared_values(self.catalogue, kind).items():
            info = self.schemas.fields[kind][name]
            values = value if isinstance(value, list) else [value]
            shown: views.Value
            if info.references:
                targets = [self.catalogue.by_id[str(v)] for v in values]
                shown = views.Links(tuple(views.Link(t.title, self.linker.href(src, t.src)) for t in targets))
            else:
                shown = views.Plain(", ".join(str(info.labels.get(str(v), v)) for v in values))
            rows.append(views.Row(info.title, shown))
        return tuple(rows)

    def _sort_keys(self, kind: str) -> dict[str, tuple[str, str]]:
        """The orders the list offers besides its title (filters.js reads them): the review date, and
        each rating in the kind's at-a-glance box (its facet's URL name as the key), strongest first."""
        reviewed = self.schemas.fields[kind][self.schemas.page_fields.reviewed].title
        keys = {"reviewed": (self.words["newest_first"].format(field=reviewed), "desc")}
        for key, (_, schema) in self._ratings(kind).items():
            keys[key] = (self.words["strongest_first"].format(field=schema.get("title", key)), "desc")
        return keys

    def _ratings(self, kind: str) -> dict[str, tuple[str, dict[str, object]]]:
        """Sort key -> (field path, schema) of each rated value in the kind's at-a-glance box; worked out
        once per kind, not for every entry."""
        if kind in self._ratings_of:
            return self._ratings_of[kind]
        declared = self.schemas.kinds[kind]
        found: dict[str, tuple[str, dict[str, object]]] = {}
        for name in declared.glance:
            info = self.schemas.fields[kind].get(name)
            rated = self.schemas.rated(kind, info) if info else None
            if rated:
                path = f"{name}.{rated[0]}"
                found[declared.facets.get(path, name)] = (path, rated[1])
        self._ratings_of[kind] = found
        return found

    def _rank(self, schema: dict[str, object], value: str) -> int:
        """A rated value's strength: its place in the vocabulary, counted from the weakest end."""
        values = list(schema.get("enum", []))  # type: ignore[call-overload]
        if value not in values:
            return -1
        position = values.index(value)
        return position if schema.get("x-strongest", "last") == "last" else len(values) - 1 - position

    def _filters(self, kind: str, records: list[Record]) -> tuple[views.FilterGroup, ...]:
        """One group per facet, for the values that occur."""
        groups = []
        for facet, param in self.schemas.kinds[kind].facets.items():
            counts: dict[str, int] = {}
            for record in records:
                for value in facet_values(record, facet):
                    counts[value] = counts.get(value, 0) + 1
            if not counts:
                continue
            options = tuple(views.FilterOption(value, self.facet_label(kind, facet, value), n) for value, n in
                            sorted(counts.items(), key=lambda item: self.facet_label(kind, facet, item[0]).casefold()))
            groups.append(views.FilterGroup(param, self.facet_title(kind, facet), options))
        return tuple(groups)

    def _entry(self, src: str, kind: str, record: Record) -> views.IndexEntry:
        declared = self.schemas.kinds[kind]
        filters = tuple((param, " ".join(facet_values(record, facet))) for facet, param in declared.facets.items())
        sort_keys = [("reviewed", str(record.data[self.schemas.page_fields.reviewed]))]
        badges = []
        for key, (path, schema) in self._ratings(kind).items():
            for value in facet_values(record, path):
                sort_keys.append((key, str(self._rank(schema, value))))
                badges.append(rating_badge(schema, value))
        facts = []
        for facet in declared.facets:
            values = facet_values(record, facet)
            info = self.schemas.nested(kind, facet)[0]
            # Entries show what the kind's box shows first (for a practice: countries, settings,
            # instruments); a kind without a box shows its plain facets. Ratings are the badges.
            shown_here = facet.partition(".")[0] in declared.glance if declared.glance else not info.references
            if values and shown_here and info.format != "rating":
                facts.append((self.facet_title(kind, facet), ", ".join(self.facet_label(kind, facet, v) for v in values)))
        acronym = next(iter(self.catalogue.names_of(record, "acronym")), None)
        summary = record.data[self.schemas.page_fields.summary]
        return views.IndexEntry(
            id=record.id, href=self.linker.href(src, record.src),
            name=record.title + (f" ({acronym})" if acronym and acronym not in record.title else ""),
            original=next(iter(self._original_names(record)), None), badges=tuple(badges),
            summary=views.Rendered(Markup(self.text.inline(summary)), plain_text(summary)),
            definitions=tuple(views.Rendered(Markup(self.text.block(text)), plain_text(text))
                              for text in self.catalogue.names_of(record, "definition")),
            facts=tuple(facts), filters=filters, sort_keys=tuple(sort_keys))

    def _original_names(self, record: Record) -> list[str]:
        fields = self.schemas.fields[record.kind].values()
        return [str(record.data[f.name]) for f in fields if f.format == "original-name" and f.name in record.data]
