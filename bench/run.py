"""``python -m bench``: measure synthetic catalogues of several sizes, check the budgets, report.

For each size: generate the records, assemble our project and its plain floor under
``bench/work/<size>/`` (git-ignored, replaced on every run), then time validation against parsing,
builds against the plain floor, `mkdocs serve` after an edit, and the first search in Chromium.
Writes ``bench/results.json`` and ``docs/benchmarks.md``, prints the table and the budgets, and exits
1 when a budget is missed (after everything is written).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from catalogue_core.schemas import Schemas

from . import measure, planner, report
from .generate import DEFAULT_SEED, MIN_SIZE, composition
from .project import TRANSLATIONS, make_plain_floor, make_project

# kind -> its folder, as the project's schemas declare them
KINDS = {kind.kind: kind.plural
         for kind in Schemas.load(Path(__file__).resolve().parent.parent / "schemas").kinds.values()}

WORK = Path(__file__).resolve().parent / "work"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def measure_size(size: int, runs: int, seed: int, machine: dict[str, Any], browser: bool) -> dict[str, Any]:
    folder = WORK / str(size)
    if folder.exists():
        shutil.rmtree(folder)
    log(f"{size:,} records: generating {composition(size)}")
    ours = make_project(folder / "ours", size, seed)
    floor = make_plain_floor(ours, folder / "plain")

    log(f"{size:,} records: check and parse")
    # At 100 records a check takes 40 ms, and a few ms of noise move the ratio by a tenth: more runs there.
    check, parse = measure.time_check_and_parse(ours, max(runs, 5 if size >= 1000 else 25))
    check_command_s = measure.check_command_s(ours, runs)

    # The first build of ours starts with no .cache/catalogue/, as a fresh checkout or CI does; it is
    # reported on its own, and the floor gets one untimed build to match. The builds compared come
    # after. A build's CPU time varies by several per cent from run to run on this shared machine, as
    # much as the build budget's margin at 1,000 records, so up to that size builds get 7 runs; at
    # 5,000 (a minute a build, with a wide margin) they get 5.
    cold_runs = 3 if size <= 1000 else 1
    log(f"{size:,} records: {cold_runs} first builds of ours, with nothing kept from an earlier one, "
        "each paired with a build of the floor")
    colds, cold_floors = [], []
    for _ in range(cold_runs):
        shutil.rmtree(ours / ".cache", ignore_errors=True)
        colds.append(measure.build_once(ours, ours / "site"))
        cold_floors.append(measure.build_once(floor, floor / "site", TRANSLATIONS))
    cold = sorted(colds, key=lambda b: b.cpu_seconds)[len(colds) // 2]
    build_runs = max(runs, 7 if size <= 1000 else 5)
    log(f"{size:,} records: {build_runs} builds of ours and of the plain floor, in turn")
    mine, theirs = measure.time_builds(ours, floor, build_runs, TRANSLATIONS)
    site = ours / "site"
    record = sorted((ours / "practices" / "practices").glob("*.yml"))[0]
    record_url = f"practices/{record.stem}/"
    page, page_bytes = measure.heaviest_record_page(site, list(KINDS.values()))

    log(f"{size:,} records: mkdocs serve after an edit, {runs} times")
    serve_s = measure.time_serve(ours, record, record_url, runs)

    first_search: dict[str, measure.FirstSearch | None] = {"ours": None, "plain": None}
    typing: dict[str, measure.Typing] = {}
    if browser:
        # Wall time across several processes is all a browser offers, so more runs than elsewhere.
        log(f"{size:,} records: first search in Chromium, {max(runs, 5)} times on each site, in turn")
        first_search.update(measure.time_first_search({"ours": site, "plain": floor / "site"}, record_url,
                                                      max(runs, 5)))
        log(f"{size:,} records: typing {', '.join(measure.TYPED_WORDS)} letter by letter and pasting them")
        typing = measure.measure_typing(site, record_url)

    return {
        "records": size,
        "counts": composition(size),
        "check_s": round(check.seconds, 4),
        "parse_s": round(parse.seconds, 4),
        "check_cpu_s": round(check.cpu_seconds, 4),
        "parse_cpu_s": round(parse.cpu_seconds, 4),
        "check_command_s": round(check_command_s, 3),
        "build_s": round(statistics.median(b.seconds for b in mine), 2),
        "plain_build_s": round(statistics.median(b.seconds for b in theirs), 2),
        "build_cpu_s": round(statistics.median(b.cpu_seconds for b in mine), 2),
        "plain_build_cpu_s": round(statistics.median(b.cpu_seconds for b in theirs), 2),
        "cold_build_s": round(cold.seconds, 2),
        "cold_build_cpu_s": round(cold.cpu_seconds, 2),
        "cold_build_runs_cpu_s": [round(b.cpu_seconds, 2) for b in colds],
        "cold_plain_build_runs_cpu_s": [round(b.cpu_seconds, 2) for b in cold_floors],
        "build_runs_s": [round(b.seconds, 2) for b in mine],
        "build_runs_cpu_s": [round(b.cpu_seconds, 2) for b in mine],
        "plain_build_runs_cpu_s": [round(b.cpu_seconds, 2) for b in theirs],
        "plain_build_runs_s": [round(b.seconds, 2) for b in theirs],
        "search_index_bytes": measure.search_index_bytes(site),
        "plain_search_index_bytes": measure.search_index_bytes(floor / "site"),
        "page": page,
        "page_bytes": page_bytes,
        "gzip_level": measure.GZIP_LEVEL,
        "serve_s": round(serve_s, 2),
        "first_search_s": None if first_search["ours"] is None else round(first_search["ours"].seconds, 3),
        "plain_first_search_s": None if first_search["plain"] is None else round(first_search["plain"].seconds, 3),
        "first_search_bytes": None if first_search["ours"] is None else first_search["ours"].bytes,
        "plain_first_search_bytes": None if first_search["plain"] is None else first_search["plain"].bytes,
        "first_search_files": None if first_search["ours"] is None else first_search["ours"].files,
        "plain_first_search_files": None if first_search["plain"] is None else first_search["plain"].files,
        "search_query": measure.SEARCH_QUERY,
        "typing": {word: asdict(t) for word, t in typing.items()} or None,
        "typing_ratio": max((round(t.typed / t.pasted, 3) for t in typing.values()), default=None),
        "key_delay_ms": measure.KEY_DELAY_MS,
        "peak_rss_mb": round(max(b.peak_rss_mb for b in [cold, *mine]), 1),
        "plain_peak_rss_mb": round(max(b.peak_rss_mb for b in theirs), 1),
        "runs": runs,
        "seed": seed,
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000], help="catalogue sizes")
    parser.add_argument("--runs", type=int, default=3, help="runs per timing, at least 3 (default 3)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the synthetic catalogues")
    parser.add_argument("--no-browser", action="store_true", help="skip the first-search timing in Chromium")
    parser.add_argument("--page-only", action="store_true",
                        help="only rewrite docs/benchmarks.md from bench/results.json")
    args = parser.parse_args(argv)
    if args.page_only:
        rows = report.read_results()
        report.write_page(rows)
        print(report.table(rows))
        return 0
    if args.runs < 3:
        parser.error("--runs must be at least 3: every time is a median")
    if min(args.sizes) < MIN_SIZE:
        parser.error(f"sizes must be at least {MIN_SIZE}")

    machine = report.machine()
    rows = [measure_size(size, args.runs, args.seed, machine, not args.no_browser) for size in sorted(set(args.sizes))]
    report.write_results(rows)
    planner_verdicts: list[report.Verdict] = []
    if not args.no_browser:
        log(f"the assessment planner at {report.PLANNER_SIZE:,} instruments")
        planner_result = planner.measure(report.PLANNER_SIZE)
        report.write_planner_results(planner_result)
        planner_verdicts = report.planner_verdicts(planner_result)
    report.write_page(rows)
    print()
    print(report.table(rows))
    print()
    verdicts = report.check_budgets(rows) + planner_verdicts
    for verdict in verdicts:
        print(verdict)
    failed = [v for v in verdicts if not v.passed]
    written = f"{report.RESULTS.relative_to(report.ROOT)} and {report.PAGE.relative_to(report.ROOT)}"
    print(f"\n{len(verdicts) - len(failed)} of {len(verdicts)} budgets met. Wrote {written}.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
