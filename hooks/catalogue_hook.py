"""MkDocs hook: the thin adapter between MkDocs and ``catalogue_core``.

``on_pre_build`` loads and checks the records. It runs before MkDocs empties ``site/``, so an
invalid catalogue stops the build once, with the full report, and leaves the last good site as
it was. ``on_files`` then adds the generated pages and data files.

The checked catalogue is handed from one event to the next on the build's own config object,
never in this module: ``mkdocs serve`` reuses this module without reloading it, and makes a
new config for every rebuild (research/ecosystem.md, section 2).

Sibling modules are imported at the top: MkDocs puts this folder on ``sys.path`` only while it
loads the hook.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from catalogue_core.catalogue import Catalogue, Project, load_catalogue
from catalogue_core.exports import data_files
from catalogue_core.pages import build_pages
from catalogue_core.problems import format_report
from catalogue_core.urls import Linker
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.catalogue")


_CATALOGUE = "_lone_actors_catalogue"  # attribute of the build's config that holds the catalogue


def on_pre_build(config: MkDocsConfig) -> None:
    project = Project.at(Path(config.config_file_path).parent)
    catalogue, problems = load_catalogue(project)
    if catalogue is None:
        raise PluginError("The records have problems, so the site was not built.\n" + format_report(problems))
    setattr(config, _CATALOGUE, catalogue)
    # Same records, same site, byte for byte: MkDocs stamps the sitemap and its gzip header with
    # the build time unless SOURCE_DATE_EPOCH is set, so the records' newest review date stands in.
    os.environ["SOURCE_DATE_EPOCH"] = str(catalogue.newest_review_epoch)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    catalogue: Catalogue = getattr(config, _CATALOGUE)

    generated: list[File] = []
    for page in build_pages(catalogue, Linker(directory_urls=config.use_directory_urls)).values():
        file = File.generated(config, page.src, content=page.markdown)
        if page.record_path:
            # "Edit this page" opens the YAML record, not the generated Markdown.
            file.edit_uri = f"../{page.record_path}"
        generated.append(file)
    for path, content in data_files(catalogue).items():
        generated.append(File.generated(config, path, content=content))

    clashes = [f.src_uri for f in generated if files.get_file_from_path(f.src_uri) is not None]
    if clashes:
        raise PluginError(
            "These files in docs/ have the same path as generated pages or data; rename or remove them: "
            + ", ".join(sorted(clashes))
        )
    for file in generated:
        files.append(file)
    log.debug("added %d generated files for %d records", len(generated), len(catalogue.records))
    return files
