"""The JSON Schemas in ``schemas/``: the one declaration of kinds, fields, labels and placement.

A schema file with an ``x-kind`` block declares a kind: its folder and URL segment (``plural``), its
names, the intro of its index, its facets, the headings its links get on the pages they point at,
which fields go in the at-a-glance box, and how its records sort. Other files (``common.json``)
hold shared definitions. Our own per-field annotations use ``x-`` keys, which JSON Schema validators
ignore:

- ``x-labels``: readable names of vocabulary values;
- ``x-references``: the kind a field links to (``*`` for any);
- ``x-place``: where a field goes on its record's page (``PLACES``; by default it follows the value's
  shape: links to other records in a list, Markdown text in a section, the rest in the facts);
- ``x-format``: a renderer for values of a particular shape (``FORMATS``);
- ``x-role``: what other stages use a field for (``ROLES``): the acronym, the name it abbreviates,
  other names search knows, who a citation names, what an index entry shows;
- ``x-lang``: the language of a text field, for ``lang`` on the page;
- ``x-search``: ``false`` keeps a section out of the search index;
- ``x-max-words`` (on a source's quote) and ``x-contradicted-by`` (on a rating's labelled value):
  content rules that ``check/content_rules.py`` reads and checks;
- ``x-title-de``, ``x-labels-de`` and the ``_de`` keys of ``x-kind``: the German of each visible text
  (``german_labels.py``; a missing one is a located problem);
- ``x-strongest``: on a rated value's vocabulary (``enum``), which end is the strongest rating
  (``first`` or ``last``, the default), for the "strongest first" order of index pages.

``common.json`` declares, under ``x-page-fields``, the fields every page, list, feed and export
relies on (the role -> the field's name): a kind's schema without one of them is a located problem.
Each ``x-format`` needs the keys ``FORMAT_KEYS`` names, each declared and required.

Loading never raises for a broken schema: invalid JSON, a schema that fails the JSON Schema
meta-schema, a malformed ``x-kind`` block or an annotation the code cannot render is a located
``Problem`` (``schemas/practice.json:LINE: …``) in the same report as the records' problems.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from .cache import CODE_DIGEST
from .german_labels import missing_german
from .json_locations import Path_, line_of, value_lines
from .problems import Problem, field_path

KIND_BLOCK = "x-kind"

# Where a field can go on a page, and the renderers the code has; a schema naming anything else
# gets a located problem instead of a page that silently drops the field.
PLACES = {
    "frame": "has a fixed place on every page (title, summary, sources, review date, tags, former ids)",
    "notice": "a note box near the top, with the value's label as its text",
    "warning": "a warning box near the top",
    "facts": "a row in the facts list",
    "section": "a section with the field's title as heading",
    "links": "a list of linked records (their titles), as a section of its own",
    "digest": "a list of linked records with their summaries, as a section of its own (a hub's lists)",
    "about": "an editors' note (what is uncertain, how the record relates to the meeting), folded at the "
             "end of the page under one heading",
    "connections": "joins the page's Connections block, where links to and from other records are grouped by kind",
    "hidden": "not shown on the page (it stays in the open data)",
}
# Formats whose values are blocks of their own get a section unless the schema places them.
SECTION_FORMATS = {"bullets", "rating", "publication", "follow-up", "perspectives"}
# The keys a format's renderer reads, which the field's schema must declare and require: of the
# object itself, or of each item of a list.
FORMAT_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "publication": ("object", ("url", "title", "publisher", "date")),
    "follow-up": ("items", ("type", "title", "url", "date", "added")),
    "translations": ("items", ("language", "term")),
}
# The roles the code needs a field for on every kind (common.json's x-page-fields names the fields).
PAGE_ROLES = ("title", "summary", "sources", "reviewed", "tags")
PAGE_FIELDS_KEY = "x-page-fields"
COMMON = "common.json"
STRONGEST = ("first", "last")
FORMATS = {
    "bullets": "a list of short texts as bullet points",
    "rating": "an object with a rated value (labelled) and a Markdown note",
    "publication": "an object with title, url, publisher, date and an optional note",
    "follow-up": "a list of dated items with title, url, type, added and note, grouped by type; also a feed",
    "perspectives": "an object of Markdown texts, one per perspective, headed by their titles",
    "country": "ISO 3166-1 codes shown with their names",
    "translations": "a list of {language, term}",
    "link": "web, e-mail or phone addresses shown as links",
    "original-name": "a name in the language of the record's first country",
}
ROLES = {
    "acronym": "the short form: explained on hover everywhere, found by search, shown on index entries",
    "expansion": "what the acronym stands for, shown on hover",
    "definition": "explains the record on its index entry and in the acronym's hover text",
    "name": "another name search finds the record by",
    "author": "the organisation a citation names (the first one present, in field order)",
    # Properties of a source (common.json), read by the content checks (check/content_rules.py):
    "source-title": "a source's title, which the content checks' messages name",
    "address": "a source's web address: checked for mirror hosts, a stray dot and duplicates on the record",
    "quote": "a source's own words: at most x-max-words words, and record text may not repeat 8 in a row",
    "mirror-of": "the original's citation when the address is a copy on a mirror host",
}

# The shape of an x-kind block, checked like any schema so its problems are located too.
KIND_BLOCK_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["plural", "name", "names", "order", "intro"],
    "properties": {
        "plural": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$",
                   "description": "the folder under practices/ and the URL segment"},
        "name": {"type": "string", "minLength": 1},
        "names": {"type": "string", "minLength": 1},
        "order": {"type": "integer", "description": "position in lists of kinds"},
        "intro": {"type": "string", "minLength": 1},
        # Each visible text has its German beside it (german_labels.py says which).
        "name_de": {"type": "string", "minLength": 1},
        "names_de": {"type": "string", "minLength": 1},
        "intro_de": {"type": "string", "minLength": 1},
        "label_de": {"type": "string", "minLength": 1},
        "backlinks_de": {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}},
        "label": {"type": "string", "minLength": 1,
                  "description": "how a record is named in filters, e.g. 'Finding {number}: {title}'"},
        "sort": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "glance": {"type": "array", "items": {"type": "string"},
                   "description": "fields shown first, in the at-a-glance box, in this order; 'kind.field' "
                                  "lists the records of that kind that link here through that field"},
        "compare": {"type": "array", "items": {"type": "string"}, "minItems": 1,
                    "description": "fields the comparison page shows, one row each, in this order ('kind.field' "
                                   "as in glance); without it, the at-a-glance box's fields"},
        "facets": {"type": "object", "additionalProperties": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"}},
        "backlinks": {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}},
        "numbered": {"type": "boolean", "description": "its records are numbered (key findings): lists of "
                     "them are numbered lists"},
        "handout": {"type": "object", "additionalProperties": False, "required": ["fields", "link"],
                    "description": "a printed summary of the page: what it holds besides the title, summary and box",
                    "properties": {"fields": {"type": "array", "items": {"type": "string"}},
                                   "link": {"type": "string", "minLength": 1},
                                 "link_de": {"type": "string", "minLength": 1}}},
        "share": {"type": "object", "additionalProperties": False, "required": ["heading", "about", "holds"],
                  "description": "a box with the page's permanent address and a snippet to send it by e-mail",
                  "properties": {"heading": {"type": "string", "minLength": 1},
                                 "about": {"type": "array", "items": {"type": "string"}},
                                 "holds": {"type": "string", "minLength": 1},
                                 "heading_de": {"type": "string", "minLength": 1},
                                 "holds_de": {"type": "string", "minLength": 1}}},
    },
}


@dataclass(frozen=True)
class Kind:
    """What the catalogue knows about one kind of record, from its schema's ``x-kind`` block."""

    kind: str  # the schema file's stem, e.g. "tool"
    plural: str  # folder under practices/ and URL segment, e.g. "tools"
    name: str  # "Assessment instrument"
    names: str  # "Assessment instruments"
    order: int
    intro: str
    label: str  # format for a record's name in filters: "{title}" unless declared
    sort: tuple[str, ...]  # fields records are sorted by
    glance: tuple[str, ...]  # fields in the at-a-glance box, in order
    compare: tuple[str, ...]  # rows of the comparison page, in order (the box's fields unless declared)
    facets: dict[str, str]  # field path (``evidence.level``) -> URL parameter (``evidence``)
    backlinks: dict[str, str]  # field -> heading its links get on the page they point at
    handout: dict[str, Any]  # {"fields": [...], "link": "Print summary"}, or empty: no printed summary
    share: dict[str, Any]  # {"heading", "about": [...], "holds"}, or empty: no box to share the page
    numbered: bool  # lists of its records are numbered lists


