"""One build's state (publish/build_state.py) lives from the start of a build to its end, however it
ends: a build that fails halfway gives the caller's environment back and leaves nothing for the next."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import build_site, make_site_project


def test_a_build_that_fails_halfway_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_site_project(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "12345")
    # A hand-written page where a record page goes stops the build in on_files, after it started.
    clash = project / "docs" / "practices" / "example-practice.md"
    clash.parent.mkdir(parents=True)
    clash.write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(project, tmp_path / "failed")
    assert "practices/example-practice.md" in caplog.text
    assert os.environ["SOURCE_DATE_EPOCH"] == "12345"

    clash.unlink()
    site = build_site(project, tmp_path / "site")
    assert (site / "practices" / "example-practice" / "index.html").is_file()
    assert (site / "_headers").is_file()
    assert os.environ["SOURCE_DATE_EPOCH"] == "12345"
