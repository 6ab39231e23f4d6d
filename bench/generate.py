"""Synthetic catalogues for the benchmark: every kind, realistic text lengths and cross-references.

The same ``size`` and ``seed`` always give the same files, byte for byte, so two benchmark runs
measure the same work. Text is assembled from P/CVE case-work phrases (practices get 150-400-word
descriptions, German original names and countries); references are drawn uniformly, so the
number of links per record stays the same whatever the size, as in a real catalogue that grows.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import yaml

from catalogue_core.schemas import Schemas

# kind -> its folder, as the project's schemas declare them
KINDS = {kind.kind: kind.plural
         for kind in Schemas.load(Path(__file__).resolve().parent.parent / "schemas").kinds.values()}

DEFAULT_SEED = 2021
MIN_SIZE = 20  # one meeting with its findings and themes, and at least one record of every other kind

# Share of each kind in a catalogue; practices take what is left.
SHARES = {"recommendation": 0.10, "tool": 0.12, "term": 0.15}
FINDINGS_PER_MEETING = 6
THEMES_PER_MEETING = 3
RECORDS_PER_MEETING = 100

COUNTRIES = ["AT"] * 5 + ["DE"] * 6 + ["CH"] * 2 + ["NL", "BE", "SE", "DK", "FI", "FR", "NO", "GB", "IE", "CZ"]
GERMAN_SPEAKING = {"AT", "DE", "CH"}
CITIES = {
    "AT": ["Wien", "Graz", "Linz", "Salzburg", "Innsbruck", "Klagenfurt"],
    "DE": ["Berlin", "Hamburg", "München", "Köln", "Frankfurt", "Stuttgart", "Leipzig", "Bremen", "Kassel"],
    "CH": ["Zürich", "Bern", "Basel", "Winterthur"],
    "NL": ["Amsterdam", "Utrecht"], "BE": ["Antwerp", "Ghent"], "SE": ["Malmö"], "DK": ["Aarhus"], "FI": ["Helsinki"],
    "FR": ["Lyon"], "NO": ["Oslo"], "GB": ["Leeds", "Bristol"], "IE": ["Cork"], "CZ": ["Brno"],
}
GERMAN_PREFIXES = ["Beratungsstelle", "Fachstelle", "Fallkonferenz", "Ausstiegsprogramm", "Kompetenzzentrum",
                   "Netzwerk", "Clearingstelle", "Präventionsstelle", "Sozialnetz-Konferenz", "Anlaufstelle"]
GERMAN_TOPICS = ["Extremismus", "Deradikalisierung", "Radikalisierungsprävention", "Demokratie und Vielfalt",
                 "Ausstieg und Distanzierung", "Bewährungshilfe", "Gewaltprävention", "Jugendsozialarbeit"]
GERMAN_WORDS = ["Fallkonferenz", "Bewährungshilfe", "Schutzfaktoren", "Ausstiegsbegleitung", "Sozialdiagnose",
                "Gefährdungseinschätzung", "Netzwerkarbeit", "Haftentlassung", "Vertrauensaufbau", "Zuständigkeit"]
PRACTICE_KINDS = ["Multi-agency case conferences", "Exit counselling", "Probation support", "Family counselling",
                  "Social diagnostics in counselling", "Prison-to-community transition support",
                  "Threat assessment panel", "Youth outreach", "Mentoring after release", "Helpline and referrals",
                  "Mental health liaison", "Screening at first contact", "Joint case management"]
ORGANISATIONS = ["Verein für Bewährungshilfe", "Violence Prevention Network", "NEUSTART", "Beratungsnetzwerk Hessen",
                 "Municipal safety office", "Regional probation service", "Landeskriminalamt", "Youth welfare office",
                 "Forensic outpatient clinic", "Family counselling centre", "Exit association", "Prison service"]
SETTINGS = ["prison", "probation", "exit", "mental-health", "youth-social-work", "community", "police", "multi-agency"]
ROLES = ["probation-officer", "prison-officer", "youth-worker", "social-worker", "mental-health-professional",
         "exit-worker", "police-officer", "teacher", "family-counsellor", "case-manager", "threat-assessor",
         "judge-or-prosecutor"]
ASSESSMENT_TYPES = ["risk", "needs", "social-diagnostics", "screening", "threat", "multi-agency-case-management"]
TOOL_TYPES = ["risk", "needs", "social-diagnostics", "screening", "threat"]
TOOL_METHODS = ["structured-professional-judgement", "actuarial", "checklist", "rule-based", "mapping", "uncertain"]
TAGS = ["lone-actors", "group-actors", "risk-assessment", "needs-assessment", "social-diagnostics",
        "protective-factors", "case-management", "multi-agency", "probation", "prison", "exit-work", "mental-health",
        "youth-work", "family-support", "threat-assessment", "screening", "information-sharing", "terminology",
        "online", "all-ideologies", "training", "evaluation", "release-and-reintegration", "deradicalisation",
        "disengagement"]
TERM_WORDS = ["protective factor", "risk factor", "disengagement", "deradicalisation", "lone actor", "grievance",
              "leakage", "fixation", "identification", "case formulation", "needs principle", "responsivity",
              "triage", "milieu", "pathway", "threat management", "safeguarding", "confidentiality"]
TERM_QUALIFIERS = ["", "online", "dynamic", "static", "individual", "shared", "situational", "family", "community"]
FINDING_THEMES = ["Lone and group actors differ", "Needs matter as much as risks", "One integral approach",
                  "Social diagnostics complement risk assessment", "Understand the other disciplines",
                  "Information sharing needs rules", "Release is the critical moment", "Screening before assessment",
                  "Mental health is part of the picture", "Online ties are real ties"]

SUBJECTS = ["Caseworkers", "Probation officers", "Panel members", "Social workers", "Exit workers",
            "Mental health professionals", "Coordinators", "Youth workers", "Police officers",
            "Family counsellors", "Case managers", "Prison staff", "Both agencies"]
VERBS = ["assess", "review", "document", "discuss", "map", "support", "plan", "monitor", "agree on", "follow up on",
         "record", "weigh", "share", "revisit"]
OBJECTS = ["the person's needs and protective factors", "risk indicators", "ties to online and offline milieus",
           "the joint case plan", "release conditions", "family relationships", "housing, work and daily structure",
           "signs of fixation or leakage", "the person's own goals", "who owns which part of the case",
           "the grievances the person names", "contact with former associates", "the results of the screening",
           "what each agency may share"]
CLAUSES = ["before the first case conference", "every three months", "together with the person",
           "within the limits of data protection law", "when the situation changes", "as part of release planning",
           "with the family where the person agrees", "in a structured professional judgement",
           "at a fixed weekly meeting", "so that nobody works on the case alone", "in plain, shared language",
           "and write down who does what by when"]
CONNECTORS = ["", "", "", "In practice, ", "Where possible, ", "As a rule, ", "In addition, ", "Above all, ",
              "According to the organisation, "]


def composition(size: int) -> dict[str, int]:
    """How many records of each kind a catalogue of ``size`` records has, in ``KINDS`` order."""
    if size < MIN_SIZE:
        raise ValueError(f"a synthetic catalogue needs at least {MIN_SIZE} records, not {size}")
    meetings = max(1, round(size / RECORDS_PER_MEETING))
    counts = {
        "meeting": meetings,
        "finding": FINDINGS_PER_MEETING * meetings,
        "theme": THEMES_PER_MEETING * meetings,
        **{kind: max(1, round(size * share)) for kind, share in SHARES.items()},
    }
    counts["practice"] = size - sum(counts.values())
    return {kind: counts.get(kind, 0) for kind in KINDS}  # a kind without a generator gets no records


class _Writer:
    """Deterministic prose, names and picks from one seeded random source."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentence(self) -> str:
        r = self.rng
        connector, subject = r.choice(CONNECTORS), r.choice(SUBJECTS)
        if connector:
            subject = subject[0].lower() + subject[1:]
        text = f"{connector}{subject} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(CLAUSES)}"
        if r.random() < 0.12:
            text += f" (*{r.choice(GERMAN_WORDS)}*)"
        text = text[0].upper() + text[1:]
        return text + "."

    def prose(self, low: int, high: int) -> str:
        """Paragraphs of ``low`` to ``high`` words, as Markdown."""
        target = self.rng.randint(low, high)
        sentences: list[str] = []
        words = 0
        while True:
            sentence = self.sentence()
            if words >= low and words + len(sentence.split()) > target:
                break
            sentences.append(sentence)
            words += len(sentence.split())
        paragraphs = []
        while sentences:
            size = self.rng.randint(3, 6)
            paragraphs.append(_wrap(" ".join(sentences[:size])))
            sentences = sentences[size:]
        return "\n\n".join(paragraphs) + "\n"

    def steps(self, low: int, high: int) -> str:
        """A numbered list of steps with bold names, like a real ``how_it_works``."""
        names = ["Referral", "Clearing", "Assessment", "Case conference", "Support", "Review", "Reporting", "Closure"]
        count = self.rng.randint(low, high)
        start = self.rng.randint(0, len(names) - count)
        return "".join(f"{i}. **{name}.** {self.sentence()} {self.sentence()}\n"
                       for i, name in enumerate(names[start:start + count], 1))

    def short(self) -> str:
        return self.sentence()

    def pick(self, pool: list[str], low: int, high: int) -> list[str]:
        return self.rng.sample(pool, min(len(pool), self.rng.randint(low, high)))

    def reviewed(self) -> str:
        return f"20{self.rng.randint(23, 25)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def sources(self, slug: str, low: int = 1, high: int = 3) -> list[dict[str, str]]:
        out = []
        for n in range(self.rng.randint(low, high)):
            kind = self.rng.choice(["Annual report", "Project page", "Evaluation", "Press release", "Conference paper"])
            source = {"title": f"{kind} {self.rng.randint(2015, 2024)}",
                      "url": f"https://example.org/{slug}/source-{n + 1}"}
            if self.rng.random() < 0.3:
                source["supports"] = self.rng.choice(["start year", "figures for 2019", "evidence", "how it works"])
            out.append(source)
        return out