@dataclass(frozen=True)
class PageFields:
    """The fields every kind has, by the role the code needs them for (common.json's x-page-fields)."""

    title: str
    summary: str
    sources: str
    reviewed: str
    tags: str


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
    title: str  # the label a reader sees
    place: str  # one of PLACES
    format: str | None  # one of FORMATS
    roles: tuple[str, ...]  # of ROLES
    lang: str | None
    searched: bool


def load_schemas(folder: Path, shown_folder: str = "schemas",
                 cache_dir: Path | None = None) -> tuple[Schemas | None, list[Problem]]:
    """Read and check every schema file. Returns the schemas only when there is no problem at all.

    Checking the files (against the JSON Schema 2020-12 meta-schema, then our annotations, contracts and
    German labels) takes longer than parsing 100 records strictly (`make bench`), and its answer depends
    on the files' bytes and our code only. With ``cache_dir``, a marker named by their digest remembers
    that they passed, and every check runs again as soon as one byte of a schema or of our code differs.
    """
    documents: dict[str, dict[str, Any]] = {}
    raw: list[bytes] = []
    lines = LineIndex()
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.json")):
        shown = f"{shown_folder}/{path.name}"
        try:
            data = path.read_bytes()
            raw.append(path.name.encode() + b"\0" + data)
            text = data.decode("utf-8")
            document = json.loads(text)
        except UnicodeDecodeError:
            problems.append(Problem(shown, 1, "(file)", "the file is not valid UTF-8; save it as UTF-8."))
            continue
        except json.JSONDecodeError as err:
            problems.append(Problem(shown, err.lineno, "(file)", f"this is not valid JSON: {err.msg} "
                                    f"(column {err.colno}). A missing or extra comma is the usual cause."))
            continue
        if not isinstance(document, dict):
            problems.append(Problem(shown, 1, "(file)", "a schema must be a JSON object ({ ... })."))
            continue
        documents[path.name] = document
        lines.texts[path.name] = text
    marker = _passed_marker(cache_dir, raw)
    if marker and marker.is_file() and not problems:
        return Schemas(folder, documents), []
    problems.extend(_meta_problems(documents, lines, shown_folder))
    if not any(KIND_BLOCK in d for d in documents.values()) and not problems:
        problems.append(Problem(f"{shown_folder}/", 1, "(file)", f"no schema declares a kind: a kind's schema "
                                f"has an \"{KIND_BLOCK}\" block (plural, name, names, order, intro)."))
    if problems:
        return None, problems
    schemas = Schemas(folder, documents)
    problems.extend(schemas.page_fields_problems(lines, shown_folder))
    problems.extend(schemas.annotation_problems(lines, shown_folder))
    if problems:
        return None, problems
    if marker:
        _write_marker(marker)
    return schemas, []


