"""The planner's answer for a reader's choices, worked out from the rules alone.

The page's script (``planner.js``) gives the same answer in the browser from the data file the build
writes (``plan_data``); this module is the same reading of the rules in Python, for the tests'
scenarios and for anyone who wants the answer without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..check.catalogue import Catalogue
from ..check.planner_rules import PlannerRules, field_labels
from ..load.records import Record

Choices = dict[str, list[str]]  # question name -> chosen values


@dataclass
class Answer:
    types: list[str] = field(default_factory=list)  # in the order to use them
    fit: list[tuple[Record, list[str]]] = field(default_factory=list)  # with what matched
    not_fit: list[tuple[Record, list[str]]] = field(default_factory=list)  # with the reasons
    practices: list[Record] = field(default_factory=list)
    recommendations: list[Record] = field(default_factory=list)


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def dotted_value(data: dict[str, Any], dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)  # type: ignore[assignment]
    return data


def rating_order(rules: PlannerRules, catalogue: Catalogue) -> list[str]:
    """The lone-actor ratings, strongest first, as the schema lists them."""
    return list(field_labels(catalogue.schemas, rules.instrument_kind, rules.data["instrument_fields"]["rating"]))


def answer(rules: PlannerRules, catalogue: Catalogue, choices: Choices) -> Answer:
    chosen = {q["name"]: [c for c in q.get("choices", []) if c["value"] in choices.get(q["name"], [])]
              for q in rules.questions}
    out = Answer()
    wanted_types = {t for picks in chosen.values() for c in picks for t in c.get("types", [])}
    out.types = [t["value"] for t in rules.data["types"]["order"] if t["value"] in wanted_types]
    order = rating_order(rules, catalogue)
    rating_field = rules.data["instrument_fields"]["rating"]
    instruments = sorted(catalogue.of_kind(rules.instrument_kind),
                         key=lambda r: (order.index(str(dotted_value(r.data, rating_field)))
                                        if dotted_value(r.data, rating_field) in order else len(order),
                                        r.title.casefold()))
    for record in instruments:
        matched, reasons = instrument_match(rules, catalogue, record, chosen)
        (out.not_fit if reasons else out.fit).append((record, reasons or matched))
    fit_ids = {r.id for r, _ in out.fit}
    practice_fields = rules.data["practice_fields"]
    for practice in catalogue.of_kind(rules.practice_kind):
        uses = set(as_list(practice.data.get(practice_fields["instruments"]))) & fit_ids or \
            set(as_list(practice.data.get(practice_fields["types"]))) & set(out.types)
        if uses and practice_matches(rules, practice, choices, chosen):
            out.practices.append(practice)
    wanted_recommendations = {r for picks in chosen.values() for c in picks for r in c.get("recommendations", [])}
    out.recommendations = [r for r in catalogue.of_kind(rules.recommendation_kind) if r.id in wanted_recommendations]
    return out


def instrument_match(rules: PlannerRules, catalogue: Catalogue, record: Record,
                     chosen: dict[str, list[dict[str, Any]]]) -> tuple[list[str], list[str]]:
    """What matched (question label: values) and, when it does not fit, why not."""
    matched: list[str] = []
    reasons: list[str] = []
    for question in rules.questions:
        name = question.get("instrument_field")
        picks = chosen.get(question["name"], [])
        if name is None or not picks:
            continue
        accepted = {v for c in picks for v in c.get("instrument", [])}
        values = as_list(record.data.get(name))
        labels = field_labels(catalogue.schemas, rules.instrument_kind, name)
        if values == [rules.not_stated] or not values:
            continue  # the sources are silent: not a reason against it (the page says so)
        elif accepted & set(values):
            matched.append(f"{question['short']}: {', '.join(labels.get(v, v) for v in values if v in accepted)}")
        else:
            reasons.append(question["not_fit"].replace("{values}", ", ".join(labels.get(v, v) for v in values)))
    return matched, reasons


def practice_matches(rules: PlannerRules, practice: Record, choices: Choices,
                     chosen: dict[str, list[dict[str, Any]]]) -> bool:
    for question in rules.questions:
        name = question.get("practice_field")
        if name is None or not choices.get(question["name"]):
            continue
        if "choices_from" in question:
            accepted = set(choices[question["name"]])
        else:
            accepted = {v for c in chosen[question["name"]] for v in c.get("practice", [])}
            if not accepted:
                continue
        if not accepted & set(as_list(practice.data.get(name))):
            return False
    return True
