"""MkDocs hook: the thin adapter between MkDocs and ``catalogue_core``.

``on_pre_build`` loads and checks the records. It runs before MkDocs empties ``site/``, so an
invalid catalogue stops the build once, with the full report, and leaves the last good site as
it was. ``on_files`` then adds the generated pages and data files.

The planned site is handed from one event to the next on the build's own config object;
this module keeps no state: ``mkdocs serve`` reuses it without reloading it, and makes a new
config for every rebuild (mkdocs/commands/serve.py, ``builder``).

``on_page_content`` hands each rendered page to search; ``on_post_build`` writes the search index
(publish/search_site.py) and ``_headers`` with the policy for the response headers (static_host.py).

``on_post_page`` and ``on_post_template`` give every HTML page its Content-Security-Policy.

Sibling modules are imported at the top: MkDocs puts this folder on ``sys.path`` only while it
loads the hook.
"""

from __future__ import annotations

import gc
import logging
import os
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from catalogue_core.check.catalogue import Project, load_catalogue
from catalogue_core.problems import format_report
from catalogue_core.publish.csp import with_policy
from catalogue_core.publish.publish_settings import missing_settings_notice
from catalogue_core.publish.search_site import SearchPages, load_synonyms
from catalogue_core.publish.site import SitePlan, check_published_urls, plan_site
from catalogue_core.publish.static_host import headers_file, page_script_sources
from catalogue_core.render.markup import GlossaryAbbrExtension
from catalogue_core.render.templates import OVERRIDES
from catalogue_core.urls import Linker

log = logging.getLogger("mkdocs.hooks.catalogue")

_PLAN = "_lone_actors_site_plan"  # attribute of the build's config that carries the plan
_EPOCH = "_lone_actors_outer_source_date_epoch"  # the caller's SOURCE_DATE_EPOCH, restored after the build
_SCRIPT_SOURCES = "_lone_actors_script_sources"  # the script sources the pages' policies allow, for _headers
_SEARCH = "_lone_actors_search_pages"  # the pages search has seen so far (search_site.SearchPages)


def _is_live_server(config: MkDocsConfig) -> bool:
    """Whether this build is for `mkdocs serve` (or `properdocs serve`): they build into a fresh
    temporary folder named for the tool (mkdocs/commands/serve.py: ``tempfile.mkdtemp(prefix='mkdocs_')``),
    which no other build uses. Read from the config, so nothing is kept between events."""
    site_dir = Path(config.site_dir)
    return site_dir.parent == Path(tempfile.gettempdir()) and site_dir.name.startswith(("mkdocs_", "properdocs_"))


def _inline_scripts_allowed(config: MkDocsConfig) -> bool:
    """Pages hash their inline scripts, except where some script text is only known in the browser.

    `mkdocs serve` injects a live-reload script into every page it sends, different on every request
    (mkdocs/livereload/__init__.py, `_inject_js_into_html`). The offline copy runs search through the
    iframe-worker shim, which writes an inline script holding the worker's absolute file:// address
    (node_modules/iframe-worker/shim/index.js). Both still load nothing from other hosts.
    """
    return _is_live_server(config) or "material/offline" in config.plugins


def on_config(config: MkDocsConfig) -> None:
    # Without a repository there is nothing to edit in: MkDocs would join edit_uri onto a missing
    # repo_url and give every page a relative, dead "edit" link (mkdocs/structure/pages.py,
    # `_set_edit_url`: `urljoin(repo_url or '', src_uri)`).
    if not config.repo_url:
        config.edit_uri = None


def on_pre_build(config: MkDocsConfig) -> None:
    # Loading and planning make tens of thousands of objects that all live until the build ends. The
    # cyclic garbage collector would walk the growing heap again and again meanwhile, for nothing; it
    # resumes afterwards and finds whatever garbage there is then.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        _pre_build(config)
    finally:
        if was_enabled:
            gc.enable()


