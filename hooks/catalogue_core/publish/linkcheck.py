"""``python -m catalogue_core.publish.linkcheck`` (``make linkcheck``): do the records' web addresses answer?

Opt-in and never part of ``make test``: it needs the network, and a page that answers today may
not tomorrow. Every http(s) address in the records is requested once: URL fields (sources,
website, publication, follow-up) and links written in record text. A server that refuses HEAD
is asked again with GET. Broken addresses are reported as ``path:line: field: message`` at every
place they are used.

Exit status: 0 when every address answers, 1 when some are broken, 2 when nothing could be
checked (no network, or invalid records: run ``make check`` first).
"""

from __future__ import annotations

import argparse
import re
import socket
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..check.catalogue import Catalogue, load_catalogue
from ..load.records import text_values
from ..problems import Problem, field_path
from ..project import Project

TIMEOUT = 20  # seconds per request
WORKERS = 8
USER_AGENT = "lone-actors-practice-catalogue-linkcheck/1 (+https://example.org/lone-actors-practice-catalogue)"
# Answers that say "try later" or "no robots", not "gone": reported, but they do not fail the check.
NOT_A_VERDICT = {401, 403, 429, 503}

_TEXT_LINK = re.compile(r"\]\(\s*<?(https?://[^)\s>]+)|<(https?://[^>\s]+)>")


@dataclass(frozen=True)
class Use:
    """One place a record uses an address."""

    url: str
    path: str
    line: int
    field: str


@dataclass(frozen=True)
class Answer:
    ok: bool
    message: str  # e.g. "HTTP 404", "connection refused"
    verdict: bool = True  # False when the answer says nothing about the link itself


def external_links(catalogue: Catalogue) -> list[Use]:
    """Every http(s) address used in the records, with where it is used, in record order."""
    uses: list[Use] = []
    for record in catalogue.records:
        for at, value in text_values(record.data):
            if re.match(r"^https?://", value):
                uses.append(Use(value, record.path, record.line_of(*at), field_path(at)))
            else:
                for match in _TEXT_LINK.finditer(value):
                    uses.append(Use(match.group(1) or match.group(2), record.path, record.line_of(*at), field_path(at)))
    return uses


def ask(url: str, timeout: float = TIMEOUT) -> Answer:
    """Request ``url``: HEAD first, GET when the server will not answer HEAD."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Answer(True, f"HTTP {response.status}")
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (400, 403, 404, 405, 501):
                continue  # some servers answer HEAD wrongly; GET is the real question
            return Answer(False, f"HTTP {error.code} {error.reason}", verdict=error.code not in NOT_A_VERDICT)
        except urllib.error.URLError as error:
            return Answer(False, _reason(error.reason))
        except TimeoutError:
            return Answer(False, f"no answer within {timeout:g} s")
        except (OSError, ValueError) as error:  # a reset connection, a malformed address
            return Answer(False, _reason(error))
    return Answer(False, "no answer")  # pragma: no cover - the loop always returns


def _reason(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return "the host name does not resolve"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "no answer in time"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    return str(reason)


def network_is_reachable(hosts: list[str]) -> bool:
    """False when not one of ``hosts`` resolves: the machine is offline, not every link broken."""
    for host in hosts[:20]:
        try:
            socket.getaddrinfo(host, 443)
            return True
        except (socket.gaierror, UnicodeError):
            continue
    return False


def check(uses: list[Use], asker: Callable[[str], Answer] = ask) -> tuple[list[Problem], list[Problem]]:
    """(broken, unsure): problems at every use of an address that did not answer."""
    urls = sorted({u.url for u in uses})
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        answers = dict(zip(urls, pool.map(asker, urls)))
    broken: list[Problem] = []
    unsure: list[Problem] = []
    for use in uses:
        answer = answers[use.url]
        if not answer.ok:
            problem = Problem(use.path, use.line, use.field, f"{use.url} does not answer: {answer.message}.")
            (broken if answer.verdict else unsure).append(problem)
    return sorted(set(broken)), sorted(set(unsure))


def main(argv: list[str] | None = None, asker: Callable[[str], Answer] = ask) -> int:
    parser = argparse.ArgumentParser(prog="python -m catalogue_core.publish.linkcheck", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    args = parser.parse_args(argv)
    catalogue, problems = load_catalogue(Project.at(args.root))
    if catalogue is None:
        print(f"The records have {len(problems)} problems; run `make check` and fix them first. Nothing was checked.")
        return 2
    uses = external_links(catalogue)
    hosts = sorted({urlsplit(u.url).hostname or "" for u in uses} - {""})
    if not hosts:
        print("The records use no web addresses; nothing to check.")
        return 0
    if not network_is_reachable(hosts):
        print(f"No network: none of the {len(hosts)} host names in the records resolves (e.g. {hosts[0]}). "
              "The link check needs internet access; nothing was checked.")
        return 2
    addresses = len({u.url for u in uses})
    print(f"Checking {addresses} addresses, used {len(uses)} times in {len(catalogue.records)} records...")
    broken, unsure = check(uses, asker)
    for problem in unsure:
        print(f"{problem} (the server refused the check; open it in a browser)")
    for problem in broken:
        print(problem)
    if broken:
        print(f"{len(broken)} broken {'link' if len(broken) == 1 else 'links'}.")
        return 1
    print("Every address answers." if not unsure else "No broken links; the addresses above could not be checked.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
