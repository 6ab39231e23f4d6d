"""MkDocs hook: the thin adapter between MkDocs and ``catalogue_core``.

``on_pre_build`` loads and checks the records. It runs before MkDocs empties ``site/``, so an
invalid catalogue stops the build once, with the full report, and leaves the last good site as
it was. ``on_files`` then adds the generated pages and data files.

A build's state (the planned site, what search has seen, the pages' script hashes) is one
``BuildState`` (catalogue_core/publish/build_state.py), made in ``on_pre_build`` and dropped in
``on_post_build`` or ``on_build_error``. A hook is a module where a plugin is an object, so this
module holds the one current build where a plugin would hold it on itself (mkdocs-gen-files keeps
its state on its plugin object). MkDocs loads a hook module once per process
(mkdocs/config/config_options.py, ``Hooks._load_hook`` is cached), so ``mkdocs serve`` reuses it
for every rebuild, each with a new config; ProperDocs does the same. Whether the process is
`serve` is said once, at startup, and kept; of builds, only the one under way is kept.

``on_page_content`` hands each rendered page to search; ``on_post_build`` writes the search files
(publish/search/pages.py and index_files.py) and ``_headers`` with the policy for the response headers (static_host.py).

``on_post_page`` and ``on_post_template`` give every HTML page its Content-Security-Policy.

Sibling modules are imported at the top: MkDocs puts this folder on ``sys.path`` only while it
loads the hook.
"""

from __future__ import annotations

import gc
import importlib
import logging
from pathlib import Path
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from catalogue_core.check.catalogue import Catalogue, load_catalogue
from catalogue_core.load.interface_strings import strings
from catalogue_core.problems import format_report
from catalogue_core.project import Project
from catalogue_core.publish.build_state import BuildState
from catalogue_core.publish.interface_script import SCRIPT_PATH, interface_script
from catalogue_core.publish.publish_settings import missing_settings_notice
from catalogue_core.publish.search.pages import SearchPages, load_synonyms
from catalogue_core.publish.site_plan import check_published_urls, plan_site
from catalogue_core.render.languages import in_language, in_source_language
from catalogue_core.render.markup import GlossaryAbbrExtension
from catalogue_core.render.tag_groups import listing_order, tag_groups, template_settings
from catalogue_core.render.templates import OVERRIDES
from catalogue_core.schemas import Schemas
from catalogue_core.urls import Linker

log = logging.getLogger("mkdocs.hooks.catalogue")

# Whether this process is `mkdocs serve` (or `properdocs serve`): MkDocs says so once, in on_startup,
# before the first build, and not again for the rebuilds that follow. Only serve's pages allow
# inline scripts (BuildState.live_server). A build run by calling mkdocs' `build()` directly, as
# tests do, has no startup event and is a plain build.
_serving = False
_build: BuildState | None = None  # the build under way, if any
# The inline-script hashes of the translations built under this site, for its one _headers file.
_translated_script_hashes: set[str] = set()
# While the English build's translations are built: its checked catalogue, the same records the
# nested builds would read and check again (about 0.5 s at 1,000 records, `make bench`).
_checked_catalogue: Catalogue | None = None


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _serving
    # `mkdocs serve --clean` reports "build": MkDocs then serves the site as built, but still injects
    # its live-reload script, which the pages' policy blocks; reloading by hand still works.
    _serving = command == "serve"


def _current() -> BuildState:
    if _build is None:
        raise PluginError("The catalogue's hook got a build event before on_pre_build; the build cannot go on.")
    return _build


def on_config(config: MkDocsConfig) -> None:
    # Without a repository there is nothing to edit in: MkDocs would join edit_uri onto a missing
    # repo_url and give every page a relative, dead "edit" link (mkdocs/structure/pages.py,
    # `_set_edit_url`: `urljoin(repo_url or '', src_uri)`).
    if not config.repo_url:
        config.edit_uri = None
    # The words our theme overrides write (overrides/*.html), in the build's language.
    config.extra["words"] = strings(config.theme["language"])


