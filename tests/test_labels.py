"""No raw field name reaches a reader: every label on every page comes from the schemas' titles and
labels. A raw name has an underscore between lower-case words (``mental_health``, ``how_it_works``);
the check reads each page's visible text, leaving out code, which shows ids and field names on
purpose (the Open data page documents the fields by name)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
NOT_SHOWN = {"code", "pre", "script", "style", "kbd", "samp"}


class VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in NOT_SHOWN:
            self.hidden += 1
        for name, value in attrs:  # text a reader meets in tooltips and for screen readers
            if name in ("title", "aria-label", "alt", "placeholder") and value and not self.hidden:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in NOT_SHOWN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def raw_names(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(parser.parts)
    text = re.sub(r"\S+://\S+|\S+@\S+", " ", text)  # addresses are shown as they are
    return set(SNAKE_CASE.findall(text))


@pytest.mark.parametrize("which", ["example_site_build", "real_site_build"])
def test_no_page_shows_a_raw_field_name(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    found = {}
    for page in sorted(site.rglob("*.html")):
        names = raw_names(page.read_text(encoding="utf-8"))
        if names:
            found[page.relative_to(site).as_posix()] = sorted(names)
    assert found == {}


def test_the_check_finds_a_raw_name() -> None:
    assert raw_names("<h2>mental_health</h2><p>ok <code>summary_de</code></p>") == {"mental_health"}


def test_every_interface_word_has_english_and_german() -> None:
    """The words templates and scripts write themselves (not from the schemas) are listed once, each in
    both languages, with the same placeholders in both."""
    import yaml

    path = Path(__file__).parent.parent / "hooks" / "catalogue_core" / "render" / "interface_strings.yml"
    groups = yaml.safe_load(path.read_text(encoding="utf-8"))
    incomplete = []
    for group, entries in groups.items():
        for key, entry in entries.items():
            english, german = entry.get("en"), entry.get("de")
            if not (english and german) or type(english) is not type(german):
                incomplete.append(f"{group}.{key}")
            elif isinstance(english, str) and set(re.findall(r"\{\w+\}", english)) != set(re.findall(r"\{\w+\}", german)):
                incomplete.append(f"{group}.{key} (placeholders differ)")
            elif isinstance(english, list) and len(english) != len(german):
                incomplete.append(f"{group}.{key} (lists differ in length)")
    assert incomplete == []
