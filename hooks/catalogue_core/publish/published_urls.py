"""Links that never break: every URL we ever published must still resolve.

``published-urls.txt`` lists them, one site-relative URL per line. A URL stops resolving when a
record is renamed or removed without keeping its old id in ``aliases``; the build then stops with
the line of the list that broke. ``make urls`` adds new URLs to the list and never removes one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..check.catalogue import Catalogue
from ..problems import Problem
from ..urls import Linker, index_src, record_src

LIST_NAME = "published-urls.txt"
HEADER = (
    "# Every URL this site has published, from the site root (/ is the home page). A URL listed here must keep\n"
    "# resolving forever: keep a renamed record's old id in its `aliases`. `make urls` adds new URLs.\n"
)


def current_urls(catalogue: Catalogue, hand_written: list[str], data_paths: list[str]) -> set[str]:
    """Everything the site serves now, in directory-URL form, aliases included."""
    linker = Linker(directory_urls=True)
    urls = {linker.url(src) for src in hand_written}
    urls |= {linker.url(index_src(kind.plural)) for kind in catalogue.schemas.kinds.values()}
    urls |= {linker.url(r.src) for r in catalogue.records}
    urls |= {linker.url(record_src(r.plural, alias)) for alias, r in catalogue.aliases.items()}
    urls |= set(data_paths)
    return {"/" + url for url in urls}


def translated_urls(config_file: Path, english: set[str]) -> set[str]:
    """The addresses of the site's other languages (mkdocs.yml's ``extra.translations``): each English
    address under the language's folder, but for the data files the language's configuration leaves
    to the English site (``extra.from_english_site``)."""
    found: set[str] = set()
    for language, other in (_config(config_file).get("extra", {}).get("translations") or {}).items():
        shared = tuple("/" + path for path in _config(config_file.parent / other).get("extra", {}).get(
            "from_english_site", []))
        found |= {f"/{language}{url}" for url in english
                  if not url.startswith(shared) and not url.startswith(f"/{language}/")}
    return found


class _ConfigLoader(yaml.SafeLoader):
    """Reads a MkDocs configuration's plain values; its tags (``!ENV``, ``!!python/name``) read as None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _config(path: Path) -> dict[str, Any]:
    loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader
    return loaded if isinstance(loaded, dict) else {}


def read_list(path: Path) -> list[tuple[int, str]]:
    """(line, url) for every listed URL; blank lines and comments are skipped."""
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        url = line.strip()
        if url and not url.startswith("#"):
            entries.append((number, url))
    return entries


def check_published(path: Path, shown: str, resolvable: set[str]) -> list[Problem]:
    problems = []
    for line, url in read_list(path):
        if url not in resolvable:
            problems.append(Problem(shown, line, url, "this published URL no longer resolves. If the record "
                                    "was renamed or merged, add its old id to the new record's 'aliases'; "
                                    "if a page was removed, restore it."))
    return problems


def updated_list(path: Path, resolvable: set[str]) -> str:
    """The list with every current URL added; nothing is ever removed."""
    listed = {url for _, url in read_list(path)}
    return HEADER + "".join(f"{url}\n" for url in sorted(listed | resolvable))
