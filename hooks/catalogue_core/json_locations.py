"""Where each value of a JSON document starts: ``{("properties", "title"): 12, ...}``.

Python's ``json`` keeps no positions, and a schema problem must name its line like a record
problem does. This walks the text once with a small tokenizer; it is only called for documents
that ``json.loads`` has already accepted, so it can assume the text is well formed.
"""

from __future__ import annotations

import json
import re

Path_ = tuple[str | int, ...]

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


def value_lines(text: str) -> dict[Path_, int]:
    """The 1-based line on which the value at each path starts (for an object member, its key's line)."""
    lines: dict[Path_, int] = {(): 1}
    stack: list[list[object]] = []  # per open container: [kind, path, next index or pending key]
    line = 1
    position = 0
    for match in _TOKEN.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        token = match.group()
        top = stack[-1] if stack else None
        if top is not None and top[0] == "{" and token.startswith('"') and top[2] is None:
            key = _string(token)
            top[2] = key
            lines[(*top[1], key)] = line  # type: ignore[misc]
            continue
        if token in ":,":
            if token == "," and top is not None and top[0] == "{":
                top[2] = None
            continue
        if token in "}]":
            stack.pop()
            continue
        here = _path_of_next_value(top, lines, line)
        if token in "{[":
            stack.append([token, here, None if token == "{" else 0])
    return lines


def _path_of_next_value(top: list[object] | None, lines: dict[Path_, int], line: int) -> Path_:
    """The path of the value that starts now, advancing an array's index."""
    if top is None:
        return ()
    parent: Path_ = top[1]  # type: ignore[assignment]
    if top[0] == "[":
        index: int = top[2]  # type: ignore[assignment]
        top[2] = index + 1
        lines[(*parent, index)] = line
        return (*parent, index)
    key: str = top[2]  # type: ignore[assignment]
    return (*parent, key)


def _string(token: str) -> str:
    return str(json.loads(token))


def line_of(lines: dict[Path_, int], path: Path_) -> int:
    """The line of the nearest enclosing value we know."""
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)
