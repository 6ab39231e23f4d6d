/* The catalogue's search engine: loaded on the first key a reader types in the search box.

   Publish stage, browser side. hooks/catalogue_core/publish/search/index_files.py writes the index as small
   script files under search/; this file loads only the shards of the words typed and the pages
   shown, scores and ranks, and makes snippets. The word rules come from search/config.js, written
   from hooks/catalogue_core/publish/search/words.py, so the index and the query treat words alike.

   Ranking, best first: a page whose whole name (title, acronym, original-language name) is the
   query, punctuation and spaces aside; then pages that contain more of the query's words (all
   before some), counting synonyms; then pages with more of the words as typed (not as synonyms);
   then pages whose name starts with the query; then the score (how rare each word
   is, and where on the page it occurs: title, names, headings, text).

   Runs in browsers and, for its unit tests, in Node (module.exports). */
(function (root) {
  "use strict";

  var WORD = /[\p{L}\p{N}]+/gu;
  var COMBINING = /[\u0300-\u036f]/g;

  /* The word rules of words.py, from config.rules. */
  function Words(rules) {
    var stop = new Set(rules.stopwords);
    var cache = new Map();

    function foldText(text) {
      return text.toLowerCase().replace(/ß/g, "ss").normalize("NFKD").replace(COMBINING, "");
    }
    function spell(word) {
      for (var i = 0; i < rules.spellings.length; i++) {
        var pair = rules.spellings[i];
        if (word.indexOf(pair[0]) !== -1) word = word.split(pair[0]).join(pair[1]);
      }
      return word;
    }
    function stripOne(word) {
      for (var i = 0; i < rules.endings.length; i++) {
        var rule = rules.endings[i], ending = rule[0];
        if (word.length - ending.length >= rules.minStem && word.slice(-ending.length) === ending) {
          if (rule[2].indexOf(word.charAt(word.length - ending.length - 1)) !== -1) continue;
          return word.slice(0, word.length - ending.length) + rule[1];
        }
      }
      return word;
    }
    function stem(word) {
      word = spell(word);
      if (word.length < rules.minStemmed || !/^[a-z]+$/.test(word)) return word;
      return stripOne(stripOne(word));
    }
    function termOf(word) {
      var hit = cache.get(word);
      if (hit !== undefined) return hit;
      var folded = foldText(word);
      var term = stop.has(folded) ? "" : stem(folded);
      cache.set(word, term);
      return term;
    }
    function words(text) {
      return text.normalize("NFC").toLowerCase().match(WORD) || [];
    }
    function terms(text) {
      return words(text).map(termOf).filter(Boolean);
    }
    function nameKey(text) {
      return (foldText(text.normalize("NFC")).match(WORD) || []).map(spell).join("");
    }
    return {foldText: foldText, stem: stem, termOf: termOf, words: words, terms: terms, nameKey: nameKey};
  }

  /* Levenshtein distance, for "did you mean". */
  function distance(a, b) {
    var previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      current = [i];
      for (j = 1; j <= b.length; j++) {
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1,
          previous[j - 1] + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1)));
      }
      previous = current;
    }
    return previous[b.length];
  }

  var EXACT = 1, PREFIX = 0.5, SYNONYM = 0.8;

  /* load(path) -> Promise of the data that search/<path> hands over. */
  function Engine(config, load) {
    var words = Words(config.rules);
    var shards = new Set(config.shards);
    var splits = new Set(config.splits);
    var synonyms = config.synonyms;  // groups of phrases, each a list of stems

    function prefixOf(key) {
      var two = key.slice(0, 2);
      return splits.has(two) && key.length > 2 ? key.slice(0, 3) : two;
    }
    function fileOf(prefix) {
      var out = "";
      for (var i = 0; i < prefix.length; i++) {
        var ch = prefix.charAt(i);
        out += /[a-z0-9]/.test(ch) ? ch : "_" + ch.codePointAt(0).toString(16);
      }
      return out;
    }
    function shard(key) {
      var prefix = prefixOf(key);
      if (key.length < 2 || !shards.has(prefix)) return Promise.resolve({t: {}, n: {}});
      return load("s/" + fileOf(prefix) + ".js");
    }

    /* The query as units: a run of words, and the phrases that may stand for it (synonyms). */
    function units(terms) {
      var out = [], i = 0;
      while (i < terms.length) {
        var best = null;
        for (var g = 0; g < synonyms.length; g++) {
          for (var p = 0; p < synonyms[g].length; p++) {
            var phrase = synonyms[g][p];
            if (!phrase.length || (best && phrase.length <= best.own.length)) continue;
            if (phrase.every(function (t, k) { return terms[i + k] === t; })) {
              best = {own: phrase, group: g};
            }
          }
        }
        if (best) {
          var alternatives = [];
          for (var g2 = 0; g2 < synonyms.length; g2++) {
            var inGroup = synonyms[g2].some(function (ph) { return ph.join(" ") === best.own.join(" "); });
            if (!inGroup) continue;
            synonyms[g2].forEach(function (ph) {
              if (ph.length && ph.join(" ") !== best.own.join(" ")) alternatives.push(ph);
            });
          }
          out.push({own: best.own, alternatives: alternatives});
          i += best.own.length;
        } else {
          out.push({own: [terms[i]], alternatives: []});
          i += 1;
        }
      }
      return out;
    }

    /* term -> Map(page -> score), over the index stems equal to it or (if allowed) starting with it. */
    function match(term, data, prefixAllowed, matched) {
      var scores = new Map();
      var stems = data.t;
      Object.keys(stems).forEach(function (candidate) {
        var factor = candidate === term ? EXACT
          : (prefixAllowed && candidate.length > term.length && candidate.slice(0, term.length) === term ? PREFIX : 0);
        if (!factor) return;
        matched.add(candidate);
        var postings = stems[candidate][1];
        var df = postings.length / 2;
        var idf = Math.log(1 + config.pages / df);
        for (var i = 0, page = 0; i < postings.length; i += 2) {
          page += postings[i];
          var score = idf * Math.log2(1 + postings[i + 1]) * factor;
          if (!(scores.get(page) >= score)) scores.set(page, score);
        }
      });
      return scores;
    }

    /* What a query finds: {results: [page numbers, best first], matched: Set of stems, suggestions}. */
    function search(query) {
      var typed = words.words(query);
      var terms = words.terms(query);
      var key = words.nameKey(query);
      var open = /[\p{L}\p{N}]$/u.test(query);  // the last word may still be being typed
      var lastTerm = open && typed.length ? words.termOf(typed[typed.length - 1]) : "";
      var parts = units(terms);
      var needed = new Set();
      parts.forEach(function (u) { u.own.concat.apply(u.own, u.alternatives).forEach(function (t) { needed.add(t); }); });
      if (key.length >= 2) needed.add(key);
      var keys = Array.from(needed);
      return Promise.all(keys.map(shard)).then(function (loaded) {
        var data = new Map();
        keys.forEach(function (k, i) { data.set(k, loaded[i]); });
        var matched = new Set();
        var pages = new Map();  // page -> {units, score, exact, prefix}
        function entry(page) {
          var e = pages.get(page);
          if (!e) { e = {units: 0, direct: 0, score: 0, exact: 0, prefix: 0}; pages.set(page, e); }
          return e;
        }
        function phraseScores(phrase, isOwn) {
          var total = null;
          phrase.forEach(function (term) {
            var prefixAllowed = term.length >= 4 || (isOwn && term === lastTerm);
            var scores = match(term, data.get(term), prefixAllowed, matched);
            if (total === null) { total = scores; return; }
            var next = new Map();
            total.forEach(function (s, page) { if (scores.has(page)) next.set(page, s + scores.get(page)); });
            total = next;
          });
          return total || new Map();
        }
        parts.forEach(function (unit) {
          var best = phraseScores(unit.own, true);
          best.forEach(function (s, page) { entry(page).direct += 1; });
          unit.alternatives.forEach(function (phrase) {
            phraseScores(phrase, false).forEach(function (s, page) {
              s *= SYNONYM;
              if (!(best.get(page) >= s)) best.set(page, s);
            });
          });
          best.forEach(function (s, page) { var e = entry(page); e.units += 1; e.score += s; });
        });
        if (key.length >= 2) {
          var names = data.get(key).n;
          Object.keys(names).forEach(function (name) {
            var exact = name === key;
            if (!exact && !(key.length >= 3 && name.slice(0, key.length) === key)) return;
            names[name].forEach(function (page) {
              var record = page >= 0;  // other pages come as -1 - their number
              var e = entry(record ? page : -1 - page);
              if (exact) e.exact = Math.max(e.exact, record ? 2 : 1); else e.prefix = 1;
            });
          });
        }
        var results = Array.from(pages.keys()).sort(function (a, b) {
          var x = pages.get(a), y = pages.get(b);
          return (y.exact - x.exact) || (y.units - x.units) || (y.direct - x.direct) || (y.prefix - x.prefix) || (y.score - x.score) || (a - b);
        });
        return {results: results, matched: matched, terms: terms,
                suggestions: results.length ? [] : suggest(typed, data)};
      });
    }

    /* Close words from the loaded shards and the catalogue's names (glossary, acronyms, indexes). */
    function suggest(typed, data) {
      var found = [];
      typed.forEach(function (word) {
        var term = words.termOf(word);
        if (!term || term.length < 3) return;
        var limit = term.length > 6 ? 2 : 1;
        var candidates = [];
        var loaded = data.get(term);
        if (loaded) {
          Object.keys(loaded.t).forEach(function (stem) {
            var d = distance(stem, term);
            if (d <= limit) candidates.push([d, -loaded.t[stem][1].length, loaded.t[stem][0]]);
          });
        }
        config.suggest.forEach(function (name) {
          var nameKey = words.nameKey(name);
          var d = Math.min(distance(nameKey, words.nameKey(word)), distance(words.terms(name).join(""), term));
          if (d <= limit) candidates.push([d, -1000, name]);
        });
        candidates.sort(function (a, b) { return (a[0] - b[0]) || (a[1] - b[1]) || (a[2] < b[2] ? -1 : 1); });
        candidates.forEach(function (c) {
          var same = found.some(function (f) { return f.toLowerCase() === c[2].toLowerCase(); });
          if (!same && found.length < 5) found.push(c[2]);
        });
      });
      return found.slice(0, 5);
    }

    /* A snippet of a page's text around the words found: [[text, isMatch], ...]. */
    function snippet(text, matched, length) {
      length = length || 220;
      var pieces = [], re = /[\p{L}\p{N}]+/gu, m, hits = [];
      while ((m = re.exec(text)) !== null) {
        if (matched.has(words.termOf(m[0].toLowerCase()))) hits.push([m.index, m.index + m[0].length, words.termOf(m[0].toLowerCase())]);
      }
      var start = 0;
      if (hits.length && text.length > length) {
        var bestCount = -1;
        hits.forEach(function (h) {
          var seen = new Set();
          hits.forEach(function (o) { if (o[0] >= h[0] && o[1] <= h[0] + length) seen.add(o[2]); });
          if (seen.size > bestCount) { bestCount = seen.size; start = h[0]; }
        });
        start = Math.max(0, start - 40);
        var space = text.lastIndexOf(" ", start);
        start = start === 0 ? 0 : (space === -1 ? start : space + 1);
      }
      var end = Math.min(text.length, start + length);
      if (end < text.length) { var cut = text.lastIndexOf(" ", end); if (cut > start) end = cut; }
      var at = start;
      hits.forEach(function (h) {
        if (h[0] < start || h[1] > end) return;
        if (h[0] > at) pieces.push([text.slice(at, h[0]), false]);
        pieces.push([text.slice(h[0], h[1]), true]);
        at = h[1];
      });
      if (at < end) pieces.push([text.slice(at, end), false]);
      if (start > 0) pieces.unshift(["… ", false]);
      if (end < text.length) pieces.push([" …", false]);
      return pieces;
    }

    return {search: search, snippet: snippet, words: words};
  }

  var api = {Words: Words, Engine: Engine, distance: distance};
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.lacSearchEngine = api;
})(typeof self !== "undefined" ? self : this);
