/* The catalogue's search engine: loaded on the first key a reader types in the search box.

   Publish stage, browser side. hooks/catalogue_core/publish/search/index_files.py writes the index
   as small script files under search/; this file loads only the shards of the words typed and the
   pages shown, scores and ranks, and makes snippets. The spelling rules and stopwords come from
   search/config.js, written from hooks/catalogue_core/publish/search/words.py, and the stemmers
   are the same Snowball algorithms (snowball-stemmers.js), so the index and the query treat words
   alike. A query word is stemmed in English and in German and matches either language's stems.

   A word that matches nothing is, in this order, split into words of the index (a German compound:
   "Entlassungsvorbereitung" -> "Entlassung" + "Vorbereitung", with the linking -s-, -es-, -n-,
   -en-), or replaced by the closest word of the index (one edit, two for words of 8 letters or
   more; the result says so: "corrected"). A compound found on only a few pages (RARE) also finds
   the pages with all its parts, after its own.

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
  // search.js fetches this file and edit-distance.js side by side, so the browser's copy is looked up when used.
  var distance = typeof module !== "undefined" && module.exports ? require("./edit-distance.js")
    : function (a, b) { return root.lacEditDistance(a, b); };

  /* The stemmers by language code, from snowball-stemmers.js (snowballFactory). */
  function snowball(factory) {
    var names = {en: "english", de: "german"}, out = {};
    Object.keys(names).forEach(function (code) {
      var stemmer = factory.newStemmer(names[code]);
      out[code] = function (word) { return stemmer.stem(word); };
    });
    return out;
  }

  /* The word rules of words.py, from config.rules, with the stemmers {lang: word -> stem}. */
  function Words(rules, stemmers) {
    var stop = new Set(rules.stopwords);
    var cache = new Map();

    function foldText(text) {
      return text.toLowerCase().replace(/ß/g, "ss").normalize("NFKD").replace(COMBINING, "");
    }
    function spell(word) {
      for (var i = 0; i < rules.spellings.length; i++) {
        var old = rules.spellings[i][0], replacement = rules.spellings[i][1];
        if (old.charAt(old.length - 1) === "$") {
          var ending = old.slice(0, -1);
          if (word.length - ending.length >= rules.minRest && word.slice(-ending.length) === ending) {
            word = word.slice(0, word.length - ending.length) + replacement;
          }
        } else if (word.indexOf(old) !== -1) {
          word = word.split(old).join(replacement);
        }
      }
      return word;
    }
    /* A folded word, spelled, stemmed in language lang. */
    function stem(word, lang) {
      word = spell(word);
      if (word.length < rules.minStemmed || !/^[a-z]+$/.test(word)) return word;
      return stemmers[lang](word);
    }
    function termOf(word, lang) {
      var key = lang + ":" + word, hit = cache.get(key);
      if (hit !== undefined) return hit;
      var folded = foldText(word);
      var term = stop.has(folded) ? "" : stem(folded, lang);
      cache.set(key, term);
      return term;
    }
    function words(text) {
      return text.normalize("NFC").toLowerCase().match(WORD) || [];
    }
    function terms(text, lang) {
      return words(text).map(function (w) { return termOf(w, lang || "en"); }).filter(Boolean);
    }
    function nameKey(text) {
      return (foldText(text.normalize("NFC")).match(WORD) || []).map(spell).join("");
    }
    /* A query word as search looks it up: its spelled form and its stem in each language (t: English,
       g: German, the sections of a shard), or null for a stopword. */
    function queryWord(word) {
      var folded = foldText(word);
      if (stop.has(folded)) return null;
      return {word: spell(folded), t: stem(folded, "en"), g: stem(folded, "de")};
    }
    return {foldText: foldText, spell: spell, stem: stem, termOf: termOf, words: words, terms: terms,
            nameKey: nameKey, queryWord: queryWord};
  }

  var EXACT = 1, PREFIX = 0.5, SYNONYM = 0.8, PART = 0.6;
  var LINKS = ["es", "en", "s", "n"];  // the letters that join the words of a German compound
  var PART_MIN = 4;  // each part of a split compound has at least this many letters
  var RARE = 3;  // a compound on this many pages or fewer is also searched as its parts
  var SECTIONS = ["t", "g"];  // a shard's English and German stems

  /* load(path) -> Promise of the data that search/<path> hands over; stemmers as Words takes them;
     options.lang: the page's language, whose words win a tie for the closest word. */
  function Engine(config, load, stemmers, options) {
    var words = Words(config.rules, stemmers);
    var first = options && options.lang === "de" ? "g" : "t";
    var shards = new Set(config.shards);
    var splits = new Set(config.splits);
    var files = config.files || {};
    var synonyms = config.synonyms.map(function (group) {  // groups of phrases, each a list of query words
      return group.map(function (phrase) { return phrase.map(words.queryWord).filter(Boolean); });
    });

    function prefixOf(key) {
      var two = key.slice(0, 2);
      return splits.has(two) && key.length > 2 ? key.slice(0, 3) : two;
    }
    /* The shard where key would be (a stem or a name key): its data, or an empty shard. */
    function shard(key) {
      var prefix = prefixOf(key);
      if (key.length < 2 || !shards.has(prefix)) return Promise.resolve({t: {}, g: {}, n: {}});
      return load("s/" + (files[prefix] || prefix) + ".js");
    }
    /* {t: shard of the English stem, g: shard of the German stem} of a query word. */
    function shardsOf(q) {
      return Promise.all([shard(q.t), shard(q.g)]).then(function (got) { return {t: got[0], g: got[1]}; });
    }
    function same(q, p) { return q.t === p.t || q.g === p.g; }

    /* The query as units: a run of words, and the phrases that may stand for it (synonyms). */
    function units(qs) {
      var out = [], i = 0;
      while (i < qs.length) {
        var best = null;
        for (var g = 0; g < synonyms.length; g++) {
          for (var p = 0; p < synonyms[g].length; p++) {
            var phrase = synonyms[g][p];
            if (!phrase.length || (best && phrase.length <= best.own.length)) continue;
            if (phrase.every(function (w, k) { return qs[i + k] && same(qs[i + k], w); })) {
              best = {own: qs.slice(i, i + phrase.length), phrase: phrase, group: g};
            }
          }
        }
        if (best) {
          var alternatives = [];
          synonyms[best.group].forEach(function (ph) { if (ph !== best.phrase && ph.length) alternatives.push(ph); });
          out.push({own: best.own, alternatives: alternatives});
          i += best.own.length;
        } else {
          out.push({own: [qs[i]], alternatives: []});
          i += 1;
        }
      }
      return out;
    }

    /* Word -> Map(page -> score), over the index stems of either language equal to the word's or
       (if allowed) starting with it; matched collects the stems found, for snippets. A word is as
       rare as its most common stem in either language: German stems come from less text (the German
       parts and the names), and would otherwise count as rarer than the same word in English. */
    function match(q, data, prefixAllowed, matched) {
      var scores = new Map(), hits = [], df = 0;
      SECTIONS.forEach(function (section) {
        var term = q[section], stems = data[section][section] || {};
        Object.keys(stems).forEach(function (candidate) {
          var factor = candidate === term ? EXACT
            : (prefixAllowed && candidate.length > term.length && candidate.slice(0, term.length) === term ? PREFIX : 0);
          if (!factor) return;
          if (matched) matched.add(candidate);
          hits.push([stems[candidate][1], factor]);
          df = Math.max(df, stems[candidate][1].length / 2);
        });
      });
      var idf = Math.log(1 + config.pages / Math.max(df, 1));
      hits.forEach(function (hit) {
        var postings = hit[0];
        for (var i = 0, page = 0; i < postings.length; i += 2) {
          page += postings[i];
          var score = idf * Math.log2(1 + postings[i + 1]) * hit[1];
          if (!(scores.get(page) >= score)) scores.set(page, score);
        }
      });
      return scores;
    }
    /* How many pages a word is on (or a word it starts, if allowed). */
    function pagesWith(q, prefixAllowed) {
      return shardsOf(q).then(function (data) { return match(q, data, prefixAllowed, null).size; });
    }
    function found(q, prefixAllowed) {
      return pagesWith(q, prefixAllowed).then(function (n) { return n > 0; });
    }

    /* A compound as words of the index, longest first word first, or null; open: the word may still
       be being typed, so its last part may be the start of a word ("Entlassungsvorbereit"). */
    function split(word, depth, open) {
      if (word.length < 2 * PART_MIN || !/^[a-z]+$/.test(word)) return Promise.resolve(null);
      var tries = [];
      for (var i = word.length - PART_MIN; i >= PART_MIN; i--) {
        var head = word.slice(0, i), rest = word.slice(i);
        tries.push([head, rest]);
        LINKS.forEach(function (link) {
          if (head.length - link.length >= PART_MIN && head.slice(-link.length) === link) {
            tries.push([head.slice(0, -link.length), rest]);
          }
        });
      }
      function attempt(k) {
        if (k >= tries.length) return Promise.resolve(null);
        var head = words.queryWord(tries[k][0]), rest = words.queryWord(tries[k][1]);
        if (!head || !rest) return attempt(k + 1);
        return found(head, false).then(function (known) {
          if (!known) return attempt(k + 1);
          return found(rest, open).then(function (whole) {
            if (whole) return [head, rest];
            return (depth ? Promise.resolve(null) : split(rest.word, 1, open)).then(function (parts) {
              return parts ? [head].concat(parts) : attempt(k + 1);
            });
          });
        });
      }
      return attempt(0);
    }

    /* The closest word of the index to a word that matches nothing, from the shards its stems
       are in: {q: query word, shown: written form}, or null. */
    function closest(q) {
      var limit = q.word.length >= 8 ? 2 : 1;
      if (q.word.length < 4) return Promise.resolve(null);
      return shardsOf(q).then(function (data) {
        var best = null;
        SECTIONS.forEach(function (section) {
          var stems = data[section][section] || {};
          Object.keys(stems).forEach(function (stem) {
            var shown = stems[stem][0], spelled = words.spell(words.foldText(shown));
            var d = Math.min(distance(spelled, q.word), distance(stem, q[section]));
            var weight = stems[stem][1].length;
            if (section === first) weight += 0.5;
            if (d <= limit && (!best || d < best.d || (d === best.d && weight > best.weight))) {
              best = {d: d, weight: weight, shown: shown};
            }
          });
        });
        return best && {q: words.queryWord(best.shown), shown: best.shown};
      });
    }

    /* Words that match nothing, split or replaced: resolves to the notes on what was done. */
    function mend(parts, open) {
      var corrections = [];
      return Promise.all(parts.map(function (unit, n) {
        if (unit.own.length !== 1 || unit.alternatives.length) return null;
        var q = unit.own[0], last = open && n === parts.length - 1;
        return pagesWith(q, q.t.length >= 4 || last).then(function (n) {
          if (n > RARE) return null;
          return split(q.word, 0, last).then(function (pieces) {
            if (pieces && n) {  // a rare compound: its pages first, then those with its parts
              unit.alternatives = [pieces];
              unit.partFactor = PART;
            } else if (pieces) {
              unit.own = pieces;  // all the parts, ranked first; each alone, after
              unit.alternatives = pieces.length > 1 ? pieces.map(function (p) { return [p]; }) : [];
              unit.partFactor = PART;
            }
            if (pieces || n) return null;
            return closest(q).then(function (near) {
              if (!near) return;
              unit.own = [near.q];
              corrections.push([q, near.shown]);
            });
          });
        });
      })).then(function () { return corrections; });
    }

    /* What a query finds: {results: [page numbers, best first], matched: Set of stems, suggestions,
       corrected: the query as searched when a word was replaced by its closest word, else ""}. */
    function search(query) {
      var typed = words.words(query);
      var qs = typed.map(words.queryWord).filter(Boolean);
      var key = words.nameKey(query);
      var open = /[\p{L}\p{N}]$/u.test(query);  // the last word may still be being typed
      var last = open && qs.length ? qs[qs.length - 1] : null;
      var parts = units(qs);
      var names = key.length >= 2 ? shard(key) : Promise.resolve({n: {}});
      return names.then(function (nameData) {
        var named = Object.keys(nameData.n).some(function (name) { return name === key; });
        return (named ? Promise.resolve([]) : mend(parts, open)).then(function (corrections) {
          if (corrections.length) {  // search again for the words as the index has them
            var corrected = typed.map(function (w) {
              var fix = corrections.filter(function (c) { return c[0].word === words.spell(words.foldText(w)); })[0];
              return fix ? fix[1] : w;
            }).join(" ");
            return search(corrected).then(function (again) {
              if (again.results.length) again.corrected = corrected;
              return again;
            });
          }
          var needed = [];
          parts.forEach(function (u) { u.own.concat.apply(u.own, u.alternatives).forEach(function (q) { needed.push(q); }); });
          return Promise.all(needed.map(shardsOf)).then(function (loaded) {
            var data = new Map();
            needed.forEach(function (q, i) { data.set(q, loaded[i]); });
            return rank(typed, parts, last, key, nameData, data);
          });
        });
      });
    }

    function rank(typed, parts, last, key, nameData, data) {
      var matched = new Set();
      var pages = new Map();  // page -> {units, direct, score, exact, prefix}
      function entry(page) {
        var e = pages.get(page);
        if (!e) { e = {units: 0, direct: 0, score: 0, exact: 0, prefix: 0}; pages.set(page, e); }
        return e;
      }
      function phraseScores(phrase, isOwn) {
        var total = null;
        phrase.forEach(function (q) {
          var prefixAllowed = q.t.length >= 4 || (isOwn && q === last);
          var scores = match(q, data.get(q), prefixAllowed, matched);
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
        var factor = unit.partFactor || SYNONYM;
        unit.alternatives.forEach(function (phrase) {
          phraseScores(phrase, false).forEach(function (s, page) {
            s *= factor;
            if (!(best.get(page) >= s)) best.set(page, s);
          });
        });
        best.forEach(function (s, page) { var e = entry(page); e.units += 1; e.score += s; });
      });
      if (key.length >= 2) {
        var names = nameData.n;
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
      return {results: results, matched: matched, corrected: "",
              suggestions: results.length ? [] : suggest(typed)};
    }

    /* Close names of the catalogue (glossary, acronyms, indexes) when nothing was found. */
    function suggest(typed) {
      var found = [];
      typed.forEach(function (word) {
        var q = words.queryWord(word);
        if (!q || q.word.length < 3) return;
        var limit = q.word.length > 6 ? 2 : 1;
        var candidates = [];
        config.suggest.forEach(function (name) {
          var d = Math.min(distance(words.nameKey(name), words.nameKey(word)), distance(words.terms(name).join(""), q.t));
          if (d <= limit) candidates.push([d, name]);
        });
        candidates.sort(function (a, b) { return (a[0] - b[0]) || (a[1] < b[1] ? -1 : 1); });
        candidates.forEach(function (c) {
          var same = found.some(function (f) { return f.toLowerCase() === c[1].toLowerCase(); });
          if (!same && found.length < 5) found.push(c[1]);
        });
      });
      return found.slice(0, 5);
    }

    /* A snippet of a page's text around the words found: [[text, isMatch], ...]. */
    function snippet(text, matched, length) {
      length = length || 220;
      var pieces = [], re = /[\p{L}\p{N}]+/gu, m, hits = [];
      while ((m = re.exec(text)) !== null) {
        var en = words.termOf(m[0].toLowerCase(), "en"), de = words.termOf(m[0].toLowerCase(), "de");
        if (matched.has(en) || matched.has(de)) hits.push([m.index, m.index + m[0].length, matched.has(en) ? en : de]);
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

  var api = {Words: Words, Engine: Engine, snowball: snowball, distance: distance};
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.lacSearchEngine = api;
})(typeof self !== "undefined" ? self : this);
