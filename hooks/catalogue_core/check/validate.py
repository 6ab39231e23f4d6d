"""Check parsed records: against their kind's schema, then against each other.

Each check returns problems in plain words: what was expected, what was found, the allowed values
where there are few, and a "did you mean" where a close match exists.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..load.records import Record, text_values
from ..problems import Problem, field_path
from ..schemas import Schemas
from .quick_schema import Check, Compiler

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

FEW_CHOICES = 12  # up to this many allowed values are listed in a message


def check_records(
    records: list[Record], schemas: Schemas, unreadable_ids: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[Problem]:
    """All problems of all records: schema first, then ids, aliases and references.

    ``unreadable_ids`` are ids of files that exist but could not be parsed; pointing at one is not
    reported again as a dangling reference (the file's own problem says what to fix).
    """
    validators = Validators(schemas)
    problems: list[Problem] = []
    for record in records:
        problems.extend(check_schema(record, validators))
        problems.extend(check_text(record))
    problems.extend(check_ids(records))
    problems.extend(check_references(records, schemas, unreadable_ids))
    return problems


class Validators:
    """Per kind, a fast check that says only 'certainly valid' or 'ask jsonschema' (quick_schema.py),
    and jsonschema's validator, made only for a kind where some record needs its words."""

    def __init__(self, schemas: Schemas):
        from jsonschema import FormatChecker

        self.schemas = schemas
        self.format_checker = FormatChecker()
        compiler = Compiler(schemas.registry, self.format_checker, schemas.lookup)
        self.quick: dict[str, Check | None] = {kind: compiler.check_for(f"{kind}.json") for kind in schemas.kinds}
        self._full: dict[str, Draft202012Validator] = {}

    def full(self, kind: str) -> Draft202012Validator:
        if kind not in self._full:
            from jsonschema import Draft202012Validator

            self._full[kind] = Draft202012Validator(self.schemas.schema(kind), registry=self.schemas.registry,
                                                    format_checker=self.format_checker)
        return self._full[kind]


def check_schema(record: Record, validators: Validators) -> Iterator[Problem]:
    quick = validators.quick[record.kind]
    if quick is not None and quick(record.data):
        return  # certainly valid; jsonschema, which words the errors, runs only when this is unsure
    validator = validators.full(record.kind)
    errors = list(validator.iter_errors(record.data))
    # A date in the wrong form breaks both its pattern and its format: say so once, in the pattern's
    # words ("YYYY-MM-DD"). A well-formed impossible date (2021-02-30) breaks only the format.
    patterned = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
    for error in errors:
        if error.validator == "format" and tuple(error.absolute_path) in patterned:
            continue
        yield from _describe(error, record)


def _describe(error: ValidationError, record: Record) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    where = field_path(path)
    line = record.line_of(*path)
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    keyword = error.validator

    def problem(message: str, at: tuple[Any, ...] = path, at_line: int | None = None) -> Problem:
        return Problem(record.path, at_line or record.line_of(*at), field_path(at), message)

    if keyword == "required":
        missing = _missing_field(error)
        prop = schema.get("properties", {}).get(missing, {})
        hint = _field_hint(prop)
        owner = f"a {record.kind}" if not path else f"'{where}'"
        yield problem(f"'{missing}' is missing; {owner} needs it{hint}", path + (missing,), line)
    elif keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for extra in sorted(set(value) - set(allowed)):
            close = difflib.get_close_matches(str(extra), allowed, n=1, cutoff=0.6)
            if close:
                tail = f" Did you mean '{close[0]}'?"
            elif len(allowed) <= FEW_CHOICES:
                tail = f" The fields here are: {', '.join(allowed)}."
            else:
                tail = f" See schemas/{record.kind}.json for the {len(allowed)} fields a {record.kind} can have."
            yield problem(f"'{extra}' is not a field {_where_fields(path, record.kind)}.{tail}",
                          path + (extra,))
    elif keyword == "enum":
        choices = [str(c) for c in error.validator_value]
        if len(choices) <= FEW_CHOICES:
            tail = f"choose one of: {', '.join(choices)}."
        else:
            tail = _expectation(schema, "it is not in the list of allowed values.")
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6) or \
            [c for c in choices if c.lower() == str(value).lower()]
        guess = f" Did you mean '{close[0]}'?" if close and len(choices) > FEW_CHOICES else ""
        found = "this is empty" if value == "" else f"{_show(value)} is not allowed here"  # "" as `make new` writes it
        yield problem(f"{found}; {tail}{guess}")
    elif keyword == "type":
        yield problem(f"expected {_type_words(error.validator_value)}, but found {_found_words(value)}.")
    elif keyword == "pattern":
        found = "this is empty" if value == "" else f"{_show(value)} is not valid"
        yield problem(f"{found}; {_expectation(schema, 'it has the wrong form.')}")
    elif keyword == "format":
        yield problem(f"{_show(value)} is not a real date; write YYYY-MM-DD, e.g. 2021-12-10."
                      if error.validator_value == "date" else f"{_show(value)} is not a valid {error.validator_value}.")
    elif keyword == "minItems":
        need = error.validator_value
        yield problem("the list is empty; add at least one item." if need == 1 else f"add at least {need} items.")
    elif keyword == "minLength":
        yield problem("this is empty; write the text or remove the field if it is optional.")
    elif keyword == "maxLength":
        yield problem(f"this is {len(value)} characters; keep it to {error.validator_value}.")
    elif keyword == "uniqueItems":
        seen: set[str] = set()
        repeated = [str(v) for v in value if (repr(v) in seen or seen.add(repr(v)))]  # type: ignore[func-returns-value]
        yield problem(f"{_show(repeated[0]) if repeated else 'an item'} is listed more than once; keep one.")
    elif keyword in ("minimum", "maximum"):
        bound = "at least" if keyword == "minimum" else "at most"
        yield problem(f"{value} is out of range; it must be {bound} {error.validator_value}.")
    elif keyword == "minProperties":
        names = ", ".join(schema.get("properties", {}))
        yield problem(f"give at least one of: {names}.")
    else:  # a keyword we have no plain wording for yet: still located, never dropped
        yield problem(error.message)


