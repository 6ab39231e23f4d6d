"""Pure work kept between builds: a dict of plain values in one file.

Each cache is one file in ``.cache/catalogue/`` (git-ignored), named ``<name>-<key>.marshal``. The key
stands for everything the values depend on besides their own keys (our code, the versions of the
packages that do the work, settings), so a change to any of them starts an empty cache and the old
file is removed. Only the entries a build used are written back, so a cache never outgrows the
catalogue, and nothing is written when nothing changed.

``marshal`` holds exactly the plain values these caches are made of (strings, bytes, numbers,
tuples, lists, dicts), reads them back several times faster than JSON or pickle, and runs no code
when it reads. A missing, unreadable or foreign file is an empty cache, and a read-only checkout
builds the same site, only without the head start.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent


def cache_key(*parts: str | bytes, code: list[Path] | None = None) -> str:
    """A short digest of ``parts``, of the source of ``code`` (every module of this package when not
    given) and of the Python version, whose ``marshal`` format and string behaviour the values carry."""
    digest = hashlib.sha256(sys.version.encode())
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    for module in sorted(code if code is not None else PACKAGE.glob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


class CacheFile:
    """``get`` what an earlier build kept, ``put`` what this one made, then ``save`` once."""

    def __init__(self, folder: Path | None, name: str, key: str):
        self.name = name
        self.path = folder / f"{name}-{key}.marshal" if folder else None  # no folder: nothing is kept
        self.known: dict[Any, Any] = _read(self.path) if self.path else {}
        self.used: dict[Any, Any] = {}  # this build's entries, the only ones written back

    def get(self, key: Any) -> Any:
        """The kept value for ``key``, or None."""
        value = self.known.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: Any, value: Any) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Write this build's entries, replacing the file of any other key; nothing when nothing changed.
        Values for a key never change (the key says what they depend on), so equal keys mean no change."""
        if self.path is None or (self.used.keys() == self.known.keys() and self.path.is_file()):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for old in self.path.parent.glob(f"{self.name}-*"):
                if old != self.path:
                    old.unlink()
            temporary = self.path.with_suffix(".tmp")
            temporary.write_bytes(marshal.dumps(self.used))
            temporary.replace(self.path)
        except OSError:
            pass  # a read-only checkout builds the same site, only without the head start next time


def _read(path: Path) -> dict[Any, Any]:
    try:
        kept = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return kept if isinstance(kept, dict) else {}
