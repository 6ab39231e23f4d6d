"""`make new KIND=<kind> ID=<id>`: a record skeleton from the kind's schema, which `make check` then
reports field by field until it is filled in; wrong kinds and ids are refused with a clear message."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from catalogue_core.__main__ import main
from catalogue_core.check.catalogue import load_catalogue
from catalogue_core.check.validate import Validators, check_schema
from catalogue_core.load.records import Record
from catalogue_core.load.skeleton import write_skeleton
from catalogue_core.load.strict_yaml import load_document
from catalogue_core.project import Project
from catalogue_core.schemas import Schemas
from conftest import KINDS, VALID_RECORDS, make_project

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_skeleton_names_its_schema_and_holds_every_required_field(tmp_path: Path, kind: str) -> None:
    project = make_project(tmp_path)
    outcome = write_skeleton(project, kind, f"zz-new-{kind}", TODAY)
    assert outcome.path == project.records_dir / KINDS[kind] / f"zz-new-{kind}.yml"
    text = outcome.path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../schemas/{kind}.json"
    schema = Schemas.load(project.schemas_dir).schema(kind)
    data = yaml.safe_load(text)
    assert list(data) == [name for name in schema["properties"] if name in schema["required"]]
    assert data["reviewed"] == "2026-11-30"
    for name in data:  # each field under its description
        description = schema["properties"][name].get("description")
        if description:
            before = text[: text.index(f"\n{name}:")]
            assert before.rstrip().splitlines()[-1].startswith("# "), name


@pytest.mark.parametrize("kind", list(KINDS))
def test_make_check_points_at_each_unfilled_field_by_line(tmp_path: Path, kind: str) -> None:
    project = make_project(tmp_path)
    path = write_skeleton(project, kind, f"zz-new-{kind}", TODAY).path
    assert path is not None
    lines = path.read_text(encoding="utf-8").splitlines()
    _, problems = load_catalogue(project)
    assert problems and {p.path for p in problems} == {f"practices/{KINDS[kind]}/zz-new-{kind}.yml"}
    for problem in problems:
        key = re.split(r"[.\[]", problem.field)[-1].rstrip("]")
        assert re.match(rf"\s*(- )?{re.escape(key)}:", lines[problem.line - 1]), str(problem)
        assert problem.message.startswith(("this is empty", "the list is empty", "expected a whole number")), \
            str(problem)
        assert "None" not in problem.message and "''" not in problem.message
    # One problem per unfilled field: no field is reported twice.
    assert len({(p.line, p.field) for p in problems}) == len(problems)


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_skeleton_filled_with_a_valid_records_values_is_valid(tmp_path: Path, kind: str) -> None:
    """The skeleton has the fields the schema requires, in the shape it requires."""
    project = make_project(tmp_path)
    path = write_skeleton(project, kind, f"zz-new-{kind}", TODAY).path
    assert path is not None
    example, _ = load_document(next((VALID_RECORDS / KINDS[kind]).glob("*.yml")), "example.yml")
    assert example is not None
    skeleton = yaml.safe_load(path.read_text(encoding="utf-8"))
    filled = {name: example.data[name] for name in skeleton if name in example.data}
    path.write_text(yaml.safe_dump(filled, allow_unicode=True, sort_keys=False), encoding="utf-8")
    document, parse_problems = load_document(path, "new.yml")
    assert document is not None and parse_problems == []
    record = Record(f"zz-new-{kind}", kind, KINDS[kind], "new.yml", document)
    assert list(check_schema(record, Validators(Schemas.load(project.schemas_dir)))) == []


@pytest.mark.parametrize(("kind", "record_id", "message"), [
    ("widget", "new-widget", "'widget' is not a kind of record. The kinds are: meeting, finding, theme, "
                             "recommendation, practice, tool, term."),
    ("practice", "New Practice", "'New Practice' is not a valid id: use lower-case letters, digits and single "
                                 "hyphens, at most 80 characters, e.g. 'new-practice'."),
    ("practice", "a--b", "'a--b' is not a valid id"),
    ("practice", "x" * 81, "'" + "x" * 81 + "' is not a valid id"),
    ("practice", "example-practice", "The id 'example-practice' is taken: practices/practices/example-practice.yml "
                                     "exists, and ids are unique across all kinds."),
    ("tool", "example-practice", "The id 'example-practice' is taken: practices/practices/example-practice.yml"),
    ("", "", "Say which kind of record and which id: make new KIND=<kind> ID=<id>"),
])
def test_a_wrong_kind_or_id_is_refused_with_a_clear_message(
    tmp_path: Path, kind: str, record_id: str, message: str
) -> None:
    project = make_project(tmp_path)
    before = sorted(project.records_dir.rglob("*"))
    outcome = write_skeleton(project, kind, record_id, TODAY)
    assert outcome.path is None and outcome.message.startswith(message)
    assert sorted(project.records_dir.rglob("*")) == before  # nothing written


def test_the_command_line_writes_the_skeleton_and_refuses_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project: Project = make_project(tmp_path)
    assert main(["new", "practice", "zz-new-practice", "--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("Wrote practices/practices/zz-new-practice.yml: fill in its fields")
    assert (project.records_dir / "practices" / "zz-new-practice.yml").is_file()
    assert main(["new", "practice", "zz-new-practice", "--root", str(tmp_path)]) == 2
    assert "is taken" in capsys.readouterr().err
    assert main(["check", "--root", str(tmp_path)]) == 1
    report = capsys.readouterr().out
    assert "practices/practices/zz-new-practice.yml:6: title: this is empty" in report
