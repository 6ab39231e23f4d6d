"""Rendered record text kept between builds (cache_file.py).

Rendering and cleaning record Markdown is most of what a build spends on our side (``make bench``),
and between two builds almost every text is unchanged. The cache maps a text to its clean HTML. Its
key is everything the HTML depends on besides the text: the glossary of abbreviations, the versions
of Python-Markdown and nh3, and the source of the module that renders.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

from . import markup
from .cache_file import CacheFile, cache_key


def rendered_text_cache(folder: Path | None, abbreviations: dict[str, str]) -> CacheFile:
    key = cache_key(json.dumps(abbreviations, sort_keys=True, ensure_ascii=False),
                    f"markdown {version('markdown')} nh3 {version('nh3')}", code=[Path(markup.__file__)])
    return CacheFile(folder, "rendered-text", key)