def on_pre_build(config: MkDocsConfig) -> None:
    # Loading and planning make tens of thousands of objects that all live until the build ends. The
    # cyclic garbage collector would walk the growing heap again and again meanwhile, for nothing; it
    # resumes afterwards and finds whatever garbage there is then.
    global _build
    _build = None  # a build that failed before any error event leaves nothing behind for this one
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        _build = _start_build(config)
    finally:
        if was_enabled:
            gc.enable()


def _start_build(config: MkDocsConfig) -> BuildState:
    project = Project.at(Path(config.config_file_path).parent)
    translation = _is_translation(config)
    catalogue = _checked_catalogue if translation else None
    if catalogue is None:
        catalogue, problems = load_catalogue(project)
        if catalogue is None:
            raise PluginError("The records have problems, so the site was not built.\n" + format_report(problems))
    language = config.theme["language"]
    if translation:
        catalogue = in_language(catalogue, language)
    linker = Linker(directory_urls=config.use_directory_urls, site_url=config.site_url or "")
    # A site owner's templates for the catalogue's pages sit beside their Material overrides.
    custom_dir = config.theme.custom_dir
    overrides = Path(custom_dir) / OVERRIDES if custom_dir else None
    shared = tuple(config.extra.get("from_english_site") or ()) if translation else ()
    plan = plan_site(catalogue, linker, project.cache_dir, overrides, language, shared)
    # Published addresses are the English site's; a translation's follow from them (make urls).
    broken = [] if translation else check_published_urls(project, catalogue, plan, Path(config.docs_dir))
    if broken:
        raise PluginError("Published URLs would break, so the site was not built.\n" + format_report(broken))
    _group_the_tags_page(config, catalogue.schemas)
    notice = missing_settings_notice(config.site_url, config.repo_url)
    if notice and not _serving:
        log.info(notice)
    synonyms_file = config.extra["search"]["synonyms"]
    synonyms, broken = load_synonyms(project.root / synonyms_file, synonyms_file)
    if synonyms is None:
        raise PluginError("The search synonyms have problems, so the site was not built.\n" + format_report(broken))
    texts = {src: page.search for src, page in plan.pages.items() if page.search}
    state = BuildState(plan, SearchPages(catalogue, synonyms, texts), live_server=_serving,
                       offline=bool(config.extra.get("offline")))
    # Same records, same site, byte for byte: the records' newest review date stands in for the
    # build time; the caller's value comes back when the build ends.
    state.start(catalogue.newest_review_epoch)
    # Hand-written pages explain the same acronyms on hover as record pages do.
    # The same abbr extension, with its pattern built once for all pages (markup.GlossaryAbbrExtension).
    glossary = GlossaryAbbrExtension(glossary=plan.glossary)
    config.markdown_extensions[:] = [glossary if ext == "abbr" else ext for ext in config.markdown_extensions]
    return state


def _group_the_tags_page(config: MkDocsConfig, schemas: Schemas) -> None:
    """The tags page lists its tags in the vocabulary's groups, each tag folded (render/tag_groups.py)."""
    groups = tag_groups(schemas)
    tags_plugin = config.plugins.get("material/tags")
    if tags_plugin is not None:
        tags_plugin.config.listings_tags_sort_by = listing_order(groups)
    config.extra["tag_group_starts"] = template_settings(groups)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    plan = _current().plan
    generated: list[File] = []
    for page in plan.pages.values():
        file = File.generated(config, page.src, content=page.markdown)
        if page.record_path:
            # "Edit this page" opens the YAML record, not generated Markdown.
            file.edit_uri = f"../{page.record_path}"
        generated.append(file)
    for path, content in plan.files.items():
        generated.append(File.generated(config, path, content=content))
    # The scripts' words, in this build's language (publish/interface_script.py).
    language = config.theme["language"] or "en"
    generated.append(File.generated(config, SCRIPT_PATH, content=interface_script(language, plan.catalogue.schemas)))
    generated.extend(_fallback_files(config, files))

    clashes = [f.src_uri for f in generated if files.get_file_from_path(f.src_uri) is not None]
    if clashes:
        raise PluginError(
            "These files in docs/ have the same path as generated pages or data; rename or remove them: "
            + ", ".join(sorted(clashes))
        )
    for file in generated:
        files.append(file)
    log.debug("added %d generated files", len(generated))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Search indexes what the page shows (publish/search/pages.py); a page can opt out
    # with Material's front matter `search: {exclude: true}`.
    if not (page.meta.get("search") or {}).get("exclude"):
        _current().search.add(page.file.src_uri, page.url, page.title or "", html)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    global _build
    state = _current()
    try:
        site = Path(config.site_dir)
        for path, content in state.search.files().items():
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    finally:
        state.end()
        _build = None
    if _is_translation(config):
        # The site's one _headers, which the English build writes after its translations, allows
        # this language's inline scripts too.
        _translated_script_hashes.update(state.script_hashes)
        return
    _translated_script_hashes.clear()
    _build_translations(config, state.plan.catalogue)
    # Hosts read _headers at the site's root only: one file for every language's pages and bundles.
    assets = sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                    if p.is_file() and "assets" in p.relative_to(site).parts)
    headers = state.headers_file(assets, _translated_script_hashes)
    if headers is not None:
        (site / "_headers").write_text(headers, encoding="utf-8")


