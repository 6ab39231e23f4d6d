"""Buildable copies of the project around a synthetic catalogue: ours, and the plain floor.

*Ours* is the project as it ships (hooks, schemas, theme overrides, assets and the very same
``mkdocs.yml``) with the synthetic records in ``practices/``. Hand-written pages become stand-ins
with the same paths and titles, because the real ones link to real records that a synthetic
catalogue does not have; Material's tag listings in them are kept, as they grow with the records.

The *plain floor* is the same folder with the Markdown our hook would generate written out as real
files under ``docs/`` (its data files, feeds and redirect pages too, as static files), and the same
``mkdocs.yml`` without ``hooks:`` and with Material's stock search plugin in place of ours
(``plain_config``): what MkDocs and Material, search included, cost for these pages on their own.
Both sides build both languages: ours the German site in its hook's nested build, the floor the
same German pages, written out under ``docs/de/``, in a second plain build of ``mkdocs-de.yml``
(``TRANSLATIONS``; ``measure.build_once`` runs it after the first).
Our search indexes the built pages in the hook; Material's indexes them in its plugin; each build
pays for its own.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from mkdocs.config import load_config

from catalogue_core.check.catalogue import load_catalogue
from catalogue_core.load.interface_strings import strings
from catalogue_core.problems import format_report
from catalogue_core.project import Project
from catalogue_core.publish.site_plan import SitePlan, plan_site
from catalogue_core.render.languages import in_language, in_source_language
from catalogue_core.render.plan_link import PLAN_SRC
from catalogue_core.urls import Linker

from .generate import DEFAULT_SEED, write_catalogue

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["hooks", "schemas", "overrides", "search"]  # what the build reads besides docs/ and mkdocs.yml
# The site's other languages: language -> its configuration, built into site/<language>/.
TRANSLATIONS = {"de": "mkdocs-de.yml"}
_MATERIAL_MARKER = re.compile(r"^<!-- material/.*-->\s*$", re.MULTILINE)


def make_project(folder: Path, size: int, seed: int = DEFAULT_SEED) -> Path:
    """Our project with ``size`` synthetic records in ``folder`` (created; must not exist)."""
    folder.mkdir(parents=True)
    for name in COPIED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("*.md"))
    for page in sorted((ROOT / "docs").rglob("*.md")):
        target = docs / page.relative_to(ROOT / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(stand_in(page.read_text(encoding="utf-8")), encoding="utf-8")
    # Synthetic records carry no planner fields, so the copy has no planner rules and no planner page
    # (bench/planner.py measures the planner on the real catalogue): the nav loses its entry, and the
    # folder mkdocs.yml watches is there, empty.
    for name in ["mkdocs.yml", *TRANSLATIONS.values()]:
        config = (ROOT / name).read_text(encoding="utf-8")
        config = re.sub(rf"^\s*- [^:\n]+: {re.escape(PLAN_SRC)}\n", "", config, flags=re.MULTILINE)
        (folder / name).write_text(config, encoding="utf-8")
    write_catalogue(folder / "practices", size, seed)
    (folder / "planner").mkdir(exist_ok=True)
    return folder


def stand_in(markdown: str) -> str:
    """A hand-written page reduced to its front matter, its title and Material's listing markers."""
    front = ""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            front, markdown = markdown[: end + 5], markdown[end + 5:]
    title = next((line for line in markdown.splitlines() if line.startswith("# ")), "# Page")
    markers = "\n\n".join(_MATERIAL_MARKER.findall(markdown))
    body = "A stand-in for a hand-written page: the benchmark's records are synthetic."
    return f"{front}{title}\n\n{body}\n\n{markers}\n".replace("\n\n\n", "\n\n")


def make_plain_floor(ours: Path, folder: Path) -> Path:
    """The plain floor of ``ours`` in ``folder``: generated pages as files, no hooks."""
    catalogue, problems = load_catalogue(Project.at(ours))
    if catalogue is None:
        raise RuntimeError("the synthetic catalogue is invalid:\n" + format_report(problems))
    config = load_config(str(ours / "mkdocs.yml"))  # the URL style and site_url the hook would see
    linker = Linker(directory_urls=config.use_directory_urls, site_url=config.site_url or "")
    shutil.copytree(ours, folder, ignore=shutil.ignore_patterns("site", "__pycache__", ".cache"))
    plan = plan_site(catalogue, linker)
    _write_out(plan, folder / "docs")
    for language, config_file in TRANSLATIONS.items():
        translated = load_config(str(ours / config_file))
        german = plan_site(in_language(catalogue, language), linker, language=language,
                           shared=tuple(translated.extra.get("from_english_site") or ()))
        docs = folder / "docs" / language
        _write_out(german, docs)
        # What the hook takes from the English docs for a translation (catalogue_hook._fallback_files):
        # the stylesheets and scripts, and the pages not yet translated, under the language's note.
        fallback = translated.extra["fallback"]
        english = ours / "docs"  # hand-written pages and assets only: nothing generated is in ours
        for path in sorted(p for p in english.rglob("*") if p.is_file() and english / language not in p.parents):
            target = docs / path.relative_to(english)
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix == ".md":
                target.write_text(in_source_language(path.read_text(encoding="utf-8"), fallback["note"]),
                                  encoding="utf-8")
            else:
                shutil.copyfile(path, target)
    text = (ours / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(with_words(plain_config(text), "en"), encoding="utf-8")
    for language, config_file in TRANSLATIONS.items():
        text = (ours / config_file).read_text(encoding="utf-8")
        (folder / config_file).write_text(with_words(text, language), encoding="utf-8")
    return folder


def with_words(config: str, language: str) -> str:
    """The configuration with the theme overrides' words in ``language`` under ``extra.words``, which
    our hook gives them at build time (catalogue_hook.on_config) and the floor has no hook for."""
    words = json.dumps(strings(language), ensure_ascii=False, sort_keys=True)
    return config.replace("\nextra:\n", f"\nextra:\n  words: {words}\n", 1)


def _write_out(plan: SitePlan, docs: Path) -> None:
    """A planned site's generated pages and files as real files under ``docs``."""
    written = {page.src: page.markdown for page in plan.pages.values()} | plan.files
    for src, content in written.items():
        path = docs / src
        if path.exists():
            raise RuntimeError(f"{src} is both hand-written and generated")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


# Our search's own files, which the floor leaves out (its search is Material's).
OUR_SEARCH_ASSETS = ("assets/javascripts/search.js", "assets/stylesheets/search.css")


def plain_config(config: str) -> str:
    """Our ``mkdocs.yml`` for the plain floor: no hooks, no search of ours, Material's search as
    it ships (``- search``, stock settings)."""
    lines = [line for line in without_hooks(config).splitlines(keepends=True)
             if line.strip().removeprefix("- ") not in OUR_SEARCH_ASSETS]
    at = lines.index("plugins:\n")
    return "".join(lines[: at + 1] + ["  - search\n"] + lines[at + 1:])


def without_hooks(config: str) -> str:
    """``mkdocs.yml`` text without its top-level ``hooks:`` list, everything else unchanged."""
    out: list[str] = []
    skipping = False
    for line in config.splitlines(keepends=True):
        if line.startswith("hooks:"):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "-", "\t")) or not line.strip()):
            continue
        skipping = False
        out.append(line)
    return "".join(out)
