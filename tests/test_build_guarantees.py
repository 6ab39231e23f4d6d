"""A build you can trust: caches that never serve what their key did not earn, kinds declared only in
their schemas, schema problems located like record problems, the same site in any process and under
either engine, and imports that run one way through the stages."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue_core.__main__ import main as check_main
from conftest import ROOT, build_site, make_project, make_site_project, snapshot_project

PYTHON = sys.executable
BIN = Path(sys.executable).parent


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
                   "PYTHONPATH": str(cwd / "hooks"), **env}
    done = subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


# --- caches ---------------------------------------------------------------------------------

TWO_BUILDS_WITH_AN_EDIT_BETWEEN = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

renderer = Path("hooks/catalogue_core/render/handout.py")
build(load_config("mkdocs.yml", site_dir="first", strict=True))
renderer.write_text(renderer.read_text(encoding="utf-8").replace(
    'no_qr_code=words["no_site_address"]', 'no_qr_code="Where this comes from: " + words["no_site_address"]'),
                    encoding="utf-8")
build(load_config("mkdocs.yml", site_dir="second", strict=True))  # what `mkdocs serve` does after an edit
"""


def test_a_code_edit_between_two_builds_in_one_process_shows_in_a_later_fresh_build(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "project")
    _run([PYTHON, "-c", TWO_BUILDS_WITH_AN_EDIT_BETWEEN], project)
    page = Path("practices/example-practice/index.html")
    # The process kept running the code it had loaded, and kept its pages under that code's key...
    assert "Where this comes from" not in (project / "second" / page).read_text(encoding="utf-8")
    # ...so the next process, which loads the edited code, makes the pages again rather than reuse them.
    _run([PYTHON, "-c", "from mkdocs.commands.build import build; from mkdocs.config import load_config; "
          "build(load_config('mkdocs.yml', site_dir='fresh', strict=True))"], project)
    assert "Where this comes from" in (project / "fresh" / page).read_text(encoding="utf-8")


def test_site_and_offline_style_builds_keep_their_own_cache_files(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = make_site_project(tmp_path)
    build_site(project, tmp_path / "site")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "files"), strict=True,
                      use_directory_urls=False))
    assert len(list((project / ".cache" / "catalogue").glob("record-pages-*.marshal"))) == 2


# --- kinds declared in their schemas ---------------------------------------------------------

BRIEFING = """\
title: Example briefing on case conferences
summary: An example record of a kind that only a schema declares.
summary_de: Ein Beispiel für eine Art, die nur ein Schema festlegt.
meeting: example-meeting
body: A briefing explains one thing to practitioners.
sources:
  - title: Example landing page
    url: https://example.org/meeting
reviewed: 2025-05-01
"""


def test_adding_a_kind_takes_a_schema_and_its_records(tmp_path: Path) -> None:
    project = make_site_project(tmp_path)
    schema = json.loads((project / "schemas" / "theme.json").read_text(encoding="utf-8"))
    schema["$id"] = "briefing.json"
    schema["title"] = "Briefing"
    schema["x-kind"] = {"plural": "briefings", "name": "Briefing", "names": "Briefings", "order": 80,
                        "intro": "Short briefings for practitioners.",
                        "backlinks": {"meeting": "Briefings for this meeting"},
                        "name_de": "Kurzinformation", "names_de": "Kurzinformationen",
                        "intro_de": "Kurzinformationen für Fachkräfte.",
                        "backlinks_de": {"meeting": "Kurzinformationen zu diesem Treffen"}}
    schema["x-title-de"] = "Kurzinformation"
    (project / "schemas" / "briefing.json").write_text(json.dumps(schema, indent=2), encoding="utf-8")
    (project / "practices" / "briefings").mkdir()
    (project / "practices" / "briefings" / "example-briefing.yml").write_text(BRIEFING, encoding="utf-8")

    site = build_site(project)
    page = (site / "briefings" / "example-briefing" / "index.html").read_text(encoding="utf-8")
    assert "Example briefing on case conferences" in page and '">Briefing</a>' in page
    index = (site / "briefings" / "index.html").read_text(encoding="utf-8")
    assert "Short briefings for practitioners." in index and "example-briefing/" in index
    meeting = (site / "meetings" / "example-meeting" / "index.html").read_text(encoding="utf-8")
    assert "Briefings for this meeting" in meeting
    records = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["records"]
    assert {"id": "example-briefing", "kind": "briefing", "url": "briefings/example-briefing/"}.items() <= \
        next(r for r in records if r["id"] == "example-briefing").items()
    assert (site / "data" / "briefings.csv").is_file() and (site / "schema" / "briefing.json").is_file()


