"""The words our templates write themselves, in the build's language (interface_strings.yml).

``strings(language)`` gives ``{group: {key: text}}``; a month list comes back as a list. The file is
read once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

STRINGS_FILE = Path(__file__).resolve().parent / "interface_strings.yml"


@lru_cache(maxsize=4)
def _all() -> dict[str, dict[str, dict[str, Any]]]:
    data: dict[str, dict[str, dict[str, Any]]] = yaml.safe_load(STRINGS_FILE.read_text(encoding="utf-8"))
    return data


def strings(language: str) -> dict[str, dict[str, Any]]:
    """Every group's words in ``language`` (English where a word has none in it)."""
    return {group: {key: entry.get(language, entry["en"]) for key, entry in words.items()}
            for group, words in _all().items()}