def _missing_field(error: ValidationError) -> str:
    # jsonschema words it "'title' is a required property"; the name is the first quoted part.
    message = error.message
    return message.split("'")[1] if message.count("'") >= 2 else message


def _field_hint(prop: dict[str, Any]) -> str:
    description = prop.get("description")
    return f" ({description[0].lower() + description[1:].rstrip('.')})." if description else "."


def _expectation(schema: dict[str, Any], fallback: str) -> str:
    """A schema description as the second half of a sentence: 'it must be a web address ...'."""
    description = schema.get("description")
    if not description:
        return fallback
    first, rest = description[0], description[1:]
    if rest[:1].islower() or rest[:1] == " ":  # keep acronyms such as 'ISO' as written
        first = first.lower()
    return f"it must be {first}{rest}"


def _where_fields(path: tuple[Any, ...], kind: str) -> str:
    return f"of a {kind} record" if not path else f"of '{field_path(path)}'"


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 80 else text[:77] + "...'"


_TYPE_WORDS = {
    "string": "text",
    "array": "a list (one '- item' per line)",
    "object": "a group of fields (indented 'name: value' lines)",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}


def _type_words(expected: str | list[str]) -> str:
    names = [expected] if isinstance(expected, str) else expected
    return " or ".join(_TYPE_WORDS.get(n, n) for n in names)


def _found_words(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false; put it in quotes if you meant text)"
    if isinstance(value, (int, float)):
        return f"the number {value} (put it in quotes if you meant text)"
    if isinstance(value, str):
        return f"the text {_show(value)}"
    if isinstance(value, list):
        return "a list"
    return "a group of fields"


def check_ids(records: list[Record]) -> Iterator[Problem]:
    """Ids are unique across kinds; an alias never names a live id or another record's alias."""
    by_id: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_id[record.id].append(record)
    for record_id, holders in by_id.items():
        if len(holders) > 1:
            for record in holders:
                others = ", ".join(r.path for r in holders if r is not record)
                yield Problem(record.path, 1, "(file)", f"the id '{record_id}' is also used by {others}; "
                              "ids are unique across all kinds. Rename one file.")
    claimed: dict[str, Record] = {}
    for record in records:
        aliases = record.data.get("aliases")
        if not isinstance(aliases, list):
            continue
        for index, alias in enumerate(aliases):
            if not isinstance(alias, str):
                continue
            line = record.line_of("aliases", index)
            where = f"aliases[{index}]"
            if alias == record.id:
                yield Problem(record.path, line, where, "a record cannot be an alias of itself; remove this line.")
            elif alias in by_id:
                yield Problem(record.path, line, where, f"'{alias}' is the id of a live record "
                              f"({by_id[alias][0].path}); an alias must be a former id that no record uses now.")
            elif alias in claimed:
                yield Problem(record.path, line, where, f"'{alias}' is already an alias of {claimed[alias].path}; "
                              "an old URL can redirect to one record only.")
            else:
                claimed[alias] = record


