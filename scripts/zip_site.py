"""Zip a built site so that the same site gives the same archive, byte for byte.

Usage: python scripts/zip_site.py SITE_DIR ARCHIVE.zip
Entries are sorted and carry a fixed date, so rebuilding the same records gives the same zip.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def zip_site(site: Path, archive: Path, top: str) -> int:
    archive.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site.rglob("*") if p.is_file())
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in files:
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site).as_posix()}", date_time=FIXED_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    return len(files)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    site_dir, target = Path(sys.argv[1]), Path(sys.argv[2])
    count = zip_site(site_dir, target, target.stem)
    print(f"{target}: {count} files; unzip it and open {target.stem}/index.html in a browser.")
