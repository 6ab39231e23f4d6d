"""Render stage: the assessment planner's page (``/plan/``) and the data its script reads.

The page is a Jinja2 template (``templates/plan.html``, autoescaped) fed by a view model built here
from the planner's rules and the records. Without JavaScript it is a table of every instrument
against the planner's questions; ``planner.js`` then shows the form and answers as the reader
chooses, from ``plan/data.js``: a script file, not JSON, so that it loads from ``file://`` too and
under the pages' Content-Security-Policy (script-src 'self'), as search's files do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..check.catalogue import Catalogue
from ..check.planner_rules import PlannerRules, field_labels
from ..load.records import Record
from ..urls import Linker
from .glossary import first_sentence
from .pages import front_matter, theme_text
from .plan_answer import as_list, dotted_value, rating_order
from .plan_link import PLAN_SRC as PAGE_SRC
from .qr_code import qr_svg
from .templates import Templates

DATA_PATH = "plan/data.js"
DATA_GLOBAL = "lacPlannerData"  # the name data.js gives the data, for planner.js


@dataclass(frozen=True)
class InstrumentRow:
    title: str
    href: str
    rating: str
    rating_value: str
    cells: list[str]  # one per column, as labels


class PlanView:
    """What the page shows, worked out once from the rules and the records."""

    def __init__(self, rules: PlannerRules, catalogue: Catalogue, linker: Linker):
        self.rules = rules
        self.catalogue = catalogue
        self.linker = linker
        self.schemas = catalogue.schemas
        tool = rules.instrument_kind
        self.rating_field = rules.data["instrument_fields"]["rating"]
        self.rating_labels = field_labels(self.schemas, tool, self.rating_field)
        self.ratings = rating_order(rules, catalogue)
        self.instruments = sorted(catalogue.of_kind(tool), key=lambda r: r.title.casefold())

    def href(self, record: Record) -> str:
        return self.linker.href(PAGE_SRC, record.src)

    def link_href(self, link: dict[str, str]) -> tuple[str, str]:
        """A type's link: (href, text) for a record or a section of a hand-written page."""
        if "record" in link:
            record = self.catalogue.by_id[link["record"]]
            return self.href(record), record.title
        page = link["page"]
        anchor = link.get("section", "")
        title = page.removesuffix(".md").replace("-", " ").capitalize()
        return self.linker.href(PAGE_SRC, page, anchor), title

    def columns(self) -> list[tuple[str, str]]:
        """(heading, instrument field) for the table: the kind of assessment, then each question's field."""
        types_field = self.rules.data["types"]["instrument_field"]
        out = [(self.schemas.fields[self.rules.instrument_kind][types_field].title, types_field)]
        for question in self.rules.questions:
            name = question.get("instrument_field")
            if name and name != types_field:
                out.append((question["short"], name))
        return out

    def labels_of(self, record: Record, name: str) -> str:
        labels = field_labels(self.schemas, self.rules.instrument_kind, name)
        return ", ".join(labels.get(v, v) for v in as_list(record.data.get(name)))

    def rows(self) -> list[InstrumentRow]:
        return [InstrumentRow(record.title, self.href(record), self.rating_labels.get(self._rating(record), ""),
                              self._rating(record), [self.labels_of(record, name) for _, name in self.columns()])
                for record in self.instruments]

    def _rating(self, record: Record) -> str:
        return str(dotted_value(record.data, self.rating_field) or "")

    def questions(self) -> list[dict[str, Any]]:
        """The questions with their choices; a question whose choices come from the records gets them here."""
        out = []
        for question in self.rules.questions:
            question = dict(question)
            if "choices_from" in question:
                kind, _, name = question["choices_from"].partition(".")
                labels = field_labels(self.schemas, kind, name)
                present = sorted({v for r in self.catalogue.of_kind(kind) for v in as_list(r.data.get(name))},
                                 key=lambda v: labels.get(v, v))
                question["choices"] = [{"value": v, "label": labels.get(v, v)} for v in present]
            out.append(question)
        return out

    def types(self) -> list[dict[str, str]]:
        labels = field_labels(self.schemas, self.rules.instrument_kind, self.rules.data["types"]["instrument_field"])
        out = []
        for entry in self.rules.data["types"]["order"]:
            href, text = self.link_href(entry["link"])
            out.append({"value": entry["value"], "label": labels.get(entry["value"], entry["value"]),
                        "why": entry["why"], "href": href, "source": text})
        return out

    def data(self) -> dict[str, Any]:
        """Everything planner.js needs, and nothing it does not."""
        rules = self.rules
        tool, practice = rules.instrument_kind, rules.practice_kind
        matched_fields = [q["instrument_field"] for q in rules.questions if "instrument_field" in q]
        shown = rules.data["instrument_fields"]["shown"]
        tool_fields = self.schemas.fields[tool]
        instruments = []
        for record in sorted(self.instruments, key=lambda r: (self.ratings.index(self._rating(r))
                                                             if self._rating(r) in self.ratings else 99,
                                                             r.title.casefold())):
            details = []
            for name in shown:
                value = record.data.get(name)
                if value is None:
                    continue
                labels = tool_fields[name].labels
                if tool_fields[name].is_markdown:
                    text = first_sentence(str(value))
                else:
                    text = ", ".join(labels.get(v, v) for v in as_list(value))
                # Long texts (who may use it, training) stay on screen; print keeps the short facts.
                details.append([tool_fields[name].title, text, tool_fields[name].is_markdown])
            instruments.append({
                "id": record.id, "title": record.title, "href": self.href(record),
                "rating": self._rating(record), "ratingLabel": self.rating_labels.get(self._rating(record), ""),
                "values": {name: as_list(record.data.get(name)) for name in matched_fields},
                "details": details,
            })
        practice_fields = {q["practice_field"] for q in rules.questions if "practice_field" in q}
        practices = [{
            "id": record.id, "title": record.title, "href": self.href(record),
            "instruments": as_list(record.data.get(rules.data["practice_fields"]["instruments"])),
            "types": as_list(record.data.get(rules.data["practice_fields"]["types"])),
            "values": {name: as_list(record.data.get(name)) for name in sorted(practice_fields)},
        } for record in self.catalogue.of_kind(practice)]
        recommendations = {record.id: {"title": record.title, "href": self.href(record)}
                           for record in self.catalogue.of_kind(rules.recommendation_kind)}
        questions = []
        for question in self.questions():
            field = question.get("instrument_field")
            questions.append({
                "name": question["name"], "short": question["short"], "label": question["label"],
                "multiple": bool(question.get("multiple")), "instrumentField": field,
                "practiceField": question.get("practice_field"), "fromRecords": "choices_from" in question,
                "notFit": question.get("not_fit", ""),
                "labels": field_labels(self.schemas, tool, field) if field else {},
                "choices": [{key: choice[key] for key in
                             ("value", "label", "instrument", "practice", "types", "recommendations") if key in choice}
                            for choice in question["choices"]],
            })
        return {"questions": questions, "types": self.types(), "notStated": rules.not_stated,
                "instruments": instruments, "practices": practices, "recommendations": recommendations}


