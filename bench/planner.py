"""The planner at scale: the real catalogue with synthetic instruments up to ``size``, built, and the
page opened in Chromium. Measures the bytes the page needs (plan/data.js and planner.js) and the time
to update the answer after a choice, as a ratio to the time the browser takes to render the page.

    PYTHONPATH=hooks .venv/bin/python -m bench.planner 1000

``make bench`` runs it at ``report.PLANNER_SIZE`` instruments and checks its budgets.
"""

from __future__ import annotations

import functools
import random
import shutil
import sys
import tempfile
import threading
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from catalogue_core.check.planner_rules import field_values

ROOT = Path(__file__).resolve().parent.parent
PLANNER_FIELDS = ["stages", "ages", "settings", "professions"]


def make_project(folder: Path, size: int, seed: int = 1) -> None:
    shutil.copytree(ROOT, folder, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".site.*",
                                                                "dist", "tests", "__pycache__", ".cache", "bench"))
    from catalogue_core.schemas import load_schemas

    schemas, _ = load_schemas(folder / "schemas")
    assert schemas is not None
    rng = random.Random(seed)
    tools = sorted((folder / "practices" / "tools").glob("*.yml"))
    for n in range(size - len(tools)):
        data = yaml.safe_load(tools[n % len(tools)].read_text(encoding="utf-8"))
        data["title"] = f"Synthetic instrument {n + 1}"
        data.pop("acronym", None)
        data.pop("related", None)
        for name in PLANNER_FIELDS:
            pool = field_values(schemas, "tool", name)[:-1]  # without "not-stated"
            data[name] = rng.sample(pool, rng.randint(1, min(3, len(pool))))
        data["access"] = rng.choice(field_values(schemas, "tool", "access"))
        (folder / "practices" / "tools" / f"synthetic-{n + 1}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def measure(size: int) -> dict[str, float]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        make_project(project, size)
        site = project / "site"
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
        data_bytes = (site / "plan" / "data.js").stat().st_size
        page_bytes = (site / "plan" / "index.html").stat().st_size
        script_bytes = (site / "assets" / "javascripts" / "planner.js").stat().st_size

        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                page = browser.new_page(viewport={"width": 375, "height": 800})
                renders, updates = [], []
                for _ in range(5):
                    page.goto(f"http://127.0.0.1:{server.server_address[1]}/plan/")
                    page.wait_for_selector('[data-planner="fit"] li[data-id]')
                    renders.append(page.evaluate(
                        "performance.getEntriesByType('navigation')[0].loadEventEnd"))
                    updates.append(page.evaluate("""() => {
                        const t = performance.now();
                        const box = document.querySelector('input[name="need"][value="violence"]');
                        box.click();
                        document.querySelector('[data-planner="fit"]').getBoundingClientRect();  // layout done
                        return performance.now() - t; }"""))
                browser.close()
        finally:
            server.shutdown()
    render, update = sorted(renders)[2], sorted(updates)[2]
    return {"measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "instruments": size, "data_bytes": data_bytes, "page_bytes": page_bytes, "script_bytes": script_bytes,
            "render_ms": round(render, 1), "update_ms": round(update, 1), "update_to_render": round(update / render, 3)}


if __name__ == "__main__":
    print(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
