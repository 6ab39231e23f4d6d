"""Content rules the schema cannot say: quotes, near-copies, mirror hosts, duplicate sources, badges.

Each rule reads a declaration, never a field name:

- a source's properties carry ``x-role`` ``source-title``, ``address``, ``quote`` (with ``x-max-words``)
  and ``mirror-of`` (``common.json``); a field whose items have a quote or mirror-of lists sources;
- ``schemas/mirror-hosts.yml`` lists the hosts that serve copies, each with its reason (read strictly
  and checked like a record);
- the labelled value of an ``x-format: rating`` field may carry ``x-contradicted-by``: phrases that,
  found in the rating's own text or in the fields it names under ``read``, show that the text
  contradicts some of the values (practice.json, tool.json).

Everything that costs anything is prepared once per run (``load_content_rules``): patterns compiled,
hosts in a set, each quote's 8-word sequences in a set. A record without a quote never has its text
split into words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..json_locations import line_of, value_lines
from ..load.records import Record, text_values
from ..load.strict_yaml import load_document
from ..problems import Problem, field_path
from ..schemas import Schemas

MIRROR_HOSTS_FILE = "mirror-hosts.yml"  # beside the schemas: it is data the checks read, like them
NEAR_COPY_WORDS = 8  # this many words in a row shared with a quote make a sentence a near-copy
CONTRADICTIONS = "x-contradicted-by"

_WORD = re.compile(r"\w+")
# Where a sentence ends: after . ! ? and a space, at a blank line, or where a list item starts.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n\s*(?:[-*+]|\d+\.)\s+")
# Text in quotation marks is a quote on purpose: "…", “…”, „…“ (German), «…» and »…«.
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|„[^“”]*[“”]|«[^»]*»|»[^«]*«')  # across line breaks: YAML wraps
# A web address: scheme (folded away), user, host, port and the rest (path, query, fragment).
_ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?(?P<host>\[[^\]]*\]|[^:/?#]*)(?P<port>:\d*)?(?P<rest>.*)$",
                      re.DOTALL)
# A host name as the mirror list writes it: lower case, no scheme, no www., no trailing dot.
_HOST = re.compile(r"^(?!www\.)(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$")


@dataclass(frozen=True)
class SourceList:
    """A field holding sources, and the keys of their address, quote and mirror_of properties."""

    field: str
    is_list: bool
    title: str | None
    address: str | None
    quote: str | None
    mirror_of: str | None
    max_quote_words: int | None


@dataclass(frozen=True)
class RatingRule:
    """Values a rating may not have while its text matches ``pattern`` (the text says ``says``), or, with
    ``when_missing``, unless its text matches it (the value needs the text to say ``says``)."""

    values: frozenset[str]
    pattern: re.Pattern[str]
    says: str
    fix: str
    when_missing: bool = False


@dataclass(frozen=True)
class RatedField:
    """A rating field (``evidence``), its labelled key (``level``), labels and the rules against it."""

    field: str
    key: str
    labels: dict[str, str]
    read: tuple[str, ...]
    rules: tuple[RatingRule, ...]


@dataclass
class ContentRules:
    sources: dict[str, list[SourceList]] = field(default_factory=dict)  # per kind
    text_fields: dict[str, list[str]] = field(default_factory=dict)  # per kind: fields readers see
    rated: dict[str, list[RatedField]] = field(default_factory=dict)  # per kind
    mirror_hosts: dict[str, str] = field(default_factory=dict)  # host -> why it is a copy


# --- preparing the rules --------------------------------------------------------------------------


def load_content_rules(schemas: Schemas, shown_folder: str = "schemas") -> tuple[ContentRules | None, list[Problem]]:
    """The rules as the schemas and the mirror list declare them, or the problems with those."""
    rules = ContentRules()
    problems: list[Problem] = []
    for kind in schemas.kinds:
        rules.sources[kind] = _source_lists(schemas, kind)
        shown_source_fields = {s.field for s in rules.sources[kind]}
        rules.text_fields[kind] = [name for name, info in schemas.fields[kind].items()
                                   if info.place != "hidden" and info.references is None
                                   and name not in shown_source_fields]
        rated, rated_problems = _rated_fields(schemas, kind, shown_folder)
        rules.rated[kind] = rated
        problems += rated_problems
    hosts, host_problems = read_mirror_hosts(schemas.folder / MIRROR_HOSTS_FILE, f"{shown_folder}/{MIRROR_HOSTS_FILE}")
    rules.mirror_hosts = hosts
    problems += host_problems
    return (None, problems) if problems else (rules, [])


def _source_lists(schemas: Schemas, kind: str) -> list[SourceList]:
    found = []
    for name, raw_field in schemas.schema(kind)["properties"].items():
        schema, base = schemas.resolve_in(raw_field, f"{kind}.json")
        is_list = schema.get("type") == "array"
        items, base = schemas.resolve_in(schema.get("items", {}), base) if is_list else (schema, base)
        keys: dict[str, str] = {}
        max_words = None
        for key, raw in items.get("properties", {}).items():
            prop = schemas.resolve(raw, base)
            roles = prop.get("x-role", [])
            for role in [roles] if isinstance(roles, str) else roles:
                keys[role] = key
            if "x-max-words" in prop:
                max_words = int(prop["x-max-words"])
        if "quote" in keys or "mirror-of" in keys:
            found.append(SourceList(name, is_list, keys.get("source-title"), keys.get("address"), keys.get("quote"),
                                    keys.get("mirror-of"), max_words))
    return found


def _rated_fields(schemas: Schemas, kind: str, shown_folder: str) -> tuple[list[RatedField], list[Problem]]:
    rated: list[RatedField] = []
    problems: list[Problem] = []
    for name, info in schemas.fields[kind].items():
        if info.format != "rating":
            continue
        for key, raw in info.schema.get("properties", {}).items():
            prop = schemas.resolve(raw, f"{kind}.json")
            if "x-labels" not in prop:
                continue
            declared = prop.get(CONTRADICTIONS)
            if declared is None:
                continue
            at = ("properties", name, "properties", key, CONTRADICTIONS)
            parsed, messages = _parse_contradictions(declared, set(prop.get("enum", [])), set(schemas.fields[kind]))
            if messages:
                lines = value_lines((schemas.folder / f"{kind}.json").read_text(encoding="utf-8"))
                problems += [Problem(f"{shown_folder}/{kind}.json", line_of(lines, at + sub), field_path(at + sub), m)
                             for sub, m in messages]
                continue
            read, rules = parsed
            rated.append(RatedField(name, key, dict(prop["x-labels"]), read, rules))
    return rated, problems


def _parse_contradictions(declared: Any, values: set[str], fields: set[str]
                          ) -> tuple[tuple[tuple[str, ...], tuple[RatingRule, ...]], list[tuple[tuple[Any, ...], str]]]:
    """``{"read": [fields], "rules": [{"values", "phrases", "says", "fix"[, "when": "missing"]}]}``, or what
    is wrong with it."""
    messages: list[tuple[tuple[Any, ...], str]] = []
    shape = ('write {"read": ["uncertainty"], "rules": [{"values": [...], "phrases": [...], "says": "...", '
             '"fix": "..."}]}')
    if not isinstance(declared, dict) or not isinstance(declared.get("rules"), list) or set(declared) - {"read", "rules"}:
        return ((), ()), [((), f"this must be a group with 'read' and 'rules'; {shape}.")]
    read = declared.get("read", [])
    if not isinstance(read, list) or not all(isinstance(f, str) for f in read):
        messages.append((("read",), "'read' must be a list of field names."))
        read = []
    for index, name in enumerate(read):
        if name not in fields:
            messages.append((("read", index), f"'{name}' is not a field of this kind."))
    rules = []
    for index, rule in enumerate(declared["rules"]):
        at = ("rules", index)
        if not isinstance(rule, dict) or set(rule) - {"when"} != {"values", "phrases", "says", "fix"} \
                or rule.get("when", "found") not in ("found", "missing"):
            messages.append((at, f"each rule has 'values', 'phrases', 'says' and 'fix', and may have 'when': "
                             f"\"missing\" (the values need a phrase); {shape}."))
            continue
        unknown = [v for v in rule["values"] if v not in values] if isinstance(rule["values"], list) else ["?"]
        if unknown:
            messages.append((at + ("values",), f"{', '.join(map(str, unknown))} is not a value of this rating; "
                             f"choose from: {', '.join(sorted(values))}."))
        phrases = rule["phrases"] if isinstance(rule["phrases"], list) else []
        try:
            pattern = re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE)
        except (re.error, TypeError) as err:
            messages.append((at + ("phrases",), f"a phrase is not a valid regular expression ({err})."))
            continue
        if not phrases:
            messages.append((at + ("phrases",), "give at least one phrase."))
            continue
        rules.append(RatingRule(frozenset(rule["values"]), pattern, str(rule["says"]), str(rule["fix"]),
                                rule.get("when") == "missing"))
    return (tuple(read), tuple(rules)), messages


def read_mirror_hosts(path: Path, shown: str) -> tuple[dict[str, str], list[Problem]]:
    """The mirror list: one ``host: reason`` per line, read as strictly as a record."""
    if not path.is_file():
        return {}, [Problem(shown, 1, "(file)", "the list of mirror hosts is missing; create it with one "
                            "'host: why it is a copy' line per host, e.g. 'scribd.com: document-sharing site'.")]
    document, problems = load_document(path, shown)
    if document is None:
        return {}, problems
    hosts: dict[str, str] = {}
    if not isinstance(document.data, dict):
        return {}, [Problem(shown, 1, "(file)", "write one 'host: why it is a copy' line per host.")]
    for host, reason in document.data.items():
        line = document.line_of((host,))
        if not isinstance(host, str) or not _HOST.match(host):
            problems.append(Problem(shown, line, str(host), "this is not a host name as the list writes them: "
                                    "lower case, without https://, www., a path or a trailing dot, e.g. 'scribd.com'."))
        elif not isinstance(reason, str) or not reason.strip() or "\n" in reason.strip():
            problems.append(Problem(shown, line, host, "say in one line why this host is a copy and not a "
                                    "publisher, e.g. 'document-sharing site where anyone uploads a file'."))
        else:
            hosts[host] = reason.strip()
    return hosts, problems


# --- checking the records ------------------------------------------------------------------------


def check_content(records: list[Record], rules: ContentRules) -> Iterator[Problem]:
    for record in records:
        quotes: list[tuple[str, str, set[tuple[str, ...]]]] = []  # (where, source title, its 8-word runs)
        for source_list in rules.sources.get(record.kind, []):
            yield from _check_sources(record, source_list, rules.mirror_hosts, quotes)
        if quotes:
            yield from _check_near_copies(record, rules.text_fields.get(record.kind, []), quotes)
        for rated in rules.rated.get(record.kind, []):
            yield from _check_rating(record, rated)


def _check_sources(record: Record, sources: SourceList, mirror_hosts: dict[str, str],
                   quotes: list[tuple[str, str, set[tuple[str, ...]]]]) -> Iterator[Problem]:
    value = record.data.get(sources.field)
    entries = list(enumerate(value)) if sources.is_list and isinstance(value, list) else \
        [(None, value)] if isinstance(value, dict) else []
    first_at: dict[str, tuple[str | int, ...]] = {}  # folded address -> the first source with it
    for index, entry in entries:
        if not isinstance(entry, dict):
            continue
        at: tuple[str | int, ...] = (sources.field,) if index is None else (sources.field, index)
        title = str(entry.get(sources.title, "")) if sources.title else ""
        if sources.address and isinstance(entry.get(sources.address), str):
            yield from _check_address(record, (*at, sources.address), entry[sources.address], entry, sources,
                                      mirror_hosts, first_at)
        if sources.quote and isinstance(entry.get(sources.quote), str):
            quote_at = (*at, sources.quote)
            words = _WORD.findall(entry[sources.quote].casefold())
            if sources.max_quote_words and len(words) > sources.max_quote_words:
                yield Problem(record.path, record.line_of(*quote_at), field_path(quote_at),
                              f"this quote is {len(words)} words long; quote at most {sources.max_quote_words} words "
                              "of the source (the part that supports the claim) and say the rest in your own words.")
            runs = {tuple(words[i:i + NEAR_COPY_WORDS]) for i in range(len(words) - NEAR_COPY_WORDS + 1)}
            if runs:
                quotes.append((field_path(at), title, runs))


def _check_address(record: Record, at: tuple[str | int, ...], url: str, entry: dict[str, Any], sources: SourceList,
                   mirror_hosts: dict[str, str], first_at: dict[str, tuple[str | int, ...]]) -> Iterator[Problem]:
    parts = _ADDRESS.match(url)
    if parts is None:
        return  # the schema check reports an address that is not one
    raw_host, port, rest = parts.groups()
    raw_host = raw_host.lower()

    def problem(message: str) -> Problem:  # located only when there is something to say: most addresses are fine
        return Problem(record.path, record.line_of(*at), field_path(at), message)

    if raw_host.endswith("."):
        fixed = url[:parts.start("host")] + url[parts.start("host"):parts.end("host")].rstrip(".") + url[parts.end("host"):]
        yield problem(f"the host '{raw_host}' ends in a dot; drop the dot: {fixed}")
    host = raw_host.rstrip(".").removeprefix("www.")
    mirror = _mirror_host(host, mirror_hosts)
    if mirror and not (sources.mirror_of and entry.get(sources.mirror_of)):
        yield problem(f"{mirror} serves copies, not the original ({mirror_hosts[mirror]}); name the original in "
                      f"{sources.mirror_of or 'mirror_of'}, or replace the address with the publisher's page.")
    path, _, after = rest.partition("?") if "?" in rest or "#" not in rest else rest.partition("#")
    folded = f"{host}{port or ''}{path.rstrip('/')}|{after}"
    if folded in first_at:
        other = first_at[folded]
        yield problem(f"this is the same address as {field_path(other[:-1])} (line {record.line_of(*other)}); keep one "
                      "entry and merge what each supports.")
    else:
        first_at[folded] = at


def _mirror_host(host: str, mirror_hosts: dict[str, str]) -> str | None:
    """The listed host that ``host`` is or is below (de.readkong.com -> readkong.com), if any."""
    labels = host.split(".")
    for start in range(len(labels) - 1):
        candidate = ".".join(labels[start:])
        if candidate in mirror_hosts:
            return candidate
    return None


def _check_near_copies(record: Record, text_fields: list[str],
                       quotes: list[tuple[str, str, set[tuple[str, ...]]]]) -> Iterator[Problem]:
    for name in text_fields:
        if name not in record.data:
            continue
        for path, text in text_values(record.data[name], (name,)):
            for sentence in _SENTENCE_BREAK.split(_QUOTED.sub(". ", text)):
                words = _WORD.findall(sentence.casefold())
                if len(words) < NEAR_COPY_WORDS:
                    continue
                runs = [tuple(words[i:i + NEAR_COPY_WORDS]) for i in range(len(words) - NEAR_COPY_WORDS + 1)]
                for source_at, title, quote_runs in quotes:
                    shared = {i for i, run in enumerate(runs) if run in quote_runs}
                    if not shared:
                        continue
                    start = end = min(shared)
                    while end + 1 in shared:
                        end += 1
                    copied = words[start:end + NEAR_COPY_WORDS]
                    shown = " ".join(copied[:12]) + (" …" if len(copied) > 12 else "")
                    yield Problem(record.path, record.line_of(*path), field_path(path),
                                  f"a sentence repeats {len(copied)} words in a row of the quote in {source_at} "
                                  f"(\"{title}\"): \"{shown}\". Say it in your own words, or put the source's words "
                                  "in quotation marks.")


def _check_rating(record: Record, rated: RatedField) -> Iterator[Problem]:
    value = record.data.get(rated.field)
    if not isinstance(value, dict) or not isinstance(value.get(rated.key), str):
        return
    rating = value[rated.key]
    rules = [rule for rule in rated.rules if rating in rule.values]
    if not rules:
        return
    # On one line, so that a phrase is found however the YAML wraps it.
    texts: list[tuple[tuple[str, ...], str]] = [
        ((rated.field, key), " ".join(text.split())) for key, text in value.items()
        if key != rated.key and isinstance(text, str)]
    texts += [((name,), " ".join(record.data[name].split())) for name in rated.read
              if isinstance(record.data.get(name), str)]
    at = (rated.field, rated.key)
    label = rated.labels.get(rating, rating)
    for rule in rules:
        hits = ((where, text, found) for where, text in texts if (found := rule.pattern.search(text)))
        hit = next(hits, None)
        if hit and not rule.when_missing:
            where, text, found = hit
            yield Problem(record.path, record.line_of(*at), field_path(at),
                          f"'{label}' claims more than the record's own text, which says {rule.says} "
                          f"({field_path(where)}: \"{_around(text, found)}\"); {rule.fix}.")
        elif not hit and rule.when_missing:
            read = " or ".join(field_path(where) for where, _ in texts) or "its text"
            yield Problem(record.path, record.line_of(*at), field_path(at),
                          f"'{label}' needs the record's own text to say {rule.says}, but {read} does not; "
                          f"{rule.fix}.")


def _around(text: str, found: re.Match[str]) -> str:
    """The sentence a phrase was found in, on one line, shortened to about 100 characters."""
    breaks = [(text.rfind(mark, 0, found.start()), len(mark)) for mark in (". ", " - ", "; ", ".** ")]
    start = max((at + size for at, size in breaks if at != -1), default=0)
    end = text.find(".", found.end())
    sentence = text[start:end if end != -1 else len(text)].strip("*- ")
    return sentence if len(sentence) <= 100 else sentence[:99] + "…"
