"""Render stage: the Jinja2 templates that write the catalogue's pages, with a site owner's overrides.

One ``Templates`` per build: one Environment, each template compiled once. The templates live in
``catalogue_core/templates/``, one file per part of a page; a file of the same name in the
overrides folder (``overrides/catalogue/`` beside the site's Material overrides) is used instead,
as Material does with its partials (https://squidfunk.github.io/mkdocs-material/customization/).
Autoescape is on: every value is escaped unless it is ``Markup``, which only record text rendered
and sanitised by ``markup`` and a QR code drawn by segno are.

Layout: in ``.html`` templates a line break and the indentation after it are dropped, so a part
can be laid out on many lines and still come out as one line of HTML, which Markdown passes
through as one block (write ``{{ "\\n" }}`` for a line break that should stay). ``.md`` templates
are Markdown pages and keep their lines.
"""

from __future__ import annotations

import hashlib
import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, Template
from jinja2.ext import Extension

from .markup import markdown_heading

BUILT_IN = Path(__file__).resolve().parent.parent / "templates"
OVERRIDES = "catalogue"  # the folder in the theme's custom_dir that overrides them
# Every library whose output lands in a rendered page, for the page cache's key (pages.py).
LIBRARIES = ("Jinja2", "MarkupSafe", "cmarkgfm", "nh3", "segno", "Markdown")

_LINE_BREAK = re.compile(r"\n[ \t]*")


class _JoinLines(Extension):
    """Drops each line break and the indentation after it in ``.html`` templates (see the docstring)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _LINE_BREAK.sub("", source) if name and name.endswith(".html") else source


class Templates:
    """The templates of one build, the overrides folder's first."""

    def __init__(self, overrides: Path | None = None):
        self.folders = [folder for folder in (overrides, BUILT_IN) if folder is not None and folder.is_dir()]
        self.environment = Environment(
            loader=ChoiceLoader([FileSystemLoader(folder) for folder in self.folders]),
            autoescape=True, undefined=StrictUndefined, extensions=[_JoinLines],
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
            auto_reload=False,  # one build, one set of files: no stat() on every use
        )
        self.environment.filters["heading"] = markdown_heading
        self._compiled: dict[str, Template] = {}

    def get(self, name: str) -> Template:
        if name not in self._compiled:
            self._compiled[name] = self.environment.get_template(name)
        return self._compiled[name]

    def render(self, name: str, **context: Any) -> str:
        return self.get(name).render(**context)

    def macro(self, name: str, macro: str) -> Any:
        """A macro of a template, to call from Python (``values.html``'s ``value``)."""
        return getattr(self.get(name).module, macro)

    def digest(self) -> str:
        """The bytes of every template this build can use, overrides included, and the versions of the
        libraries that write into pages: what a cached page was made with besides our code."""
        found = hashlib.sha256(" ".join(f"{name} {version(name)}" for name in LIBRARIES).encode())
        for index, folder in enumerate(self.folders):
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                found.update(f"{index}:{path.relative_to(folder).as_posix()}\0".encode() + path.read_bytes() + b"\0")
        return found.hexdigest()
