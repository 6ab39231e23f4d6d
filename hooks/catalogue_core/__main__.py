"""Command line: ``check`` validates every record and prints the full report; ``urls`` adds every
URL the site now serves to published-urls.txt (it never removes one); ``new KIND ID`` writes a new
record's skeleton from its kind's schema (load/skeleton.py).

Exit status: 0 when the catalogue is valid, 1 when a record has problems, 2 on bad usage (or a kind
or id ``new`` cannot use).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .check.catalogue import Catalogue, load_catalogue
from .load.skeleton import write_skeleton
from .problems import format_report
from .project import Project
from .publish.published_urls import LIST_NAME, read_list, translated_urls, updated_list
from .publish.site_plan import plan_site, resolvable_urls
from .urls import Linker


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m catalogue_core", description=__doc__)
    parser.add_argument("command", choices=["check", "urls", "new"], help="what to do")
    parser.add_argument("kind", nargs="?", default="", help="new: the kind of the new record")
    parser.add_argument("id", nargs="?", default="", help="new: the new record's id")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    parser.add_argument("--records", type=Path, help="the records folder (default: ROOT/practices)")
    args = parser.parse_args(argv)
    project = Project.at(args.root, args.records)
    if args.command == "new":  # before loading: a catalogue with problems still takes a new record
        outcome = write_skeleton(project, args.kind, args.id, date.today())
        print(outcome.message, file=sys.stdout if outcome.path else sys.stderr)
        return 0 if outcome.path else 2
    catalogue, problems = load_catalogue(project)
    if problems:
        print(format_report(problems))
        return 1
    assert catalogue is not None
    if args.command == "urls":
        return update_published_urls(project, catalogue)
    counts = ", ".join(f"{len(records)} {kind}" for kind, records in catalogue.by_kind.items())
    print(f"All {len(catalogue.records)} records are valid ({counts}).")
    return 0


def update_published_urls(project: Project, catalogue: Catalogue) -> int:
    path = project.root / LIST_NAME
    plan = plan_site(catalogue, Linker(directory_urls=True))
    resolvable = resolvable_urls(catalogue, plan, project.root / "docs")
    resolvable |= translated_urls(project.root / "mkdocs.yml", resolvable)
    before = {url for _, url in read_list(path)}
    path.write_text(updated_list(path, resolvable), encoding="utf-8")
    print(f"{LIST_NAME}: {len(resolvable - before)} URLs added, {len(before | resolvable)} listed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
