"""Site-wide checks on built sites: no third-party loads, a Content-Security-Policy that matches each
page, internal links and anchors that resolve, well-formed external URLs, reproducible builds.

Each check runs on the example catalogue's site (stable) and on the project's own site (what ships).
The browser tests (tests/browser/) prove the same at run time: every request, every CSP violation.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from site_scan import (
    html_files,
    internal_link_targets,
    is_redirect,
    parse,
    third_party_loads_in_css,
    third_party_loads_in_html,
    third_party_loads_in_js,
)

from catalogue_core.check.catalogue import load_catalogue
from catalogue_core.project import Project
from catalogue_core.publish.csp import inline_scripts, policy, script_hash, with_policy
from conftest import ROOT, build_real_site

SITES = ["example_site_build", "real_site_build"]


@pytest.fixture(params=SITES, ids=["example", "real"])
def site(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(request.param)


# --- No third-party loads ------------------------------------------------------------------------

# Material's bundle can load a few things from other hosts, each only in a case this site never
# meets. The test below asserts those cases stay away rather than trusting this comment.
MATERIAL_CONDITIONAL_LOADS = {
    # Only where the browser lacks ResizeObserver (every browser since 2020 has it).
    "https://unpkg.com/resize-observer-polyfill": "ResizeObserver polyfill",
    # Only on a page with a Mermaid diagram (an element with class "mermaid").
    "https://unpkg.com/mermaid@": "Mermaid",
    # Only when repo_url is on github.com or a GitLab host: repository stars and forks.
    "https://api.github.com/": "GitHub repository facts",
    "https://${e}/api/v4/projects/": "GitLab repository facts",
}


def test_no_html_css_or_js_file_loads_anything_from_another_host(site: Path) -> None:
    problems = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            problems += [f"{rel}: {p}" for p in third_party_loads_in_html(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".css":
            problems += [f"{rel}: {p}" for p in third_party_loads_in_css(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".js":
            problems += [f"{rel}: {p}" for p in third_party_loads_in_js(path.read_text(encoding="utf-8"))]
    assert problems == []


def test_materials_own_third_party_loaders_stay_dormant(site: Path) -> None:
    # Every address any script holds as a string (comments aside) is one of the loaders above; if a
    # Material upgrade adds another, this names it so that someone decides what it needs.
    absolute = {url for js in site.rglob("*.js")
                for url in re.findall(r"[`\"'](https?://[^`\"'\s]+)", js.read_text(encoding="utf-8"))}
    assert {url for url in absolute if not url.startswith(tuple(MATERIAL_CONDITIONAL_LOADS))} == set()
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                  (site / "index.html").read_text(encoding="utf-8"), re.DOTALL).group(1))
    assert "mermaid" not in json.dumps(config)
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    repo_url = re.search(r"^repo_url:\s*(\S+)", mkdocs_yml, re.MULTILINE)
    host = urlsplit(repo_url.group(1)).hostname or "" if repo_url else ""
    assert not host.endswith("github.com") and "gitlab" not in host, \
        "a GitHub or GitLab repo_url makes Material fetch repository facts from the host's API"
    for page in html_files(site):
        classes = " ".join(e.attrs.get("class", "") for e in parse(page.read_text(encoding="utf-8")).elements)
        assert "mermaid" not in classes.split(), page


def test_the_theme_uses_no_web_fonts() -> None:
    assert re.search(r"^\s*font:\s*false\b", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)


# --- Content-Security-Policy --------------------------------------------------------------------


def _policy_of(html: str) -> tuple[str, int]:
    """The page's CSP and its position; there must be exactly one, in a <meta> element."""
    metas = [e for e in parse(html).elements
             if e.tag == "meta" and e.attrs.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(metas) == 1, f"{len(metas)} CSP meta elements"
    return metas[0].attrs["content"], html.index("Content-Security-Policy")


def test_every_page_carries_a_policy_that_allows_exactly_its_own_inline_scripts(site: Path) -> None:
    for path in html_files(site):
        html = path.read_text(encoding="utf-8")
        if is_redirect(html) and not inline_scripts(html):
            continue  # a redirect page for a former id: no script, nothing to allow
        content, at = _policy_of(html)
        scripts = inline_scripts(html)
        assert content == policy([script_hash(s) for s in scripts]), path
        # A <meta> policy covers only what comes after it: it must precede every script.
        first_script = html.find("<script")
        assert first_script == -1 or at < first_script, path


def test_no_page_has_an_inline_script_in_its_content(site: Path) -> None:
    # The policy would block one (tests/browser/test_csp_and_search.py proves it in Chromium).
    assert [p.relative_to(site) for p in html_files(site) if inline_scripts(p.read_text(encoding="utf-8"),
                                                                           in_content=True)] == []


def test_the_policy_never_allows_a_script_inside_the_content() -> None:
    page = ('<html><head><meta charset="utf-8"><script>theme()</script></head><body>'
            '<article class="md-content__inner"><script>content()</script></article></body></html>')
    content = _policy_of(with_policy(page).html)[0]
    assert script_hash("theme()") in content
    assert script_hash("content()") not in content


def test_the_policy_forbids_other_hosts_and_inline_code() -> None:
    directives = dict(d.split(" ", 1) for d in policy(["'sha256-x'"]).split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self' 'sha256-x'"
    assert "unsafe-inline" not in policy(["'sha256-x'"]) and "unsafe-eval" not in policy([])
    for name, sources in directives.items():
        assert "http" not in sources and "*" not in sources, name
    assert "frame-ancestors" not in directives  # ignored, with a console warning, in a <meta> policy


# --- Links -------------------------------------------------------------------------------------


def test_the_build_is_strict_and_validates_links_and_anchors() -> None:
    # With strict: true every warning fails the build, so MkDocs' own link checks must warn.
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config.strict is True
    links, nav = config.validation.links, config.validation.nav
    assert min(links.unrecognized_links, links.anchors, links.absolute_links, nav.not_found) >= logging.WARNING


def _page_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def _target_file(site: Path, url_path: str) -> Path | None:
    candidate = site / url_path.lstrip("/")
    if url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    broken = []
    for path in html_files(site):
        if path.name == "404.html":
            continue  # served for any missing URL; its links are written for the site root
        base = _page_url(site, path)
        for line, href in internal_link_targets(path.read_text(encoding="utf-8")):
            url = urlsplit(urljoin(base, href))
            target = _target_file(site, url.path)
            where = f"{path.relative_to(site)}:{line}: {href}"
            if target is None:
                broken.append(f"{where} (no such file)")
                continue
            if url.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = parse(target.read_text(encoding="utf-8")).ids
                if url.fragment not in ids[target]:
                    broken.append(f"{where} (no id '{url.fragment}' in {target.relative_to(site)})")
    assert broken == []


def _urls_in(value: object, path: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [u for k, v in value.items() for u in _urls_in(v, f"{path}.{k}" if path else k)]
    if isinstance(value, list):
        return [u for i, v in enumerate(value) for u in _urls_in(v, f"{path}[{i}]")]
    if isinstance(value, str) and path.rsplit(".", 1)[-1] in ("url", "website"):
        return [(path, value)]
    return []


# An absolute http(s) URL with a host name (a trailing dot, as in "ojp.gov./", is a valid FQDN).
_WELL_FORMED = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}\.?(?::\d+)?(?:[/?#][^\s<>\"']*)?$")


@pytest.mark.parametrize("root", ["examples", "project"])
def test_external_urls_in_records_are_well_formed_http(root: str, tmp_path: Path) -> None:
    from conftest import make_project

    project = make_project(tmp_path) if root == "examples" else Project.at(ROOT)
    catalogue, problems = load_catalogue(project)
    assert catalogue is not None, problems
    bad = []
    for record in catalogue.records:
        for where, url in _urls_in(record.data):
            parts = urlsplit(url)
            if not _WELL_FORMED.match(url) or parts.hostname is None or parts.username or parts.password:
                bad.append(f"{record.path}: {where}: {url}")
    assert bad == []


# --- A sound build ------------------------------------------------------------------------------


def test_the_real_site_builds_identically_twice(real_site_build: Path, tmp_path: Path) -> None:
    # Built again from the same snapshot of the project, into another folder.
    again = build_real_site(real_site_build.parent, tmp_path / "site")
    first = {p.relative_to(real_site_build): p.read_bytes() for p in real_site_build.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(map(str, first.keys() ^ second.keys())) == []
    assert sorted(str(p) for p in first if first[p] != second[p]) == []
