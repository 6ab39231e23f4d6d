"""The content rules (check/content_rules.py) beyond the example cases in examples/invalid/: what they
let pass, and what happens when their own declarations are broken (the mirror list, a rating's
x-contradicted-by)."""

from __future__ import annotations

import json
from pathlib import Path

from catalogue_core.check.catalogue import load_catalogue
from catalogue_core.check.content_rules import MIRROR_HOSTS_FILE
from catalogue_core.problems import format_report
from conftest import EXAMPLES, make_project

PASSING = EXAMPLES / "content-rules-pass" / "practices"


def test_what_the_rules_allow_passes(tmp_path: Path) -> None:
    """A quote's words inside quotation marks, seven words in a row outside them, a copy that names
    its original, two pages on one host, 'results not found' said beside the level that says so, and
    'no source says' beside 'No source says'."""
    catalogue, problems = load_catalogue(make_project(tmp_path, PASSING))
    assert problems == []
    assert catalogue is not None


def test_a_broken_mirror_list_is_reported_line_by_line(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project.schemas_dir / MIRROR_HOSTS_FILE).write_text(
        "# comment\n"
        "scribd.com: document-sharing site\n"
        "https://example.org/: a whole address, not a host\n"
        "www.wikimili.com: copy of Wikipedia\n"
        "pdfslide.us:\n"
        "scribd.com: listed twice\n", encoding="utf-8")
    catalogue, problems = load_catalogue(project)
    assert catalogue is None
    assert format_report(problems).splitlines() == [
        "schemas/mirror-hosts.yml:3: https://example.org/: this is not a host name as the list writes them: "
        "lower case, without https://, www., a path or a trailing dot, e.g. 'scribd.com'.",
        "schemas/mirror-hosts.yml:4: www.wikimili.com: this is not a host name as the list writes them: "
        "lower case, without https://, www., a path or a trailing dot, e.g. 'scribd.com'.",
        "schemas/mirror-hosts.yml:5: pdfslide.us: say in one line why this host is a copy and not a publisher, "
        "e.g. 'document-sharing site where anyone uploads a file'.",
        "schemas/mirror-hosts.yml:6: scribd.com: this field is given twice (first on line 2); keep one and "
        "delete the other.",
        "4 problems in 1 file.",
    ]


def test_a_missing_mirror_list_is_reported(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project.schemas_dir / MIRROR_HOSTS_FILE).unlink()
    _, problems = load_catalogue(project)
    assert [str(p) for p in problems] == [
        "schemas/mirror-hosts.yml:1: (file): the list of mirror hosts is missing; create it with one "
        "'host: why it is a copy' line per host, e.g. 'scribd.com: document-sharing site'."]


def test_a_broken_contradiction_rule_is_located_in_its_schema(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    path = project.schemas_dir / "practice.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    rules = schema["properties"]["evidence"]["properties"]["level"]["x-contradicted-by"]
    rules["read"] = ["uncertainty", "uncertainy"]
    rules["rules"][0]["values"].append("excellent")
    rules["rules"][0]["phrases"].append("not (found")
    path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    catalogue, problems = load_catalogue(project)
    assert catalogue is None
    report = format_report(problems).splitlines()
    assert [line.split(": ", 2)[1] for line in report[:-1]] == [
        "properties.evidence.properties.level.x-contradicted-by.read[1]",
        "properties.evidence.properties.level.x-contradicted-by.rules[0].values",
        "properties.evidence.properties.level.x-contradicted-by.rules[0].phrases",
    ]
    assert "'uncertainy' is not a field of this kind." in report[0]
    assert "excellent is not a value of this rating" in report[1]
    assert "a phrase is not a valid regular expression" in report[2]
    assert all(line.startswith("schemas/practice.json:") and not line.startswith("schemas/practice.json:1:")
               for line in report[:-1])
