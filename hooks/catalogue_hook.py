"""MkDocs hook: the thin adapter between MkDocs and ``catalogue_core``.

``on_pre_build`` loads and checks the records. It runs before MkDocs empties ``site/``, so an
invalid catalogue stops the build once, with the full report, and leaves the last good site as
it was. ``on_files`` then adds the generated pages and data files.

The planned site is handed from one event to the next on the build's own config object,
never in this module: ``mkdocs serve`` reuses this module without reloading it, and makes a
new config for every rebuild (research/ecosystem.md, section 2).

Sibling modules are imported at the top: MkDocs puts this folder on ``sys.path`` only while it
loads the hook.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from catalogue_core.catalogue import Project, load_catalogue
from catalogue_core.glossary import abbreviations
from catalogue_core.problems import format_report
from catalogue_core.site import SitePlan, check_published_urls, plan_site
from catalogue_core.urls import Linker
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.catalogue")

_PLAN = "_lone_actors_site_plan"  # attribute of the build's config that carries the plan


def on_pre_build(config: MkDocsConfig) -> None:
    project = Project.at(Path(config.config_file_path).parent)
    catalogue, problems = load_catalogue(project)
    if catalogue is None:
        raise PluginError("The records have problems, so the site was not built.\n" + format_report(problems))
    plan = plan_site(catalogue, Linker(directory_urls=config.use_directory_urls, site_url=config.site_url or ""))
    broken = check_published_urls(project, catalogue, plan, Path(config.docs_dir))
    if broken:
        raise PluginError("Published URLs would break, so the site was not built.\n" + format_report(broken))
    setattr(config, _PLAN, plan)
    # Same records, same site, byte for byte: MkDocs stamps the sitemap and its gzip header with
    # the build time unless SOURCE_DATE_EPOCH is set, so the records' newest review date stands in.
    os.environ["SOURCE_DATE_EPOCH"] = str(catalogue.newest_review_epoch)
    # Hand-written pages explain the same acronyms on hover as record pages do.
    config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviations(catalogue)


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
