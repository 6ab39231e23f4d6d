"""Load stage helper: walk into a kind's JSON Schema below its top-level fields.

``Schemas.fields`` resolves each top-level field. Code that goes further down (the CSV columns of a
group's fields, a record skeleton's nested fields) must resolve a ``$ref`` against the document the
schema it sits in came from: ``{"$ref": "#/$defs/url"}`` inside ``common.json``'s source means
common.json's url. ``SchemaNode`` carries that document along.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .schemas import Schemas


@dataclass(frozen=True)
class SchemaNode:
    """A subschema with its ``$ref`` chain followed, and the document its own ``$ref`` s are relative to."""

    schema: dict[str, Any]
    base: str

    @classmethod
    def of_kind(cls, schemas: Schemas, kind: str) -> SchemaNode:
        return cls(schemas.schema(kind), f"{kind}.json")

    def child(self, schemas: Schemas, subschema: dict[str, Any]) -> SchemaNode:
        """``subschema``, found in this node, resolved; annotations written beside a ``$ref`` win."""
        return SchemaNode(*schemas.resolve_in(subschema, self.base))

    def properties(self, schemas: Schemas) -> dict[str, SchemaNode]:
        """Each property of an object schema, resolved, in the schema's order."""
        return {name: self.child(schemas, raw) for name, raw in self.schema.get("properties", {}).items()}

    def items(self, schemas: Schemas) -> SchemaNode | None:
        """The item schema of an array schema, resolved; None for anything else."""
        if self.schema.get("type") != "array":
            return None
        return self.child(schemas, self.schema.get("items", {}))

    @property
    def required(self) -> list[str]:
        return list(self.schema.get("required", []))
