"""Problems found in records, and the report a content editor reads.

A problem is a value, never an exception: every stage returns the problems it found so that one
broken file never hides the problems of the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a record, located as precisely as we can."""

    path: str  # project-relative, with forward slashes, so editors and CI logs make it clickable
    line: int  # 1-based; 1 where only the file is known
    field: str  # dotted field path such as ``sources[0].url``; ``(file)`` for the file as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def format_report(problems: Iterable[Problem]) -> str:
    """Every problem on its own line, sorted by file and line, then a count."""
    ordered = sorted(set(problems))
    if not ordered:
        return "No problems found."
    files = len({p.path for p in ordered})
    noun = "problem" if len(ordered) == 1 else "problems"
    file_noun = "file" if files == 1 else "files"
    lines = [str(p) for p in ordered]
    lines.append(f"{len(ordered)} {noun} in {files} {file_noun}.")
    return "\n".join(lines)


def field_path(parts: Iterable[str | int]) -> str:
    """``("sources", 0, "url")`` -> ``sources[0].url``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(file)"
