"""Rendered record text kept between builds: pure work done once.

Rendering and cleaning record Markdown is most of what a build spends on our side (``make bench``),
and between two builds almost every text is unchanged. The cache maps a text to its clean HTML. Its
file name carries a key made of everything the HTML depends on besides the text: the glossary of
abbreviations, the versions of Python-Markdown and nh3, and the source of the module that renders,
so a change to any of them starts an empty cache. Only texts of the current build are written back,
so the file never outgrows the catalogue. A missing or unreadable cache is simply empty.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

from . import markup


def cache_key(abbreviations: dict[str, str]) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps(abbreviations, sort_keys=True, ensure_ascii=False).encode())
    digest.update(f"markdown {version('markdown')} nh3 {version('nh3')}".encode())
    digest.update(Path(markup.__file__).read_bytes())
    return digest.hexdigest()[:16]


def cache_path(folder: Path, abbreviations: dict[str, str]) -> Path:
    return folder / f"rendered-text-{cache_key(abbreviations)}.json"


def load(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(data, dict) else {}


def save(path: Path, rendered: dict[str, str]) -> None:
    """Write the cache, replacing older caches in the folder (their keys no longer match)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("rendered-text-*.json"):
            if old != path:
                old.unlink()
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(rendered, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass  # a read-only checkout builds the same site, only without the head start next time
