"""Reading a built site the way a browser would: what each file loads, runs and links to.

Plain functions over file text, shared by the static site checks and the injection test. They
parse HTML with the standard library's tokenizer (the same one-pass rules as a browser's for
tags and attributes) rather than with regular expressions, so an attribute cannot hide from them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes whose value is a URL the browser may fetch or navigate to.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite", "ping",
                  "codebase", "manifest", "lowsrc", "xlink:href", "srcset"}
# Elements that embed other documents or plug-ins, or change how every URL on the page resolves.
EMBEDDING_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base"}
# <link rel=...> values that make the browser fetch the target.
LOADING_LINK_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "prerender", "icon", "shortcut",
                     "apple-touch-icon", "apple-touch-icon-precomposed", "manifest", "preconnect", "dns-prefetch",
                     "mask-icon"}
# Elements whose src (or srcset) the browser fetches as it parses.
LOADING_SRC_ELEMENTS = {"script", "img", "iframe", "frame", "embed", "audio", "video", "source", "track", "input",
                        "image", "use"}
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def is_third_party(url: str) -> bool:
    """True for a URL on another host: ``https://...``, ``http://...`` or protocol-relative ``//...``."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") or (parts.scheme == "" and url.strip().startswith("//"))


def dangerous_scheme(url: str) -> str | None:
    """The scheme of a URL that runs code or inlines a document (javascript:, vbscript:, data:), else None.

    Browsers ignore ASCII whitespace and control characters inside a scheme, and decode entities
    before they look at it; the tokenizer has already decoded entities.
    """
    squeezed = re.sub(r"[\x00-\x20]+", "", unquote(url)).lower()
    for scheme in ("javascript:", "vbscript:", "data:"):
        if squeezed.startswith(scheme):
            return scheme
    return None


