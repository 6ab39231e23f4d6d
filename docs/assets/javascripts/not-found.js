/* The "page not found" page: offer the records whose address is closest to the one asked for.
 *
 * records.json at the site's root lists every record's id, kind, title and site-relative url
 * (catalogue.json has all their fields, too much to fetch for a wrong address). An address
 * such as /practices/aarhus-modle/ is compared with every record's: the edit distance between the
 * last parts (aarhus-modle, aarhus-model), records of the same kind first. Only close matches are
 * offered. Also turns on a button that opens the search.
 */
(function () {
  "use strict";

  var distance = window.lacEditDistance;  // edit-distance.js, loaded just before this file

  function parts(path) {
    return path.replace(/(\/index)?\.html$/, "").split("/").filter(Boolean).map(function (part) {
      try { return decodeURIComponent(part).toLowerCase(); } catch (e) { return part.toLowerCase(); }
    });
  }

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = "/";
    try { base = JSON.parse(config.textContent).base || "/"; } catch (e) { /* keep "/" */ }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  function suggest(records, root) {
    var asked = parts(location.pathname.slice(root.pathname.length - 1));
    if (!asked.length) return [];
    var slug = asked[asked.length - 1];
    var folder = asked.length > 1 ? asked[0] : "";
    var scored = records.map(function (record) {
      var own = parts(record.url);
      var id = own[own.length - 1] || record.id;
      var d = distance(slug, id);
      if (id.indexOf(slug) === 0 && slug.length >= 4) d = Math.min(d, 1); // cut short: "aarhus"
      return {record: record, score: d + (folder && own[0] !== folder ? 0.5 : 0), d: d, id: id};
    }).filter(function (s) {
      return s.d <= Math.max(2, Math.floor(Math.min(s.id.length, slug.length) * 0.4));
    });
    scored.sort(function (a, b) { return a.score - b.score || a.id.localeCompare(b.id); });
    return scored.slice(0, 3).map(function (s) { return s.record; });
  }

  function init() {
    var search = document.querySelector(".lac-not-found-search");
    var toggle = document.querySelector("input[data-md-toggle=search]");
    if (search && toggle) {
      search.hidden = false;
      search.querySelector("button").addEventListener("click", function () {
        if (!toggle.checked) toggle.click();
        var input = document.querySelector(".md-search__input");
        if (input) input.focus();
      });
    }
    var box = document.querySelector(".lac-not-found-suggest");
    if (!box || !window.fetch) return;
    var root = siteRoot();
    fetch(new URL("records.json", root).href).then(function (response) {
      return response.ok ? response.json() : {records: []};
    }).then(function (catalogue) {
      var found = suggest(catalogue.records || [], root);
      if (!found.length) return;
      var list = box.querySelector("ul");
      found.forEach(function (record) {
        var link = document.createElement("a");
        link.href = new URL(record.url, root).href;
        link.textContent = record.title;
        var item = document.createElement("li");
        item.appendChild(link);
        item.appendChild(document.createTextNode(" (" + record.url.replace(/\/$/, "") + ")"));
        list.appendChild(item);
      });
      box.hidden = false;
    }).catch(function () { /* offline copy from file://: no suggestions, the links below remain */ });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
