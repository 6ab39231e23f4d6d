"""Budgets, the results table, ``bench/results.json`` and the results page ``docs/benchmarks.md``."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
PAGE = ROOT / "docs" / "benchmarks.md"

KB = 1000  # budgets in kilobytes are counted in thousands of bytes, the stricter reading

# (column, heading, format) for the table, in order.
COLUMNS: list[tuple[str, str, str]] = [
    ("records", "records", "{:,}"),
    ("check_s", "check s", "{:.3f}"),
    ("parse_s", "parse s", "{:.3f}"),
    ("check_ratio", "check / parse (CPU)", "{:.2f}"),
    ("build_s", "build s", "{:.1f}"),
    ("plain_build_s", "plain build s", "{:.1f}"),
    ("build_ratio", "build / plain (CPU)", "{:.3f}"),
    ("cold_build_s", "first build s", "{:.1f}"),
    ("search_index_bytes", "search index", "{:,}"),
    ("first_search_bytes", "first search bytes", "{:,}"),
    ("plain_first_search_bytes", "plain first search bytes", "{:,}"),
    ("page_bytes", "page (gzip)", "{:,}"),
    ("serve_s", "serve s", "{:.1f}"),
    ("first_search_s", "first search s", "{:.2f}"),
    ("plain_first_search_s", "plain first search s", "{:.2f}"),
    ("typing_ratio", "typing / paste bytes", "{:.2f}"),
    ("peak_rss_mb", "peak RSS MB", "{:.0f}"),
]


@dataclass(frozen=True)
class Verdict:
    budget: str
    records: int
    measured: str
    passed: bool

    def __str__(self) -> str:
        return f"{'pass' if self.passed else 'FAIL'}  {self.budget} at {self.records:,} records: {self.measured}"


def cpu(row: dict[str, Any], key: str) -> float:
    """The CPU time of a measurement where the row has it, else its wall time.

    Ratios use CPU time: on this shared 2-core machine other people's work stretches wall times by
    half or more, while a single-threaded build's CPU time stays what its wall time would be on an
    idle machine.
    """
    value = row.get(key.replace("_s", "_cpu_s"), row[key])
    return float(value)


def derived(row: dict[str, Any]) -> dict[str, Any]:
    """The row with the ratios the table shows."""
    return {**row, "check_ratio": cpu(row, "check_s") / cpu(row, "parse_s"),
            "build_ratio": cpu(row, "build_s") / cpu(row, "plain_build_s")}


def check_budgets(rows: list[dict[str, Any]]) -> list[Verdict]:
    """Every budget of issue 7 that the measured sizes allow to check."""
    verdicts = []
    by_size = {row["records"]: row for row in rows}
    for row in rows:
        n = row["records"]
        ratio = cpu(row, "check_s") / cpu(row, "parse_s")
        verdicts.append(Verdict("check <= 2x parse", n, f"{ratio:.2f}x", ratio <= 2.0))
        ours, plain = row.get("first_search_bytes"), row.get("plain_first_search_bytes")
        if ours is not None and plain:
            if n >= 5000:
                verdicts.append(Verdict("first search bytes <= 0.5x Material's stock search", n,
                                        f"{ours / plain:.2f}x ({ours:,} B against {plain:,} B)", ours <= 0.5 * plain))
            elif n >= 1000:
                verdicts.append(Verdict("first search bytes <= 1.0x Material's stock search", n,
                                        f"{ours / plain:.2f}x ({ours:,} B against {plain:,} B)", ours <= plain))
            if n <= 100:
                verdicts.append(Verdict("first search bytes < 250 KB", n, f"{ours / KB:.1f} KB", ours < 250 * KB))
        verdicts.append(Verdict("record page <= 150 KB transferred", n,
                                f"{row['page_bytes'] / KB:.1f} KB ({row['page']})", row["page_bytes"] <= 150 * KB))
        if row.get("typing_ratio") is not None:
            words = ", ".join(f"{word}: {t['typed']:,} B typed, {t['pasted']:,} B pasted"
                              for word, t in (row.get("typing") or {}).items())
            verdicts.append(Verdict("typing a word letter by letter <= 1.5x the search bytes of pasting it", n,
                                    f"{row['typing_ratio']:.2f}x ({words})", row["typing_ratio"] <= 1.5))
        if row.get("first_search_s") is not None:
            ratio = row["first_search_s"] / row["plain_first_search_s"]
            verdicts.append(Verdict("first search <= 1.2x plain floor", n, f"{ratio:.2f}x", ratio <= 1.2))
    if 1000 in by_size:
        row = by_size[1000]
        ratio = cpu(row, "build_s") / cpu(row, "plain_build_s")
        verdicts.append(Verdict("build <= 1.10x plain floor", 1000, f"{ratio:.3f}x{pair_range(row)}", ratio <= 1.10))
        if row.get("cold_build_runs_cpu_s"):
            colds = [a / b for a, b in zip(row["cold_build_runs_cpu_s"], row["cold_plain_build_runs_cpu_s"])]
            ratio = sorted(colds)[len(colds) // 2]
            verdicts.append(Verdict("first build, nothing kept, <= 1.15x plain floor", 1000,
                                    f"{ratio:.3f}x (pair by pair {min(colds):.2f} to {max(colds):.2f})",
                                    ratio <= 1.15))
    if 1000 in by_size and 5000 in by_size:
        ratio = cpu(by_size[5000], "build_s") / cpu(by_size[1000], "build_s")
        verdicts.append(Verdict("5,000-record build <= 5.5x the 1,000-record build", 5000, f"{ratio:.2f}x",
                                ratio <= 5.5))
    return verdicts


def pair_range(row: dict[str, Any]) -> str:
    """How far the build ratio strays from run to run, pair by pair: the noise a verdict sits in."""
    pairs = [a / b for a, b in zip(row.get("build_runs_cpu_s", []), row.get("plain_build_runs_cpu_s", []))]
    return f" (pair by pair {min(pairs):.2f} to {max(pairs):.2f})" if pairs else ""


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(next(line for line in Path("/proc/meminfo").read_text().splitlines()
                          if line.startswith("MemTotal")).split()[1])
    except (OSError, StopIteration, ValueError):
        mem_kb = 0
    try:
        chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True,
                                  timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "not found"
    return {
        "os": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs_material": version("mkdocs-material"),
        "chromium": chromium,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def table(rows: list[dict[str, Any]]) -> str:
    """The results as a Markdown table (it reads as plain text too)."""
    head = "| " + " | ".join(h for _, h, _ in COLUMNS) + " |"
    rule = "|" + "|".join("---:" for _ in COLUMNS) + "|"
    lines = [head, rule]
    for row in map(derived, rows):
        cells = [fmt.format(row[key]) if row.get(key) is not None else "n/a" for key, _, fmt in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_results(rows: list[dict[str, Any]]) -> None:
    RESULTS.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_results() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(RESULTS.read_text(encoding="utf-8"))
    return rows


PLANNER_RESULTS = ROOT / "bench" / "planner-results.json"
PLANNER_SIZE = 1000  # instruments in the planner's measurement (bench/planner.py)
PLANNER_DATA_BUDGET = 1_000_000  # bytes of plan/data.js at PLANNER_SIZE instruments
PLANNER_UPDATE_BUDGET = 0.25  # an update after a choice, as a share of the time the page takes to render


def write_planner_results(result: dict[str, Any]) -> None:
    PLANNER_RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def planner_verdicts(result: dict[str, Any]) -> list[Verdict]:
    size = int(result["instruments"])
    return [
        Verdict(f"planner data <= {PLANNER_DATA_BUDGET:,} B", size, f"{result['data_bytes']:,} B",
                result["data_bytes"] <= PLANNER_DATA_BUDGET),
        Verdict(f"planner update <= {PLANNER_UPDATE_BUDGET}x page render", size,
                f"{result['update_to_render']}x ({result['update_ms']} ms against {result['render_ms']} ms)",
                result["update_to_render"] <= PLANNER_UPDATE_BUDGET),
    ]


def planner_section() -> str:
    """The planner's numbers (bench/planner.py), as make bench last measured them."""
    if not PLANNER_RESULTS.exists():
        return "## The assessment planner\n\nNot measured yet: `make bench` measures it.\n\n"
    r = json.loads(PLANNER_RESULTS.read_text(encoding="utf-8"))
    verdicts = "\n".join(f"- **{'pass' if v.passed else 'FAIL'}**: {v.budget} at {v.records:,} instruments: {v.measured}"
                         for v in planner_verdicts(r))
    return f"""## The assessment planner

`make bench` also builds the real catalogue with synthetic instruments up to {r['instruments']:,} (each with
random planner fields) and opens `/plan/` in Chromium at 375x800 (`bench/planner.py`; medians of 5 loads,
measured {r['measured_at']}). The page's weight is mostly the table of every instrument that readers
without JavaScript get; with JavaScript, `plan/data.js` holds what the answer is made from.

| instruments | plan/data.js | plan page HTML | planner.js | page render (load event) | update after a choice | update / render |
|---|---|---|---|---|---|---|
| {r['instruments']:,} | {r['data_bytes']:,} B | {r['page_bytes']:,} B | {r['script_bytes']:,} B | {r['render_ms']:,} ms | {r['update_ms']:,} ms | {r['update_to_render']} |

{verdicts}

"""


