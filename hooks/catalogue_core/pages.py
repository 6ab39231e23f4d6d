"""The catalogue -> every generated page, as ``{path under docs/: Page}``.

This is the boundary the MkDocs hook adapts: records in, Markdown out, nothing about MkDocs.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .catalogue import Catalogue
from .glossary import abbreviations
from . import text_cache
from .markup import TextRenderer
from .open_data import PAGE_SRC as OPEN_DATA_SRC, open_data_markdown
from .render_index import IndexPage
from .render_record import KIND_NAMES, RecordPage
from .schemas import KINDS
from .urls import Linker, index_src, record_src


@dataclass(frozen=True)
class Page:
    src: str  # path under docs/, e.g. tools/vera-2r.md
    markdown: str
    record_path: str | None  # the YAML file it is made from, for "edit this page"


def build_pages(
    catalogue: Catalogue, linker: Linker, cache_dir: Path | None = None, glossary: dict[str, str] | None = None
) -> dict[str, Page]:
    """Every generated page. With ``cache_dir``, rendered record text is kept there between builds;
    ``glossary`` is the catalogue's abbreviations where the caller has them already."""
    glossary = abbreviations(catalogue) if glossary is None else glossary
    cache = text_cache.cache_path(cache_dir, glossary) if cache_dir else None
    text = TextRenderer(glossary, known=text_cache.load(cache) if cache else None)
    record_page = RecordPage(catalogue, linker, text)
    index_page = IndexPage(catalogue, linker, text)
    pages: dict[str, Page] = {}
    for record in catalogue.records:
        src = record_src(record.kind, record.id)
        meta: dict[str, Any] = {"title": theme_text(record.title), "description": theme_text(record.data["summary"])}
        tags = [catalogue.schemas.tag_labels[t] for t in record.data.get("tags", [])]
        if tags:
            meta["tags"] = tags
        pages[src] = Page(src, front_matter(meta) + record_page.markdown(record), record.path)
    for kind in KINDS:
        src = index_src(kind)
        meta = {"title": KIND_NAMES[kind][1]}
        pages[src] = Page(src, front_matter(meta) + index_page.markdown(kind), None)
    pages[OPEN_DATA_SRC] = Page(OPEN_DATA_SRC, open_data_markdown(catalogue), None)
    if cache:
        text_cache.save(cache, text.rendered)
    return pages


def theme_text(text: str) -> str:
    """Plain text for a front matter value that Material prints as HTML.

    MkDocs' Jinja environment does not autoescape, and Material writes ``page.meta.title`` into
    ``<title>`` and the header, and ``page.meta.description`` into ``<meta content="...">``, as they
    are (material/templates/base.html, partials/header.html). So ``&``, ``<``, ``>`` and ``"`` are
    written as character references; the browser shows the text exactly as the record has it.
    """
    return html.escape(text, quote=False).replace('"', "&quot;")


# libyaml's emitter writes the same YAML as PyYAML's pure-Python one, several times faster.
_FRONT_MATTER_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter, written by a YAML dumper so any title survives quoting."""
    dumped = yaml.dump(meta, Dumper=_FRONT_MATTER_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return "---\n" + dumped + "---\n\n"
