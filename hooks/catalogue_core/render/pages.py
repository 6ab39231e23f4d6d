"""The catalogue -> every generated page, as ``{path under docs/: Page}``.

This is the boundary the MkDocs hook adapts: records in, Markdown out, nothing about MkDocs.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..cache import CacheFile, cache_key
from ..check.catalogue import Catalogue
from ..load.records import Record
from ..urls import Linker, index_src
from .compare import compare_page, compare_src, compared_kinds
from .glossary import abbreviations
from .index_page import IndexPage
from .markup import TextRenderer
from .record_page import RecordPage
from .shared_values import shared_values
from .templates import Templates
from .views import SearchText


@dataclass(frozen=True)
class Page:
    src: str  # path under docs/, e.g. tools/vera-2r.md
    markdown: str
    record_path: str | None  # the YAML file it is made from, for "edit this page"
    search: SearchText | None = None  # what a record page gives search, from its view model
    box: tuple[tuple[str, str], ...] = ()  # a record's at-a-glance rows (label, HTML) as its comparison page shows them


def build_pages(catalogue: Catalogue, linker: Linker, cache_dir: Path | None = None,
                glossary: dict[str, str] | None = None, templates: Templates | None = None,
                record_page: RecordPage | None = None) -> dict[str, Page]:
    """Every record page and every kind's index. With ``cache_dir``, record pages are kept there between
    builds (``record_page_cache``); ``glossary`` (the catalogue's abbreviations), ``templates`` and
    ``record_page`` where the caller has them already."""
    glossary = abbreviations(catalogue) if glossary is None else glossary
    templates = templates or Templates()
    text = TextRenderer(glossary)
    record_page = record_page or RecordPage(catalogue, linker, text, templates)
    kept_pages = record_page_cache(cache_dir, catalogue, linker, glossary, templates)
    index_page = IndexPage(catalogue, linker, text, templates)
    pages: dict[str, Page] = {}
    entries: dict[str, str] = {}  # record id -> its entry on its kind's index
    compared = compared_kinds(catalogue)
    # Worked out once per kind: the fields every record of the kind shares, which its pages leave out.
    left_out = {kind: " ".join(sorted(shared_values(catalogue, kind))) for kind in catalogue.schemas.kinds}
    for record in catalogue.records:
        src = record.src
        inputs = page_inputs(catalogue, record, left_out[record.kind])
        kept = kept_pages.get(inputs) if inputs else None
        if kept is None:
            # The record's entry on its index and its box on its comparison page are made of the same
            # inputs as its page, so they are kept with it: a build that changes nothing remakes none.
            view = record_page.view(record)
            search = record_page.search_text(view)
            rows = record_page.compare_rows(record, compare_src(record.plural)) if record.kind in compared else []
            kept = (front_matter(record_meta(catalogue, record)) + record_page.render(view), search.text,
                    search.headings, index_page.entry_html(record), tuple(rows), search.german)
            if inputs:
                kept_pages.put(inputs, kept)
        markdown, text_for_search, headings, entries[record.id], box, german = kept
        pages[src] = Page(src, markdown, record.path, SearchText(text_for_search, headings, german),
                          tuple((str(label), str(html)) for label, html in box))
    for kind in catalogue.schemas.kinds.values():
        src = index_src(kind.plural)
        meta: dict[str, str | list[str]] = {"title": kind.names}
        pages[src] = Page(src, front_matter(meta) + index_page.markdown(kind.kind, entries), None)
    for kind_name in compared:
        src = compare_src(catalogue.schemas.kinds[kind_name].plural)
        pages[src] = Page(src, compare_page(catalogue, linker, templates, kind_name), None)
    kept_pages.save()
    return pages


def record_meta(catalogue: Catalogue, record: Record) -> dict[str, str | list[str]]:
    """A record page's front matter: title, description and tags as Material shows them."""
    declared = catalogue.schemas.page_fields
    meta: dict[str, str | list[str]] = {"title": theme_text(record.title),
                                        "description": theme_text(record.data[declared.summary])}
    tag_labels = catalogue.schemas.fields[record.kind][declared.tags].labels
    tags = [tag_labels.get(t, t) for t in record.data.get(declared.tags, [])]
    if tags:
        meta["tags"] = tags
    return meta


def record_page_cache(cache_dir: Path | None, catalogue: Catalogue, linker: Linker,
                      glossary: dict[str, str], templates: Templates) -> CacheFile:
    """Record pages (their Markdown and their text for search) kept between builds. A page is a pure
    function of its ``page_inputs`` and of what the cache's keys stand for: our code as this process
    loaded it (``cache.py``), the schemas (labels, placement), the glossary, the templates' bytes
    (overrides included) and the versions of every library that writes into a page (Jinja2,
    MarkupSafe, cmark-gfm, nh3, segno, Python-Markdown's slugify: ``templates.LIBRARIES``), and, as
    the configuration, the URL style, the site address and the language, so the site, the offline
    copy, a build for a real address and each language's site keep their own file (without the
    language, the English and German builds took turns overwriting one file and never found a page)."""
    inputs = cache_key(json.dumps(catalogue.schemas.documents, sort_keys=True, ensure_ascii=False),
                       json.dumps(glossary, sort_keys=True, ensure_ascii=False), templates.digest(),
                       # instrument pages link the planner when there are rules (plan_link.py)
                       json.dumps(catalogue.planner.data if catalogue.planner else None, sort_keys=True))
    configuration = cache_key(f"directory_urls={linker.directory_urls} site_url={linker.site_url} "
                              f"language={templates.language}")
    return CacheFile(cache_dir, "record-pages", inputs, configuration)


def page_inputs(catalogue: Catalogue, record: Record, left_out: str = "") -> bytes | None:
    """What a record's page is made of, as one digest: its own file, and the files of the records it
    links to and that link to it (their titles, summaries, kinds and order show in its lists), each
    by path and SHA-256, and ``left_out``: the fields its page leaves to its kind's index because every
    record of the kind shares their value (shared_values.py), which other records' files decide. None
    when a record was not read from a file, so has no digest."""
    neighbours = {link.target.path: link.target for link in catalogue.links.get(record.id, [])}
    neighbours.update((link.source.path, link.source) for link in catalogue.backlinks.get(record.id, []))
    digest = hashlib.sha256(left_out.encode())
    for made_of in [record, *(neighbours[path] for path in sorted(neighbours))]:
        key = made_of.source_key
        if key is None:
            return None
        digest.update(key)
    return digest.digest()


def theme_text(text: str) -> str:
    """Plain text for a front matter value that Material prints as HTML.

    MkDocs' Jinja environment does not autoescape, and Material writes ``page.meta.title`` into
    ``<title>`` and the header, and ``page.meta.description`` into ``<meta content="...">``, as they
    are (material/templates/base.html, partials/header.html). So ``&``, ``<``, ``>`` and ``"`` are
    written as character references; the browser shows the text exactly as the record has it.
    """
    return html.escape(text, quote=False).replace('"', "&quot;")


# What a YAML double-quoted scalar may not hold as it is, beyond what JSON escapes: the line breaks
# YAML folds into spaces (NEL, LS, PS) and what libyaml's reader refuses (DEL, C1 controls, BOM,
# U+FFFE, U+FFFF). Each becomes a \u escape, which YAML reads back as the same character.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: a JSON string (YAML reads JSON's escapes), with the
    characters above escaped too."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def front_matter(meta: dict[str, str | list[str]]) -> str:
    """YAML front matter with every value quoted, so any title survives. Written here rather than
    by ``yaml.dump``, which took a sixth of page generation (`make bench`)."""
    lines = ["---"]
    for key, value in meta.items():
        quoted = f"[{', '.join(map(yaml_quoted, value))}]" if isinstance(value, list) else yaml_quoted(value)
        lines.append(f"{key}: {quoted}")
    return "\n".join(lines) + "\n---\n\n"
