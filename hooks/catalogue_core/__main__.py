"""``python -m catalogue_core check``: validate every record and print the full report.

Exit status: 0 when the catalogue is valid, 1 when a record has problems, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalogue import Project, load_catalogue
from .problems import format_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m catalogue_core", description=__doc__)
    parser.add_argument("command", choices=["check"], help="what to do")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    parser.add_argument("--records", type=Path, help="the records folder (default: ROOT/practices)")
    args = parser.parse_args(argv)
    catalogue, problems = load_catalogue(Project.at(args.root, args.records))
    if problems:
        print(format_report(problems))
        return 1
    assert catalogue is not None
    counts = ", ".join(f"{len(records)} {kind}" for kind, records in catalogue.by_kind.items())
    print(f"All {len(catalogue.records)} records are valid ({counts}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