def page_markdown(rows: list[dict[str, Any]]) -> str:
    """docs/benchmarks.md: the latest table, when and where it was measured, and what each number means."""
    first = rows[0]
    m = first["machine"]
    verdicts = "\n".join(f"- **{'pass' if v.passed else 'FAIL'}**: {v.budget} at {v.records:,} records: {v.measured}"
                         for v in check_budgets(rows))
    return f"""---
title: Benchmarks
description: How long checking, building and serving the catalogue take as it grows, and how big its pages are.
---

# Benchmarks

`make bench` builds synthetic catalogues of {", ".join(f"{r['records']:,}" for r in rows)} records (every kind,
realistic text lengths and cross-references) and measures them against the floor that MkDocs, Material
and PyYAML set on their own. This page is written by `make bench`; do not edit it by hand.

Measured {measured_when(rows)} on {m['cores']} cores ({m['cpu'] or 'unknown CPU'}), {m['memory_gib']} GiB,
{m['os']}, Python {m['python']}, MkDocs {m['mkdocs']}, Material {m['mkdocs_material']}, {m['chromium']}.
Load average when the run started: {", ".join(str(x) for x in m['load_average_at_start'])}.
Times are medians of {first['runs']} runs (check and parse: at least 25 below 1,000 records and 5 from there,
in a fresh Python process as `make check` runs; builds: at least 7 up to 1,000 records and 5 above), ours
and the floor taken in turn.
The machine is shared, so times are only compared as ratios measured in the same run, and the ratios
use CPU time (user + system): while other work runs, wall times stretch by half or more, but a
single-threaded build's CPU time stays what its wall time would be on an idle machine. Wall times
are in the table and, run by run, in `bench/results.json`.

{table(rows)}

## Budgets

{verdicts}

{planner_section()}
## How search is counted

The catalogue's search replaces Material's (`hooks/catalogue_core/publish/search/index_files.py`). Both sides of
every comparison pay for their own search, and nothing of either is left out:

- **Build.** Our build writes our search index in the hook (every page's text, read from its
  HTML, into small files under `search/`); the plain floor builds the same pages with Material's
  stock search plugin, which writes `search/search_index.json`. The build ratio therefore compares
  our search's indexing with Material's, inside the build times.
- **Typing.** The search box searches on every key but loads the result pages only when typing
  pauses, and loads each shard once; the typing ratio shows what typing letter by letter costs
  over pasting the same word.
- **First search.** The bytes are those of search's own files the browser fetched from opening a
  record page to the first result, each counted gzip-compressed: for Material, its search worker and
  the whole `search_index.json`, fetched as the page loads; for ours, the search box's script and
  stylesheet (loaded with the page), then, on the first key, the engine with its Snowball stemmers
  and edit-distance helper, its config, the shards of
  the words typed and the result pages shown. The page, the theme and the other scripts load on both
  sites and count on neither.

## What each number means

{meanings(first)}
"""


