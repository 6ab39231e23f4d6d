"""Test-only MkDocs hook: the project's hook with record validation switched off.

Validation keeps markup out of records (``check_text``) and unsafe URLs out of URL fields (the
schemas). The injection test must show that rendering is safe *on its own*, so this hook reads the
records strictly as YAML and then skips every check. Everything else is the real hook, run as it
is: planning the site, every event handler, MkDocs and Material.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig

import catalogue_hook
from catalogue_core.check.catalogue import Catalogue
from catalogue_core.load.records import read_records
from catalogue_core.problems import Problem
from catalogue_core.project import Project
from catalogue_core.schemas import Schemas


def _unchecked_catalogue(project: Project) -> tuple[Catalogue | None, list[Problem]]:
    """``load_catalogue`` without ``check_records``: parsed strictly, then trusted."""
    schemas = Schemas.load(project.schemas_dir)
    records, _, problems = read_records(project.records_dir, project.shown_records_dir, schemas.kind_by_plural)
    if problems:  # the injection records must still be YAML the strict loader accepts
        return None, problems
    return Catalogue(records, schemas), []


def on_pre_build(config: MkDocsConfig) -> None:
    checked = catalogue_hook.load_catalogue
    catalogue_hook.load_catalogue = _unchecked_catalogue
    try:
        catalogue_hook.on_pre_build(config)
    finally:
        catalogue_hook.load_catalogue = checked


# Every other event: the real handler.
_handlers: dict[str, Any] = {name: getattr(catalogue_hook, name) for name in dir(catalogue_hook)
                             if name.startswith("on_") and name != "on_pre_build"}
globals().update(_handlers)
