"""The words our templates and scripts write themselves, in one language (interface_strings.yml).

The file is read once, with the records' strict loader, and checked whole: every entry has its
English and its German, of the same shape (a text, or a list of the same length), with the same
{placeholders}. Each problem is located (``path:line: group.key: message``) and joins the report of
``make check`` (check/catalogue.py), so a word cannot reach one site without its twin on the other.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..problems import Problem
from .strict_yaml import load_document

# The words sit beside the templates that write them; this stage only reads them, strictly.
STRINGS_FILE = Path(__file__).resolve().parent.parent / "render" / "interface_strings.yml"
LANGUAGES = ("en", "de")  # the site's languages; English is the one the words are written in first
_PLACEHOLDER = re.compile(r"\{\w+\}")

Words = dict[str, dict[str, Any]]  # group -> key -> a text (or a list of texts, such as month names)


class InterfaceStringsError(ValueError):
    """The words could not be given: the located problems, one a line."""


def check_interface_strings(path: Path = STRINGS_FILE, shown_as: str | None = None) -> list[Problem]:
    """Every problem of the strings file, located; empty when each entry has both languages."""
    return list(_read(path, shown_as or _shown(path))[1])


def strings(language: str, path: Path = STRINGS_FILE) -> Words:
    """The words of one language, by group and key. Raises with the located problems when the file
    has any or does not know the language."""
    shown = _shown(path)
    by_language, problems = _read(path, shown)
    if not problems and language not in by_language:
        problems = (Problem(shown, 1, "(file)", f"there are no words in the language '{language}'; "
                            f"the file gives {', '.join(LANGUAGES)}."),)
    if problems:
        raise InterfaceStringsError("\n".join(map(str, problems)))
    return by_language[language]


def _shown(path: Path) -> str:
    root = Path(__file__).resolve().parents[3]  # the project: hooks/catalogue_core/render/ is three down
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=4)
def _read(path: Path, shown: str) -> tuple[dict[str, Words], tuple[Problem, ...]]:
    document, problems = load_document(path, shown)
    if document is None or problems:
        return {}, tuple(problems)
    found: list[Problem] = []
    by_language: dict[str, Words] = {language: {} for language in LANGUAGES}

    def problem(at: tuple[str | int, ...], where: str, message: str) -> None:
        found.append(Problem(shown, document.line_of(at), where, message))

    if not isinstance(document.data, dict):
        problem((), "(file)", "the file must be a mapping of groups, each a mapping of keys to their words.")
        return {}, tuple(found)
    for group, entries in document.data.items():
        if not isinstance(entries, dict):
            problem((group,), str(group), "a group must be a mapping of keys, each with its words in "
                    f"{' and '.join(LANGUAGES)}.")
            continue
        for key, entry in entries.items():
            where = f"{group}.{key}"
            if not isinstance(entry, dict):
                problem((group, key), where, f"write the words as {{{', '.join(f'{lang}: ...' for lang in LANGUAGES)}}}.")
                continue
            missing = [language for language in LANGUAGES if entry.get(language) in (None, "", [])]
            if missing:
                problem((group, key), where, f"the words have no {' and no '.join(missing)}: add them beside "
                        "the others.")
                continue
            texts = [entry[language] for language in LANGUAGES]
            if any(type(text) is not type(texts[0]) or not isinstance(text, (str, list)) for text in texts):
                problem((group, key), where, "every language must give a text, or every language a list of texts.")
                continue
            if isinstance(texts[0], list) and len({len(text) for text in texts}) > 1:
                problem((group, key), where, "the lists differ in length between the languages.")
                continue
            if isinstance(texts[0], str):
                placeholders = [sorted(set(_PLACEHOLDER.findall(text))) for text in texts]
                if any(found_here != placeholders[0] for found_here in placeholders):
                    shown_sets = "; ".join(f"{lang}: {' '.join(p) or 'none'}" for lang, p in zip(LANGUAGES, placeholders))
                    problem((group, key), where, f"the languages use different {{placeholders}} ({shown_sets}).")
                    continue
            for language in LANGUAGES:
                by_language[language].setdefault(str(group), {})[str(key)] = entry[language]
    return by_language, tuple(found)