def _pre_build(config: MkDocsConfig) -> None:
    project = Project.at(Path(config.config_file_path).parent)
    catalogue, problems = load_catalogue(project)
    if catalogue is None:
        raise PluginError("The records have problems, so the site was not built.\n" + format_report(problems))
    linker = Linker(directory_urls=config.use_directory_urls, site_url=config.site_url or "")
    # A site owner's templates for the catalogue's pages sit beside their Material overrides.
    custom_dir = config.theme.custom_dir
    overrides = Path(custom_dir) / OVERRIDES if custom_dir else None
    plan = plan_site(catalogue, linker, project.cache_dir, overrides)
    broken = check_published_urls(project, catalogue, plan, Path(config.docs_dir))
    if broken:
        raise PluginError("Published URLs would break, so the site was not built.\n" + format_report(broken))
    setattr(config, _PLAN, plan)
    setattr(config, _SCRIPT_SOURCES, set())
    notice = missing_settings_notice(config.site_url, config.repo_url)
    if notice and not _is_live_server(config):
        log.info(notice)
    synonyms_file = config.extra["search"]["synonyms"]
    synonyms, broken = load_synonyms(project.root / synonyms_file, synonyms_file)
    if synonyms is None:
        raise PluginError("The search synonyms have problems, so the site was not built.\n" + format_report(broken))
    texts = {src: page.search for src, page in plan.pages.items() if page.search}
    setattr(config, _SEARCH, SearchPages(catalogue, synonyms, texts))
    # Same records, same site, byte for byte: MkDocs stamps the sitemap and its gzip header with
    # the build time unless SOURCE_DATE_EPOCH is set (mkdocs/utils/__init__.py, get_build_timestamp),
    # so the records' newest review date stands in for this build, and the caller's value comes back
    # in on_post_build. (on_build_error gets no config to restore from; a build that fails after this
    # point ends its command anyway.)
    setattr(config, _EPOCH, os.environ.get("SOURCE_DATE_EPOCH"))
    os.environ["SOURCE_DATE_EPOCH"] = str(catalogue.newest_review_epoch)
    # Hand-written pages explain the same acronyms on hover as record pages do.
    # The same abbr extension, with its pattern built once for all pages (markup.GlossaryAbbrExtension).
    glossary = GlossaryAbbrExtension(glossary=plan.glossary)
    config.markdown_extensions[:] = [glossary if ext == "abbr" else ext for ext in config.markdown_extensions]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    plan: SitePlan = getattr(config, _PLAN)
    generated: list[File] = []
    for page in plan.pages.values():
        file = File.generated(config, page.src, content=page.markdown)
        if page.record_path:
            # "Edit this page" opens the YAML record, not generated Markdown.
            file.edit_uri = f"../{page.record_path}"
        generated.append(file)
    for path, content in plan.files.items():
        generated.append(File.generated(config, path, content=content))
    generated.extend(_vendored_files(config))

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
    # Search indexes what the page shows (catalogue_core/publish/search_index.py); a page can opt out
    # with Material's front matter `search: {exclude: true}`.
    if not (page.meta.get("search") or {}).get("exclude"):
        pages: SearchPages = getattr(config, _SEARCH)
        pages.add(page.file.src_uri, page.url, page.title or "", html)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    search: SearchPages = getattr(config, _SEARCH)
    for path, content in search.files().items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    if not _inline_scripts_allowed(config):  # headers are for a served site; serve and file:// have none
        assets = [p.relative_to(site).as_posix() for p in (site / "assets").rglob("*") if p.is_file()]
        (site / "_headers").write_text(headers_file(getattr(config, _SCRIPT_SOURCES), assets), encoding="utf-8")
    _restore_epoch(config)


def _restore_epoch(config: MkDocsConfig) -> None:
    if not hasattr(config, _EPOCH):
        return
    outer = getattr(config, _EPOCH)
    if outer is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = outer


def on_post_page(output: str, page: object, config: MkDocsConfig) -> str:
    return _with_policy(output, config)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is rendered from a theme template, not a page; sitemap.xml is a template too.
    if not template_name.endswith(".html"):
        return output_content
    return _with_policy(output_content, config)


def _with_policy(page: str, config: MkDocsConfig) -> str:
    """The page with its policy; what the policy allows is noted for the site's ``_headers``."""
    page = with_policy(page, inline_scripts_allowed=_inline_scripts_allowed(config))
    getattr(config, _SCRIPT_SOURCES).update(page_script_sources(page))
    return page


def _vendored_files(config: MkDocsConfig) -> list[File]:
    """Third-party files taken from pinned packages at build time (``extra.vendored``), never
    committed: {path in the site: path in the project}."""
    root = Path(config.config_file_path).parent
    vendored: dict[str, str] = config.extra.get("vendored") or {}
    files = []
    for site_path, source in sorted(vendored.items()):
        source_path = root / source
        if not source_path.is_file():
            raise PluginError(f"{source} is missing; run 'npm ci' (make offline does) to fetch the pinned package.")
        files.append(File.generated(config, site_path, abs_src_path=str(source_path)))
    return files
