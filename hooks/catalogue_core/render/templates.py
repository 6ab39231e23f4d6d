"""Render stage: the Jinja2 templates that write the catalogue's pages, with a site owner's overrides.

One ``Templates`` per build: one Environment, each template compiled once. The templates live in
``catalogue_core/templates/``, one file per part of a page; a file of the same name in the
overrides folder (``overrides/catalogue/`` beside the site's Material overrides) is used instead,
as Material does with its partials (https://squidfunk.github.io/mkdocs-material/customization/).
Autoescape is on: every value is escaped unless it is ``Markup``, which only record text rendered
and sanitised by ``markup`` and a QR code drawn by segno are.

The macros of ``values.html`` (``value``, ``link``, ``time`` …) and the parts' macros (each part's
file defines the macro of its name: ``glance.html`` defines ``glance(page)``) can be used in every
template without an import.

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

from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, Template
from jinja2.ext import Extension

from ..cache import CODE_DIGEST
from ..load.interface_strings import STRINGS_FILE, strings
from .languages import SOURCE_LANGUAGE
from .markup import format_date, markdown_heading

BUILT_IN = Path(__file__).resolve().parent.parent / "templates"
OVERRIDES = "catalogue"  # the folder in the theme's custom_dir that overrides them
# Every library whose output lands in a rendered page, for the page cache's key (pages.py).
LIBRARIES = ("Jinja2", "MarkupSafe", "cmarkgfm", "nh3", "segno", "Markdown")

GLOBAL_MACROS = {
    "values.html": ("value", "link", "time", "in_source_language", "badge", "address_text", "address_link", "record_list"),
    "section.html": ("section",),
    "box.html": ("box",),
    # the parts of a record's page: each file defines the macro of its name, which takes the page
    **{f"{part}.html": (part,) for part in ("handout_link", "plan_link", "kind_line", "glance", "facts", "share_box", "about",
                                             "connections", "sources", "citation", "footer", "handout")},
}

_LINE_BREAK = re.compile(r"\n[ \t]*")


class _JoinLines(Extension):
    """Drops each line break and the indentation after it in ``.html`` templates (see the docstring)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _LINE_BREAK.sub("", source) if name and name.endswith(".html") else source


class Templates:
    """The templates of one build, the overrides folder's first.

    With ``cache_dir``, compiled templates are kept there between builds: compiling them all took
    0.06 to 0.2 s (imports aside, by machine load), much of what a build may spend beyond its floor
    (`make bench`). Jinja checks each kept template against its source's checksum; our code's digest
    in the file names covers the line joining (``_JoinLines``), and files of other code are removed.
    """

    def __init__(self, overrides: Path | None = None, cache_dir: Path | None = None, language: str = "en"):
        self.language = language
        self.folders = [folder for folder in (overrides, BUILT_IN) if folder is not None and folder.is_dir()]
        self.environment = Environment(
            loader=ChoiceLoader([FileSystemLoader(folder) for folder in self.folders]),
            autoescape=True, undefined=StrictUndefined, extensions=[_JoinLines],
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
            auto_reload=False,  # one build, one set of files: no stat() on every use
            bytecode_cache=_compiled_cache(cache_dir / "templates") if cache_dir else None,
        )
        self.environment.filters["heading"] = markdown_heading
        # The words the templates write themselves, in the build's language: t.record_page.sources.
        words = strings(language)
        self.environment.globals["t"] = words
        self.environment.globals.update(language=language, source_language=SOURCE_LANGUAGE)
        months = words["months"]["names"]
        self.environment.globals["shown_date"] = lambda iso: format_date(iso, months)
        # A kind's plural inside a sentence: "all practices", but German writes "alle Praxisbeispiele".
        self.words = words
        lower = words["grammar"]["lower_case_nouns"] == "yes"
        self.noun = (lambda text: str(text).lower()) if lower else str
        self.environment.filters["noun"] = self.noun
        self._compiled: dict[str, Template] = {}
        # The macros of values.html (how a value, a link, a date, an address look) and of the parts of
        # a page are in every template without an import or an include: an import in each part of each
        # page took a fifth of the rendering time, an include per part another fifth.
        for name, macros in GLOBAL_MACROS.items():
            module = self.get(name).module
            self.environment.globals.update({macro: getattr(module, macro) for macro in macros})

    def get(self, name: str) -> Template:
        """A template, compiled once per build."""
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
        found.update(f"language={self.language}\0".encode() + STRINGS_FILE.read_bytes())
        for index, folder in enumerate(self.folders):
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                found.update(f"{index}:{path.relative_to(folder).as_posix()}\0".encode() + path.read_bytes() + b"\0")
        return found.hexdigest()


def _compiled_cache(folder: Path) -> FileSystemBytecodeCache | None:
    prefix = f"{CODE_DIGEST[:16]}-"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.cache"):
            if not old.name.startswith(prefix):
                old.unlink()
    except OSError:
        return None  # a read-only checkout compiles the templates every time
    return FileSystemBytecodeCache(str(folder), f"{prefix}%s.cache")