def _passed_marker(cache_dir: Path | None, raw: list[bytes]) -> Path | None:
    """The file that says these schema files, under this code, passed the meta-schema check."""
    if cache_dir is None:
        return None
    digest = hashlib.sha256(CODE_DIGEST.encode())
    for part in raw:
        digest.update(part + b"\0")
    return cache_dir / f"schemas-passed-{digest.hexdigest()[:32]}"


def _write_marker(marker: Path) -> None:
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        for old in marker.parent.glob("schemas-passed-*"):
            old.unlink()
        marker.touch()
    except OSError:
        pass  # a read-only checkout checks the schemas in full every time


class LineIndex:
    """Each schema file's value lines (json_locations), worked out only for a file with a problem to
    report: a valid catalogue never needs them."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self._lines: dict[str, dict[Path_, int]] = {}

    def __getitem__(self, name: str) -> dict[Path_, int]:
        if name not in self._lines:
            self._lines[name] = value_lines(self.texts[name])
        return self._lines[name]


def _meta_problems(documents: dict[str, dict[str, Any]], lines: LineIndex,
                   shown_folder: str) -> Iterator[Problem]:
    """Each schema against the JSON Schema 2020-12 meta-schema, and its x-kind block against ours."""
    from jsonschema import Draft202012Validator

    meta = Draft202012Validator(Draft202012Validator.META_SCHEMA)
    block = Draft202012Validator(KIND_BLOCK_SCHEMA)
    for name, document in documents.items():
        shown = f"{shown_folder}/{name}"
        errors = list(meta.iter_errors(document))
        if KIND_BLOCK in document:
            errors += [_prefixed(e, KIND_BLOCK) for e in block.iter_errors(document[KIND_BLOCK])]
        for error in errors:
            at = tuple(error.absolute_path)
            yield Problem(shown, line_of(lines[name], at), field_path(at), _schema_message(error))


def _prefixed(error: Any, key: str) -> Any:
    error.path.appendleft(key)
    return error


def _schema_message(error: Any) -> str:
    if error.validator == "required":
        return f"{error.message}: add it."
    if error.validator == "additionalProperties":
        return f"{error.message}; the allowed keys are {', '.join(sorted(error.schema.get('properties', {})))}."
    return f"{error.message}."


class Schemas:
    """All schemas, loaded and checked (``load_schemas``), with kinds and field information."""

    def __init__(self, folder: Path, documents: dict[str, dict[str, Any]]):
        self.folder = folder  # where the schemas were read, for data files kept beside them (mirror hosts)
        self.documents = documents
        # ($ref, the document it is written in) -> the schema it names and that schema's document
        self._targets: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        self._single_id: dict[str, bool] = {}  # document -> whether its own $id is its only one
        self.registry: Registry = Registry().with_resources(
            (name, Resource.from_contents(doc, default_specification=DRAFT202012))
            for name, doc in self.documents.items()
        )

    @classmethod
    def load(cls, folder: Path) -> Schemas:
        """For callers that know the schemas are valid (tests, benchmarks); raises with the report if not."""
        schemas, problems = load_schemas(folder)
        if schemas is None:
            raise ValueError("\n".join(map(str, problems)))
        return schemas

    # --- kinds ------------------------------------------------------------------------------

    @cached_property
    def kinds(self) -> dict[str, Kind]:
        """kind -> Kind, in the declared order."""
        found = []
        for name, document in self.documents.items():
            block = document.get(KIND_BLOCK)
            if block is None:
                continue
            kind = name[: -len(".json")]
            found.append(Kind(
                kind=kind, plural=block["plural"], name=block["name"], names=block["names"],
                order=block["order"], intro=block["intro"], label=block.get("label", "{title}"),
                sort=tuple(block.get("sort", ["title"])), glance=tuple(block.get("glance", [])),
                compare=tuple(block.get("compare", block.get("glance", []))),
                facets=dict(block.get("facets", {})), backlinks=dict(block.get("backlinks", {})),
                handout=dict(block.get("handout", {})), share=dict(block.get("share", {})),
                numbered=bool(block.get("numbered", False)),
            ))
        return {k.kind: k for k in sorted(found, key=lambda k: (k.order, k.kind))}

    @cached_property
    def kind_by_plural(self) -> dict[str, str]:
        return {k.plural: k.kind for k in self.kinds.values()}

    def schema(self, kind: str) -> dict[str, Any]:
        return self.documents[f"{kind}.json"]

    # --- fields -----------------------------------------------------------------------------

    def resolve(self, subschema: dict[str, Any], base: str) -> dict[str, Any]:
        """Follow ``$ref`` chains, merging the annotations written beside each ``$ref``."""
        return self.resolve_in(subschema, base)[0]

    def resolve_in(self, subschema: dict[str, Any], base: str) -> tuple[dict[str, Any], str]:
        """``subschema``, found in document ``base``, with its ``$ref`` chain followed (annotations written
        beside a ``$ref`` win), and the document the last schema of the chain came from, which its own
        ``$ref`` s are relative to."""
        merged: dict[str, Any] = {}
        while True:
            for key, value in subschema.items():
                if key != "$ref":
                    merged.setdefault(key, value)
            if "$ref" not in subschema:
                return merged, base
            subschema, base = self.lookup(subschema["$ref"], base)

    def lookup(self, ref: str, base: str) -> tuple[dict[str, Any], str]:
        """The schema a ``$ref`` in document ``base`` names, and its document; each target is looked up once."""
        key = (ref, base)
        if key not in self._targets:
            absolute = urljoin(base, ref)
            document, _, pointer = absolute.partition("#")
            # Every $ref in our schemas is "file.json#/plain/pointer", and the JSON Schema library took a
            # tenth of `make check` at 100 records to resolve them: they are looked up directly. Anything
            # else (escapes, an $id inside a document, a missing target) goes to the library as before;
            # tests/test_fast_paths_match_reference_code.py compares the two on every $ref.
            target = None
            if (not pointer or pointer.startswith("/")) and "~" not in pointer and "%" not in pointer \
                    and self._one_id(document):
                target = _pointer_target(self.documents[document], pointer)
            if target is None:
                target = self.registry.resolver(base_uri=base).lookup(ref).contents
            self._targets[key] = (target, document)
        return self._targets[key]

    def _one_id(self, name: str) -> bool:
        """Whether document ``name`` exists and declares no ``$id`` but its own (which would move the base
        of the $refs under it)."""
        if name not in self._single_id:
            self._single_id[name] = name in self.documents and json.dumps(self.documents[name]).count('"$id"') <= 1
        return self._single_id[name]

    @cached_property
    def fields(self) -> dict[str, dict[str, FieldInfo]]:
        """kind -> field name -> FieldInfo, in the schema's order."""
        return {kind: {name: self._field(kind, name, raw) for name, raw in self.schema(kind)["properties"].items()}
                for kind in self.kinds}

    def _field(self, kind: str, name: str, raw: dict[str, Any]) -> FieldInfo:
        base = f"{kind}.json"
        schema = self.resolve(raw, base)
        is_list = schema.get("type") == "array"
        items = self.resolve(schema.get("items", {}), base) if is_list else {}
        references = schema.get("x-references")
        is_markdown = (items or schema).get("contentMediaType") == "text/markdown"
        roles = schema.get("x-role", [])
        return FieldInfo(
            name=name, schema=schema, references=references, is_list=is_list, is_markdown=is_markdown,
            labels=(items or schema).get("x-labels", {}), description=schema.get("description", ""),
            title=schema.get("title", name),
            place=schema.get("x-place") or _default_place(schema, references, is_list, is_markdown),
            format=schema.get("x-format"), roles=tuple([roles] if isinstance(roles, str) else roles),
            lang=schema.get("x-lang"), searched=schema.get("x-search", True) is not False,
        )

    @cached_property
    def page_fields(self) -> PageFields:
        """The fields every kind has (checked when the schemas load: ``annotation_problems``)."""
        declared = self.documents[COMMON][PAGE_FIELDS_KEY]
        return PageFields(**{role: declared[role] for role in PAGE_ROLES})

    def item_titles(self, kind: str, field: str) -> dict[str, str]:
        """Key -> title of the properties of a list field's items (a source's "quote": "What the source says")."""
        items, base = self.resolve_in(self.fields[kind][field].schema.get("items", {}), f"{kind}.json")
        return {key: str(self.resolve(raw, base).get("title", key)) for key, raw in items.get("properties", {}).items()}

    def rated(self, kind: str, info: FieldInfo) -> tuple[str, dict[str, Any]] | None:
        """For a field of the ``rating`` format: the key and schema of its labelled value (the rating)."""
        if info.format != "rating":
            return None
        for key, schema in info.schema.get("properties", {}).items():
            schema = self.resolve(schema, f"{kind}.json")
            if "x-labels" in schema:
                return key, schema
        return None

    def format_keys_problem(self, kind: str, info: FieldInfo) -> str | None:
        """What the field's schema lacks for its ``x-format`` (``FORMAT_KEYS``), or None."""
        if info.format == "rating" and self.rated(kind, info) is None:
            return ("x-format 'rating' needs a property with \"x-labels\" (the rated value, e.g. 'level'); "
                    "add one.")
        if info.format == "perspectives" and not info.schema.get("properties"):
            return "x-format 'perspectives' needs \"properties\", one per perspective, each with a title."
        if info.format not in FORMAT_KEYS:
            return None
        where, keys = FORMAT_KEYS[info.format]
        schema, base = info.schema, f"{kind}.json"
        if where == "items":
            schema = self.resolve(schema.get("items", {}), base) if info.is_list else {}
        declared, required = schema.get("properties", {}), schema.get("required", [])
        lacking = [key for key in keys if key not in declared or key not in required]
        if not lacking:
            return None
        owner = "each item" if where == "items" else "the value"
        return (f"x-format '{info.format}' needs {owner} to have {', '.join(keys)}, each in \"properties\" and "
                f"\"required\"; missing or not required: {', '.join(lacking)}.")

    def fields_with_role(self, kind: str, role: str) -> list[FieldInfo]:
        return [info for info in self.fields[kind].values() if role in info.roles]

    def nested(self, kind: str, path: str) -> tuple[FieldInfo, dict[str, Any]]:
        """A field path with at most one dot (``evidence.level``): the top field and the schema at the path."""
        field, _, key = path.partition(".")
        info = self.fields[kind][field]
        if not key:
            return info, info.schema
        return info, self.resolve(info.schema["properties"][key], f"{kind}.json")

    def path_title(self, kind: str, path: str) -> str:
        info, schema = self.nested(kind, path)
        return str(schema.get("title", info.title))

    def path_labels(self, kind: str, path: str) -> dict[str, str]:
        info, schema = self.nested(kind, path)
        if "." not in path:
            return info.labels
        labels: dict[str, str] = schema.get("x-labels", {})
        return labels

    # --- checks of the declarations --------------------------------------------------------

    def annotation_problems(self, lines: LineIndex, shown_folder: str) -> list[Problem]:
        """Every ``x-`` annotation the code cannot act on, and every x-kind entry naming a missing field."""
        problems: list[Problem] = []
        plurals: dict[str, str] = {}
        for name, document in self.documents.items():
            if KIND_BLOCK not in document:
                continue
            kind, shown = name[: -len(".json")], f"{shown_folder}/{name}"

            def problem(at: Path_, message: str) -> None:
                problems.append(Problem(shown, line_of(lines[name], at), field_path(at), message))  # noqa: B023

            block = document[KIND_BLOCK]
            if block["plural"] in plurals:
                problem((KIND_BLOCK, "plural"), f"'{block['plural']}' is already the plural of "
                        f"{plurals[block['plural']]}; each kind needs its own folder.")
            plurals[block["plural"]] = name
            properties = document.get("properties")
            if not isinstance(properties, dict):
                problem((), "a kind's schema lists its fields under \"properties\".")
                continue
            for required in self._page_field_names():
                if required not in properties:
                    problem(("properties",), f"every kind has the field '{required}' (common.json's "
                            f"{PAGE_FIELDS_KEY}: pages, lists and feeds rely on it); add it "
                            f"(\"$ref\": \"common.json#/x-common-properties/{required}\").")
            for at, value in _annotations(properties, "x-strongest", ("properties",)):
                if value not in STRONGEST:
                    problem(at, f"'{value}' is not a value of x-strongest; use \"first\" or \"last\" (which end "
                            "of the vocabulary is the strongest rating).")
            try:
                fields = {field: self._field(kind, field, raw) for field, raw in properties.items()}
            except (Unresolvable, KeyError, TypeError) as err:
                problem(("properties",), f"a \"$ref\" cannot be resolved ({err}); check its file and path.")
                continue
            for field, info in fields.items():
                at = ("properties", field)
                for key, value, allowed in (("x-place", info.place, PLACES), ("x-format", info.format, FORMATS)):
                    if value is not None and value not in allowed:
                        problem(at + (key,), _unknown(key, value, allowed))
                shaped = info.schema.get("type") == "object" or (
                    info.is_list and self.resolve(info.schema.get("items", {}), f"{kind}.json").get("type") == "object")
                if shaped and not info.format and info.place not in ("frame", "hidden"):
                    problem(at, "a field whose values are groups of fields needs an x-format the catalogue can "
                            f"render ({', '.join(sorted(SECTION_FORMATS | {'translations'}))}), or \"x-place\": "
                            "\"hidden\" to keep it off the page.")
                lacking = self.format_keys_problem(kind, info) if info.format in FORMATS else None
                if lacking:
                    problem(at + ("x-format",), lacking)
                for role in info.roles:
                    if role not in ROLES:
                        problem(at + ("x-role",), _unknown("x-role", role, ROLES))
                if info.references not in (None, "*") and info.references not in self._kind_names():
                    problem(at + ("x-references",), _unknown("x-references", info.references,
                                                            {k: "" for k in self._kind_names()}))
            for key in ("glance", "compare"):
                for index, path in enumerate(block.get(key, [])):
                    if not (path in fields or self._is_backlink(path)):
                        problem((KIND_BLOCK, key, index), _no_field(path, fields) + " A link from another kind "
                                "is written 'kind.field', e.g. 'practice.tools'.")
            for key, listed in (("sort", block.get("sort", [])), ("handout", block.get("handout", {}).get("fields", [])),
                                ("share", block.get("share", {}).get("about", []))):
                for index, path in enumerate(listed):
                    if path not in fields:
                        at_key = (KIND_BLOCK, key) if key == "sort" else (KIND_BLOCK, key, "fields" if key == "handout"
                                                                          else "about")
                        problem((*at_key, index), _no_field(path, fields))
            for key in ("facets", "backlinks"):
                for path in block.get(key, {}):
                    if not self._has_path(fields, kind, path):
                        problem((KIND_BLOCK, key, path), _no_field(path, fields))
        for name, document in self.documents.items():
            for where, message in missing_german(document):
                problems.append(Problem(f"{shown_folder}/{name}", line_of(lines[name], where), field_path(where), message))
        return problems

    def _page_field_names(self) -> list[str]:
        declared = self.documents.get(COMMON, {}).get(PAGE_FIELDS_KEY, {})
        return [str(declared[role]) for role in PAGE_ROLES if isinstance(declared, dict) and role in declared]

    def page_fields_problems(self, lines: LineIndex, shown_folder: str) -> list[Problem]:
        """common.json must name a field for every role in ``PAGE_ROLES``."""
        shown = f"{shown_folder}/{COMMON}"
        if COMMON not in self.documents:
            return [Problem(shown, 1, "(file)", f"{COMMON} is missing; it holds the definitions every kind shares.")]
        declared = self.documents[COMMON].get(PAGE_FIELDS_KEY)
        if not isinstance(declared, dict):
            return [Problem(shown, 1, PAGE_FIELDS_KEY, f"declare the fields every page relies on: \"{PAGE_FIELDS_KEY}\": "
                            "{" + ", ".join(f'"{r}": "{r}"' for r in PAGE_ROLES) + "}.")]
        return [Problem(shown, line_of(lines[COMMON], (PAGE_FIELDS_KEY,)), PAGE_FIELDS_KEY,
                        f"'{role}' is missing: name the field that holds a record's {role} (\"{role}\": \"{role}\").")
                for role in PAGE_ROLES if not isinstance(declared.get(role), str)]

    def _is_backlink(self, path: str) -> bool:
        """'practice.tools': a kind and one of its fields that links to other records."""
        kind, _, field = path.partition(".")
        document = self.documents.get(f"{kind}.json", {})
        raw = document.get("properties", {}).get(field) if KIND_BLOCK in document else None
        return isinstance(raw, dict) and bool(self.resolve(raw, f"{kind}.json").get("x-references"))

    def _kind_names(self) -> list[str]:
        return [name[: -len(".json")] for name, d in self.documents.items() if KIND_BLOCK in d]

    def _has_path(self, fields: dict[str, FieldInfo], kind: str, path: str) -> bool:
        field, _, key = path.partition(".")
        if field not in fields:
            return False
        return not key or key in fields[field].schema.get("properties", {})


