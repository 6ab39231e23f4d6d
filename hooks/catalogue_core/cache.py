"""Work kept between builds: a dict of plain values in one file, under a key it has earned.

One rule: a file's key stands for everything its values were made from, as it was when they
were made. Two parts of that are easy to get wrong, and are handled here once:

- **Our code.** ``CODE_DIGEST`` is the SHA-256 of every module of this package, read when the
  package is first imported (``catalogue_core/__init__.py`` imports this module before any other).
  That is the code this process runs, even after the files change on disk: ``mkdocs serve`` keeps
  the modules it imported, so a digest taken from the disk at save time would file old output
  under the new code's key, and a later fresh build would serve it.
- **The configuration.** A build for the site, one for the offline copy and one for a real
  address make different pages from the same inputs. Each configuration has a file of its own,
  and saving one never removes another's; saving replaces only files of the same cache and
  configuration made from other code or inputs.

Files live in ``.cache/catalogue/`` (git-ignored) as ``marshal``, which holds exactly the plain
values kept here (strings, bytes, numbers, tuples, lists, dicts), reads them several times faster
than JSON or pickle, and runs no code. A missing, unreadable or foreign file is an empty cache, and
a read-only checkout builds the same site, only without the head start.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent


def _package_digest() -> str:
    digest = hashlib.sha256(sys.version.encode())  # marshal's format and str behaviour follow Python's version
    for module in sorted(PACKAGE.rglob("*.py")):
        digest.update(module.relative_to(PACKAGE).as_posix().encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.hexdigest()


CODE_DIGEST = _package_digest()  # fixed for the life of the process: the code it loaded


def cache_key(*parts: str | bytes) -> str:
    """A short digest of ``parts``: the inputs, versions and settings a cache's values depend on."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:16]


class CacheFile:
    """``get`` what an earlier build kept, ``put`` what this one made, then ``save`` once.

    ``inputs`` is the key of everything the values depend on besides their own keys and our code;
    ``configuration`` names the build configuration, whose file no other configuration replaces.
    """

    def __init__(self, folder: Path | None, name: str, inputs: str, configuration: str = "any",
                 code: str = CODE_DIGEST):
        self.name = name
        self.prefix = f"{name}-{configuration}-"
        key = cache_key(code, inputs)
        self.path = folder / f"{self.prefix}{key}.marshal" if folder else None  # no folder: nothing is kept
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
        """Write this build's entries; nothing when nothing changed. Values for a key never change (the
        key says what they depend on), so equal keys mean no change."""
        if self.path is None or (self.used.keys() == self.known.keys() and self.path.is_file()):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for old in self.path.parent.glob(f"{self.prefix}*.marshal"):
                if old != self.path:  # the same configuration, made from other code or inputs
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
