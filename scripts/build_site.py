"""``make build``: the strict build, which replaces site/ only when it succeeds.

The hook stops an invalid catalogue before MkDocs touches site/. But MkDocs empties site/ before it
writes the pages and counts strict-mode warnings (a broken link or anchor in a hand-written page,
a missing nav entry) only at the very end, so such a failure would leave a new, failed site where
the last good one was (mkdocs/commands/build.py, ``build``). This script builds into a fresh folder
beside site/ and swaps it in only after MkDocs has passed.

Usage: python scripts/build_site.py [CONFIG_FILE [SITE_DIR [ENGINE]]]   (defaults: mkdocs.yml, site, mkdocs)

ENGINE is ``mkdocs`` or ``properdocs``, the maintained fork of MkDocs 1.x, which builds the same
site byte for byte (tests/test_build_guarantees.py); switching engines is this one word.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ENGINES = ("mkdocs", "properdocs")


def build_into_place(config_file: Path, site_dir: Path, engine: str = "mkdocs") -> int:
    """Run ``<engine> build --strict`` into a staging folder; on success it becomes ``site_dir``."""
    staging = site_dir.with_name(f".{site_dir.name}.building")
    previous = site_dir.with_name(f".{site_dir.name}.previous")
    shutil.rmtree(staging, ignore_errors=True)
    result = subprocess.run([sys.executable, "-m", engine, "build", "--strict", "--config-file", str(config_file),
                             "--site-dir", str(staging)], check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        kept = f"{site_dir} was left as it was" if site_dir.exists() else f"no {site_dir} was written"
        print(f"The build failed, so {kept}.", file=sys.stderr)
        return result.returncode
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
    return 0


if __name__ == "__main__":
    engine = sys.argv[3] if len(sys.argv) > 3 else "mkdocs"
    if len(sys.argv) > 4 or any(a.startswith("-") for a in sys.argv[1:]) or engine not in ENGINES:
        sys.exit(__doc__)
    config = Path(sys.argv[1] if len(sys.argv) > 1 else "mkdocs.yml")
    site = Path(sys.argv[2] if len(sys.argv) > 2 else "site")
    sys.exit(build_into_place(config, site, engine))