def _pointer_target(document: Any, pointer: str) -> Any | None:
    """What a plain JSON pointer ("/a/b", no escapes) names in ``document``; None where it names nothing."""
    target = document
    for part in pointer.split("/")[1:]:
        if isinstance(target, dict) and part in target:
            target = target[part]
        elif isinstance(target, list) and part.isdigit() and int(part) < len(target):
            target = target[int(part)]
        else:
            return None
    return target


def _annotations(schema: Any, key: str, at: Path_) -> Iterator[tuple[Path_, Any]]:
    """Every ``key`` annotation written anywhere in ``schema`` (not following ``$ref``), with its path."""
    if isinstance(schema, dict):
        for name, value in schema.items():
            if name == key:
                yield (*at, name), value
            else:
                yield from _annotations(value, key, (*at, name))
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _annotations(value, key, (*at, index))


def _default_place(schema: dict[str, Any], references: str | None, is_list: bool, is_markdown: bool) -> str:
    if schema.get("x-format") in SECTION_FORMATS:
        return "section"
    if references:
        return "links" if is_list else "facts"
    if is_markdown and not is_list or schema.get("type") == "object":
        return "section"
    return "facts"


def _unknown(key: str, value: object, allowed: dict[str, str] | set[str]) -> str:
    close = difflib.get_close_matches(str(value), list(allowed), n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return f"'{value}' is not a {key} the catalogue can render; use one of: {', '.join(sorted(allowed))}.{hint}"


def _no_field(path: str, fields: dict[str, FieldInfo]) -> str:
    close = difflib.get_close_matches(path.partition(".")[0], list(fields), n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return f"'{path}' is not a field of this kind.{hint}"
