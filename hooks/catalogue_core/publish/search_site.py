"""Publish stage, search: what the catalogue tells search about its pages, and the files it writes.

The MkDocs hook hands over each built page (``SearchPages.add``) and, after the build, asks for
the index files (``SearchPages.files``). Record pages carry their kind's label (the schema's
``title``) and their other names; every other page is a "Page". The synonym groups are editorial data, read from
the file the site's configuration names (``extra.search.synonyms`` in ``mkdocs.yml``, which the
offline copy inherits).
"""

from __future__ import annotations

from pathlib import Path

from ..check.catalogue import Catalogue
from ..load.records import Record
from ..load.strict_yaml import parse_document
from ..problems import Problem
from ..render.views import SearchText
from .search_index import OTHER_KIND, SearchPage, build_index
from .search_names import other_names


def kind_label(catalogue: Catalogue, kind: str) -> str:
    """The reader's name of a kind, as its schema declares it ("Practice", "Assessment instrument")."""
    return catalogue.schemas.kinds[kind].name


class SearchPages:
    """The pages of one build as search sees them, collected as MkDocs renders them."""

    def __init__(self, catalogue: Catalogue, synonyms: list[list[str]], texts: dict[str, SearchText] | None = None):
        """``texts``: what each record page gives search, by its path under docs/ (``render.pages.Page.search``)."""
        self.catalogue = catalogue
        self.synonyms = synonyms
        self.texts = texts or {}
        self.pages: list[SearchPage] = []
        self._records: dict[str, Record] = {r.src: r for r in catalogue.records}

    def add(self, src_uri: str, url: str, title: str, html: str) -> None:
        """One built page: record pages carry their kind's label, their other names and the text their
        view model gives; other pages are taken from their HTML."""
        record = self._records.get(src_uri)
        if record is None:
            self.pages.append(SearchPage(url=url, title=title, kind=OTHER_KIND, html=html))
        else:
            given = self.texts.get(src_uri)
            self.pages.append(SearchPage(url=url, title=record.title, kind=kind_label(self.catalogue, record.kind),
                                         html=html, names=tuple(other_names(self.catalogue, record)),
                                         text=(given.text, given.headings) if given else None))

    def files(self) -> dict[str, str]:
        """Every file of the search index, by its path in the site."""
        files = build_index(self.pages, self.synonyms, suggestions(self.catalogue))
        return {f"search/{path}": content for path, content in files.items()}


def load_synonyms(path: Path, shown: str) -> tuple[list[list[str]] | None, list[Problem]]:
    """The synonym groups (``groups:``, a list of lists of phrases; each phrase finds what the others
    find), or None and the problems, located like a record's (``shown`` is the path in messages)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown, 1, "(file)", f"the synonyms file cannot be read ({error.strerror}); "
                              "mkdocs.yml names it under extra.search.synonyms.")]
    document, problems = parse_document(raw, shown)
    if document is None or problems:
        return None, problems
    data = document.data.get("groups") if isinstance(document.data, dict) else None
    if not isinstance(data, list) or not all(isinstance(g, list) and all(isinstance(p, str) for p in g)
                                             for g in data):
        return None, [Problem(shown, document.line_of(("groups",)), "groups", "expected a list of groups, each a "
                              "list of words or phrases, e.g. '- [probation, Bewährungshilfe]'.")]
    return [list(group) for group in data], []


def suggestions(catalogue: Catalogue) -> list[str]:
    """Names offered when a search finds nothing: the glossary's terms (records with a definition) and
    their other names, every acronym, the kinds' names and the tags, as the schemas label them."""
    names: set[str] = set()
    for record in catalogue.records:
        if catalogue.names_of(record, "definition"):
            names.add(record.title)
            names.update(catalogue.names_of(record, "name"))
        names.update(catalogue.names_of(record, "acronym"))
        tags = catalogue.schemas.page_fields.tags
        tag_labels = catalogue.schemas.fields[record.kind][tags].labels
        names.update(tag_labels.get(str(tag), str(tag)) for tag in record.data.get(tags, []))
    for kind in sorted({r.kind for r in catalogue.records}):
        names.add(kind_label(catalogue, kind))
    return sorted(names)
