"""The opt-in link check (``make linkcheck``), against a real local web server and without a network."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from catalogue_core.check.catalogue import load_catalogue
from catalogue_core.publish.linkcheck import Use, ask, check, external_links, main
from conftest import make_project


class _Server(BaseHTTPRequestHandler):
    """/ok answers, /gone is 404, /no-head refuses HEAD but answers GET, /busy is 429."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def _answer(self, head: bool) -> None:
        status = {"/ok": 200, "/gone": 404, "/busy": 429}.get(self.path, 200)
        if self.path == "/no-head":
            status = 405 if head else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:  # noqa: N802 - the name http.server calls
        self._answer(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(head=False)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_every_address_in_the_records_is_found_with_its_place(tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(make_project(tmp_path))
    assert catalogue is not None
    uses = external_links(catalogue)
    assert Use("https://example.org/practice", "practices/practices/example-practice.yml", 23, "website") in uses
    assert Use("https://example.org/paper", "practices/meetings/example-meeting.yml", 22, "publication.url") in uses
    # A link written in Markdown record text counts too.
    assert Use("https://example.org/about", "practices/meetings/example-meeting.yml", 13, "body") in uses
    assert all(u.url.startswith(("http://", "https://")) for u in uses)


def test_answers_from_a_real_server(server: str) -> None:
    assert ask(f"{server}/ok").ok
    assert ask(f"{server}/no-head").ok  # asked again with GET
    gone = ask(f"{server}/gone")
    assert (gone.ok, gone.message, gone.verdict) == (False, "HTTP 404 Not Found", True)
    busy = ask(f"{server}/busy")
    assert (busy.ok, busy.verdict) == (False, False)  # "try later" is not a broken link
    refused = ask("http://127.0.0.1:9/")  # the discard port: nothing listens
    assert not refused.ok and refused.verdict


def test_a_broken_address_is_reported_at_every_place_it_is_used(server: str) -> None:
    uses = [Use(f"{server}/gone", "practices/tools/a.yml", 3, "sources[0].url"),
            Use(f"{server}/gone", "practices/tools/b.yml", 7, "website"),
            Use(f"{server}/ok", "practices/tools/b.yml", 9, "sources[0].url"),
            Use(f"{server}/busy", "practices/tools/c.yml", 4, "website")]
    broken, unsure = check(uses)
    assert [str(p) for p in broken] == [
        f"practices/tools/a.yml:3: sources[0].url: {server}/gone does not answer: HTTP 404 Not Found.",
        f"practices/tools/b.yml:7: website: {server}/gone does not answer: HTTP 404 Not Found.",
    ]
    assert [p.path for p in unsure] == ["practices/tools/c.yml"]


def test_without_a_network_it_says_so_and_checks_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Host names under .invalid never resolve (RFC 6761): to the check, the machine is offline.
    project = make_project(tmp_path)
    for path in (project.records_dir).rglob("*.yml"):
        path.write_text(path.read_text(encoding="utf-8").replace("example.org", "example.invalid"), encoding="utf-8")
    asked: list[str] = []
    status = main(["--root", str(tmp_path)], asker=lambda url: asked.append(url) or ask(url))
    out = capsys.readouterr().out
    assert status == 2
    assert asked == []
    assert out.startswith("No network: none of the 1 host names in the records resolves (e.g. example.invalid).")
    assert "Traceback" not in out


def test_invalid_records_are_not_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    (project.records_dir / "terms" / "empty.yml").write_text("", encoding="utf-8")
    assert main(["--root", str(tmp_path)]) == 2
    assert "run `make check`" in capsys.readouterr().out
