"""Records with an attack in every text field, and a project that builds them without validation.

Used by tests/test_safe_rendering.py (the built files) and tests/browser/ (the pages in Chromium).
"""

from __future__ import annotations

import shutil
from itertools import cycle
from pathlib import Path
from typing import Any

import yaml

from catalogue_core.schemas import Schemas
from conftest import ROOT, VALID_RECORDS, make_site_project

# Each attack on its own, so one cannot swallow the next; block-level and inline forms both.
TEXT_ATTACKS = [
    "<script>alert('script')</script>",
    "<img src=x onerror=\"alert('img')\">",
    "<iframe src=\"https://evil.example/frame\"></iframe>",
    "<style>body { display: none }</style>",
    "<a href=\"javascript:alert('a')\">a link</a>",
    "[markdown javascript link](javascript:alert('md'))",
    "[markdown data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[markdown vbscript link](vbscript:msgbox(1))",
    "[spaced scheme](java\tscript:alert(1)) and [encoded](&#106;avascript:alert(1))",
    "<javascript:alert(1)> and <data:text/html,x>",
    "![tracking pixel](https://evil.example/pixel.png)",
    "<svg onload=\"alert('svg')\"><circle r=\"1\"/></svg>",
    "<object data=\"https://evil.example/x.swf\"></object> <embed src=\"https://evil.example/x.swf\">",
    "<form action=\"https://evil.example/\"><button formaction=\"javascript:alert(1)\">go</button></form>",
    "<base href=\"https://evil.example/\"> <meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
    "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
    "Inline <b onmouseover=\"alert('b')\">bold</b> and "
    "<span style=\"background:url(https://evil.example/bg.png)\">x</span>.",
    "\" onmouseover=\"alert('quote')\" x=\" and ' onfocus='alert(1)' x='",
    "</title><script>alert('title')</script> &lt;script&gt;alert('entity')&lt;/script&gt;",
    "<!-- <script>alert('comment')</script> --> <![CDATA[ <script>alert(1)</script> ]]>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math> <details open ontoggle=alert(1)>",
    "<<script>script>alert('nested')<</script>/script>",
]
TEXT_ATTACK = "\n\n".join(TEXT_ATTACKS)
URL_ATTACKS = [
    "javascript:alert('url')",
    " JaVaScRiPt:alert('case')",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "https://ok.example/\" onmouseover=\"alert('attr')",
    "//evil.example/protocol-relative",
    "evil.example/no-scheme",
]
# Values the renderer looks up rather than prints (ids, dates, vocabulary keys it branches on):
# an attack there would only make the page fail to build, which proves nothing.
KEPT = {"reviewed", "date", "added", "tags", "aliases", "basis", "number", "type"}
URL_FIELDS = {"url", "website", "contact"}
# Acronyms become hover titles everywhere the word appears; a whole page of attack as an acronym
# only tests how long a regular expression may grow, so they get a short attack of their own.
SHORT_ATTACK = "<b onclick=alert(1)>A&B\"'</b>"


def poisoned(data: dict[str, Any], references: set[str], urls: Any) -> dict[str, Any]:
    """A record with an attack in every text value it has, and every URL attack among its sources."""

    def walk(value: Any, key: str) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if not isinstance(value, str) or key in KEPT:
            return value
        if key in URL_FIELDS:
            return next(urls)
        return SHORT_ATTACK if key == "acronym" else TEXT_ATTACK

    out = {k: (v if k in references else walk(v, k)) for k, v in data.items()}
    out["sources"] = [{"title": TEXT_ATTACK, "url": url, "supports": TEXT_ATTACK} for url in URL_ATTACKS]
    return out


def make_injection_project(tmp_path: Path) -> Path:
    """The example catalogue with every record poisoned, built by the unchecked hook."""
    project = make_site_project(tmp_path)
    schemas = Schemas.load(ROOT / "schemas")
    urls = cycle(URL_ATTACKS)
    for path in sorted(VALID_RECORDS.rglob("*.yml")):
        kind = schemas.kind_by_plural[path.parent.name]
        references = {name for name, info in schemas.fields[kind].items() if info.references}
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        target = project / "practices" / path.relative_to(VALID_RECORDS)
        target.write_text(yaml.safe_dump(poisoned(data, references, urls), allow_unicode=True, sort_keys=False),
                          encoding="utf-8")
    shutil.copy(ROOT / "tests" / "injection" / "unchecked_hook.py", project / "hooks" / "unchecked_hook.py")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - hooks/catalogue_hook.py\n" in config
    (project / "mkdocs.yml").write_text(config.replace("  - hooks/catalogue_hook.py\n",
                                                       "  - hooks/unchecked_hook.py\n"), encoding="utf-8")
    return project