def _wrap(text: str, width: int = 100) -> str:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line])


def _slug(text: str) -> str:
    text = text.lower().translate({ord("ä"): "ae", ord("ö"): "oe", ord("ü"): "ue", ord("ß"): "ss"})
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")


class _Ids:
    """Unique ids across all kinds: a readable slug, with a number added on a clash."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, title: str) -> str:
        base = _slug(title)
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def catalogue_records(size: int, seed: int = DEFAULT_SEED) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """kind -> [(id, data)] for a catalogue of exactly ``size`` records."""
    rng = random.Random(f"lone-actors-bench-{seed}-{size}")
    w = _Writer(rng)
    ids = _Ids()
    counts = composition(size)

    def titled(kind: str, make_title: Any) -> list[tuple[str, str]]:
        out = []
        for n in range(counts[kind]):
            title = make_title(n)
            out.append((ids.make(title), title))
        return out

    meetings = titled("meeting", lambda n: f"Lone actors and assessment tools, meeting {n + 1}")
    findings = titled("finding",
                      lambda n: f"{FINDING_THEMES[n % len(FINDING_THEMES)]} ({n // FINDINGS_PER_MEETING + 1})")
    theme_names = ["Needs next to risk", "Working across disciplines", "Release and aftercare", "Online milieus"]
    themes = titled("theme", lambda n: f"{rng.choice(theme_names)} ({n // THEMES_PER_MEETING + 1})")
    recommendations = titled("recommendation", lambda n: f"{rng.choice(VERBS).capitalize()} {rng.choice(OBJECTS)} "
                                                         f"{rng.choice(CLAUSES)}")
    tools = titled("tool", lambda n: f"{rng.choice(['RA', 'ND', 'TA', 'SD', 'EX'])}-{n + 1} "
                                     f"{rng.choice(['risk', 'needs', 'threat', 'screening'])} instrument")
    terms = titled("term",
                   lambda n: f"{rng.choice(TERM_QUALIFIERS)} {rng.choice(TERM_WORDS)} {n + 1}".strip().capitalize())
    practice_places = [rng.choice(COUNTRIES) for _ in range(counts["practice"])]
    practices = titled("practice", lambda n: f"{rng.choice(PRACTICE_KINDS)} in "
                                             f"{rng.choice(CITIES[practice_places[n]])}")

    finding_ids = [i for i, _ in findings]
    tool_ids = [i for i, _ in tools]
    term_ids = [i for i, _ in terms]
    practice_ids = [i for i, _ in practices]
    recommendation_ids = [i for i, _ in recommendations]
    out: dict[str, list[tuple[str, dict[str, Any]]]] = {kind: [] for kind in KINDS}

    for m, (record_id, title) in enumerate(meetings):
        own_findings = finding_ids[m * FINDINGS_PER_MEETING:(m + 1) * FINDINGS_PER_MEETING]
        own_themes = [i for i, _ in themes[m * THEMES_PER_MEETING:(m + 1) * THEMES_PER_MEETING]]
        out["meeting"].append((record_id, {
            "title": title, "summary": w.short() + " " + w.short(),
            "date": f"20{rng.randint(18, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "format": rng.choice(["online", "in-person", "hybrid"]), "organiser": "Radicalisation Awareness Network",
            "series": "Small-scale expert meeting",
            "participants": w.pick(["Probation practitioners", "Mental health professionals", "Exit workers",
                                    "Police officers", "Researchers", "Social workers", "Prison staff"], 3, 5),
            "goal": w.prose(40, 80), "body": w.prose(150, 300),
            "publication": {"title": f"Conclusion paper: {title}", "date": "2022-02-17",
                            "publisher": "Radicalisation Awareness Network",
                            "url": f"https://example.org/{record_id}/paper"},
            "findings": own_findings, "themes": own_themes,
            "recommendations": w.pick(recommendation_ids, 1, 4), "practices": w.pick(practice_ids, 1, 5),
            "tools": w.pick(tool_ids, 1, 4), "outlook": [w.short() for _ in range(rng.randint(2, 4))],
            "follow_up": [{"title": f"Follow-up webinar {k + 1}",
                           "url": f"https://example.org/{record_id}/follow-up-{k + 1}",
                           "type": rng.choice(["paper", "recording", "slides", "webinar"]),
                           "date": f"2022-{k + 1:02d}", "added": "2022-03-01"} for k in range(rng.randint(1, 3))],
            "sources": w.sources(record_id), "reviewed": w.reviewed(),
            "tags": w.pick(TAGS, 1, 3),
        }))
    for f, (record_id, title) in enumerate(findings):
        data: dict[str, Any] = {
            "title": title, "summary": w.short(), "number": f % FINDINGS_PER_MEETING + 1,
            "meeting": meetings[f // FINDINGS_PER_MEETING][0],
            "explanation": w.prose(80, 160), "in_practice": w.prose(50, 100),
            "actions": [w.short() for _ in range(rng.randint(2, 4))],
            "sources": w.sources(record_id, 1, 1), "reviewed": w.reviewed(),
        }
        if rng.random() < 0.6:
            data["related"] = w.pick(term_ids, 1, 2)
        out["finding"].append((record_id, data))
    for t, (record_id, title) in enumerate(themes):
        m = t // THEMES_PER_MEETING
        out["theme"].append((record_id, {
            "title": title, "summary": w.short(), "meeting": meetings[m][0], "body": w.prose(120, 250),
            "findings": w.pick(finding_ids[m * FINDINGS_PER_MEETING:(m + 1) * FINDINGS_PER_MEETING], 2, 3),
            "sources": w.sources(record_id, 1, 1), "reviewed": w.reviewed(),
        }))
    for record_id, title in recommendations:
        data = {
            "title": title[0].upper() + title[1:], "summary": w.short(), "basis": "editorial",
            "rationale": w.prose(60, 140),
            "audience": w.pick(["practitioners", "organisations", "policy-makers", "trainers"], 1, 3),
            "actions": [w.short() for _ in range(rng.randint(2, 5))],
            "findings": w.pick(finding_ids, 1, 3), "practices": w.pick(practice_ids, 1, 4),
            "sources": w.sources(record_id, 1, 2), "reviewed": w.reviewed(), "tags": w.pick(TAGS, 1, 3),
        }
        for field, pool, high in (("tools", tool_ids, 2), ("terms", term_ids, 3)):
            picked = w.pick(pool, 0, high)
            if picked:
                data[field] = picked
        out["recommendation"].append((record_id, data))
    for record_id, title in tools:
        acronym = title.split()[0]
        data = {
            "title": title, "summary": w.short() + " " + w.short(), "acronym": acronym,
            "full_name": f"{title.split(' ', 1)[1].capitalize()}, version {rng.randint(1, 3)}",
            "types": w.pick(TOOL_TYPES, 1, 2), "method": rng.choice(TOOL_METHODS),
            "purpose": w.prose(30, 70), "structure": w.prose(30, 60), "population": w.short(),
            "lone_actor_suitability": _suitability(rng.choice(["designed-for", "applicable", "not-specific",
                                                                "uncertain"]), w.prose(20, 50)),
            "developer": rng.choice(ORGANISATIONS), "countries": w.pick(COUNTRIES[-10:] + ["DE", "AT"], 1, 2),
            "year": rng.randint(2005, 2023), "languages": w.pick(["English", "German", "Dutch", "French"], 1, 3),
            "users": w.short(), "training": w.short(), "evidence": w.prose(40, 120),
            "sources": w.sources(record_id), "reviewed": w.reviewed(), "tags": w.pick(TAGS, 1, 3),
        }
        related = [t for t in w.pick(tool_ids, 0, 2) if t != record_id]
        if related:
            data["related"] = related
        out["tool"].append((record_id, data))
    for record_id, title in terms:
        data = {
            "title": title, "summary": w.short(),
            "definition": w.prose(30, 80),
            "perspectives": {key: w.prose(20, 50) for key in w.pick(["mental_health", "security", "social_work",
                                                                         "justice"], 2, 4)},
            "sources": w.sources(record_id, 1, 2), "reviewed": w.reviewed(),
        }
        if rng.random() < 0.7:
            data["translations"] = [{"language": "de", "term": rng.choice(GERMAN_WORDS)}]
        related = [t for t in w.pick(term_ids, 0, 3) if t != record_id]
        if related:
            data["terms"] = related
        out["term"].append((record_id, data))
    for p, (record_id, title) in enumerate(practices):
        country = practice_places[p]
        countries = [country] + [c for c in w.pick(COUNTRIES, 0, 1) if c != country]
        data = {"title": f"{title} ({', '.join(_COUNTRY_NAMES[c] for c in countries)})",
                "summary": w.short() + " " + w.short()}
        if country in GERMAN_SPEAKING:
            data["original_name"] = (f"{rng.choice(GERMAN_PREFIXES)} {rng.choice(GERMAN_TOPICS)} "
                                     f"{rng.choice(CITIES[country])}")
        data.update({
            "organisations": w.pick(ORGANISATIONS, 1, 2), "countries": countries,
            "scope": rng.choice(["local", "regional", "national", "international"]),
            "settings": w.pick(SETTINGS, 1, 3), "roles": w.pick(ROLES, 1, 4),
            "target_group": w.prose(30, 80), "assessment_types": w.pick(ASSESSMENT_TYPES, 1, 3),
            "actor_focus": rng.choice(["lone", "group", "both", "not-specific"]),
            "description": w.prose(150, 400), "how_it_works": w.steps(3, 6),
            "evidence": {"level": rng.choice(["none", "self", "external", "peer-reviewed"]),
                         "summary": w.prose(20, 60)},
            "transferability": w.prose(40, 90), "start_year": rng.randint(2000, 2023),
            "status": rng.choice(["active", "active", "ended", "unknown"]),
            "website": f"https://example.org/{record_id}", "contact": f"info@{record_id[:20].strip('-')}.example.org",
            "meeting": rng.choice(meetings)[0], "meeting_relation": rng.choice(["presented", "related"]),
            "tools": w.pick(tool_ids, 1, 3), "terms": w.pick(term_ids, 2, 4),
        })
        if rng.random() < 0.5:
            data["related"] = w.pick(finding_ids, 1, 2)
        if rng.random() < 0.3:
            data["uncertainty"] = w.short()
        data.update({"sources": w.sources(record_id), "reviewed": w.reviewed(), "tags": w.pick(TAGS, 1, 3)})
        out["practice"].append((record_id, data))
    # Every kind carries a German summary, as the real records do.
    for records in out.values():
        for _, data in records:
            data["summary_de"] = "Ein Beispiel zu " + ", ".join(w.pick(GERMAN_WORDS, 2, 4)) + "."
    return out


def _suitability(rating: str, note: str) -> dict[str, str]:
    """A tool's rating with a note that does not contradict it (check/content_rules.py): 'No source
    says' is said in words, as the real records say it."""
    if rating == "uncertain":
        note = "No source says whether it was built for people who act alone. " + note
    return {"rating": rating, "note": note}


