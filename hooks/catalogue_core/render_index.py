"""The index page of each kind: every record of the kind, with its key facts.

Records are listed here rather than in the navigation sidebar: MkDocs renders the whole nav into
every page, which made a 3,000-page build take 276 s instead of 21 s (research/ecosystem.md, 8).
Each entry carries its facet values as ``data-`` attributes for the filters.
"""

from __future__ import annotations

from .catalogue import Catalogue
from .markup import TextRenderer, escape
from .records import Record
from .render_record import KIND_NAMES
from .urls import Linker, index_src, record_src

KIND_INTROS: dict[str, str] = {
    "meeting": "Meetings whose findings, recommendations and follow-up material this catalogue gathers.",
    "finding": "The key findings of the meeting, each with what it means for case work.",
    "theme": "The main themes behind the findings.",
    "recommendation": (
        "Editorial recommendations: each builds on named key findings and links the practices, instruments "
        "and terms that help act on it. The meeting paper's own recommendations were not available to the editors."
    ),
    "practice": "Practices from Austria, Germany and elsewhere in Europe that relate to the meeting's themes.",
    "tool": "Risk, needs, social diagnostics, screening and threat assessment instruments used in P/CVE.",
    "term": (
        "Terms that practitioners from mental health, security, social work and justice may read differently, "
        "with a neutral definition and each discipline's reading."
    ),
}

# Fields shown on index entries and offered as filters, per kind, with the name each filter has in
# the URL query: /practices/?country=AT&setting=probation. These names are a public contract.
FACETS: dict[str, dict[str, str]] = {
    "practice": {
        "countries": "country", "settings": "setting", "roles": "role", "assessment_types": "assessment",
        "actor_focus": "focus", "evidence.level": "evidence",
    },
    "tool": {"types": "type", "method": "method", "lone_actor_suitability.rating": "suitability"},
    "recommendation": {"audience": "audience", "findings": "finding"},
}


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

    def facet_label(self, kind: str, facet: str, value: str) -> str:
        if facet == "countries":
            return self.catalogue.schemas.country_names.get(value, value)
        if facet == "findings":
            finding = self.catalogue.by_id.get(value)
            return f"Finding {finding.data['number']}: {finding.title}" if finding else value
        field, _, key = facet.partition(".")
        info = self.catalogue.schemas.fields[kind][field]
        labels = info.schema["properties"][key].get("x-labels", {}) if key else info.labels
        return str(labels.get(value, value))

    def facet_title(self, kind: str, facet: str) -> str:
        field, _, key = facet.partition(".")
        info = self.catalogue.schemas.fields[kind][field]
        schema = info.schema["properties"][key] if key else info.schema
        return str(schema.get("title", info.schema.get("title", field)))

    def markdown(self, kind: str) -> str:
        records = self.catalogue.of_kind(kind)
        src = index_src(kind)
        singular, plural = KIND_NAMES[kind]
        count = f"{len(records)} {plural.lower() if len(records) != 1 else singular.lower()}"
        if kind == "term":
            count = f"{len(records)} term{'s' if len(records) != 1 else ''}"
        out = [f"# {plural}", "", f'<p class="lac-lede">{escape(KIND_INTROS[kind])}</p>', ""]
        if kind in FACETS:
            out += [self._filters(kind, records), ""]
        out += [f'<p class="lac-count" data-total="{len(records)}" data-noun="{escape(plural.lower())}" '
                f'role="status">{escape(count)}</p>', ""]
        entries = "".join(self._entry(src, kind, record) for record in records)
        # Each record is found through its own page; the list would only add duplicate hits.
        out += [f'<ul class="lac-index" data-kind="{escape(kind)}" data-search-exclude>{entries}</ul>', ""]
        return "\n".join(out)

    def _filters(self, kind: str, records: list[Record]) -> str:
        """Checkbox groups, one per facet, for the values that occur; JavaScript reveals and runs them.

        Without JavaScript the form stays hidden and the full list shows.
        """
        groups = []
        for facet, param in FACETS[kind].items():
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
        plural = KIND_NAMES[kind][1].lower()
        return (f'<form class="lac-filters" hidden aria-label="Filter {escape(plural)}" data-search-exclude>'
                f'{"".join(groups)}<p class="lac-filter-actions"><button type="reset" class="md-button">'
                f"Clear filters</button></p></form>")

    def _entry(self, src: str, kind: str, record: Record) -> str:
        href = self.linker.href(src, record_src(kind, record.id))
        attributes = "".join(
            f' data-filter-{escape(param)}="{escape(" ".join(facet_values(record, facet)))}"'
            for facet, param in FACETS.get(kind, {}).items()
        )
        facts = []
        for facet in FACETS.get(kind, {}):
            values = facet_values(record, facet)
            if values and facet != "findings":
                shown = ", ".join(escape(self.facet_label(kind, facet, v)) for v in values)
                facts.append(f"<dt>{escape(self.facet_title(kind, facet))}</dt><dd>{shown}</dd>")
        extra = ""
        if kind == "term":
            extra = f'<div class="lac-definition">{self.text.block(record.data["definition"])}</div>'
        acronym = record.data.get("acronym")
        name = escape(record.title) + (f" ({escape(acronym)})" if acronym and acronym not in record.title else "")
        original = record.data.get("original_name")
        original_html = f' <span class="lac-original">({escape(original)})</span>' if original else ""
        facts_html = f'<dl class="lac-entry-facts">{"".join(facts)}</dl>' if facts else ""
        return (
            f'<li class="lac-entry" id="{escape(record.id)}"{attributes}>'
            f'<a class="lac-entry-title" href="{escape(href)}">{name}</a>{original_html}'
            f'<p class="lac-summary">{self.text.inline(record.data["summary"])}</p>{extra}{facts_html}</li>'
        )
