"""What the German site's tests read: the English interface words, and a German page's visible text
outside what is marked English (``lang="en"``)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
STRINGS = ROOT / "hooks" / "catalogue_core" / "render" / "interface_strings.yml"
_ELEMENTS_NOT_SHOWN = {"script", "style", "template", "svg", "code", "pre"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _pairs_of_strings() -> Iterator[tuple[str, str]]:
    data = yaml.safe_load(STRINGS.read_text(encoding="utf-8"))
    for group in data.values():
        for entry in group.values():
            if isinstance(entry.get("en"), str):
                yield entry["en"], entry["de"]


def _pairs_of_schemas() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "schemas").glob("*.json")):
        yield from _schema_pairs(json.loads(path.read_text(encoding="utf-8")))


def _schema_pairs(node: Any) -> Iterator[tuple[str, str]]:
    if isinstance(node, list):
        for item in node:
            yield from _schema_pairs(item)
        return
    if not isinstance(node, dict):
        return
    if isinstance(node.get("title"), str) and isinstance(node.get("x-title-de"), str):
        yield node["title"], node["x-title-de"]
    if isinstance(node.get("x-labels"), dict) and isinstance(node.get("x-labels-de"), dict):
        for key, english in node["x-labels"].items():
            # A one-word value ("Police", "Training", "Austria") is also a word of the English names
            # German text rightly keeps ("East Jutland Police"): only longer labels are a sign.
            if " " in english:
                yield english, node["x-labels-de"].get(key, english)
    block = node.get("x-kind")
    if isinstance(block, dict):
        for key in ("name", "names"):
            yield block[key], block.get(f"{key}_de", block[key])
        for key, english in block.get("backlinks", {}).items():
            yield english, block.get("backlinks_de", {}).get(key, english)
    for key, child in node.items():
        if key not in ("x-kind",):
            yield from _schema_pairs(child)


def english_interface_words() -> set[str]:
    """The words the English build writes itself (templates, schema labels, kind names) that German
    writes otherwise. Placeholders split a text into the pieces that are always written."""
    found = set()
    for english, german in [*_pairs_of_strings(), *_pairs_of_schemas()]:
        if english == german:
            continue
        for piece in re.split(r"\{[a-z_]+\}", english):
            piece = piece.strip(" :.,()")
            # a single short word ("or", "yes") is also part of names and German text: too weak a sign
            if len(piece) >= 4 and piece not in german and re.search(r"[A-Za-z]{3}", piece):
                found.add(piece)
    return found


class _VisibleText(HTMLParser):
    """The text a reader sees, leaving out subtrees marked with another language than ``language``
    and what is not shown as text."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, whether it or an ancestor is left out)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        values = dict(attrs)
        lang = values.get("lang")
        outside = bool(self.stack and self.stack[-1][1])
        left_out = (outside or tag in _ELEMENTS_NOT_SHOWN or (lang is not None and not lang.startswith(self.language))
                    or "hidden" in values)
        self.stack.append((tag, left_out))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1][1]):
            self.parts.append(data)


def visible_text(html: str, language: str = "de") -> str:
    body = html[html.find("<body"):]
    parser = _VisibleText(language)
    parser.feed(body)
    return " ".join(" ".join(parser.parts).split())


def english_words_on(html: str, words: set[str]) -> list[str]:
    text = visible_text(html)
    return sorted(word for word in words if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))