# --- schema problems, located ----------------------------------------------------------------

def _break(project_root: Path, name: str, old: str, new: str) -> None:
    path = project_root / "schemas" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(project_root: Path, name: str, needle: str) -> int:
    lines = (project_root / "schemas" / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


@pytest.mark.parametrize("name,old,new,needle,expected", [
    ("tool.json", '"acronym": {', '"acronym": {,', '"acronym": {',
     "(file): this is not valid JSON: Expecting property name enclosed in double quotes"),
    ("practice.json", '"type": "integer"', '"type": "whole number"', '"type": "whole number"',
     "properties.start_year.type: 'whole number' is not valid under any of the given schemas."),
    ("term.json", '"plural": "terms",', '', '"x-kind": {', "x-kind: 'plural' is a required property: add it."),
    ("practice.json", '"x-format": "country"', '"x-format": "countries"', '"x-format": "countries"',
     "properties.countries.x-format: 'countries' is not a x-format the catalogue can render; use one of: "),
    ("practice.json", '"countries": "country"', '"contries": "country"', '"contries": "country"',
     "x-kind.facets.contries: 'contries' is not a field of this kind. Did you mean 'countries'?"),
    ("practice.json", '"x-format": "rating"', '"x-role": "name"', '"evidence": {',
     "properties.evidence: a field whose values are groups of fields needs an x-format the catalogue can render"),
    # Every visible label has its German beside it (german_labels.py).
    ("common.json", '"AT": "Österreich",', '', '"AT": "Austria"',
     "$defs.country.x-labels.AT: 'AT' has no German label: add it to x-labels-de."),
    ("practice.json", '"x-title-de": "Zielgruppe"', '"x-title-en": "Zielgruppe"', '"title": "Target group"',
     "properties.target_group.title: the title 'Target group' has no German: add \"x-title-de\" beside it."),
    ("tool.json", '"name_de": "Einschätzungsinstrument",', '', '"name": "Assessment instrument"',
     "x-kind.name: 'Assessment instrument' has no German: add \"name_de\" beside it."),
    ("practice.json", '"tools": "Praxisbeispiele, die es nutzen",', '', '"tools": "Practices that use it"',
     "x-kind.backlinks.tools: 'tools' has no German label: add it to backlinks_de."),
    # the declared contracts: the keys each format reads, the strongest end of a rating, the page fields
    ("meeting.json", '        "publisher",\n', "", '"x-format": "publication"',
     "properties.publication.x-format: x-format 'publication' needs the value to have url, title, publisher, date, "
     "each in \"properties\" and \"required\"; missing or not required: publisher."),
    ("meeting.json", ',\n          "added"\n', "\n", '"x-format": "follow-up"',
     "properties.follow_up.x-format: x-format 'follow-up' needs each item to have type, title, url, date, added, "
     "each in \"properties\" and \"required\"; missing or not required: added."),
    ("practice.json", '"x-strongest": "last"', '"x-strongest": "top"', '"x-strongest": "top"',
     "properties.evidence.properties.level.x-strongest: 'top' is not a value of x-strongest; use \"first\" or "
     "\"last\""),
    ("common.json", ',\n    "tags": "tags"', "", '"x-page-fields"',
     "x-page-fields: 'tags' is missing: name the field that holds a record's tags"),
    ("finding.json", '"numbered": true', '"numbered": "yes"', '"numbered": "yes"',
     "x-kind.numbered: 'yes' is not of type 'boolean'."),
])
def test_a_broken_schema_is_reported_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                                                 old: str, new: str, needle: str, expected: str) -> None:
    project = make_project(tmp_path)
    _break(project.root, name, old, new)
    assert check_main(["check", "--root", str(project.root)]) == 1
    report = capsys.readouterr().out
    line = _line_of(project.root, name, needle)
    assert f"schemas/{name}:{line}: {expected}" in report, report
    assert "Traceback" not in report


def test_a_broken_schema_stops_the_build_with_the_same_report(tmp_path: Path) -> None:
    project = make_site_project(tmp_path)
    _break(project, "tool.json", '"method": {', '"method": {,')
    done = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q"], cwd=project, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    line = _line_of(project, "tool.json", '"method": {,')
    assert done.returncode == 1
    assert f"schemas/tool.json:{line}: (file): this is not valid JSON" in done.stderr
    assert "Traceback" not in done.stderr


# --- the same site in any process, under either engine ---------------------------------------

