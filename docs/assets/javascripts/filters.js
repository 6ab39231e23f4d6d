/* Faceted filters on the catalogue's index pages.
 *
 * The filter state lives in the URL query (/practices/?country=AT&setting=probation), so a link
 * shows a colleague exactly the same records. Values of one filter are alternatives (AT or DE);
 * different filters must all match. Without JavaScript the form stays hidden and every record
 * shows. Each entry carries its values as data-filter-<name>="value value ...".
 */
(function () {
  "use strict";

  function selectedFrom(params, names) {
    var selected = {};
    params.forEach(function (value, name) {
      if (names.indexOf(name) >= 0 && value) {
        (selected[name] = selected[name] || []).push(value);
      }
    });
    return selected;
  }

  function matches(entry, selected) {
    return Object.keys(selected).every(function (name) {
      var have = (entry.getAttribute("data-filter-" + name) || "").split(" ");
      return selected[name].some(function (value) { return have.indexOf(value) >= 0; });
    });
  }

  function init() {
    var form = document.querySelector("form.lac-filters");
    var list = document.querySelector("ul.lac-index");
    var count = document.querySelector(".lac-count");
    if (!form || !list || !count) return;
    var entries = Array.prototype.slice.call(list.querySelectorAll(":scope > li.lac-entry"));
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var names = boxes.map(function (box) { return box.name; })
      .filter(function (name, i, all) { return all.indexOf(name) === i; });
    var noun = count.getAttribute("data-noun");

    function show(selected) {
      var shown = 0;
      entries.forEach(function (entry) {
        var ok = matches(entry, selected);
        entry.hidden = !ok;
        if (ok) shown += 1;
      });
      var filtered = Object.keys(selected).length > 0;
      count.textContent = filtered
        ? shown + " of " + entries.length + " " + noun
        : entries.length + " " + noun;
    }

    function fromForm() {
      var params = new URLSearchParams();
      boxes.forEach(function (box) { if (box.checked) params.append(box.name, box.value); });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      show(selectedFrom(params, names));
    }

    // The URL decides the first view, values without a checkbox included (they match nothing).
    var initial = selectedFrom(new URLSearchParams(location.search), names);
    boxes.forEach(function (box) {
      box.checked = (initial[box.name] || []).indexOf(box.value) >= 0;
    });
    form.hidden = false;
    form.addEventListener("change", fromForm);
    form.addEventListener("reset", function () { setTimeout(fromForm, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    show(initial);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
