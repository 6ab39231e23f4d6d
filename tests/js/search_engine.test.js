// The browser's search code (docs/assets/javascripts/search-engine.js) in Node's test runner:
// the same word cases as tests/test_search_words.py, and ranking on a small index.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");

const {Words, Engine, distance} = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "search-engine.js"));
const cases = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "search_words_cases.json"), "utf8"));
const words = Words(cases.rules);

test("word forms and spellings meet, as in Python", () => {
  for (const [one, other] of cases.same_terms) assert.deepEqual(words.terms(one), words.terms(other), `${one} / ${other}`);
});

test("terms are those Python gives", () => {
  for (const [text, expected] of Object.entries(cases.terms)) assert.deepEqual(words.terms(text), expected, text);
});

test("name keys are those Python gives", () => {
  for (const [text, expected] of Object.entries(cases.name_keys)) assert.equal(words.nameKey(text), expected, text);
});

test("edit distance", () => {
  assert.equal(distance("gefarder", "gefahrder"), 1);
  assert.equal(distance("", "abc"), 3);
});

// A small index as index_files.py would write it: pages 0-3.
function engine() {
  const shards = {
    "s/tr.js": {t: {trap: ["trap", [0, 40]], train: ["training", [1, 4]]}, n: {trap18terroristradicalisationassessmentprotocol: [0], trap18: [0]}},
    "s/18.js": {t: {"18": ["18", [0, 40, 1, 1]]}, n: {}},
    "s/ri.js": {t: {risk: ["risk", [0, 1, 1, 1, 1, 40, 1, 1]]}, n: {risk: [2]}},
    "s/as.js": {t: {assessment: ["assessment", [0, 40, 3, 1]]}, n: {}},
    "s/pr.js": {t: {probat: ["probation", [3, 40]]}, n: {}},
    "s/be.js": {t: {bewahrungshilf: ["bewährungshilfe", [1, 1]]}, n: {}},
  };
  const config = {pages: 4, shards: ["18", "as", "be", "pr", "ri", "tr"], splits: [], rules: cases.rules,
                  synonyms: [[["probat"], ["bewahrungshilf"]]], suggest: ["Gefährder"]};
  return Engine(config, (p) => Promise.resolve(shards[p]));
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

test("nothing found suggests close words", async () => {
  const found = await engine().search("Gefärder");
  assert.deepEqual(found.results, []);
  assert.deepEqual(found.suggestions, ["Gefährder"]);
  assert.equal((await engine().search("traning")).suggestions[0], "training");
});

test("snippets mark the words found and keep the text", () => {
  const e = engine();
  const pieces = e.snippet("Organisations: NEUSTART · Countries: Austria · It supervises probationers.", new Set(["probation"]));
  assert.equal(pieces.map((p) => p[0]).join(""), "Organisations: NEUSTART · Countries: Austria · It supervises probationers.");
  assert.deepEqual(pieces.filter((p) => p[1]).map((p) => p[0]), ["probationers"]);
});
