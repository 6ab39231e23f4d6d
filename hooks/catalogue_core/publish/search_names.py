"""A record is found by every name it has, and ranks first in search for its own name.

Material's search (lunr) scores without length normalisation (``b(0)``) and appends a wildcard to
every query word. For the query "risk", the glossary's "Risk", "Risk-need-responsivity" and a
finding titled "... matter as much as risks" all match on the title field, and the rarer word
"risks" even scores higher than the common "risk". Two fields added to each record page's first
search entry put the record whose name it is on top:

- ``exact``: the whole title, and the acronym, each as one token of letters and digits
  ("riskxname", "vera2rviolentextremismrisk...xname", "vera2rxname"), which a query word matches
  only when the name starts with it. Short titles repeat their token (one word three times, two
  words twice): the length normalisation lunr leaves out, so "Risk" beats "Risk-need-responsivity"
  for "risk", while a long query still favours the record whose title holds all its words;
- ``name``: the record's other names (acronym, full name, original-language names,
  organisations, translations), so "RRI", "Inklusionschart" or "bOJA" find their record.

The weights of both fields are set in mkdocs.yml; the browser tests check the ranking."""

from __future__ import annotations

import json
import re
from typing import Any

from ..check.catalogue import Catalogue
from ..load.records import Record
from ..urls import Linker

NAME_FIELD = "name"
EXACT_FIELD = "exact"


def other_names(catalogue: Catalogue, record: Record) -> list[str]:
    """Every name of the record but its title: its acronyms, then its fields with the role ``name``
    (an original name may list several, separated by ';')."""
    names = catalogue.names_of(record, "acronym") + catalogue.names_of(record, "name")
    out: list[str] = []
    for part in (part.strip() for name in names for part in name.split(";")):
        if part and part not in out:
            out.append(part)
    return out


# lunr weighs a term by how rare it is in the whole index, so the exact token "risk" would count
# for little; a suffix that occurs nowhere else makes every exact token equally rare.
EXACT_SUFFIX = "xname"


def exact_token(title: str) -> str:
    """'VERA-2R: Violent ...' -> 'vera2rviolent...xname'; no separator can split it."""
    return "".join(ch for ch in title.casefold() if ch.isalnum()) + EXACT_SUFFIX


def exact_field(catalogue: Catalogue, record: Record) -> str:
    """The title's exact token, repeated for short titles, then the acronym's token once.

    A title of one word repeats three times, of two words twice; words of one or two letters
    ("Co-ownership", "of") do not count.
    """
    words = [w for w in re.findall(r"\w+", record.title) if len(w) >= 3]
    tokens = [exact_token(record.title)] * max(1, 4 - len(words))
    tokens += [exact_token(acronym) for acronym in catalogue.names_of(record, "acronym")]
    return " ".join(tokens)


def add_names(index_json: str, catalogue: Catalogue, linker: Linker) -> str:
    """The search index with the exact and name fields on the first entry of every record page."""
    index: dict[str, Any] = json.loads(index_json)
    pending = {linker.url(r.src): r for r in catalogue.records}
    for entry in index.get("docs", []):
        record = pending.pop(entry.get("location"), None)  # pop: only the page's first entry
        if record is None:
            continue
        entry[EXACT_FIELD] = exact_field(catalogue, record)
        names = other_names(catalogue, record)
        if names:
            entry[NAME_FIELD] = " · ".join(names)
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False)
