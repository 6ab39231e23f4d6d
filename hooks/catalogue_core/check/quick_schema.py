"""A quick yes-or-no check that a record matches its kind's schema, for the common valid case.

jsonschema finds and words every error, but it follows each ``$ref`` through the registry on every
record, which made schema validation about three times as slow as parsing the YAML (``make bench``,
``check_s``). This module compiles a schema once into plain Python checks. A check answers True
only when jsonschema would find no error at all; when it answers False, jsonschema runs as before and
words the errors, so no message changes. Where unsure (a keyword it does not know, a list of
non-text items to compare) it answers False, never True.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from jsonschema import Draft202012Validator, FormatChecker

Check = Callable[[Any], bool]

# Keywords jsonschema asserts that this module implements. Keywords jsonschema does not assert
# (title, description, contentMediaType, x-...) are annotations and change nothing.
SUPPORTED = {
    "$ref", "type", "enum", "pattern", "minLength", "maxLength", "minItems", "uniqueItems", "items",
    "properties", "additionalProperties", "required", "minimum", "maximum", "format", "minProperties",
}
ASSERTED = set(Draft202012Validator.VALIDATORS)
MAX_REF_DEPTH = 32  # a recursive schema is left to jsonschema


class Unsupported(Exception):
    """The schema uses something the quick check does not implement."""


class Compiler:
    """Compiles the schemas of one folder; a ``$ref`` target shared by several kinds is compiled once."""

    def __init__(self, registry: Any, formats: FormatChecker, lookup: Callable[[str, str], tuple[Any, str]]):
        self.registry = registry
        self.formats = formats
        # (ref, base) -> (target, its document): Schemas.lookup, which resolves plain pointers directly
        # and remembers every target.
        self.lookup = lookup
        self.compiled: dict[str, Check] = {}  # absolute $ref -> its check

    def check_for(self, document: str) -> Check | None:
        """The quick check for the schema document named ``document`` (``practice.json``), or None
        when only jsonschema can check it."""
        try:
            return self._compile(self.registry.contents(document), document, 0)
        except Unsupported:
            return None

    def _ref(self, ref: str, base: str, depth: int) -> Check:
        absolute = urljoin(base, ref)
        if absolute not in self.compiled:
            target, document = self.lookup(ref, base)
            self.compiled[absolute] = self._compile(target, document, depth + 1)
        return self.compiled[absolute]

    def _compile(self, schema: dict[str, Any] | bool, base: str, depth: int) -> Check:
        if schema is True or schema == {}:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict) or depth > MAX_REF_DEPTH or "$id" in schema and depth:
            raise Unsupported  # (a nested $id would change the base URI of the refs below it)
        unknown = (set(schema) & ASSERTED) - SUPPORTED
        if unknown:
            raise Unsupported(", ".join(sorted(unknown)))
        checks: list[Check] = []
        if "type" in schema:
            checks.append(_type_check(schema["type"]))
        if "$ref" in schema:
            checks.append(self._ref(schema["$ref"], base, depth))
        if "enum" in schema:
            allowed = schema["enum"]
            if not all(isinstance(v, str) for v in allowed):
                raise Unsupported("enum of non-text values")
            allowed_set = frozenset(allowed)
            checks.append(lambda v: isinstance(v, str) and v in allowed_set)
        if "pattern" in schema:
            search = re.compile(schema["pattern"]).search
            checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
        if "minLength" in schema:
            min_length = schema["minLength"]
            checks.append(lambda v: not isinstance(v, str) or len(v) >= min_length)
        if "maxLength" in schema:
            max_length = schema["maxLength"]
            checks.append(lambda v: not isinstance(v, str) or len(v) <= max_length)
        if "format" in schema:
            name, formats = schema["format"], self.formats
            checks.append(lambda v: formats.conforms(v, name))
        if "minimum" in schema:
            minimum = schema["minimum"]
            checks.append(lambda v: isinstance(v, bool) or not isinstance(v, (int, float)) or v >= minimum)
        if "maximum" in schema:
            maximum = schema["maximum"]
            checks.append(lambda v: isinstance(v, bool) or not isinstance(v, (int, float)) or v <= maximum)
        checks += self._array_checks(schema, base, depth)
        checks += self._object_checks(schema, base, depth)
        return _all_of(checks)

    def _array_checks(self, schema: dict[str, Any], base: str, depth: int) -> list[Check]:
        checks: list[Check] = []
        if "minItems" in schema:
            min_items = schema["minItems"]
            checks.append(lambda v: not isinstance(v, list) or len(v) >= min_items)
        if schema.get("uniqueItems") is True:
            # Text items compare as a set; anything else is left to jsonschema's own equality rules.
            checks.append(lambda v: not isinstance(v, list) or (
                all(isinstance(i, str) for i in v) and len(set(v)) == len(v)))
        if "items" in schema:
            item = self._compile(schema["items"], base, depth)

            def each(v: Any) -> bool:
                if isinstance(v, list):
                    for i in v:
                        if not item(i):
                            return False
                return True

            checks.append(each)
        return checks

    def _object_checks(self, schema: dict[str, Any], base: str, depth: int) -> list[Check]:
        properties = {name: self._compile(sub, base, depth) for name, sub in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        extra_check = None if extra is True else self._compile(extra, base, depth)
        required = tuple(schema.get("required", ()))
        min_properties = schema.get("minProperties", 0)
        if not (properties or extra_check or required or min_properties):
            return []

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            if len(v) < min_properties:
                return False
            for name in required:
                if name not in v:
                    return False
            for name, value in v.items():
                sub = properties.get(name, extra_check)
                if sub is not None and not sub(value):
                    return False
            return True

        return [check]


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


def _type_check(expected: str | list[str]) -> Check:
    names = [expected] if isinstance(expected, str) else list(expected)
    if any(name not in _TYPES for name in names):
        raise Unsupported(f"type {expected}")
    if len(names) == 1:
        return _TYPES[names[0]]
    checks = [_TYPES[name] for name in names]
    return lambda v: any(c(v) for c in checks)


def _all_of(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    frozen = tuple(checks)

    def check(v: Any) -> bool:
        for c in frozen:
            if not c(v):
                return False
        return True

    return check


def _always(v: Any) -> bool:
    return True


def _never(v: Any) -> bool:
    return False
