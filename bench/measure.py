"""The measurements, each against its floor where it has one.

Times are medians of several runs, ours and the floor taken in turn so that a burst of load on this
shared machine hits both; every time is only ever compared with another taken in the same run.
Where the work is one process (checking, parsing, building), its CPU time is kept beside the wall
time, and the budgets compare CPU times (``report.cpu``).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from catalogue_core.check.catalogue import load_catalogue
from catalogue_core.project import Project

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
GZIP_LEVEL = 6  # what web servers commonly use for text
SEARCH_QUERY = "probation"
# Words typed letter by letter and pasted whole (measure_typing), and the pause between two keys:
# 150 ms is a quick touch typist's pace (about 80 words a minute).
TYPED_WORDS = ("probation", "Entlassungsvorbereitung")
KEY_DELAY_MS = 150


def build_env(project: Path) -> dict[str, str]:
    """The environment `make build` gives MkDocs, pointed at ``project``."""
    env = dict(os.environ)
    env.update(NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONPATH=str(project / "hooks"))
    return env


# --- validation against parsing ------------------------------------------------------------------


def record_files(project: Path) -> list[Path]:
    return sorted((project / "practices").rglob("*.yml"))


def parse_only(project: Path) -> None:
    """The floor of `make check`: read every record file with PyYAML's C loader, nothing else."""
    for path in record_files(project):
        with path.open("rb") as fh:
            yaml.load(fh, Loader=yaml.CSafeLoader)


def check_only(project: Path) -> None:
    """What `make check` does once Python has started: load, parse strictly and validate every record."""
    catalogue, problems = load_catalogue(Project.at(project))
    if catalogue is None:
        raise RuntimeError(f"{len(problems)} problems in the synthetic catalogue; first: {problems[0]}")


@dataclass
class Timing:
    seconds: float  # median wall clock
    cpu_seconds: float  # median CPU time of this process


def time_pair(ours: Callable[[], object], floor: Callable[[], object], runs: int) -> tuple[Timing, Timing]:
    """Medians of ``runs`` timings of each, taken in turn after one untimed warm-up of each."""
    ours(), floor()
    wall: dict[int, list[float]] = {0: [], 1: []}
    cpu: dict[int, list[float]] = {0: [], 1: []}
    for _ in range(runs):
        for which, func in enumerate((ours, floor)):
            start, start_cpu = time.perf_counter(), time.process_time()
            func()
            cpu[which].append(time.process_time() - start_cpu)
            wall[which].append(time.perf_counter() - start)
    mine, theirs = (Timing(statistics.median(wall[w]), statistics.median(cpu[w])) for w in (0, 1))
    return mine, theirs


_CHECK_AND_PARSE = """
import dataclasses, json, sys
from pathlib import Path
from bench import measure
project = Path(sys.argv[1])
timings = measure.time_pair(lambda: measure.check_only(project), lambda: measure.parse_only(project), int(sys.argv[2]))
print(json.dumps([dataclasses.asdict(t) for t in timings]))
"""


def time_check_and_parse(project: Path, runs: int) -> tuple[Timing, Timing]:
    """``time_pair`` of ``check_only`` and ``parse_only`` in a fresh Python process, as `make check` runs.
    In this benchmark's own process, after it had generated the records and planned the floor's site,
    check / parse at 1,000 records read 2.34; in a fresh process it reads 1.8 to 1.9."""
    env = build_env(project)
    env["PYTHONPATH"] = os.pathsep.join([env["PYTHONPATH"], str(Path(__file__).resolve().parent.parent)])
    out = subprocess.run([sys.executable, "-c", _CHECK_AND_PARSE, str(project), str(runs)], env=env, check=True,
                         capture_output=True, text=True).stdout
    check, parse = json.loads(out.strip().splitlines()[-1])
    return Timing(**check), Timing(**parse)


