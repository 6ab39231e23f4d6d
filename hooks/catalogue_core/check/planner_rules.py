"""Load and check the planner's rules: strict YAML, the schema ``schemas/planner.json``, then every
kind, field, value and record the rules name, against the kinds' schemas and the catalogue.

A rule that names something that does not exist is a located problem (``planner/planner.yml:LINE:
questions[2].instrument_field: ...``) with a "did you mean", in the same report as the records'.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..load.records import Record
from ..load.strict_yaml import Document, load_document
from ..problems import Problem, field_path
from ..schemas import Schemas

if TYPE_CHECKING:
    from .catalogue import Catalogue

SCHEMA_FILE = "planner.json"
Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class PlannerRules:
    """The checked rules, as the YAML holds them, and where they came from."""

    data: dict[str, Any]
    path: str  # as shown in messages

    @property
    def instrument_kind(self) -> str:
        return str(self.data["kinds"]["instrument"])

    @property
    def practice_kind(self) -> str:
        return str(self.data["kinds"]["practice"])

    @property
    def recommendation_kind(self) -> str:
        return str(self.data["kinds"]["recommendation"])

    @property
    def questions(self) -> list[dict[str, Any]]:
        return list(self.data["questions"])

    @property
    def not_stated(self) -> str:
        return str(self.data["instrument_fields"]["not_stated"])


def load_rules(path: Path, shown: str, catalogue: Catalogue, docs_dir: Path
               ) -> tuple[PlannerRules | None, list[Problem]]:
    """The rules, or None and every problem found in them."""
    document, problems = load_document(path, shown)
    if document is None or problems:
        return None, problems
    problems = list(_schema_problems(document, shown, catalogue.schemas))
    if problems:
        return None, problems
    problems = list(RuleCheck(document, shown, catalogue, docs_dir).problems())
    if problems:
        return None, problems
    return PlannerRules(document.data, shown), []


def _schema_problems(document: Document, shown: str, schemas: Schemas) -> Iterator[Problem]:
    from jsonschema import Draft202012Validator

    from .validate import _describe  # the records' wording, so a rule file reads like a record

    schema = schemas.documents[SCHEMA_FILE]
    validator = Draft202012Validator(schema, registry=schemas.registry)
    as_record = Record(id="planner", kind="planner", plural="planner", path=shown, document=document)
    for error in validator.iter_errors(document.data):
        yield from _describe(error, as_record)


def field_schema(schemas: Schemas, kind: str, dotted: str) -> dict[str, Any] | None:
    """The schema of a kind's field, a dotted path into objects (``lone_actor_suitability.rating``), or None."""
    schema: dict[str, Any] = schemas.schema(kind)
    for part in dotted.split("."):
        properties = schemas.resolve(schema, f"{kind}.json").get("properties", {})
        if part not in properties:
            return None
        schema = schemas.resolve(properties[part], f"{kind}.json")
    return schema


def field_values(schemas: Schemas, kind: str, dotted: str) -> list[str]:
    """The values a field (or each item of a list field) may take; empty for free text."""
    schema = field_schema(schemas, kind, dotted) or {}
    items = schemas.resolve(schema.get("items", {}), f"{kind}.json") if schema.get("type") == "array" else schema
    return [str(v) for v in items.get("enum", [])]


def field_labels(schemas: Schemas, kind: str, dotted: str) -> dict[str, str]:
    schema = field_schema(schemas, kind, dotted) or {}
    items = schemas.resolve(schema.get("items", {}), f"{kind}.json") if schema.get("type") == "array" else schema
    return dict(items.get("x-labels", {}))


def _slugs(markdown: str) -> set[str]:
    """The anchors of a page's headings, as MkDocs' toc extension makes them for plain headings."""
    return {re.sub(r"[\s]+", "-", re.sub(r"[^\w\s-]", "", m.group(1).strip().lower()))
            for m in re.finditer(r"^#{1,6}\s+(.+?)\s*$", markdown, re.MULTILINE)}