def check_references(records: list[Record], schemas: Schemas, unreadable_ids: set[str]) -> Iterator[Problem]:
    """Every id a record points at exists, is of the right kind, and is not the record itself."""
    kind_of = {r.id: r.kind for r in records}
    alias_target = {a: r.id for r in records for a in r.data.get("aliases", []) or [] if isinstance(a, str)}
    reference_fields = {kind: [(name, info) for name, info in fields.items() if info.references is not None]
                        for kind, fields in schemas.fields.items()}
    for record in records:
        for name, info in reference_fields[record.kind]:
            if name not in record.data:
                continue
            value = record.data[name]
            targets: Iterable[tuple[tuple[Any, ...], Any]] = (
                [((name, i), v) for i, v in enumerate(value)] if isinstance(value, list) else [((name,), value)]
            )
            for at, target in targets:
                if not isinstance(target, str) or not target:
                    continue  # the schema check already reported the wrong type, or the empty id
                where, line = field_path(at), record.line_of(*at)
                wanted = info.references
                if target in unreadable_ids:
                    continue
                if target == record.id:
                    yield Problem(record.path, line, where, "a record cannot refer to itself; remove this id.")
                elif target in kind_of:
                    if wanted is not None and wanted != "*" and kind_of[target] != wanted:
                        yield Problem(record.path, line, where, f"'{target}' is a {kind_of[target]}, "
                                      f"but this field takes {wanted} records (from {schemas.kinds[wanted].plural}/).")
                elif target in alias_target:
                    yield Problem(record.path, line, where, f"'{target}' is a former id; "
                                  f"write its current id '{alias_target[target]}'.")
                else:
                    pool = [i for i, k in kind_of.items() if wanted in ("*", k)]
                    close = difflib.get_close_matches(target, pool, n=1, cutoff=0.6)
                    noun = "record" if wanted == "*" else wanted
                    guess = f" Did you mean '{close[0]}'?" if close else ""
                    yield Problem(record.path, line, where, f"there is no {noun} with the id '{target}'.{guess}")


# Raw HTML in record text: any tag, comment, processing instruction or CDATA. Markdown autolinks
# (<https://...>, <mailto:...>) are Markdown, not HTML, and are allowed.
_HTML = re.compile(r"<(?!(?:https?://|mailto:)[^<>\s]*>)(?:[A-Za-z/?!][^<>]*)>?|<!--")
# An inline link's target, one level of parentheses included: [text](javascript:alert(1)).
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?((?:[^()\s<>]|\([^()\s<>]*\))*)")
# A reference-style link's definition line: [label]: target
_MARKDOWN_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
_ALLOWED_LINK = re.compile(r"^(?:https?://[^\s]+|mailto:[^\s@]+@[^\s]+)$")


def check_text(record: Record) -> Iterator[Problem]:
    """Record text is Markdown: no raw HTML, and links only to http(s) and mailto addresses."""
    # The patterns need a '<', a '](' or a ']:' somewhere. Most records have none: a file without them
    # (and without an escape that could make one) is not looked at, and otherwise one search of the
    # record as JSON text (serialised in C) is much cheaper than walking every value in Python.
    if record.document.no_markup:
        return
    flat = json.dumps(record.data, ensure_ascii=False, default=str)
    if "<" not in flat and "](" not in flat and "]:" not in flat:
        return

    for path, value in text_values(record.data):
        if not ("<" in value or "](" in value or "]:" in value):  # what the patterns need
            continue
        where, line = field_path(path), record.line_of(*path)
        html = _HTML.search(value)
        if html:
            yield Problem(record.path, line, where, f"HTML is not allowed in record text (found {_show(html.group(0))}); "
                          "write Markdown instead, e.g. **bold**, *italic* or [text](https://example.org).")
        for target in _MARKDOWN_LINK.findall(value) + _MARKDOWN_REFERENCE.findall(value):
            if not _ALLOWED_LINK.match(target):
                yield Problem(record.path, line, where, f"the link {_show(target)} is not allowed; links in record "
                              "text must be full addresses starting with https://, http:// or mailto:.")
