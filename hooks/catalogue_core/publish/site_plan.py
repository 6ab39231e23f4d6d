"""Everything the catalogue adds to a site, planned in one place: pages, data files, feeds and
redirects, and the check that every URL ever published still resolves."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..check.catalogue import Catalogue
from ..problems import Problem
from ..project import Project
from ..render.compare import compare_data, compare_data_path, compared_kinds
from ..render.glossary import abbreviations
from ..render.languages import SOURCE_LANGUAGE, in_source_language
from ..render.markup import TextRenderer
from ..render.pages import Page, build_pages
from ..render.plan_page import DATA_PATH as PLAN_DATA_PATH
from ..render.plan_page import PAGE_SRC as PLAN_SRC
from ..render.plan_page import plan_data, plan_page
from ..render.record_page import RecordPage
from ..render.templates import Templates
from ..urls import Linker
from .exports import data_files
from .feeds import feed_files
from .open_data import PAGE_SRC as OPEN_DATA_SRC
from .open_data import open_data_markdown
from .published_urls import LIST_NAME, check_published, current_urls, translated_urls
from .redirects import redirect_files


@dataclass(frozen=True)
class SitePlan:
    catalogue: Catalogue
    pages: dict[str, Page]  # Markdown pages, by path under docs/
    files: dict[str, str]  # other files (JSON, CSV, Atom, redirect pages), by path in the site
    public_files: list[str]  # the data and feed paths, which count as published URLs
    glossary: dict[str, str]  # acronym -> explanation, for record text and hand-written pages alike


def plan_site(catalogue: Catalogue, linker: Linker, cache_dir: Path | None = None,
              overrides: Path | None = None, language: str = "en", shared: tuple[str, ...] = ()) -> SitePlan:
    """``overrides`` is the folder of a site owner's templates (``overrides/catalogue/``), if any.
    ``language`` is the one the pages' own words are written in; ``shared`` the paths (or folders,
    ending in "/") of data files this build does not write, because it is another language of a
    site that has them one level up: its pages link there."""
    data = {path: content for path, content in data_files(catalogue, linker.site_url).items()
            if not path.startswith(shared)}
    public = {**data, **feed_files(catalogue, linker, language)}
    files = {**public, **redirect_files(catalogue, linker)}
    glossary = abbreviations(catalogue)
    templates = Templates(overrides, cache_dir, language)
    record_page = RecordPage(catalogue, linker, TextRenderer(glossary), templates)
    pages = build_pages(catalogue, linker, cache_dir, glossary, templates, record_page)
    boxes = {record.id: pages[record.src].box for record in catalogue.records}
    for kind in compared_kinds(catalogue):
        files[compare_data_path(catalogue.schemas.kinds[kind].plural)] = compare_data(catalogue, linker, boxes, kind)
    open_data = open_data_markdown(catalogue, linker, "../" if shared else "")
    if language != SOURCE_LANGUAGE:
        open_data = in_source_language(open_data, templates.words["pages"]["english_only"])
    pages[OPEN_DATA_SRC] = Page(OPEN_DATA_SRC, open_data, None)
    if catalogue.planner is not None:
        pages[PLAN_SRC] = Page(PLAN_SRC, plan_page(catalogue, linker, templates), catalogue.planner.path)
        files[PLAN_DATA_PATH] = plan_data(catalogue, linker)
    return SitePlan(catalogue, pages, files, sorted(public), glossary)


def resolvable_urls(catalogue: Catalogue, plan: SitePlan, docs_dir: Path) -> set[str]:
    """Every URL this build serves (hand-written pages in ``docs_dir`` included)."""
    hand_written = [p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")]
    return current_urls(catalogue, hand_written + list(plan.pages), plan.public_files)


def check_published_urls(project: Project, catalogue: Catalogue, plan: SitePlan, docs_dir: Path) -> list[Problem]:
    """Every URL in published-urls.txt must resolve in this build or in the builds of the site's other
    languages that follow it (mkdocs.yml's extra.translations)."""
    resolvable = resolvable_urls(catalogue, plan, docs_dir)
    resolvable |= translated_urls(project.root / "mkdocs.yml", resolvable)
    return check_published(project.root / LIST_NAME, LIST_NAME, resolvable)
