"""The JSON Schemas in ``schemas/``: the single source of truth for record fields.

The validator, the renderer (labels, which fields are Markdown, which are references) and the
published ``/schema/<kind>.json`` files all read the same files. Our own annotations use an
``x-`` prefix, which JSON Schema validators ignore: ``x-references`` names the kind a field points
at (``*`` for any), ``x-labels`` gives readable names for vocabulary values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin

from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

    from .quick_schema import Check

# kind -> plural, which is both the folder under practices/ and the URL segment.
KINDS: dict[str, str] = {
    "meeting": "meetings",
    "finding": "findings",
    "theme": "themes",
    "recommendation": "recommendations",
    "practice": "practices",
    "tool": "tools",
    "term": "terms",
}
KIND_BY_FOLDER = {plural: kind for kind, plural in KINDS.items()}


@dataclass(frozen=True)
class FieldInfo:
    """What the rest of the code needs to know about one top-level field of a kind."""

    name: str
    schema: dict[str, Any]  # with top-level $refs resolved
    references: str | None  # target kind, "*" for any, None for plain data
    is_list: bool
    is_markdown: bool
    labels: dict[str, str]  # vocabulary value -> readable label (for the field or its items)
    description: str


class Schemas:
    """All kind schemas, loaded once, with validators and field information."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.documents: dict[str, dict[str, Any]] = {}
        self._targets: dict[str, dict[str, Any]] = {}  # absolute $ref -> the schema it names
        for path in sorted(folder.glob("*.json")):
            with path.open(encoding="utf-8") as fh:
                self.documents[path.name] = json.load(fh)
        missing = [kind for kind in KINDS if f"{kind}.json" not in self.documents]
        if missing:
            raise FileNotFoundError(f"{folder}: no schema for {', '.join(missing)}")
        self.registry: Registry = Registry().with_resources(
            (name, Resource.from_contents(doc, default_specification=DRAFT202012))
            for name, doc in self.documents.items()
        )

    def schema(self, kind: str) -> dict[str, Any]:
        return self.documents[f"{kind}.json"]

    # jsonschema is imported where it is needed: a build whose records all passed before (validate.py)
    # needs neither validators nor quick checks.
    @cached_property
    def validators(self) -> dict[str, Draft202012Validator]:
        from jsonschema import Draft202012Validator, FormatChecker

        return {
            kind: Draft202012Validator(self.schema(kind), registry=self.registry, format_checker=FormatChecker())
            for kind in KINDS
        }

    @cached_property
    def quick_checks(self) -> dict[str, Check | None]:
        """kind -> a fast check that says only 'certainly valid' or 'ask jsonschema' (quick_schema.py)."""
        from jsonschema import FormatChecker

        from .quick_schema import Compiler

        compiler = Compiler(self.registry, FormatChecker())
        return {kind: compiler.check_for(f"{kind}.json") for kind in KINDS}

    def resolve(self, subschema: dict[str, Any], base: str) -> dict[str, Any]:
        """Follow ``$ref`` chains, merging the annotations written beside each ``$ref``."""
        merged: dict[str, Any] = {}
        while True:
            for key, value in subschema.items():
                if key != "$ref":
                    merged.setdefault(key, value)
            if "$ref" not in subschema:
                return merged
            subschema, base = self._lookup(subschema["$ref"], base)

    def _lookup(self, ref: str, base: str) -> tuple[dict[str, Any], str]:
        """The schema a ``$ref`` in document ``base`` names, and its document; each target is looked up once."""
        absolute = urljoin(base, ref)
        if absolute not in self._targets:
            self._targets[absolute] = self.registry.resolver(base_uri=base).lookup(ref).contents
        return self._targets[absolute], urldefrag(absolute).url

    @cached_property
    def fields(self) -> dict[str, dict[str, FieldInfo]]:
        """kind -> field name -> FieldInfo, in the schema's order."""
        out: dict[str, dict[str, FieldInfo]] = {}
        for kind in KINDS:
            base = f"{kind}.json"
            out[kind] = {}
            for name, raw in self.schema(kind)["properties"].items():
                schema = self.resolve(raw, base)
                items = self.resolve(schema.get("items", {}), base) if schema.get("type") == "array" else {}
                out[kind][name] = FieldInfo(
                    name=name,
                    schema=schema,
                    references=schema.get("x-references"),
                    is_list=schema.get("type") == "array",
                    is_markdown=(items or schema).get("contentMediaType") == "text/markdown",
                    labels=(items or schema).get("x-labels", {}),
                    description=schema.get("description", ""),
                )
        return out

    def label(self, kind: str, field: str, value: str) -> str:
        """The readable label of a vocabulary value, or the value itself."""
        return self.fields[kind][field].labels.get(value, value)

    @cached_property
    def tag_labels(self) -> dict[str, str]:
        labels: dict[str, str] = self.documents["common.json"]["$defs"]["tag"]["x-labels"]
        return labels

    @cached_property
    def country_names(self) -> dict[str, str]:
        names: dict[str, str] = self.documents["common.json"]["$defs"]["country"]["x-labels"]
        return names
