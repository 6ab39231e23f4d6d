"""The "Publish the site" page: in the navigation, linked from "About the data", and its examples the
same as the files in examples/ and as the headers the build writes."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from catalogue_core.publish.static_host import FRAME_ANCESTORS, SECURITY_HEADERS, header_policy, headers_file
from conftest import ROOT

GUIDE = ROOT / "docs" / "publish.md"
EXAMPLES = ROOT / "examples"


def _code_blocks(markdown: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^```[a-z]*\n(.*?)^```$", markdown, re.MULTILINE | re.DOTALL)]


def test_the_guide_is_in_the_navigation_and_linked_from_about_the_data() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      - Publish the site: publish.md\n" in config
    assert "(publish.md)" in (ROOT / "docs" / "about-the-data.md").read_text(encoding="utf-8")


def test_every_example_file_is_shown_in_the_guide_as_it_is() -> None:
    blocks = _code_blocks(GUIDE.read_text(encoding="utf-8"))
    examples = sorted(p for p in EXAMPLES.rglob("*") if p.is_file())
    assert [p.relative_to(EXAMPLES).as_posix() for p in examples] == [
        "github-pages.yml", "nginx/lone-actors-catalogue.conf", "nginx/lone-actors-headers.conf"]
    for path in examples:
        assert path.read_text(encoding="utf-8") in blocks, f"{path.relative_to(ROOT)} differs from the guide"


def test_the_workflow_builds_with_both_settings_and_publishes_site() -> None:
    workflow = yaml.safe_load((EXAMPLES / "github-pages.yml").read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]["steps"]
    step = next(s for s in build if s.get("run") == "make build")
    assert set(step["env"]) == {"SITE_URL", "REPO_URL"} and step["env"]["SITE_URL"].endswith("/")
    assert any(s.get("with", {}).get("path") == "site" for s in build)
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_the_nginx_headers_are_those_of_the_headers_file() -> None:
    snippet = (EXAMPLES / "nginx" / "lone-actors-headers.conf").read_text(encoding="utf-8")
    sent = dict(re.findall(r'^add_header (\S+) "([^"]*)" always;$', snippet, re.MULTILINE))
    assert {k: v for k, v in sent.items() if k != "Content-Security-Policy"} == SECURITY_HEADERS
    # The nginx policy holds the directives of the full one that do not depend on the build.
    full = dict(d.split(" ", 1) for d in header_policy([]).split("; "))
    nginx = dict(d.split(" ", 1) for d in sent["Content-Security-Policy"].split("; "))
    assert FRAME_ANCESTORS in sent["Content-Security-Policy"]
    assert all(full[name] == value for name, value in nginx.items())
    conf = (EXAMPLES / "nginx" / "lone-actors-catalogue.conf").read_text(encoding="utf-8")
    assert 'add_header Cache-Control "public, max-age=31536000, immutable" always;' in conf
    assert headers_file([], ["assets/javascripts/bundle.a5f9d56c.min.js"]).endswith(
        "/assets/javascripts/bundle.a5f9d56c.min.js\n  Cache-Control: public, max-age=31536000, immutable\n")


def test_the_nginx_cache_rule_matches_exactly_the_hashed_bundles(real_site_build: Path) -> None:
    conf = (EXAMPLES / "nginx" / "lone-actors-catalogue.conf").read_text(encoding="utf-8")
    pattern = re.compile(re.search(r'location ~ "([^"]+)"', conf).group(1))
    from catalogue_core.publish.static_host import HASHED_NAME

    files = [p.relative_to(real_site_build).as_posix() for p in real_site_build.rglob("*") if p.is_file()]
    assert [f for f in files if pattern.search(f)] == [f for f in files if HASHED_NAME.search(f)] != []
