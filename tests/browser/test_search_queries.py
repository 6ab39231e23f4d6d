"""Search as practitioners type it, on the built site and on the offline copy (from file://).

QUERIES is the query table: what a probation officer, a social worker or an exit worker in Austria
or Germany might type, in English or German, with inflections, without umlauts, with punctuation,
and the pages that must be among the first three results. Then: every record is first for its full
title as typed; words that occur only in a record's detail sections find it in the first five.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from browser.conftest import SEARCH_RESULT, WatchedPage, serve
from browser.test_find_it_fast import search_results
from catalogue_core.publish.interface_script import SCRIPT_PATH, interface_script
from catalogue_core.publish.search.words import terms
from catalogue_core.schemas import Schemas
from conftest import ROOT

# (query, pages that must be in the first three results). Pages are site addresses.
QUERIES: list[tuple[str, list[str]]] = [
    # German word forms, compounds and umlauts typed without them
    ("Schutzfaktoren", ["terms/protective-factor/"]),
    ("Risikobewertungen", ["practices/german-police-gefaehrder-risk-assessment/"]),
    ("psychische Erkrankung", ["recommendations/bring-mental-health-expertise-into-assessment/"]),
    ("Sozialarbeit", ["practices/social-diagnostics-in-counselling/"]),
    ("Jugendarbeit", ["practices/beratungsstelle-extremismus/"]),
    ("Bewahrungshilfe", ["practices/neustart-extremism-probation/"]),
    ("Bewaehrungshilfe Österreich", ["practices/neustart-extremism-probation/"]),
    ("Gefaehrder", ["terms/gefaehrder/"]),
    ("Gefahrder", ["terms/gefaehrder/"]),
    ("„Gefährder“", ["terms/gefaehrder/"]),
    ("Deradikalisierung", ["terms/deradicalisation/"]),
    ("Radikalisierung", ["terms/radicalisation/"]),
    ("Einzeltäter", ["terms/lone-actor/"]),
    ("einsamer Wolf", ["terms/lone-actor/"]),
    ("Schweigepflicht", ["terms/confidentiality/"]),
    ("strukturierte professionelle Urteilsbildung", ["terms/structured-professional-judgement/"]),
    ("Bedrohungsmanagement", ["terms/threat-assessment/"]),
    ("Gefährlichkeit", ["terms/dangerousness/"]),
    ("Verletzlichkeit", ["terms/vulnerability/"]),
    ("Soziale Diagnostik", ["terms/social-diagnostics/", "practices/social-diagnostics-in-counselling/"]),
    ("Ausstieg", ["terms/disengagement/"]),
    ("Ausstiegsprogramm", ["practices/kompass-exit-programme/"]),
    ("Fallkonferenz Staatsschutz", ["practices/austrian-case-conferences/"]),
    ("Entlassungskonferenz", ["terms/case-conference/"]),  # the term's German name
    ("Verantwortungspaedagogik", ["practices/vpn-prison-and-probation/"]),
    ("Sozialnetzkonferenz", ["practices/sozialnetz-konferenz/"]),
    ("Ressourcen-Risiken-Inventar", ["tools/resource-risk-inventory/"]),
    ("Inklusionschart", ["tools/inclusion-chart/"]),
    ("Religiöse Toleranz statt Extremismus", ["practices/advice-centre-hesse/"]),
    ("Beratungsstelle Radikalisierung", ["practices/bamf-advice-centre-radicalisation/"]),
    ("Baden-Wuerttemberg Bewährungshilfe", ["practices/bgbw-resource-risk-probation/"]),
    # English, both spellings, and the practitioners' own words
    ("deradicalization", ["terms/deradicalisation/"]),
    ("structured professional judgment", ["terms/structured-professional-judgement/"]),
    ("protective factors", ["terms/protective-factor/"]),
    ("lone wolf", ["recommendations/avoid-the-lone-wolf-label/"]),
    ('"lone wolf" label', ["recommendations/avoid-the-lone-wolf-label/"]),
    ("probation Austria", ["practices/neustart-extremism-probation/"]),
    ("risk assessment lone actors", ["meetings/ran-lone-actors-assessment-tools-2021/"]),
    ("Islamist terrorism risk", ["tools/radar-ite/"]),
    ("train mental health and probation staff together", ["recommendations/train-disciplines-together/"]),
    ("release planning prison", ["recommendations/plan-release-before-discharge/"]),
    ("co ownership", ["terms/co-ownership/"]),
    ("Identifying Vulnerable People", ["tools/ivp/"]),
    ("Violence Prevention Network", ["practices/vpn-prison-and-probation/"]),
    ("Healthy Identity Intervention", ["practices/healthy-identity-intervention/"]),
    # Acronyms and names with or without hyphens and spaces
    ("VERA-2R", ["tools/vera-2r/"]),
    ("VERA 2R", ["tools/vera-2r/"]),
    ("vera2r", ["tools/vera-2r/"]),
    ("ERG22+", ["tools/erg22-plus/"]),
    ("ERG 22+", ["tools/erg22-plus/"]),
    ("ERG-R", ["tools/erg-r/"]),
    ("TRAP 18", ["tools/trap-18/"]),
    ("RADAR iTE", ["tools/radar-ite/"]),
    ("IR 46", ["tools/ir46/"]),
    ("RRI", ["tools/resource-risk-inventory/"]),
    ("SPJ", ["terms/structured-professional-judgement/"]),
    ("RNR", ["terms/risk-need-responsivity/"]),
    ("HII", ["practices/healthy-identity-intervention/"]),
    ("DDP", ["practices/desistance-and-disengagement-programme/"]),
    ("BAMF", ["practices/bamf-advice-centre-radicalisation/"]),
    ("NEUSTART", ["practices/neustart-extremism-probation/"]),
    ("KOMPASS", ["practices/kompass-exit-programme/"]),
    ("Fryshuset", ["practices/exit-fryshuset/"]),
    ("Veiligheidshuis", ["practices/safety-houses/"]),
    ("Reclassering", ["practices/reclassering-team-ter/"]),
    ("Aarhus", ["practices/aarhus-model/"]),
    # German compounds: whole in a German summary, or split into words of the index
    ("Entlassungsvorbereitung", ["recommendations/plan-release-before-discharge/"]),
    ("Sozialdiagnostik", ["practices/social-diagnostics-in-counselling/"]),
    ("Ausstiegsberatung", ["practices/konex-baden-wuerttemberg/"]),
    ("Haftentlassung", ["recommendations/plan-release-before-discharge/"]),
    # Typos: searched as the closest word of the index
    ("radicalsation", ["terms/radicalisation/"]),
    ("deradicalisaton", ["terms/deradicalisation/"]),
    ("probaton", ["practices/reclassering-team-ter/"]),  # as "probation": the Dutch probation service first
    ("Bewärungshilfe", ["practices/neustart-extremism-probation/"]),
    ("Gefärder", ["terms/gefaehrder/"]),
    # English words Snowball stems as English: "steering" is not "ste", "center" meets "centre"
    ("steering", ["practices/aarhus-model/"]),
    ("centre Hesse", ["practices/advice-centre-hesse/"]),
    ("center Hesse", ["practices/advice-centre-hesse/"]),
]

# Fields shown as a record's detail sections, left out of Material's index before issue 12.
DETAIL_FIELDS = ["how_it_works", "evidence", "transferability", "structure", "users", "training", "perspectives",
                 "target_group", "population", "lone_actor_suitability"]


def _search(tab: WatchedPage, query: str) -> list[str]:
    """Type ``query`` into an emptied search box; the result pages' addresses, best first, relative to
    the site (test_find_it_fast.search_results types it)."""
    return [url[len(tab.base):] for url in search_results(tab, query)]


@pytest.fixture(scope="session", params=["site", "offline"])
def where(request: pytest.FixtureRequest) -> Iterator[tuple[str, Callable[[str], str]]]:
    """(base address, site address -> address in this copy): the served site, or the offline copy's files."""
    if request.param == "site":
        yield from ((url, lambda u: u) for url in serve(request.getfixturevalue("real_site_build")))
    else:
        site: Path = request.getfixturevalue("offline_site")

        def offline(url: str) -> str:  # tools/vera-2r/ -> tools/vera-2r.html; practices/ -> practices/index.html
            return url[:-1] + ".html" if url and (site / (url[:-1] + ".html")).is_file() else url + "index.html"

        yield site.as_uri() + "/", offline


