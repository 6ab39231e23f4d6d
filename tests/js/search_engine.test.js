// The browser's search code (docs/assets/javascripts/search-engine.js) in Node's test runner:
// the same word cases as tests/test_search_words.py, and ranking on a small index.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");

const js = path.join(__dirname, "..", "..", "docs", "assets", "javascripts");
const {Words, Engine, snowball, distance} = require(path.join(js, "search-engine.js"));
const stemmers = snowball(require(path.join(js, "snowball-stemmers.js")));
const cases = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "search_words_cases.json"), "utf8"));
const words = Words(cases.rules, stemmers);

test("word forms and spellings meet, as in Python", () => {
  for (const [lang, pairs] of Object.entries(cases.same_terms)) {
    for (const [one, other] of pairs) assert.deepEqual(words.terms(one, lang), words.terms(other, lang), `${lang}: ${one} / ${other}`);
  }
});

test("terms are those Python gives, in each language", () => {
  for (const [lang, texts] of Object.entries(cases.terms)) {
    for (const [text, expected] of Object.entries(texts)) assert.deepEqual(words.terms(text, lang), expected, `${lang}: ${text}`);
  }
});

test("different words stay apart, as in Python", () => {
  for (const [lang, pairs] of Object.entries(cases.different_terms)) {
    for (const [one, other] of pairs) assert.notDeepEqual(words.terms(one, lang), words.terms(other, lang), `${lang}: ${one} / ${other}`);
  }
});

test("name keys are those Python gives", () => {
  for (const [text, expected] of Object.entries(cases.name_keys)) assert.equal(words.nameKey(text), expected, text);
});

test("edit distance: one helper, shared with the page-not-found script", () => {
  assert.equal(distance("gefarder", "gefahrder"), 1);
  assert.equal(distance("", "abc"), 3);
  assert.equal(distance, require(path.join(js, "edit-distance.js")));
});

// A small index as index_files.py would write it: pages 0-3.
function engine(lang, extra) {
  const shards = {
    "s/tr.js": {t: {trap: ["trap", [0, 40]], train: ["training", [1, 4]]}, g: {}, n: {trap18terroristradicalisationassessmentprotocol: [0], trap18: [0]}},
    "s/18.js": {t: {"18": ["18", [0, 40, 1, 1]]}, g: {}, n: {}},
    "s/ri.js": {t: {risk: ["risk", [0, 1, 1, 1, 1, 40, 1, 1]]}, g: {}, n: {risk: [2]}},
    "s/as.js": {t: {assessment: ["assessment", [0, 40, 3, 1]]}, g: {}, n: {}},
    "s/pr.js": {t: {probat: ["probation", [3, 40]]}, g: {}, n: {}},
    "s/be.js": {t: {bewahrungshilf: ["bewährungshilfe", [1, 1]]}, g: {berat: ["beratung", [4, 1]]}, n: {}},
    "s/en.js": {t: {}, g: {entlass: ["entlassung", [1, 1, 2, 1]]}, n: {}},
    "s/vo.js": {t: {}, g: {vorbereit: ["vorbereitung", [3, 1]]}, n: {}},
    "s/au.js": {t: {}, g: {ausstieg: ["ausstieg", [4, 1]]}, n: {}},
    "s/ra.js": {t: {radicalis: ["radicalisation", [2, 4]]}, g: {}, n: {}},
    "s/un.js": {t: {under: ["under", [0, 1]]}, g: {}, n: {}},
  };
  Object.assign(shards, extra || {});
  const config = {pages: 5, shards: ["18", "as", "au", "be", "en", "pr", "ra", "ri", "tr", "un", "vo"], splits: [], files: {},
                  rules: cases.rules, synonyms: [[["probation"], ["bewahrungshilfe"]]], suggest: ["Gefährder"]};
  return Engine(config, (p) => Promise.resolve(shards[p]), stemmers, {lang: lang || "en"});
}

test("a title typed with its punctuation ranks its page first", async () => {
  const found = await engine().search("TRAP-18: Terrorist Radicalization Assessment Protocol");
  assert.equal(found.results[0], 0);
});

test("an acronym without its hyphen finds its page first", async () => {
  assert.equal((await engine().search("TRAP 18")).results[0], 0);
});

test("pages with all the words come before pages with some", async () => {
  // Page 2 has "risk" in its name and weighs it most, but only page 0 has both words.
  const found = await engine().search("risk assessment");
  assert.equal(found.results[0], 0);
  assert.equal(found.results.length, 4);
});

test("a whole-name match beats a better text score", async () => {
  assert.equal((await engine().search("Risk")).results[0], 2);
});

test("synonyms find pages in the other language, ranked after direct matches", async () => {
  assert.deepEqual((await engine().search("probation")).results, [3, 1]);
  assert.deepEqual((await engine().search("Bewährungshilfe")).results, [1, 3]);
});

test("the last word may be unfinished", async () => {
  assert.deepEqual((await engine().search("trai")).results, [1]);
  assert.ok(!(await engine().search("tra ")).results.includes(1));  // a finished word must match whole
});

test("nothing found suggests close names", async () => {
  const found = await engine().search("Gefärder");
  assert.deepEqual(found.results, []);
  assert.deepEqual(found.suggestions, ["Gefährder"]);
});

test("a word that matches nothing is searched as its closest word, and the answer says so", async () => {
  const found = await engine().search("traning");
  assert.deepEqual(found.results, [1]);
  assert.equal(found.corrected, "training");
  const long = await engine().search("radicalsaton");  // two edits for a word of 8 letters or more
  assert.equal(long.corrected, "radicalisation");
  assert.deepEqual(long.results, [2]);
  assert.equal((await engine().search("trap")).corrected, "");
});

test("a German compound is split into words of the index, with its linking letters", async () => {
  const both = await engine().search("Entlassungsvorbereitung");
  assert.deepEqual(both.results, [3, 1]);  // page 3 has both words, page 1 only the first
  assert.equal(both.corrected, "");
  assert.deepEqual((await engine().search("Ausstiegsberatung")).results, [4]);
});

test("a compound on few pages finds them first, then the pages with all its parts", async () => {
  const en = {t: {}, g: {entlass: ["entlassung", [1, 1, 2, 1]], entlassungsvorbereit: ["entlassungsvorbereitung", [0, 1]]}, n: {}};
  assert.deepEqual((await engine("de", {"s/en.js": en}).search("Entlassungsvorbereitung")).results, [0, 3]);
});

test("an English word is not cut to a German stem", async () => {
  assert.deepEqual((await engine().search("under")).results, [0]);
});

test("snippets mark the words found and keep the text", () => {
  const e = engine();
  const pieces = e.snippet("Organisations: NEUSTART · Countries: Austria · It supervises probationers.", new Set(["probation"]));
  assert.equal(pieces.map((p) => p[0]).join(""), "Organisations: NEUSTART · Countries: Austria · It supervises probationers.");
  assert.deepEqual(pieces.filter((p) => p[1]).map((p) => p[0]), ["probationers"]);
});