_COUNTRY_NAMES = {"AT": "Austria", "DE": "Germany", "CH": "Switzerland", "NL": "Netherlands", "BE": "Belgium",
                  "SE": "Sweden", "DK": "Denmark", "FI": "Finland", "FR": "France", "NO": "Norway",
                  "GB": "United Kingdom", "IE": "Ireland", "CZ": "Czechia"}


class _RecordDumper(yaml.SafeDumper):
    """Writes records the way editors do: Markdown text as ``|`` blocks, fields in schema order."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_RecordDumper.add_representer(str, _represent_str)


def record_yaml(kind: str, data: dict[str, Any]) -> str:
    header = f"# yaml-language-server: $schema=../../schemas/{kind}.json\n"
    return header + yaml.dump(data, Dumper=_RecordDumper, sort_keys=False, allow_unicode=True, width=100)


def catalogue_files(size: int, seed: int = DEFAULT_SEED) -> dict[str, str]:
    """``<kind-plural>/<id>.yml`` -> file text, for exactly ``size`` records."""
    files: dict[str, str] = {}
    for kind, records in catalogue_records(size, seed).items():
        for record_id, data in records:
            files[f"{KINDS[kind]}/{record_id}.yml"] = record_yaml(kind, data)
    return files


def write_catalogue(records_dir: Path, size: int, seed: int = DEFAULT_SEED) -> int:
    """Write a synthetic catalogue into ``records_dir`` (which must not hold records yet)."""
    files = catalogue_files(size, seed)
    for rel, text in files.items():
        path = records_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return len(files)