def _is_translation(config: MkDocsConfig) -> bool:
    """Whether this build is one of the site's other languages (extra.translations), built under the
    English site by ``_build_translations``."""
    return config.theme["language"] in (config.extra.get("translations") or {})


def _build_translations(config: MkDocsConfig, catalogue: Catalogue) -> None:
    """Each other language of the site, from its own configuration (``extra.translations``: language ->
    file), into this site's folder + the language's code, with this build's URL style and address.

    A nested build of the same engine, after this build's state is dropped: ``make build``, ``make
    serve`` (which rebuilds it after every edit) and ``make offline`` then all carry every language.
    mkdocs-static-i18n 1.3.1, tried on this site, stops on our generated pages (its
    ``reconfigure_files`` reads ``abs_src_path``, which is None for ``File.generated``) and, with this
    hook's ``on_files`` after it, built none of the record pages in German.

    The nested builds start from ``catalogue``, this build's checked records: they read the same files.
    """
    global _checked_catalogue
    translations: dict[str, str] = config.extra.get("translations") or {}
    if _is_translation(config):
        return
    engine = type(config).__module__.partition(".")[0]  # "mkdocs" or "properdocs": build with the same one
    load_config = importlib.import_module(f"{engine}.config").load_config
    build = importlib.import_module(f"{engine}.commands.build").build
    root = Path(config.config_file_path).parent
    for language, config_file in sorted(translations.items()):
        site_url = f"{config.site_url.rstrip('/')}/{language}/" if config.site_url else None
        translated = load_config(str(root / config_file), site_dir=str(Path(config.site_dir) / language),
                                 strict=config.strict, use_directory_urls=config.use_directory_urls,
                                 site_url=site_url)
        translated.extra["offline"] = config.extra.get("offline")  # a translation of the offline copy is one too
        _checked_catalogue = catalogue
        try:
            build(translated)
        finally:
            _checked_catalogue = None


def _fallback_files(config: MkDocsConfig, files: Files) -> list[File]:
    """For a translation: what its own docs folder lacks, from the folder it translates
    (``extra.fallback.docs``): the stylesheets and scripts as they are, and each page that has no
    translation yet in its original language, under a note in this one (``extra.fallback.note``)."""
    fallback = config.extra.get("fallback") or {}
    if not fallback:
        return []
    source = Path(config.config_file_path).parent / fallback["docs"]
    own = Path(config.docs_dir).resolve()
    found = []
    for path in sorted(p for p in source.rglob("*") if p.is_file() and not p.resolve().is_relative_to(own)):
        src_uri = path.relative_to(source).as_posix()
        if files.get_file_from_path(src_uri) is not None or _current().plan.pages.get(src_uri):
            continue
        if path.suffix == ".md":
            found.append(File.generated(config, src_uri, content=in_source_language(
                path.read_text(encoding="utf-8"), fallback["note"])))
        else:
            found.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return found


def on_build_error(error: Exception) -> None:
    global _build
    if _build is not None:
        _build.end()
        _build = None


def on_post_page(output: str, page: object, config: MkDocsConfig) -> str:
    return _current().page_with_policy(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is rendered from a theme template, not a page; sitemap.xml is a template too.
    if not template_name.endswith(".html"):
        return output_content
    return _current().page_with_policy(output_content)