@pytest.fixture
def tab(where: tuple[str, Callable[[str], str]], open_site: Callable[[str], WatchedPage]) -> WatchedPage:
    tab = open_site(where[0])
    tab.goto(where[1](""))
    return tab


def test_the_query_table(tab: WatchedPage, where: tuple[str, Callable[[str], str]]) -> None:
    misses = []
    for query, expected in QUERIES:
        results = _search(tab, query)
        missing = [where[1](e) for e in expected if where[1](e) not in results[:3]]
        if missing:
            misses.append(f"{query!r}: {missing} not in the first three, {results[:3]}")
    assert misses == [], f"{len(misses)} of {len(QUERIES)} queries missed:\n" + "\n".join(misses)
    assert [p for p in tab.problems() if "sitemap" not in p] == []


@pytest.fixture(scope="module")
def records(real_site_build: Path) -> list[dict[str, Any]]:
    return list(json.loads((real_site_build / "catalogue.json").read_text(encoding="utf-8"))["records"])


def test_every_record_is_first_for_its_title_as_typed(
    tab: WatchedPage, where: tuple[str, Callable[[str], str]], records: list[dict[str, Any]]
) -> None:
    misses = []
    for record in records:
        results = _search(tab, record["title"])
        if results[:1] != [where[1](record["url"])]:
            misses.append(f"{record['title']!r}: {results[:3]}")
    assert misses == []


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(_text(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(_text(v) for v in value)
    return str(value)


def _words(text: str) -> dict[str, str]:
    """Long words of a text by their stem (search.words.terms, unit-tested on its own): stem -> word."""
    return {terms(w)[0]: w for w in re.findall(r"[^\W\d_]{8,}", text) if terms(w)}


def _stems(text: str) -> set[str]:
    """The stems of every word of a text, short ones too ("success" is the stem of "successful")."""
    return set(terms(text))


def detail_only_words(records: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(word, record address): per record, one long word whose stem occurs in its detail sections,
    nowhere else in the record, in no other record and on no hand-written page."""
    hand_written = _stems(" ".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")))
    frequency: dict[str, int] = {}
    for r in records:
        for stem in _stems(_text({k: v for k, v in r.items() if k not in ("sources", "url")})):
            frequency[stem] = frequency.get(stem, 0) + 1
    chosen = []
    for r in records:
        detail = _words(_text([r[f] for f in DETAIL_FIELDS if f in r]))
        rest = _stems(_text({k: v for k, v in r.items() if k not in DETAIL_FIELDS and k not in ("sources", "url")}))
        candidates = sorted(w for stem, w in detail.items()
                            if stem not in rest and stem not in hand_written and frequency[stem] == 1)
        if candidates:
            chosen.append((candidates[len(candidates) // 2], r["url"]))
    return chosen


def test_words_only_in_detail_sections_find_their_record(
    tab: WatchedPage, where: tuple[str, Callable[[str], str]], records: list[dict[str, Any]]
) -> None:
    chosen = detail_only_words(records)
    assert len(chosen) >= 20
    misses = [f"{word!r}: {url} not in {results[:5]}" for word, url in chosen
              if where[1](url) not in (results := _search(tab, word))[:5]]
    assert misses == []


def test_nothing_is_fetched_for_search_before_typing(where: tuple[str, Callable[[str], str]],
                                                      open_site: Callable[[str], WatchedPage]) -> None:
    tab = open_site(where[0])
    requests: list[str] = []
    tab.page.on("request", lambda r: requests.append(r.url))
    tab.goto(where[1]("practices/"))
    tab.page.click(".md-search__input")
    assert [u for u in requests if "/search/" in u or "search-engine" in u] == []
    tab.page.keyboard.type("Bewährungshilfe")
    tab.page.wait_for_selector(SEARCH_RESULT)
    assert any("search-engine" in u for u in requests)


def test_a_typo_is_searched_as_the_closest_word_and_the_results_say_so(tab: WatchedPage) -> None:
    tab.page.click(".md-search__input")
    tab.page.keyboard.type("radicalsation")
    tab.page.wait_for_selector(SEARCH_RESULT)
    assert tab.page.inner_text("#lac-search-status").startswith("Results for radicalisation · ")


def test_nothing_found_suggests_words_of_the_catalogue(tab: WatchedPage) -> None:
    tab.page.click(".md-search__input")
    tab.page.keyboard.type("Gfährder")  # no word of the index starts with "gf": nothing to correct to
    tab.page.wait_for_selector(".lac-search-suggestion")
    assert "Gefährder" in tab.page.inner_text(".lac-search-suggest")
    tab.page.click(".lac-search-suggestion")
    tab.page.wait_for_selector(SEARCH_RESULT)
    assert tab.page.input_value(".md-search__input") == "Gefährder"


def test_results_show_title_kind_and_a_readable_snippet(tab: WatchedPage) -> None:
    tab.page.click(".md-search__input")
    tab.page.keyboard.type("NEUSTART")
    tab.page.wait_for_selector(SEARCH_RESULT)
    first = tab.page.locator(SEARCH_RESULT).first
    assert first.locator("h3").inner_text() == "NEUSTART: probation and aftercare for extremist and terrorist offenders"
    assert first.locator(".lac-search-kind").inner_text().casefold() == "practice"
    snippets = " ".join(tab.page.locator(".lac-search-snippet").all_inner_texts())
    assert not re.search(r"[a-z](Organisations|Countries|Settings)[A-Z]", snippets)


def test_a_german_page_gets_the_search_in_german(real_site_build: Path,
                                                   open_site: Callable[[str], WatchedPage]) -> None:
    """The German site's pages say lang="de" and its interface-strings.js is German: the box, the counts
    and the corrected query are in German there, and a page can give its own words as JSON
    (#lac-search-strings)."""
    german_words = interface_script("de", Schemas.load(ROOT / "schemas"))
    for base in serve(real_site_build):
        tab = open_site(base)
        tab.page.route(base + SCRIPT_PATH, lambda route: route.fulfill(
            body=german_words, content_type="text/javascript; charset=utf-8"))

        def german(route: Any) -> None:
            html = route.fetch().text().replace('<html lang="en"', '<html lang="de"', 1)
            html = html.replace("</head>", '<script type="application/json" id="lac-search-strings">'
                                '{"clear": "Eingabe leeren"}</script></head>', 1)
            route.fulfill(body=html, content_type="text/html; charset=utf-8")

        tab.page.route(base, german)
        tab.goto("")
        assert tab.page.get_attribute(".md-search__input", "placeholder") == "Suchen"
        assert tab.page.get_attribute(".md-search__options button", "aria-label") == "Eingabe leeren"
        tab.page.click(".md-search__input")
        tab.page.keyboard.type("Entlassungsvorbereitung")
        tab.page.wait_for_selector(SEARCH_RESULT)
        assert "passende Seite" in tab.page.inner_text("#lac-search-status")
        tab.page.fill(".md-search__input", "")
        tab.page.keyboard.type("radicalsation")
        for _ in range(100):  # polled here: the pages' policy forbids the eval wait_for_function needs
            if tab.page.inner_text("#lac-search-status").startswith("Ergebnisse"):
                break
            tab.page.wait_for_timeout(100)
        assert tab.page.inner_text("#lac-search-status").startswith("Ergebnisse für radicalisation · ")