def check_command_s(project: Path, runs: int) -> float:
    """`python -m catalogue_core check --root PROJECT` as a command, interpreter start-up included."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "catalogue_core", "check", "--root", str(project)],
                       env=build_env(project), check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- builds -----------------------------------------------------------------------------------------


@dataclass
class Build:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system: what the build itself used, whatever else the machine ran
    peak_rss_mb: float


def build_once(project: Path, site: Path, translations: dict[str, str] | None = None) -> Build:
    """One ``mkdocs build --strict`` of ``project`` into an empty ``site``; its wall time and peak memory.
    ``translations`` (language -> configuration): further plain builds into ``site/<language>``, as a
    site without our hook builds its other languages; their times are added."""
    project, site = project.resolve(), site.resolve()
    if site.exists():
        shutil.rmtree(site)
    log = project.parent / f"{project.name}-build.log"
    builds = [("mkdocs.yml", site), *((config, site / language) for language, config in (translations or {}).items())]
    seconds = cpu = peak = 0.0
    with log.open("w") as out:
        for config, into in builds:
            start = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                                     "-f", str(project / config), "-d", str(into)],
                                    cwd=project, env=build_env(project), stdout=out, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory, not the largest so far
            seconds += time.perf_counter() - start
            if os.waitstatus_to_exitcode(status) != 0:
                raise RuntimeError(f"the build of {project} failed; see {log}:\n{log.read_text()[-3000:]}")
            cpu += usage.ru_utime + usage.ru_stime
            peak = max(peak, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB
    return Build(seconds, cpu, peak)


def time_builds(ours: Path, floor: Path, runs: int,
                floor_translations: dict[str, str] | None = None) -> tuple[list[Build], list[Build]]:
    """``runs`` builds of each, in turn (the floor's other languages as ``build_once`` says). The last
    sites stay in ``<project>/site`` for what follows."""
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(build_once(ours, ours / "site"))
        theirs.append(build_once(floor, floor / "site", floor_translations))
    return mine, theirs


# --- sizes ------------------------------------------------------------------------------------------


def search_index_bytes(site: Path) -> int:
    """Raw bytes of the whole search index: Material's one file, or all of ours."""
    material = site / "search" / "search_index.json"
    if material.is_file():
        return material.stat().st_size
    return sum(p.stat().st_size for p in (site / "search").rglob("*") if p.is_file())


# What counts as search's own transfer: the index, the search code and its stylesheet, for
# Material (its worker, lunr's language files, search_index.json) and for ours (search.js,
# search-engine.js, snowball-stemmers.js, edit-distance.js, search.css and search/*). The page, the theme and the other scripts load
# either way and are left out.
SEARCH_PATHS = ("search/", "assets/javascripts/workers/", "assets/javascripts/lunr/",
                "assets/javascripts/search", "assets/javascripts/snowball-stemmers.js",
                "assets/javascripts/edit-distance.js", "assets/stylesheets/search")


def is_search_file(site_path: str) -> bool:
    return site_path.startswith(SEARCH_PATHS)


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and (found.get("rel") or "") == "stylesheet" and found.get("href"):
            self.urls.append(found["href"] or "")
        elif tag == "script" and found.get("src"):
            self.urls.append(found["src"] or "")


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def page_weight(site: Path, page: Path) -> tuple[int, list[str]]:
    """Bytes transferred, gzip-compressed, for ``page`` with the stylesheets and scripts it loads."""
    html = page.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    total = gzip_size(html)
    loaded = []
    for url in dict.fromkeys(parser.urls):
        if re.match(r"^[a-z]+:|^//", url):
            raise RuntimeError(f"{page} loads {url} from another host")
        asset = (page.parent / url.split("?")[0].split("#")[0]).resolve()
        total += gzip_size(asset.read_bytes())
        loaded.append(asset.relative_to(site.resolve()).as_posix())
    return total, loaded


def heaviest_record_page(site: Path, kinds: list[str]) -> tuple[str, int]:
    """The record page that weighs most with its CSS and JS (gzip), and that weight."""
    pages = [p for kind in kinds for p in (site / kind).glob("*/index.html")]
    page = max(pages, key=lambda p: gzip_size(p.read_bytes()))
    weight, _ = page_weight(site, page)
    return page.parent.relative_to(site).as_posix() + "/", weight


# --- mkdocs serve -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str, timeout: float) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(url: str, accept: Callable[[str], bool], limit: float) -> float:
    """Seconds until ``url`` answers with a body that ``accept`` takes."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        body = fetch(url, timeout=limit)
        if body is not None and accept(body):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show the change within {limit:.0f} s")


def time_serve(project: Path, record: Path, url_path: str, runs: int, limit: float = 1800) -> float:
    """Median seconds from saving a changed record to `mkdocs serve` serving its changed page."""
    project = project.resolve()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = project.parent / f"{project.name}-serve.log"
    original = record.read_text(encoding="utf-8")
    title = re.search(r"^title: (.+)$", original, flags=re.MULTILINE)
    if title is None or title.group(1)[:1] in ("'", '"'):
        raise RuntimeError(f"no plain title line to change in {record}")
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                                 "-f", str(project / "mkdocs.yml")],
                                cwd=project, env=build_env(project), stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(base + url_path, lambda body: True, limit)  # the first full build
        times = []
        for n in range(1, runs + 1):
            marker = f"Benchmark edit {n}"
            changed = f"{original[:title.end()]} {marker}{original[title.end():]}"
            time.sleep(1.0)  # let the server settle after the last rebuild
            start = time.perf_counter()
            record.write_text(changed, encoding="utf-8")
            wait_for(base + url_path, lambda body, marker=marker: marker in body, limit)  # type: ignore[misc]
            times.append(time.perf_counter() - start)
        return statistics.median(times)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        record.write_text(original, encoding="utf-8")


# --- the first search in a browser ------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class StaticServer:
    """A built site on a local port, for the browser."""

    def __init__(self, site: Path):
        handler = functools.partial(_QuietHandler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class FirstSearch:
    seconds: float  # median, from opening the page to the first result
    bytes: int  # search's files fetched until the first result, each counted gzip-compressed
    files: list[str]  # those files


def time_first_search(sites: dict[str, Path], url_path: str, runs: int, limit_s: float = 600) -> dict[str, FirstSearch]:
    """Per site: median seconds from opening ``url_path`` in a fresh browser to the first search result,
    and the bytes of search's own files (``is_search_file``) fetched until then, gzip-compressed (the
    same every run: the cache is empty each time)."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {name: [] for name in sites}
    fetched: dict[str, set[str]] = {name: set() for name in sites}
    servers = {name: StaticServer(site) for name, site in sites.items()}
    for server in servers.values():
        server.__enter__()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for _ in range(runs):
                    for name, server in servers.items():
                        context = browser.new_context()  # an empty cache: the index is fetched again
                        page = context.new_page()
                        seen: list[str] = []
                        page.on("requestfinished", seen_request(seen))
                        start = time.perf_counter()
                        page.goto(server.url + url_path, timeout=limit_s * 1000)
                        page.click(".md-search__input")
                        page.keyboard.type(SEARCH_QUERY)
                        page.wait_for_selector(".md-search-result__item", timeout=limit_s * 1000)
                        times[name].append(time.perf_counter() - start)
                        fetched[name].update(u[len(server.url):].split("?")[0] for u in list(seen)
                                             if u.startswith(server.url))
                        context.close()
            finally:
                browser.close()
    finally:
        for server in servers.values():
            server.__exit__()
    out = {}
    for name, site in sites.items():
        files = sorted(f for f in fetched[name] if is_search_file(f))
        out[name] = FirstSearch(statistics.median(times[name]), sum(gzip_size((site / f).read_bytes()) for f in files),
                                files)
    return out


