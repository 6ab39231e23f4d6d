"""``make build`` (scripts/build_site.py): any failed build, not only invalid records, leaves the
last good site/ as it was; a passing build replaces it whole."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, make_site_project


def run_build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), str(project / "mkdocs.yml"),
                           str(project / "site")], cwd=project, env=env, capture_output=True, text=True, check=False)


def test_a_strict_mode_failure_leaves_the_last_good_site(tmp_path: Path) -> None:
    project = make_site_project(tmp_path)
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    # A broken link in a hand-written page is only found by MkDocs, after it has emptied site/.
    (project / "docs" / "index.md").write_text("# Home\n\n[a page that is not there](missing.md)\n", encoding="utf-8")
    result = run_build(project)
    assert result.returncode != 0
    assert "missing.md" in result.stderr and "Traceback" not in result.stderr
    assert "so " + str(site) + " was left as it was" in result.stderr
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"


def test_a_passing_build_replaces_the_site_whole(tmp_path: Path) -> None:
    project = make_site_project(tmp_path)
    site = project / "site"
    site.mkdir()
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert not (site / "stale.html").exists()
    assert (site / "practices" / "example-practice" / "index.html").is_file()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
