"""Parsed record files kept between builds (cache_file.py).

Parsing a record strictly (its data, and the line of every field for messages) is most of what
loading the catalogue costs a build (`make bench`), and it depends on nothing but the file's bytes,
the loader's source and PyYAML's version. So the build keeps each clean parse, keyed by the SHA-256
of the file's bytes. Only files that parsed without a problem are kept, so a file with problems is
parsed, and its problems reported, on every build; validation always runs in full. ``make check``
parses every file itself and never reads the cache.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from . import strict_yaml
from .cache_file import CacheFile, cache_key
from .problems import Problem
from .strict_yaml import MAX_FILE_BYTES, Document, load_document, parse_document


class ParseCache:
    """``load_document`` that remembers clean parses. Call ``save`` once all files are read."""

    def __init__(self, folder: Path):
        key = cache_key(f"pyyaml {yaml.__version__}", code=[Path(strict_yaml.__file__)])
        self._file = CacheFile(folder, "parsed-records", key)

    def load_document(self, path: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
        try:
            raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else None
        except OSError:
            raw = None
        if raw is None:  # too large or unreadable: load_document says why
            return load_document(path, shown_as)
        digest = hashlib.sha256(raw).digest()
        kept = self._file.get(digest)
        if kept is not None:
            data, lines = kept
            return Document(data, lines, digest), []
        document, problems = parse_document(raw, shown_as)
        if document is not None and not problems:
            self._file.put(digest, (document.data, document.lines))
        return document, problems

    def save(self) -> None:
        self._file.save()