def measured_when(rows: list[dict[str, Any]]) -> str:
    """When the rows were measured: one date, or each size's own when a run measured only some sizes."""
    dates = {row["measured_at"] for row in rows}
    if len(dates) == 1:
        return rows[0]["measured_at"]
    return "; ".join(f"{row['records']:,} records {row['measured_at']}" for row in rows) + " (sizes measured in separate runs)"


def meanings(row: dict[str, Any]) -> str:
    """The table that says what each column means."""
    items = [
        ("records", "records in the synthetic catalogue, of every kind"),
        ("check s", "what `make check` does once Python has started: read, parse strictly and validate every "
                    "record (interpreter start-up and imports, the same at any size, are left out; the whole "
                    f"command took {row['check_command_s']:.2f} s at {row['records']:,} records)"),
        ("parse s", "the floor for check: only parsing the same files with PyYAML's C loader"),
        ("check / parse (CPU)", "budget: at most 2 at every size"),
        ("build s", "`mkdocs build --strict` of the project with its hooks, as `make build` runs it again: "
                    "with the work the build before kept in `.cache/catalogue/` (parsed records, checks passed, "
                    "record pages and export rows, rendered text)"),
        ("plain build s", "the floor for build: the pages our hooks generate, written as plain Markdown files "
                          "(their data files as static files), built with the same `mkdocs.yml` without `hooks:`, "
                          "with Material's stock search plugin in place of ours; so our build pays for our search "
                          "index and the floor for Material's"),
        ("build / plain (CPU)", "budget: at most 1.10 at 1,000 records; and 5,000 records in at most 5.5 times "
                                "the CPU time of 1,000"),
        ("first build s", "the first build of a fresh copy, with no `.cache/` yet, as on a CI machine"),
        ("search index", "bytes of all the search index's files under `search/`; the browser loads only the few "
                         "it needs for the words typed"),
        ("first search bytes", "search's own files the browser fetched from opening a record page to the first "
                               f"result for \"{row['search_query']}\", each counted gzip-compressed: the search box "
                               "code and stylesheet, the engine with its Snowball stemmers, its config, the shards of "
                               "the words typed and the "
                               "pages shown (nothing but the box is fetched before typing). Budgets: at most 0.5 "
                               "times Material's at 5,000 records, at most 1.0 times at 1,000, under 250 KB at 100"),
        ("plain first search bytes", "the same for Material's stock search on the plain floor: its worker, lunr's "
                                     "language files and `search_index.json`, all fetched when the page loads"),
        ("page (gzip)", "the heaviest record page with its stylesheets and scripts, gzip-compressed (level "
                        f"{row['gzip_level']}) as a web server sends them; budget: at most 150,000 bytes"),
        ("serve s", "from saving a changed record to `mkdocs serve` serving the changed page (it rebuilds the "
                    "whole site)"),
        ("first search s", "in Chromium with an empty cache: from opening a record page to the first search "
                           f"result for \"{row['search_query']}\""),
        ("plain first search s", "the same on the plain floor's site; budget: first search at most 1.2 times this"),
        ("typing / paste bytes", "search's own files fetched (gzip) when a word is typed letter by letter, "
                                 f"{row.get('key_delay_ms', 150)} ms between keys, against the same word pasted, each "
                                 "in a fresh browser until its results are shown; the larger ratio of "
                                 f"{', '.join(repr(w) for w in (row.get('typing') or {}))}. Budget: at most 1.5"),
        ("peak RSS MB", "the most memory one build used"),
    ]
    return "\n".join(["| column | meaning |", "|---|---|"] + [f"| {name} | {text} |" for name, text in items])


def write_page(rows: list[dict[str, Any]]) -> None:
    PAGE.write_text(page_markdown(rows), encoding="utf-8")
