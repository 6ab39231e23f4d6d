"""The index page of each kind: every record of the kind, with its key facts.

Records are listed here rather than in the navigation sidebar: MkDocs renders the whole nav into
every page, which made a 3,000-page build take 276 s instead of 21 s (MkDocs 1.6.1 and Material
9.8 on two cores, measured).
Each entry carries its facet values as ``data-`` attributes for the filters.
"""

from __future__ import annotations

from ..check.catalogue import Catalogue
from ..load.records import Record
from ..urls import Linker, index_src
from .compare import MAX_COMPARED, compare_src
from .markup import TextRenderer, escape
from .record_page import rating_badge

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
    def __init__(self, catalogue: Catalogue, linker: Linker, text: TextRenderer):
        self.catalogue = catalogue
        self.linker = linker
        self.text = text
        self._ratings_of: dict[str, dict[str, tuple[str, dict[str, object]]]] = {}  # per kind, see _ratings

    def facet_label(self, kind: str, facet: str, value: str) -> str:
        if self.catalogue.schemas.nested(kind, facet)[0].references:
            target = self.catalogue.by_id.get(value)
            return self.catalogue.label(target) if target else value
        return str(self.catalogue.schemas.path_labels(kind, facet).get(value, value))

    def facet_title(self, kind: str, facet: str) -> str:
        return self.catalogue.schemas.path_title(kind, facet)

    def markdown(self, kind: str) -> str:
        records = self.catalogue.of_kind(kind)
        declared = self.catalogue.schemas.kinds[kind]
        src = index_src(declared.plural)
        count = f"{len(records)} {(declared.names if len(records) != 1 else declared.name).lower()}"
        out = [f"# {declared.names}", "", f'<p class="lac-lede">{escape(declared.intro)}</p>', ""]
        if declared.facets:
            out += [self._filters(kind, records), ""]
        out += [f'<p class="lac-count" data-total="{len(records)}" data-noun="{escape(declared.names.lower())}" '
                f'role="status">{escape(count)}</p>', ""]
        entries = "".join(self._entry(src, kind, record) for record in records)
        sorts = "".join(f' data-sort-label-{key}="{escape(label)}" data-sort-order-{key}="{order}"'
                        for key, (label, order) in self._sort_keys(kind).items())
        if declared.glance:  # compare.js offers a tick box per entry and a link to the comparison
            sorts += f' data-compare="{escape(self.linker.href(src, compare_src(declared.plural)))}"'
            sorts += f' data-compare-max="{MAX_COMPARED}"'

        # Each record is found through its own page; the list would only add duplicate hits.
        out += [f'<ul class="lac-index" data-kind="{escape(kind)}"{sorts} data-search-exclude>{entries}</ul>', ""]
        return "\n".join(out)

    def _sort_keys(self, kind: str) -> dict[str, tuple[str, str]]:
        """The orders the list offers besides its title (filters.js reads them): the review date, and
        each rating in the kind's at-a-glance box (its facet's URL name as the key), strongest first."""
        keys = {"reviewed": (f"{self.catalogue.schemas.fields[kind]['reviewed'].title} (newest first)", "desc")}
        for key, (_, schema) in self._ratings(kind).items():
            keys[key] = (f"{schema.get('title', key)} (strongest first)", "desc")
        return keys

    def _ratings(self, kind: str) -> dict[str, tuple[str, dict[str, object]]]:
        """Sort key -> (field path, schema) of each rated value in the kind's at-a-glance box; worked out
        once per kind, not for every entry."""
        if kind in self._ratings_of:
            return self._ratings_of[kind]
        declared = self.catalogue.schemas.kinds[kind]
        found: dict[str, tuple[str, dict[str, object]]] = {}
        for name in declared.glance:
            info = self.catalogue.schemas.fields[kind].get(name)
            if info is None or info.format != "rating":
                continue
            for key, raw in info.schema.get("properties", {}).items():
                schema = self.catalogue.schemas.resolve(raw, f"{kind}.json")
                if "x-labels" in schema:
                    path = f"{name}.{key}"
                    found[declared.facets.get(path, name)] = (path, schema)
                    break
        self._ratings_of[kind] = found
        return found

    def _rank(self, schema: dict[str, object], value: str) -> int:
        """A rated value's strength: its place in the vocabulary, counted from the weakest end."""
        values = list(schema.get("enum", []))  # type: ignore[call-overload]
        if value not in values:
            return -1
        position = values.index(value)
        return position if schema.get("x-strongest", "last") == "last" else len(values) - 1 - position

    def _filters(self, kind: str, records: list[Record]) -> str:
        """Checkbox groups, one per facet, for the values that occur; JavaScript reveals and runs them.

        Without JavaScript the form stays hidden and the full list shows.
        """
        groups = []
        for facet, param in self.catalogue.schemas.kinds[kind].facets.items():
            counts: dict[str, int] = {}
            for record in records:
                for value in facet_values(record, facet):
                    counts[value] = counts.get(value, 0) + 1
            if not counts:
                continue
            options = "".join(
                f'<label><input type="checkbox" name="{escape(param)}" value="{escape(value)}"> '
                f'{escape(self.facet_label(kind, facet, value))} <span class="lac-facet-count">({n})</span></label>'
                for value, n in sorted(counts.items(), key=lambda item: self.facet_label(kind, facet, item[0]).casefold())
            )
            groups.append(f'<fieldset><legend>{escape(self.facet_title(kind, facet))}</legend>{options}</fieldset>')
        plural = self.catalogue.schemas.kinds[kind].names.lower()
        return (f'<form class="lac-filters" hidden aria-label="Filter {escape(plural)}" data-search-exclude>'
                f'{"".join(groups)}<p class="lac-filter-actions"><button type="reset" class="md-button">'
                f"Clear filters</button></p></form>")

    def _entry(self, src: str, kind: str, record: Record) -> str:
        href = self.linker.href(src, record.src)
        declared = self.catalogue.schemas.kinds[kind]
        attributes = "".join(
            f' data-filter-{escape(param)}="{escape(" ".join(facet_values(record, facet)))}"'
            for facet, param in declared.facets.items()
        )
        attributes += f' data-sort-reviewed="{escape(record.data["reviewed"])}"'
        badges = []
        for key, (path, schema) in self._ratings(kind).items():
            for value in facet_values(record, path):
                attributes += f' data-sort-{escape(key)}="{self._rank(schema, value)}"'
                badges.append(rating_badge(schema, value))
        facts = []
        for facet in declared.facets:
            values = facet_values(record, facet)
            info = self.catalogue.schemas.nested(kind, facet)[0]
            # Entries show what the kind's box shows first (for a practice: countries, settings,
            # instruments); a kind without a box shows its plain facets. Ratings are the badges.
            shown_here = facet.partition(".")[0] in declared.glance if declared.glance else not info.references
            if values and shown_here and info.format != "rating":
                shown = ", ".join(escape(self.facet_label(kind, facet, v)) for v in values)
                facts.append(f"<dt>{escape(self.facet_title(kind, facet))}</dt>\n<dd>{shown}</dd>\n")
        extra = "".join(f'<div class="lac-definition">{self.text.block(text)}</div>'
                        for text in self.catalogue.names_of(record, "definition"))
        acronym = next(iter(self.catalogue.names_of(record, "acronym")), None)
        name = escape(record.title) + (f" ({escape(acronym)})" if acronym and acronym not in record.title else "")
        original = next(iter(self._original_names(record)), None)
        original_html = f' <span class="lac-original">({escape(original)})</span>' if original else ""
        facts_html = f'<dl class="lac-entry-facts">\n{"".join(facts)}</dl>' if facts else ""
        return (
            f'<li class="lac-entry" id="{escape(record.id)}"{attributes}>'
            f'<a class="lac-entry-title" href="{escape(href)}">{name}</a>{original_html}{"".join(badges)}'
            f'<p class="lac-summary">{self.text.inline(record.data["summary"])}</p>{extra}{facts_html}</li>'
        )

    def _original_names(self, record: Record) -> list[str]:
        fields = self.catalogue.schemas.fields[record.kind].values()
        return [str(record.data[f.name]) for f in fields if f.format == "original-name" and f.name in record.data]
