"""A local stand-in for a static host that reads ``_headers`` (Netlify, Cloudflare Pages).

It serves a built site from 127.0.0.1 and adds to each response the headers of every ``_headers``
rule whose path matches the request: an exact path, or a prefix ending in ``*`` (a "splat"), as
both hosts document. The file itself is not served, as on those hosts.
"""

from __future__ import annotations

from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

from browser.conftest import serve

Rule = tuple[str, list[tuple[str, str]]]  # (path pattern, [(header, value)])


def read_rules(text: str) -> list[Rule]:
    """The rules of a ``_headers`` file, in order."""
    rules: list[Rule] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
            continue
        name, colon, value = line.strip().partition(":")
        if not rules or not colon:
            raise ValueError(f"not a header line of a rule: {line!r}")
        rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules: list[Rule], path: str) -> list[tuple[str, str]]:
    """Every header the rules give the URL path ``path``."""
    found = []
    for pattern, headers in rules:
        if pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            found += headers
    return found


class _Handler(SimpleHTTPRequestHandler):
    rules: list[Rule] = []

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def send_head(self) -> Any:
        if self.path.split("?")[0] == "/_headers":
            self.send_error(404)
            return None
        return super().send_head()

    def end_headers(self) -> None:
        for name, value in headers_for(self.rules, self.path.split("?")[0].split("#")[0]):
            self.send_header(name, value)
        super().end_headers()


def serve_with_headers(site: Path) -> Iterator[str]:
    """Serve ``site`` with the headers of its ``_headers`` file; yields the base URL."""
    handler = type("Handler", (_Handler,), {"rules": read_rules((site / "_headers").read_text(encoding="utf-8"))})
    yield from serve(site, handler)