def plan_page(catalogue: Catalogue, linker: Linker, templates: Templates) -> str:
    """The page's Markdown: front matter and the template's HTML (the build's templates, so a site
    owner's ``overrides/catalogue/plan.html`` restyles it)."""
    rules = catalogue.planner
    assert rules is not None
    view = PlanView(rules, catalogue, linker)
    qr = Markup(qr_svg(linker.absolute(PAGE_SRC), "QR code of the planner's address")) if linker.site_url else ""
    html = templates.render("plan.html",
        rules=rules.data, questions=view.questions(), types=view.types(), columns=view.columns(),
        rows=view.rows(), data_href=linker.file_href(PAGE_SRC, DATA_PATH), qr_code=qr,
        address=linker.absolute(PAGE_SRC), count=len(view.instruments))
    meta: dict[str, str | list[str]] = {"title": theme_text(rules.data["title"]),
                                        "description": theme_text(rules.data["intro"]), "hide": ["toc"]}
    return front_matter(meta) + html + "\n"


def plan_data(catalogue: Catalogue, linker: Linker) -> str:
    """``plan/data.js``: the data as one assignment, for a <script src> that planner.js adds."""
    rules = catalogue.planner
    assert rules is not None
    data = json.dumps(PlanView(rules, catalogue, linker).data(), ensure_ascii=False, separators=(",", ":"),
                      sort_keys=True)
    # "</" cannot end anything in a script file, but stays escaped so the data is safe in any context.
    safe = data.replace("</", "<\\/")
    return f"window.{DATA_GLOBAL} = {safe};\n"
