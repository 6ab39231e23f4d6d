"""Records side by side: for each kind with an at-a-glance box, a comparison page and its data.

``/compare/<plural>/?ids=a,b`` shows the boxes of up to ``MAX_COMPARED`` chosen records as the
columns of one table, so the URL can be shared. ``compare.js`` builds the table from
``compare/<plural>.json``: every record's box, rendered here exactly as on its own page, with links
that work from the comparison page. The kind's index page offers a tick box per entry; the index
names its comparison page in ``data-compare``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..check.catalogue import Catalogue
from ..urls import Linker, index_src
from . import views
from .templates import Templates

if TYPE_CHECKING:
    from .record_page import RecordPage

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
    view = views.ComparePage(title=f"Compare {declared.names.lower()}", names=declared.names,
                             index=linker.href(src, index_src(declared.plural)),
                             data=linker.file_href(src, compare_data_path(declared.plural)), max=MAX_COMPARED)
    return templates.render("compare_page.md", compare=view)


def compare_data(catalogue: Catalogue, linker: Linker, record_page: RecordPage, kind: str) -> str:
    """Every record of the kind: its title, the link to its page and the rows of its box."""
    declared = catalogue.schemas.kinds[kind]
    src = compare_src(declared.plural)
    records = {
        record.id: {"title": record.title, "href": linker.href(src, record.src),
                    "rows": record_page.glance_rows(record, src)}
        for record in catalogue.of_kind(kind)
    }
    return json.dumps({"kind": declared.names, "records": records}, ensure_ascii=False, separators=(",", ":")) + "\n"
