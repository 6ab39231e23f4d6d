"""The offline archive: the same site gives the same zip, byte for byte, under one top folder."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from zip_site import zip_site  # noqa: E402 - scripts/ is not a package


def test_the_same_site_zips_to_the_same_bytes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "tools" / "vera-2r").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Home</h1>")
    (site / "tools" / "vera-2r.html").write_text("<h1>VERA-2R</h1>")
    first, second = tmp_path / "a" / "offline.zip", tmp_path / "b" / "offline.zip"
    assert zip_site(site, first, "offline") == 2
    (site / "index.html").touch()  # a newer file time must not change the archive
    zip_site(site, second, "offline")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["offline/index.html", "offline/tools/vera-2r.html"]
        assert archive.read("offline/index.html") == b"<h1>Home</h1>"
