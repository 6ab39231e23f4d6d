"""Render stage: the link from each instrument's page to the assessment planner (``/plan/``).

Which kind gets it is the planner's data (``kinds.instrument`` in planner/planner.yml), not code.
"""

from __future__ import annotations

from ..check.catalogue import Catalogue
from ..load.records import Record
from ..urls import Linker
from .views import Link

PLAN_SRC = "plan.md"


def plan_link(catalogue: Catalogue, linker: Linker, record: Record) -> Link | None:
    """The link to the planner, or None for a record the planner does not weigh."""
    rules = catalogue.planner
    if rules is None or record.kind != rules.instrument_kind:
        return None
    return Link(str(rules.data["title"]), linker.href(record.src, PLAN_SRC))
