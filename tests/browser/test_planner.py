"""The assessment planner (/plan/) in Chromium, on a desk (1280x800) and a phone (375x800).

Each scenario is a set of choices, the instruments that must and must not fit, and the kinds of
assessment in order. The lists were read off the instruments' records (their stages, ages, settings,
professions and access) and the rules in planner/planner.yml, and the Python reading of the rules
(catalogue_core/render/plan_answer.py) must agree with the page in full, so a change to a record, a rule
or the script shows up here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from browser.conftest import WatchedPage
from catalogue_core.check.catalogue import Catalogue, Project, load_catalogue
from catalogue_core.render.plan_answer import answer
from conftest import ROOT

SCENARIOS = [  # (address query, must fit, must not fit, kinds of assessment in order)
    ("stage=first-concern&age=under-18", ["ivp", "vaf", "ra-prof", "dyrias"], ["vera-2r", "hcr-20-v3", "saprof", "fast"],
     ["screening"]),
    ("setting=prison&need=violence", ["vera-2r", "erg22-plus", "hcr-20-v3"], ["trap-18", "radar-ite", "ivp"], ["risk"]),
    ("setting=probation&role=probation-officer", ["vera-2r", "resource-risk-inventory"], ["hcr-20-v3", "radar-ite"], []),
    ("need=attack", ["trap-18", "dyrias"], ["vera-2r", "ivp", "inclusion-chart"], ["threat"]),
    ("role=social-worker&need=social", ["inclusion-chart", "gridd-pro"], ["vera-2r", "trap-18"], ["social-diagnostics"]),
    ("need=look-closer&access=open", ["ivp"], ["ra-prof", "screener-islamismus", "vaf"], ["screening"]),
    ("setting=police&role=police-officer&need=violence", ["radar-ite", "vera-2r"], ["erg22-plus", "hcr-20-v3"], ["risk"]),
    ("age=under-18&need=violence", ["vera-2r", "mlg"], ["hcr-20-v3", "saprof"], ["risk"]),
    ("stage=before-release&setting=prison", ["vera-2r", "hcr-20-v3"], ["erg22-plus", "ivp"],
     ["risk", "needs", "social-diagnostics"]),
    ("setting=multi-agency&stage=no-criminal-case", ["vaf"], ["erg22-plus", "radar-ite", "ivp"], ["screening", "needs"]),
    ("role=mental-health-professional&need=needs", ["saprof"], ["resource-risk-inventory", "vaf"], ["needs"]),
    ("access=training&need=violence", ["vera-2r"], ["radar-ite", "erg22-plus", "resource-risk-inventory"], ["risk"]),
    ("setting=exit", ["gridd-pro"], ["vera-2r", "inclusion-chart"], []),
    ("role=teacher&need=look-closer", ["ra-prof", "screener-islamismus", "vaf"], ["fast", "trap-18"], ["screening"]),
    ("stage=probation&need=needs&need=social", ["resource-risk-inventory", "inclusion-chart"], ["vera-2r", "fast"],
     ["risk", "needs", "social-diagnostics"]),
    ("ties=alone", ["trap-18", "vera-2r", "fast"], [], []),
]
SIZES = {"desk": {}, "phone": {"mobile": True}}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    found, problems = load_catalogue(Project.at(ROOT))
    assert found is not None and found.planner is not None, problems
    return found


def _ids(tab: WatchedPage, region: str) -> list[str]:
    return list(tab.page.eval_on_selector_all(f'[data-planner="{region}"] li[data-id]',
                                              "items => items.map(i => i.dataset.id)"))


def _open_plan(open_site: Callable[..., WatchedPage], real_url: str, size: str, query: str = "") -> WatchedPage:
    tab = open_site(real_url, **SIZES[size])
    tab.goto("plan/" + (f"?{query}" if query else ""))
    tab.page.wait_for_selector('[data-planner="fit"] li[data-id], [data-planner="fit"] p')
    return tab


@pytest.mark.parametrize("size", SIZES)
def test_scenarios_give_the_instruments_and_types_the_rules_say(
        size: str, real_url: str, open_site: Callable[..., WatchedPage], catalogue: Catalogue) -> None:
    assert catalogue.planner is not None
    tab = open_site(real_url, **SIZES[size])
    for query, must_fit, must_not_fit, types in SCENARIOS:
        tab.goto(f"plan/?{query}")
        tab.page.wait_for_selector('[data-planner="summary"]:not(:empty)')
        fit, not_fit = _ids(tab, "fit"), _ids(tab, "not-fit")
        shown_types = tab.page.eval_on_selector_all('[data-planner="types"] li[data-type]',
                                                    "items => items.map(i => i.dataset.type)")
        assert set(must_fit) <= set(fit), (query, fit)
        assert set(must_not_fit) <= set(not_fit), (query, not_fit)
        assert shown_types == types, query
        expected = answer(catalogue.planner, catalogue, {k: v for k, v in parse_qs(query).items()})
        assert fit == [r.id for r, _ in expected.fit], query
        assert not_fit == [r.id for r, _ in expected.not_fit], query
        # Nothing is dropped silently: every instrument is in one list, and each that does not fit says why.
        assert len(fit) + len(not_fit) == len(catalogue.of_kind(catalogue.planner.instrument_kind))
        reasons = tab.page.eval_on_selector_all('[data-planner="not-fit"] li', "items => items.map(i => i.textContent)")
        assert all(": " in reason for reason in reasons)
        practices = tab.page.eval_on_selector_all('[data-planner="practices"] li[data-id]',
                                                  "items => items.map(i => i.dataset.id)")
        assert practices == [p.id for p in expected.practices], query
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= tab.page.viewport_size["width"]
    assert tab.problems() == []


@pytest.mark.parametrize("size", SIZES)
def test_the_answers_live_in_the_address(size: str, real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = _open_plan(open_site, real_url, size)
    page = tab.page
    page.check('input[name="setting"][value="prison"]')
    page.check('input[name="need"][value="violence"]')
    assert "setting=prison" in page.url and "need=violence" in page.url
    fit = _ids(tab, "fit")
    page.reload()
    page.wait_for_selector('[data-planner="fit"] li[data-id]')
    assert _ids(tab, "fit") == fit
    assert page.is_checked('input[name="setting"][value="prison"]')
    page.go_back()  # before "violence" was ticked
    page.wait_for_function("!location.search.includes('need=')")
    assert not page.is_checked('input[name="need"][value="violence"]')
    assert _ids(tab, "fit") != fit
    # The jump link names the count and is in the first screen on a phone too.
    jump = page.locator('[data-planner="jump"]')
    assert jump.is_visible() and "instruments that fit" in jump.inner_text()
    box = jump.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 800
    assert tab.problems() == []


def test_without_javascript_the_page_is_a_table_of_every_instrument(real_site_build: Path, browser: object,
                                                                      real_url: str, catalogue: Catalogue) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(real_url + "plan/")
    rows = page.eval_on_selector_all(".lac-plan-table tbody th a", "links => links.map(a => a.textContent)")
    assert catalogue.planner is not None
    assert sorted(rows) == sorted(r.title for r in catalogue.of_kind(catalogue.planner.instrument_kind))
    assert not page.is_visible("#plan-form")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
def test_axe_finds_nothing(size: str, dark: bool, real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = open_site(real_url, dark=dark, **SIZES[size])
    tab.goto("plan/?setting=prison&need=violence&age=adult")
    tab.page.wait_for_selector('[data-planner="fit"] li[data-id]')
    tab.page.click(".lac-plan-not-fit summary")
    assert tab.axe() == []


@pytest.mark.parametrize("query", ["setting=prison&need=violence&age=adult", ""], ids=["a few fit", "every one fits"])
def test_print_this_plan_is_one_a4_page(query: str, real_url: str, open_site: Callable[..., WatchedPage]) -> None:
    tab = _open_plan(open_site, real_url, "desk", query)
    tab.page.emulate_media(media="print")
    assert tab.page.is_visible(".lac-plan-caution")
    assert tab.page.is_visible(".lac-plan-printed")
    assert not tab.page.is_visible("#plan-form")
    pdf = tab.page.pdf(format="A4")
    assert _pages(pdf) == 1


def _pages(pdf: bytes) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_the_offline_copy_plans_from_file(offline_site: Path, open_site: Callable[..., WatchedPage],
                                          catalogue: Catalogue) -> None:
    """plan/data.js is a script, so the planner answers from file:// too, address and all."""
    assert catalogue.planner is not None
    tab = open_site(offline_site.as_uri() + "/", mobile=True)
    tab.goto("plan.html?setting=prison&need=violence")
    tab.page.wait_for_selector('[data-planner="fit"] li[data-id]')
    expected = answer(catalogue.planner, catalogue, {"setting": ["prison"], "need": ["violence"]})
    assert _ids(tab, "fit") == [r.id for r, _ in expected.fit]
    tab.page.check('input[name="age"][value="under-18"]')
    assert "age=under-18" in tab.page.url
    assert tab.page.eval_on_selector('[data-planner="fit"] a', "a => a.href").endswith(".html")
    assert tab.csp_violations() == []
