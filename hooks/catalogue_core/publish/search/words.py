"""Publish stage, search: the words the catalogue's search matches on.

The same rules run twice: here, when the index is written, and in the reader's browser on what
they type (``docs/assets/javascripts/search-engine.js``). The browser receives every rule as data
(``rules()``, written into the index's ``config.js``), so the two sides cannot drift apart; the
shared cases in ``tests/search_words_cases.json`` check both.

A word is *folded* (lower case; ß -> ss; accents dropped, so ä -> a; the German transcriptions
ae, oe, ue -> a, o, u, so "Gefaehrder", "Gefahrder" and "Gefährder" meet; British and American
spellings meet: -ize -> -ise, judgment -> judgement) and then *stemmed*: a light, language-blind
stemmer for English and German that strips at most two endings from a list (plurals and case
endings: "Schutzfaktoren" -> "schutzfaktor", "Risikobewertungen" -> "risikobewertung",
"offenders" -> "offend"). It is deliberately crude; the browser also matches the start of a stem,
which covers most of what the crude rules miss.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# (ending, replacement, letters that must not come before the ending), tried in this order; the
# first that leaves at least MIN_STEM letters is applied, and then the list once more.
ENDINGS: tuple[tuple[str, str, str], ...] = (
    ("isations", "is", ""), ("isation", "is", ""), ("ations", "at", ""), ("ation", "at", ""),
    ("ungen", "ung", ""), ("innen", "", ""), ("heiten", "heit", ""), ("keiten", "keit", ""),
    ("ies", "y", ""), ("ern", "", ""), ("ing", "", ""), ("ens", "", ""), ("en", "", ""), ("er", "", ""),
    ("es", "", ""), ("ed", "", ""), ("e", "", ""), ("s", "", "siu"),
)
MIN_STEM = 3
# Only words of letters this long are stemmed; acronyms with digits ("vera2r") never are.
MIN_STEMMED = 4

# Replacements on a folded word, in order: German transcriptions, then British/American spellings.
SPELLINGS: tuple[tuple[str, str], ...] = (
    ("ae", "a"), ("oe", "o"), ("ue", "u"), ("iz", "is"), ("yz", "ys"), ("dgment", "dgement"),
)

# Words too common to tell pages apart, in English and German. They are neither indexed nor
# required, so "DERAD: deradicalisation work in prison and aftercare" needs its five real words.
STOPWORDS: frozenset[str] = frozenset("""
a an and are as at be by for from has have in is it its of on or that the their this to was were
which with who what how not can may
der die das den dem des ein eine einer eines einem einen und oder im in ist sind von zu zur zum
mit fur auf als bei aus nach wie wird werden nicht auch sich
""".split())

# What splits a text into words: anything but letters and digits (after folding, see fold_text).
WORD = re.compile(r"[^\W_]+")
# Words joined by a hyphen, slash or dot with no space ("VERA-2R", "ERG22+", "Sozialnetz-Konferenz")
# are also indexed as one word, so "VERA2R" and "Sozialnetzkonferenz" find them.
# Starts only where a word starts, and never gives back a letter (possessive): one pass over the text.
JOINED = re.compile(r"(?<![^\W_])[^\W_]++(?:[-/.][^\W_]++)+")

_COMBINING = re.compile("[\u0300-\u036f]")


def fold_text(text: str) -> str:
    """Lower case, ß -> ss, accents dropped (NFKD, then U+0300-U+036F removed); the browser does the same."""
    text = text.lower().replace("ß", "ss")
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def spell(word: str) -> str:
    """A folded word with its spelling made canonical (SPELLINGS)."""
    for old, new in SPELLINGS:
        if old in word:
            word = word.replace(old, new)
    return word


def _strip_one(word: str) -> str:
    for ending, replacement, not_after in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            before = word[-len(ending) - 1]
            if before in not_after:
                continue
            return word[: -len(ending)] + replacement
    return word


@lru_cache(maxsize=65536)  # a catalogue's vocabulary is small next to its word count
def stem(word: str) -> str:
    """One word as search matches it: folded word -> canonical spelling -> at most two endings off."""
    word = spell(word)
    if len(word) < MIN_STEMMED or not word.isalpha() or not word.isascii():
        return word
    return _strip_one(_strip_one(word))


@lru_cache(maxsize=65536)
def term_of(word: str) -> str:
    """The stem of one written word (as WORD finds it in lower-cased text); "" for a stopword."""
    folded = fold_text(word)
    return "" if folded in STOPWORDS else stem(folded)


def words(text: str) -> list[str]:
    """The folded words of a text, in order, stopwords included."""
    return WORD.findall(fold_text(text))


def joined_words(text: str) -> list[str]:
    """The hyphen-, slash- or dot-joined groups of a text as single folded words ("vera2r")."""
    return ["".join(WORD.findall(group)) for group in JOINED.findall(fold_text(text))]


def terms(text: str) -> list[str]:
    """The stems search indexes or looks up for a text: stopwords left out, order kept."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def name_key(text: str) -> str:
    """A whole name as one key: 'TRAP-18: Terrorist ...' -> 'trap18terrorist...'; 'ERG 22+' -> 'erg22'.

    Punctuation and spaces count for nothing, so a title typed with or without its colon, or an
    acronym with or without its hyphen, gives the same key.
    """
    return "".join(spell(w) for w in words(text))


def rules() -> dict[str, object]:
    """Every rule above as data for the browser's copy of this module."""
    return {
        "endings": [list(e) for e in ENDINGS],
        "minStem": MIN_STEM,
        "minStemmed": MIN_STEMMED,
        "spellings": [list(s) for s in SPELLINGS],
        "stopwords": sorted(STOPWORDS),
    }
