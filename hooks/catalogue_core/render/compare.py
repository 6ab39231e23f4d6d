"""Records side by side: for each kind with an at-a-glance box, a comparison page and its data.

``/compare/<plural>/?ids=a,b`` shows the boxes of up to ``MAX_COMPARED`` chosen records as the
columns of one table, so the URL can be shared. ``compare.js`` builds the table from
``compare/<plural>.json``: every record's box, rendered here exactly as on its own page, with links
that work from the comparison page. The kind's index page offers a tick box per entry; the index
names its comparison page in ``data-compare``.
"""

from __future__ import annotations

import json

from ..check.catalogue import Catalogue
from ..urls import Linker, index_src
from . import views
from .templates import Templates

MAX_COMPARED = 4


def compare_src(plural: str) -> str:
    return f"compare/{plural}.md"


def compare_data_path(plural: str) -> str:
    return f"compare/{plural}.json"


def compared_kinds(catalogue: Catalogue) -> list[str]:
    """The kinds whose records have a box to compare."""
    return [kind.kind for kind in catalogue.schemas.kinds.values() if kind.glance and catalogue.of_kind(kind.kind)]


def compare_page(catalogue: Catalogue, linker: Linker, templates: Templates, kind: str) -> str:
    """The page: a table compare.js fills, and what to do without JavaScript (templates/compare_page.md)."""
    declared = catalogue.schemas.kinds[kind]
    src = compare_src(declared.plural)
    view = views.ComparePage(title=templates.words["compare"]["page_title"].format(kinds=templates.noun(declared.names)), names=declared.names, kind=kind,
                             index=linker.href(src, index_src(declared.plural)),
                             data=linker.file_href(src, compare_data_path(declared.plural)), max=MAX_COMPARED)
    return templates.render("compare_page.md", compare=view)


def compare_data(catalogue: Catalogue, linker: Linker, boxes: dict[str, tuple[tuple[str, str], ...]], kind: str) -> str:
    """Every record of the kind: its title, the link to its page and its rows, one per field the kind's
    ``x-kind.compare`` declares (``boxes``, by record id: ``RecordPage.compare_rows`` from the comparison
    page, as ``build_pages`` keeps them); and the rows' labels in that order, so that a value a record
    lacks shows as not stated rather than as a missing row."""
    declared = catalogue.schemas.kinds[kind]
    src = compare_src(declared.plural)
    records = {
        record.id: {"title": record.title, "href": linker.href(src, record.src), "rows": [list(row) for row in boxes[record.id]]}
        for record in catalogue.of_kind(kind)
    }
    present = {label for rows in boxes.values() for label, _ in rows}
    labels = [label for label in (_label(catalogue, kind, name) for name in declared.compare) if label in present]
    return json.dumps({"kind": declared.names, "labels": labels, "records": records}, ensure_ascii=False,
                      separators=(",", ":")) + "\n"


def _label(catalogue: Catalogue, kind: str, name: str) -> str:
    """A compared field's row label, as the box names it: its title, a rating's own title, or for
    'kind.field' the heading that kind gives its links ("Practices that use it")."""
    schemas = catalogue.schemas
    info = schemas.fields[kind].get(name)
    if info is None:
        source_kind, _, field = name.partition(".")
        return schemas.kinds[source_kind].backlinks.get(field, schemas.kinds[source_kind].names)
    rated = schemas.rated(kind, info)
    return str(rated[1].get("title", info.title)) if rated else info.title