@pytest.fixture(scope="module")
def three_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """The real site built in three processes: MkDocs with two hash seeds, ProperDocs with a third."""
    project = snapshot_project(tmp_path_factory.mktemp("engines") / "project")
    sites = {}
    for name, command, seed in (("mkdocs-1", "mkdocs", "1"), ("mkdocs-2", "mkdocs", "2"),
                                ("properdocs", "properdocs", "3")):
        shutil.rmtree(project / ".cache", ignore_errors=True)  # each build starts from nothing
        _run([str(BIN / command), "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", str(project.parent / name)],
             project, PYTHONHASHSEED=seed)
        sites[name] = _tree(project.parent / name)
    return sites


def test_the_site_is_byte_identical_across_hash_seeds(three_builds: dict[str, dict[str, bytes]]) -> None:
    first, second = three_builds["mkdocs-1"], three_builds["mkdocs-2"]
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []


def test_properdocs_builds_the_same_site_byte_for_byte(three_builds: dict[str, dict[str, bytes]]) -> None:
    mkdocs, properdocs = three_builds["mkdocs-1"], three_builds["properdocs"]
    assert mkdocs.keys() == properdocs.keys()
    assert [path for path in mkdocs if mkdocs[path] != properdocs[path]] == []


# --- the stages -------------------------------------------------------------------------------

STAGES = {"load": 1, "check": 2, "render": 3, "publish": 4}


def test_imports_run_one_way_through_the_stages() -> None:
    """publish may use render, render may use check and load, never back; the shared vocabulary
    beside the stages (schemas, problems, urls, cache) uses none of them."""
    package = ROOT / "hooks" / "catalogue_core"
    backwards = []
    for module in sorted(package.rglob("*.py")):
        parts = module.relative_to(package).parts
        if parts[0] in ("__init__.py", "__main__.py"):
            continue  # the command line is an adapter, like the hook
        here = STAGES.get(parts[0], 0)
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = module.parent.relative_to(package).parts[: len(parts) - 1 - (node.level - 1)]
                target = (*base, *(node.module or "").split("."))
                there = STAGES.get(target[0], 0) if target and target[0] else 0
                if there > here or (here == 0 and there):
                    backwards.append(f"{module.relative_to(package)} imports {'.'.join(target)}")
    assert backwards == []


def test_a_build_leaves_the_callers_environment_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_site_project(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build_site(project, tmp_path / "one")
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "12345")
    build_site(project, tmp_path / "two")
    assert os.environ["SOURCE_DATE_EPOCH"] == "12345"


def test_a_schema_broken_after_a_passing_check_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The meta-schema check is remembered only for the exact files that passed it."""
    project = make_project(tmp_path)
    assert check_main(["check", "--root", str(project.root)]) == 0
    assert list(project.cache_dir.glob("schemas-passed-*"))
    _break(project.root, "practice.json", '"type": "integer"', '"type": "whole number"')
    assert check_main(["check", "--root", str(project.root)]) == 1
    assert "is not valid under any of the given schemas" in capsys.readouterr().out


@pytest.mark.parametrize(("old", "new", "message"), [
    ('"x-title-de": "Titel"', '"x-title-de": ""', "the title 'Title' has no German"),
    ('"x-title-de": "Titel"', '"x-title-de": "Titel", "x-place": "nowhere"', "'nowhere' is not a x-place"),
])
def test_our_schema_checks_run_again_once_a_schema_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         old: str, new: str, message: str) -> None:
    """A passing check also stands for our own checks of the schemas (annotations, German labels): they
    are skipped only for the very bytes that passed them."""
    project = make_project(tmp_path)
    assert check_main(["check", "--root", str(project.root)]) == 0
    _break(project.root, "practice.json", old, new)
    assert check_main(["check", "--root", str(project.root)]) == 1
    assert message in capsys.readouterr().out


def test_each_language_keeps_its_own_record_page_cache(tmp_path: Path) -> None:
    """Without the language in the key, the English and the German build of one `make build` took turns
    overwriting one cache file and never found a page in it (`make bench`)."""
    from catalogue_core.check.catalogue import load_catalogue
    from catalogue_core.project import Project
    from catalogue_core.render.pages import record_page_cache
    from catalogue_core.render.templates import Templates
    from catalogue_core.urls import Linker

    catalogue, problems = load_catalogue(Project.at(ROOT))
    assert catalogue is not None, problems
    paths = {language: record_page_cache(tmp_path, catalogue, Linker(), {}, Templates(language=language)).path
             for language in ("en", "de")}
    assert paths["en"] != paths["de"]