def css_urls(css: str) -> list[str]:
    """Every ``url(...)`` and ``@import`` target in a stylesheet or style attribute."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    found = [m.group(2) for m in re.finditer(r"url\(\s*(['\"]?)(.*?)\1\s*\)", css, re.IGNORECASE)]
    found += [m.group(2) for m in re.finditer(r"@import\s+(['\"])(.*?)\1", css, re.IGNORECASE)]
    return found


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    line: int


@dataclass
class Page:
    """What one HTML file holds, as a browser tokenizes it."""

    elements: list[Element] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)  # scripts a browser runs, text as written
    styles: list[str] = field(default_factory=list)  # <style> element text
    ids: set[str] = field(default_factory=set)  # every id and <a name>, i.e. every anchor target


class _Tokenizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._text: list[str] | None = None
        self._text_of: str = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        self.page.elements.append(Element(tag, values, self.getpos()[0]))
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        runs = values.get("type", "").strip().lower() in SCRIPT_TYPES
        if (tag == "script" and runs and "src" not in values) or tag == "style":
            self._text, self._text_of = [], tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._text is not None and tag == self._text_of:
            text = "".join(self._text)
            (self.page.inline_scripts if tag == "script" else self.page.styles).append(text)
            self._text = None


def parse(html: str) -> Page:
    tokenizer = _Tokenizer()
    tokenizer.feed(html)
    tokenizer.close()
    return tokenizer.page


def third_party_loads_in_html(html: str) -> list[str]:
    """Everything the page would fetch from another host as it loads."""
    page = parse(html)
    found: list[str] = []

    def check(element: Element, url: str) -> None:
        if is_third_party(url):
            found.append(f"line {element.line}: <{element.tag}> loads {url}")

    for element in page.elements:
        a = element.attrs
        if element.tag in LOADING_SRC_ELEMENTS and "src" in a:
            check(element, a["src"])
        for name in ("href", "xlink:href"):
            if element.tag in ("image", "use", "feimage") and name in a:
                check(element, a[name])
        if "srcset" in a or "imagesrcset" in a:
            for candidate in (a.get("srcset", "") + "," + a.get("imagesrcset", "")).split(","):
                if candidate.strip():
                    check(element, candidate.split()[0])
        if element.tag == "object" and "data" in a:
            check(element, a["data"])
        if element.tag in ("video",) and "poster" in a:
            check(element, a["poster"])
        if element.tag == "link" and set(a.get("rel", "").lower().split()) & LOADING_LINK_RELS:
            check(element, a.get("href", ""))
        if "background" in a:
            check(element, a["background"])
        for url in css_urls(a.get("style", "")):
            check(element, url)
    for style in page.styles:
        found += [f"<style> loads {url}" for url in css_urls(style) if is_third_party(url)]
    return found


def third_party_loads_in_css(css: str) -> list[str]:
    return [f"loads {url}" for url in css_urls(css) if is_third_party(url)]


# A literal absolute URL handed straight to something that fetches it.
_JS_LOAD = re.compile(
    r"""(?:\b(?:fetch|import|importScripts|Worker|SharedWorker|EventSource|WebSocket|sendBeacon)\s*\(\s*"""
    r"""|\.open\s*\(\s*["'`][A-Za-z]+["'`]\s*,\s*"""
    r"""|\.(?:src|href|srcset)\s*=\s*"""
    r"""|\bfrom\s*)["'`]((?:https?:)?//[^"'`\s]+)"""
)


def third_party_loads_in_js(js: str) -> list[str]:
    """Literal absolute URLs passed to fetch, import, a worker, XHR, or a src/href assignment.

    A static scan cannot follow URLs built at run time; the browser tests record every request.
    """
    return [f"loads {m.group(1)}" for m in _JS_LOAD.finditer(js)]


def executable_markup(html: str, allowed_inline_scripts: set[str], allowed_script_srcs: set[str]) -> list[str]:
    """Everything in a page that would run code, embed a document or retarget links, beyond what
    the theme itself puts there (``allowed_*``, taken from a clean build of the same site)."""
    page = parse(html)
    found: list[str] = []
    for element in page.elements:
        where = f"line {element.line}: <{element.tag}>"
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"{where} has an event handler {name}={value!r}")
            if name in URL_ATTRIBUTES:
                urls = [c.split()[0] for c in value.split(",") if c.strip()] if name == "srcset" else [value]
                for url in urls:
                    scheme = dangerous_scheme(url)
                    if scheme:
                        found.append(f"{where} has a {scheme} URL in {name}: {url!r}")
            if name == "style" and re.search(r"url\(|expression\(|@import", value, re.IGNORECASE):
                found.append(f"{where} has a style attribute that loads or runs something: {value!r}")
        if element.tag in EMBEDDING_ELEMENTS:
            found.append(f"{where} embeds or retargets: {element.attrs}")
        if element.tag == "script" and "src" in element.attrs and element.attrs["src"] not in allowed_script_srcs:
            found.append(f"{where} loads a script the theme does not: {element.attrs['src']!r}")
        if element.tag == "meta" and element.attrs.get("http-equiv", "").lower() not in ("", "content-security-policy"):
            content = element.attrs.get("content", "")
            target = content.partition("url=")[2].strip()
            if element.attrs["http-equiv"].lower() != "refresh" or not target or is_third_party(target) \
                    or dangerous_scheme(target):
                found.append(f"{where} with http-equiv={element.attrs['http-equiv']!r} content={content!r}")
        if element.tag == "style":
            found.append(f"{where} is a style element")
    for script in page.inline_scripts:
        if script not in allowed_inline_scripts:
            found.append(f"an inline script the theme does not have: {script[:120]!r}")
    return found


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def internal_link_targets(html: str) -> list[tuple[int, str]]:
    """(line, href) of every link that stays on the site: no scheme, not protocol-relative."""
    out = []
    for element in parse(html).elements:
        if element.tag in ("a", "area", "link") and "href" in element.attrs:
            href = element.attrs["href"]
            scheme = urlsplit(href).scheme
            if not scheme and not href.startswith("//"):
                out.append((element.line, href))
    return out


def is_redirect(html: str) -> bool:
    """True for a page that only sends the reader on (``<meta http-equiv="refresh">``)."""
    return any(e.tag == "meta" and e.attrs.get("http-equiv", "").lower() == "refresh" for e in parse(html).elements)


# A character written as an escape: JSON and JavaScript's \uXXXX, JavaScript's \u{X...} and \xXX.
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\u\{([0-9a-fA-F]{1,6})\}|\\x([0-9a-fA-F]{2})")


def hidden_characters(text: str, suffix: str, hidden: re.Pattern[str]) -> list[str]:
    """Each character matching ``hidden`` that a reader of the file would get, as ``line N: U+XXXX``:
    written as itself, as an escape (JSON, JavaScript) or as a character reference (HTML, XML).
    Tabs and line breaks are layout, and a byte order mark that opens a file marks its encoding."""
    found = []
    for number, line in enumerate(text.lstrip("\ufeff").split("\n"), start=1):
        readings = [line]
        if suffix in (".json", ".js"):
            readings.append("".join(chr(int(next(g for g in m.groups() if g), 16)) for m in _ESCAPE.finditer(line)))
        if suffix in (".html", ".xml"):
            readings.append(html.unescape(line))
        chars = {c for reading in readings for c in hidden.findall(reading) if c not in "\t\r"}
        found += [f"line {number}: U+{ord(c):04X}" for c in sorted(chars)]
    return found
