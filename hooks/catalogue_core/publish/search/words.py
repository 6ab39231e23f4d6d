"""Publish stage, search: the words the catalogue's search matches on.

The same rules run twice: here, when the index is written, and in the reader's browser on what
they type (``docs/assets/javascripts/search-engine.js``). The browser receives the spelling rules
and stopwords as data (``rules()``, written into the index's ``config.js``) and runs the same
Snowball stemmers (``docs/assets/javascripts/snowball-stemmers.js``, English and German only, cut
from the npm package snowball-stemmers); the shared cases in ``tests/search_words_cases.json``
check both sides.

A word is *folded* (lower case; ß -> ss; accents dropped, so ä -> a), *spelled* (the German
transcriptions ae, oe, ue -> a, o, u, so "Gefaehrder", "Gefahrder" and "Gefährder" meet; British
and American spellings meet: -ize -> -ise, judgment -> judgement, centre -> center; the German
plural -innen dropped) and then *stemmed* by Snowball in the language of its text: German for text
marked ``lang="de"``, English for the rest. Titles and other names are stemmed in both languages,
and so is a reader's query, since nobody says which language they type in. The spelling rules
come first because Snowball alone keeps "radicalization" and "radicalisation", "center" and
"centre" apart.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# The languages search stems in, by their ``lang`` code, with Snowball's name for each.
LANGUAGES: dict[str, str] = {"en": "english", "de": "german"}
DEFAULT_LANGUAGE = "en"
_STEMMERS = {code: snowballstemmer.stemmer(name) for code, name in LANGUAGES.items()}

# Only words of letters at least this long are stemmed; acronyms with digits ("vera2r") never are.
MIN_STEMMED = 4
MIN_REST = 3

# Replacements on a folded word, in order: German transcriptions, then British/American spellings.
# An ending marked "$" is replaced only at the end of a word, and only where at least MIN_REST
# letters remain ("centres" -> "centers", but "treatment" keeps its "tre" and "Innen" its "innen").
SPELLINGS: tuple[tuple[str, str], ...] = (
    ("ae", "a"), ("oe", "o"), ("ue", "u"), ("iz", "is"), ("yz", "ys"), ("dgment", "dgement"),
    ("tres$", "ters"), ("tre$", "ter"), ("innen$", ""),
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
        if old.endswith("$"):
            ending = old[:-1]
            if word.endswith(ending) and len(word) - len(ending) >= MIN_REST:
                word = word[: -len(ending)] + new
        elif old in word:
            word = word.replace(old, new)
    return word


@lru_cache(maxsize=131072)  # a catalogue's vocabulary is small next to its word count
def stem(word: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """One folded word as search matches it in language ``lang``: canonical spelling, then Snowball."""
    word = spell(word)
    if len(word) < MIN_STEMMED or not word.isalpha() or not word.isascii():
        return word
    return str(_STEMMERS[lang].stemWord(word))


@lru_cache(maxsize=131072)
def term_of(word: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The stem of one written word (as WORD finds it in lower-cased text); "" for a stopword."""
    folded = fold_text(word)
    return "" if folded in STOPWORDS else stem(folded, lang)


def words(text: str) -> list[str]:
    """The folded words of a text, in order, stopwords included."""
    return WORD.findall(fold_text(text))


def terms(text: str, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """The stems search indexes or looks up for a text in language ``lang``: stopwords left out, order kept."""
    return [stem(w, lang) for w in words(text) if w not in STOPWORDS]


def name_key(text: str) -> str:
    """A whole name as one key: 'TRAP-18: Terrorist ...' -> 'trap18terrorist...'; 'ERG 22+' -> 'erg22'.

    Punctuation and spaces count for nothing, so a title typed with or without its colon, or an
    acronym with or without its hyphen, gives the same key.
    """
    return "".join(spell(w) for w in words(text))


def rules() -> dict[str, object]:
    """The rules above as data for the browser's copy of this module (its stemmers are Snowball's)."""
    return {
        "languages": sorted(LANGUAGES),
        "minStemmed": MIN_STEMMED,
        "minRest": MIN_REST,
        "spellings": [list(s) for s in SPELLINGS],
        "stopwords": sorted(STOPWORDS),
    }