def seen_request(seen: list[str]) -> Any:
    """A listener that notes each finished request's address in ``seen``."""
    def note(request: Any) -> None:
        seen.append(request.url)
    return note


@dataclass
class Typing:
    typed: int  # search's files fetched while typing the word letter by letter and until its results, gzip
    pasted: int  # the same for the word pasted whole
    typed_files: int
    pasted_files: int


def measure_typing(site: Path, url_path: str, words: tuple[str, ...] = TYPED_WORDS) -> dict[str, Typing]:
    """Per word: the bytes of search's own files (``is_search_file``, gzip) that a fresh browser fetches
    when the word is typed letter by letter (KEY_DELAY_MS between keys) and when it is pasted, each
    until search has answered and nothing more is fetched for a second."""
    from playwright.sync_api import sync_playwright

    def fetched(browser: Any, server: StaticServer, word: str, typed: bool) -> list[str]:
        context = browser.new_context()
        page = context.new_page()
        seen: list[str] = []
        page.on("requestfinished", seen_request(seen))
        page.goto(server.url + url_path)
        page.click(".md-search__input")
        waiting = page.inner_text("#lac-search-status")  # "Type to start searching", until an answer
        if typed:
            page.keyboard.type(word, delay=KEY_DELAY_MS)
        else:
            page.keyboard.insert_text(word)
        # The answer may be results or "No matching pages": the synthetic text has other words. Polled
        # from here: the pages' policy forbids the eval that wait_for_function would need.
        deadline = time.monotonic() + 60
        while page.inner_text("#lac-search-status") == waiting and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        count = -1
        while count != len(seen):  # until a second passes with nothing more fetched
            count = len(seen)
            page.wait_for_timeout(1000)
        context.close()
        paths = {u[len(server.url):].split("?")[0] for u in seen if u.startswith(server.url)}
        return sorted(p for p in paths if is_search_file(p))

    out = {}
    with StaticServer(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for word in words:
                typed, pasted = fetched(browser, server, word, True), fetched(browser, server, word, False)
                out[word] = Typing(sum(gzip_size((site / f).read_bytes()) for f in typed),
                                   sum(gzip_size((site / f).read_bytes()) for f in pasted), len(typed), len(pasted))
        finally:
            browser.close()
    return out
