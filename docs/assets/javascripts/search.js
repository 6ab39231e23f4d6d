/* The search box in every page's header, and its results.

   This file is small and loads with the page; it fetches nothing. The first key typed loads the
   engine (search-engine.js, with edit-distance.js and the Snowball stemmers, snowball-stemmers.js)
   and the index's config; each query then loads only the shards of its words, each file once, and,
   when typing pauses (WAIT ms, less for a quick typist), the pages it shows: typing a word letter by
   letter costs little more than pasting it. hooks/catalogue_core/publish/search/index_files.py
   writes the files. Every file is a script of the site, added as a <script> element: that works
   under the pages'
   Content-Security-Policy (script-src 'self') and from file://, where fetch() does not.

   The words shown come from the search group of window.lacStrings (interface-strings.js, which the
   build writes in the page's language); a page may replace some as JSON in
   <script type="application/json" id="lac-search-strings"> in its <head>, by the names of `text`
   below (read when this script runs, at the end of the body).

   The markup and classes are Material's own search (partials/search.html), so the box looks and
   moves like Material's, but Material's search plugin is off: it would download the whole index
   on every page load. Keys: "/", "s" or "f" open the search, ArrowDown and ArrowUp move through
   the results, Enter opens the first result, Escape closes. */
(function () {
  "use strict";

  var script = document.currentScript;
  var header = document.querySelector(".md-header__inner");
  var toggle = document.getElementById("__search");
  var lacStrings = window.lacStrings;
  if (!script || !header || !toggle || !lacStrings) return;
  var root = script.src.replace(/assets\/javascripts\/search\.js(\?.*)?$/, "");
  var PAGE_SIZE = 10;
  var WAIT = 200;  // ms without a key before the results' pages are loaded

  var text = {
    search: lacStrings.search.search, searchSite: lacStrings.search.search_the_catalogue,
    close: lacStrings.search.close_search, clear: lacStrings.search.clear, start: lacStrings.search.type_to_start,
    none: lacStrings.search.no_matches, one: lacStrings.search.one_match, many: lacStrings.search.n_matches,
    resultsFor: lacStrings.search.results_for, didYouMean: lacStrings.search.did_you_mean,
    more: lacStrings.search.show_more, failed: lacStrings.search.could_not_load
  };
  var lang = (document.documentElement.lang || "en").split("-")[0].toLowerCase();
  var given = document.getElementById("lac-search-strings");
  if (given) {
    try { text = Object.assign({}, text, JSON.parse(given.textContent)); } catch (e) { /* keep the defaults */ }
  }
  function say(name, values) {
    return text[name].replace(/\{(\w+)\}/g, function (all, key) { return values[key]; });
  }

  var ICON_SEARCH = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';
  var ICON_BACK = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z"/></svg>';
  var ICON_CLOSE = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"/></svg>';

  /* --- the box ---------------------------------------------------------------------------- */

  var opener = document.createElement("label");
  opener.className = "md-header__button md-icon";
  opener.htmlFor = "__search";
  opener.title = text.search;
  opener.innerHTML = ICON_SEARCH;
  var box = document.createElement("div");
  box.className = "md-search lac-search";
  box.innerHTML =
    '<label class="md-search__overlay" for="__search"></label>' +
    '<div class="md-search__inner" role="search">' +
    '<form class="md-search__form" name="lac-search">' +
    '<input type="text" class="md-search__input" name="query"' +
    ' autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" required' +
    ' aria-describedby="lac-search-status">' +
    '<label class="md-search__icon md-icon" for="__search">' + ICON_SEARCH + ICON_BACK + '</label>' +
    '<div class="md-search__options"><button type="reset" class="md-search__icon md-icon"' +
    ' tabindex="-1">' + ICON_CLOSE + '</button></div>' +
    '</form>' +
    '<div class="md-search__output"><div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>' +
    '<div class="md-search-result">' +
    '<div class="md-search-result__meta" id="lac-search-status" role="status"></div>' +
    '<div class="lac-search-suggest"></div>' +
    '<ol class="md-search-result__list"></ol>' +
    '<div class="lac-search-more"></div>' +
    '</div></div></div></div>';
  var source = header.querySelector(".md-header__source");
  header.insertBefore(opener, source);
  header.insertBefore(box, source);

  var form = box.querySelector("form");
  var input = box.querySelector(".md-search__input");
  var status = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var suggestions = box.querySelector(".lac-search-suggest");
  var more = box.querySelector(".lac-search-more");
  box.querySelector(".md-search__inner").setAttribute("aria-label", text.searchSite);
  input.setAttribute("aria-label", text.search);
  input.placeholder = text.search;
  box.querySelector("label.md-search__icon").title = text.close;
  var reset = box.querySelector("button[type=reset]");
  reset.title = text.clear;
  reset.setAttribute("aria-label", text.clear);
  status.textContent = text.start;

  /* --- loading ---------------------------------------------------------------------------- */

  var pending = {};  // path -> {promise, resolve}
  function load(path) {
    if (pending[path]) return pending[path].promise;
    var slot = {};
    slot.promise = new Promise(function (resolve, reject) {
      slot.resolve = resolve;
      var tag = document.createElement("script");
      tag.src = root + (path.indexOf("assets/") === 0 ? path : "search/" + path);
      tag.async = true;
      tag.onerror = function () { delete pending[path]; reject(new Error("could not load " + path)); };
      if (path.indexOf("assets/") === 0) tag.onload = function () { resolve(); };
      document.head.appendChild(tag);
    });
    pending[path] = slot;
    return slot.promise;
  }
  function arrived(path, data) {
    if (pending[path]) pending[path].resolve(data);
  }
  // Every index file names itself: its path under search/, then its data.
  window.lacSearch = {loaded: arrived};

  var engine = null;
  function getEngine() {
    if (!engine) {
      // All four side by side: one round trip before the first shard, not two.
      engine = Promise.all([load("config.js"), load("assets/javascripts/search-engine.js"),
                            load("assets/javascripts/edit-distance.js"), load("assets/javascripts/snowball-stemmers.js")
                           ]).then(function (got) {
        var api = window.lacSearchEngine;
        return api.Engine(got[0], load, api.snowball(window.snowballFactory), {lang: lang});
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  /* --- results ---------------------------------------------------------------------------- */

  var latest = 0;  // only the newest query's answer is shown, and only its pages are loaded
  var current = null;
  var timer = null;
  var lastInput = 0;  // when the query last changed by a key
  var pause = WAIT;   // how long without a key before the results' pages load (see the input listener)

  /* Search at once (shards are loaded once each, and are needed for the final word anyway), but
     load the results' pages only when typing pauses: a stale query never loads its pages. */
  function run(now) {
    var query = input.value;
    var ticket = ++latest;
    clearTimeout(timer);
    if (!query.trim()) { show(ticket, null); return; }
    var started = Date.now();
    getEngine().then(function (e) {
      return e.search(query).then(function (found) {
        var left = now === true ? 0 : pause - (Date.now() - started);
        if (left <= 0) { show(ticket, found, e); return; }
        timer = setTimeout(function () { show(ticket, found, e); }, left);
      });
    }).catch(function () {
      if (ticket === latest) status.textContent = text.failed;
    });
  }

  function show(ticket, found, e) {
    if (ticket !== latest) return;
    list.textContent = "";
    suggestions.textContent = "";
    more.textContent = "";
    current = found && {found: found, engine: e, shown: 0, ticket: ticket};
    if (!found) { status.textContent = text.start; return; }
    var n = found.results.length;
    var count = n === 0 ? text.none : n === 1 ? text.one : say("many", {n: n});
    status.textContent = found.corrected ? say("resultsFor", {word: found.corrected}) + " · " + count : count;
    if (!n && found.suggestions.length) offer(found.suggestions);
    return showMore();
  }

  function offer(words) {
    var label = document.createElement("span");
    label.textContent = text.didYouMean + " ";
    suggestions.appendChild(label);
    words.forEach(function (word, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "lac-search-suggestion";
      button.textContent = word;
      button.addEventListener("click", function () { input.value = word; input.focus(); run(true); });
      if (i) suggestions.appendChild(document.createTextNode(" "));
      suggestions.appendChild(button);
    });
  }

  function showMore() {
    var state = current;
    var numbers = state.found.results.slice(state.shown, state.shown + PAGE_SIZE);
    state.shown += numbers.length;
    more.textContent = "";
    return Promise.all(numbers.map(function (n) { return load("d/" + n + ".js"); })).then(function (pages) {
      if (state !== current) return;
      pages.forEach(function (page) { list.appendChild(item(page, state)); });
      var left = state.found.results.length - state.shown;
      if (left > 0) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-search-result__more lac-search-more__button";
        button.textContent = say("more", {n: Math.min(left, PAGE_SIZE), total: left});
        button.addEventListener("click", function () { showMore(); });
        more.appendChild(button);
      }
    });
  }

  function item(page, state) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = root + page.u;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var kind = document.createElement("p");
    kind.className = "lac-search-kind";
    kind.textContent = page.k;
    var title = document.createElement("h3");
    title.textContent = page.t;
    var text = document.createElement("p");
    text.className = "lac-search-snippet";
    state.engine.snippet(page.x, state.found.matched).forEach(function (piece) {
      if (piece[1]) {
        var mark = document.createElement("mark");
        mark.textContent = piece[0];
        text.appendChild(mark);
      } else {
        text.appendChild(document.createTextNode(piece[0]));
      }
    });
    article.appendChild(kind);
    article.appendChild(title);
    article.appendChild(text);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  /* --- opening, closing, keys --------------------------------------------------------------- */

  function open() {
    if (!toggle.checked) toggle.checked = true;
  }
  function close() {
    toggle.checked = false;
    input.blur();
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", function () {
    // A quick typist has stopped once a key is half as late again as their last one: their results
    // need not wait the whole WAIT. A first key, a paste or a slow typist waits WAIT.
    var at = Date.now(), gap = at - lastInput;
    lastInput = at;
    pause = gap < WAIT ? Math.min(WAIT, Math.round(gap * 1.5)) : WAIT;
    run(false);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { run(true); input.focus(); }, 0); });
  toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    var active = document.activeElement;
    var typing = active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
    if (!toggle.checked || !box.contains(active)) {
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        open();
        input.focus();
      }
      return;
    }
    var all = links();
    var at = all.indexOf(active);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Enter" && active === input) {
      event.preventDefault();
      if (all.length) all[0].click();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length) return;
      event.preventDefault();
      var next = event.key === "ArrowDown" ? (at < 0 ? 0 : Math.min(at + 1, all.length - 1)) : at - 1;
      if (next < 0) input.focus(); else all[next].focus();
    }
  }, true);

  /* A result opened in this page (a link to a section) closes the search. */
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) toggle.checked = false;
  });
})();
