"""Shared fixtures: the project's paths and a way to make small projects from example records."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from catalogue_core.project import Project
from catalogue_core.schemas import Schemas

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "examples"
VALID_RECORDS = EXAMPLES / "valid" / "practices"
# kind -> its folder and URL segment, as the schemas declare them
KINDS = {kind.kind: kind.plural for kind in Schemas.load(ROOT / "schemas").kinds.values()}

# Set UPDATE_GOLDEN=1 to rewrite expected outputs from the current code, then review the diff.
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


def compare_golden(actual: str, golden: Path) -> None:
    """Assert ``actual`` equals the golden file, or rewrite the file when UPDATE_GOLDEN=1."""
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.exists(), f"{golden} is missing; run UPDATE_GOLDEN=1 pytest to create it"
    assert actual == golden.read_text(encoding="utf-8")


def make_project(tmp_path: Path, *overlays: Path) -> Project:
    """A project in ``tmp_path``: the valid example records, with each overlay's files on top.

    Overlays mirror the records folder (``<kind-plural>/<id>.yml``); symlinks are kept as links.
    """
    records = tmp_path / "practices"
    shutil.copytree(VALID_RECORDS, records, symlinks=True)
    for overlay in overlays:
        shutil.copytree(overlay, records, symlinks=True, dirs_exist_ok=True)
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    return Project.at(tmp_path)


@pytest.fixture
def project_root() -> Path:
    return ROOT


def make_site_project(tmp_path: Path, *overlays: Path) -> Path:
    """A buildable copy of the project whose records are the example catalogue plus overlays.

    It has the real hooks, schemas, stylesheet and mkdocs.yml, with one home page instead of the
    hand-written pages (so the example records build on their own).
    """
    make_project(tmp_path, *overlays)
    shutil.copytree(ROOT / "hooks", tmp_path / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs" / "assets", tmp_path / "docs" / "assets")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    shutil.copytree(ROOT / "search", tmp_path / "search")
    (tmp_path / "planner").mkdir()  # mkdocs.yml watches it; without rules the example site has no planner
    (tmp_path / "docs" / "index.md").write_text("# Example catalogue\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # English only: the German site's configuration and pages are the real project's.
    config = config.replace("  translations:\n    de: mkdocs-de.yml\n", "")
    config = config.replace("    - name: Deutsch\n      link: de/\n      lang: de\n", "")  # no switch to a missing site
    (tmp_path / "mkdocs.yml").write_text(config[: config.index("\nnav:")] + "\n", encoding="utf-8")
    return tmp_path


# The settings mkdocs.yml reads from the environment for a published site (docs/publish.md).
PUBLISH_SETTINGS = ("SITE_URL", "REPO_URL")


def build_site(project_dir: Path, site_dir: Path | None = None, settings: dict[str, str] | None = None) -> Path:
    """The real ``mkdocs build --strict`` of a project folder; returns the site folder.

    ``settings`` gives SITE_URL and REPO_URL; those not given are unset for the build, whatever the
    shell running the tests has, so a test sees the site its settings make.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = site_dir or project_dir / "site"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    saved = {name: os.environ.pop(name, None) for name in PUBLISH_SETTINGS}
    os.environ.update(settings or {})
    try:
        config = load_config(str(project_dir / "mkdocs.yml"), site_dir=str(site), strict=True)
    finally:
        for name, value in saved.items():
            os.environ.pop(name, None)
            if value is not None:
                os.environ[name] = value
    build(config)
    return site


# --- Sites built once per test session, for the site-wide checks and the browser tests -------------


@pytest.fixture(scope="session")
def example_site_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalogue's site, built once per session. Tests only read it."""
    return build_site(make_site_project(tmp_path_factory.mktemp("example-site-session")))


_NOT_PART_OF_A_BUILD = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "site", ".site.*", "dist", "bench", "tests",
    "__pycache__", ".pytest_cache", ".cache",
)


def snapshot_project(dest: Path) -> Path:
    """A copy of the project as it is now (records, pages, hooks, config), so that a test session
    builds one consistent state while the working tree goes on changing."""
    shutil.copytree(ROOT, dest, ignore=_NOT_PART_OF_A_BUILD, symlinks=True)
    return dest


def build_real_site(project_dir: Path, site_dir: Path | None = None, settings: dict[str, str] | None = None) -> Path:
    """The project's own site (practices/ and docs/), from a snapshot, built into ``site_dir``.

    Fails, never skips, when the records or pages are not valid: the real site is what ships.
    """
    from mkdocs.exceptions import Abort

    from catalogue_core.check.catalogue import load_catalogue
    from catalogue_core.problems import format_report

    _, problems = load_catalogue(Project.at(project_dir))
    if problems:
        pytest.fail("The project's records are invalid, so its site cannot be checked (run `make check`):\n"
                    + format_report(problems))
    try:
        return build_site(project_dir, site_dir, settings)
    except Abort as error:
        pytest.fail(f"`mkdocs build --strict` of the project failed ({error}); run `make build` to see why.")


@pytest.fixture(scope="session")
def real_site_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site, built once per session into a temporary folder (never into site/)."""
    return build_real_site(snapshot_project(tmp_path_factory.mktemp("real-site-session") / "project"))


@pytest.fixture(scope="session")
def injection_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalogue with an attack in every text field, built without validation."""
    from injection_records import make_injection_project

    return build_site(make_injection_project(tmp_path_factory.mktemp("injection")))