class RuleCheck:
    """Every name the rules use, against the schemas and the catalogue."""

    def __init__(self, document: Document, shown: str, catalogue: Catalogue, docs_dir: Path):
        self.document = document
        self.data: dict[str, Any] = document.data
        self.shown = shown
        self.catalogue = catalogue
        self.schemas = catalogue.schemas
        self.docs_dir = docs_dir

    def problem(self, at: Path_, message: str) -> Problem:
        return Problem(self.shown, self.document.line_of(at), field_path(at), message)

    def problems(self) -> Iterator[Problem]:
        kinds = self.data["kinds"]
        bad_kinds = False
        for role, kind in kinds.items():
            if kind not in self.schemas.kinds:
                bad_kinds = True
                yield self.problem(("kinds", role), self._unknown(f"'{kind}' is not a kind", kind, list(self.schemas.kinds)))
        if bad_kinds:
            return  # every other name is looked up in these kinds
        tool, practice = kinds["instrument"], kinds["practice"]
        fields = self.data["instrument_fields"]
        yield from self._field(("instrument_fields", "rating"), tool, fields["rating"])
        for i, name in enumerate(fields["shown"]):
            yield from self._field(("instrument_fields", "shown", i), tool, name)
        for key in ("instruments", "types"):
            yield from self._field(("practice_fields", key), practice, self.data["practice_fields"][key])
        types = self.data["types"]
        type_values: list[str] = []
        if not any(self._field(("types", "instrument_field"), tool, types["instrument_field"])):
            allowed = field_values(self.schemas, tool, types["instrument_field"])
            for i, entry in enumerate(types["order"]):
                type_values.append(entry["value"])
                yield from self._values(("types", "order", i, "value"), [entry["value"]], allowed,
                                        f"{tool}.{types['instrument_field']}")
                yield from self._link(("types", "order", i, "link"), entry["link"])
        yield from self._field(("types", "practice_field"), practice, types["practice_field"])
        names: set[str] = set()
        for q, question in enumerate(self.data["questions"]):
            at: Path_ = ("questions", q)
            if question["name"] in names:
                yield self.problem(at + ("name",), f"'{question['name']}' names another question already; "
                                   "each question needs its own name, the page's address uses it.")
            names.add(question["name"])
            yield from self._question(at, question, tool, practice, type_values)
        yield from self._instruments_filled(tool)

    def _question(self, at: Path_, question: dict[str, Any], tool: str, practice: str,
                  type_values: list[str]) -> Iterator[Problem]:
        if ("choices" in question) == ("choices_from" in question):
            yield self.problem(at, "give either 'choices' (written out) or 'choices_from' (a kind's field, "
                               "e.g. practice.countries), not both and not neither.")
        if "choices_from" in question:
            kind, _, name = question["choices_from"].partition(".")
            if kind not in self.schemas.kinds:
                yield self.problem(at + ("choices_from",), self._unknown(f"'{kind}' is not a kind", kind,
                                                                          list(self.schemas.kinds)))
            else:
                yield from self._field(at + ("choices_from",), kind, name)
        matched = {}
        for side, kind in (("instrument", tool), ("practice", practice)):
            name = question.get(f"{side}_field")
            if name is not None:
                field_problems = list(self._field(at + (f"{side}_field",), kind, name))
                yield from field_problems
                if not field_problems:
                    matched[side] = (kind, name)
        if "instrument_field" in question and "not_fit" not in question:
            yield self.problem(at, "a question that matches instruments needs 'not_fit': the reason shown when "
                               "an instrument does not fit, e.g. 'For: {values}'.")
        values_seen: set[str] = set()
        for c, choice in enumerate(question.get("choices", [])):
            where = at + ("choices", c)
            if choice["value"] in values_seen:
                yield self.problem(where + ("value",), f"'{choice['value']}' is another choice's value already.")
            values_seen.add(choice["value"])
            for side in ("instrument", "practice"):
                if side not in choice:
                    continue
                if side not in matched:
                    if f"{side}_field" not in question:
                        yield self.problem(where + (side,), f"the question has no '{side}_field', so these values "
                                           "match nothing; name the field or remove them.")
                    continue
                kind, name = matched[side]
                allowed = field_values(self.schemas, kind, name)
                if allowed:
                    yield from self._values(where + (side,), choice[side], allowed, f"{kind}.{name}")
            if "types" in choice:
                yield from self._values(where + ("types",), choice["types"], type_values, "types.order")
            for r, record_id in enumerate(choice.get("recommendations", [])):
                yield from self._record(where + ("recommendations", r), record_id, self.data["kinds"]["recommendation"])

    def _field(self, at: Path_, kind: str, dotted: str) -> Iterator[Problem]:
        if field_schema(self.schemas, kind, dotted) is None:
            known = list(self.schemas.fields[kind])
            yield self.problem(at, self._unknown(f"'{dotted}' is not a field of a {kind}", dotted, known))

    def _values(self, at: Path_, values: list[str], allowed: list[str], where: str) -> Iterator[Problem]:
        for i, value in enumerate(values):
            if value not in allowed:
                yield self.problem(at + (i,), self._unknown(f"'{value}' is not a value of {where}", value, allowed))

    def _record(self, at: Path_, record_id: str, kind: str) -> Iterator[Problem]:
        record = self.catalogue.by_id.get(record_id)
        if record is None or record.kind != kind:
            ids = [r.id for r in self.catalogue.of_kind(kind)]
            yield self.problem(at, self._unknown(f"there is no {kind} '{record_id}'", record_id, ids))

    def _link(self, at: Path_, link: dict[str, str]) -> Iterator[Problem]:
        if "record" in link:
            record_id = link["record"]
            if record_id not in self.catalogue.by_id:
                yield self.problem(at + ("record",), self._unknown(f"there is no record '{record_id}'", record_id,
                                                                   list(self.catalogue.by_id)))
            return
        page = self.docs_dir / link["page"]
        if not page.is_file():
            pages = [p.relative_to(self.docs_dir).as_posix() for p in self.docs_dir.rglob("*.md")]
            yield self.problem(at + ("page",), self._unknown(f"there is no page docs/{link['page']}", link["page"], pages))
        elif "section" in link and link["section"] not in (anchors := _slugs(page.read_text(encoding="utf-8"))):
            yield self.problem(at + ("section",), self._unknown(f"docs/{link['page']} has no section "
                                                                f"'{link['section']}'", link["section"], sorted(anchors)))

    def _instruments_filled(self, tool: str) -> Iterator[Problem]:
        """Every instrument answers every question the planner matches it on, if only with 'not stated'."""
        asked = [q["instrument_field"] for q in self.data["questions"]  # a misnamed field is reported once, above
                 if "instrument_field" in q and field_schema(self.schemas, tool, q["instrument_field"]) is not None]
        not_stated = self.data["instrument_fields"]["not_stated"]
        for record in self.catalogue.of_kind(tool):
            for name in asked:
                value = record.data.get(name)
                if value is None:
                    yield Problem(record.path, 1, name, f"the planner matches instruments on '{name}'; give the "
                                  f"values its sources state, or '{not_stated}' where they are silent.")
                elif isinstance(value, list) and not_stated in value and len(value) > 1:
                    yield Problem(record.path, record.line_of(name), name, f"'{not_stated}' stands alone; "
                                  "remove it or the other values.")

    @staticmethod
    def _unknown(found: str, value: str, known: list[str]) -> str:
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        if close:
            return f"{found}. Did you mean '{close[0]}'?"
        if len(known) <= 12:
            return f"{found}; choose one of: {', '.join(known)}."
        return f"{found}."
