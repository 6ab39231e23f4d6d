/* Faceted filters and sorting on the catalogue's index pages.
 *
 * The filter state lives in the URL query (/practices/?country=AT&setting=probation), so a link
 * shows a colleague exactly the same records. Values of one filter are alternatives (AT or DE);
 * different filters must all match. Without JavaScript the form stays hidden and every record
 * shows. Each entry carries its values as data-filter-<name>="value value ...".
 *
 * What this script adds around the form the page carries:
 * - a "Filters (n active)" button that folds the form away (folded at first on phones, where the
 *   results must start in the first screen), and each filter group folded into a <details>;
 * - a "Show n practices" button pinned to the bottom of the screen while the open form pushes the
 *   results below it, which jumps to the results (on a phone they are a long scroll away);
 * - the active filters as buttons that remove them, including values from the URL that no
 *   checkbox offers (?focus=lone-and-group), which would otherwise hide every record silently;
 * - counts that follow the selection: a value's count is the number of records shown if it were
 *   added (the other filters applied, its own filter's choices ignored);
 * - when nothing matches, which filters exclude everything, with a button to remove each;
 * - sorting, by the title and by every data-sort-<key>="value" the entries carry (?sort=<key>).
 *
 * The page's renderer (render/index_page.py) writes the form (a fieldset with a legend per filter,
 * each checkbox inside its label), the count (data-noun) and the list (data-kind); this script
 * relies on that markup and checks only whether the page has filters at all.
 *
 * Its words come from window.lacStrings (interface-strings.js, written by the build in the page's
 * language); the kind's names, for counts, from lacStrings.kinds by the list's data-kind.
 */
(function () {
  "use strict";

  var lacStrings = window.lacStrings;
  if (!lacStrings) return; // without its words the script leaves the page as it is without JavaScript
  // Labels and directions for sort keys the catalogue's renderer may add to entries. A key not
  // listed here is offered too, labelled by the list's data-sort-label-<key> attribute.
  var SORT_LABELS = {
    title: [lacStrings.index_page.title_a_to_z, 1],
    reviewed: [lacStrings.index_page.last_reviewed_newest, -1],
    evidence: [lacStrings.index_page.evidence_strongest, -1],
    year: [lacStrings.index_page.start_year_newest, -1]
  };
  var PHONE = "(max-width: 59.984375em)"; // where Material hides the table of contents sidebar

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* A text with its {placeholders} filled in. */
  function say(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  /* The kind's name that goes with the number n: "1 practice", "2 practices". */
  var plurals = new Intl.PluralRules(lacStrings.lang);
  function nounFor(n, names) { return plurals.select(n) === "one" ? names.one : names.other; }

  function toArray(nodes) { return Array.prototype.slice.call(nodes); }

  function valuesOf(entry, name) {
    return (entry.getAttribute("data-filter-" + name) || "").split(" ").filter(Boolean);
  }

  function matches(entry, selected, except) {
    return Object.keys(selected).every(function (name) {
      if (name === except || !selected[name].length) return true;
      var have = valuesOf(entry, name);
      return selected[name].some(function (value) { return have.indexOf(value) >= 0; });
    });
  }

  // --- what the page offers -------------------------------------------------------------------

  /* The filters, their titles and their values' labels, read from the form's markup. */
  function readPage(form, list, count) {
    var boxes = toArray(form.querySelectorAll("input[type=checkbox]"));
    var page = {form: form, list: list, count: count, boxes: boxes, names: [], facetTitle: {}, labelOf: {},
                entries: toArray(list.querySelectorAll(":scope > li.lac-entry")),
                uid: "lac-filters-" + list.getAttribute("data-kind")};
    page.original = page.entries.slice();
    page.kindNames = lacStrings.kinds[list.getAttribute("data-kind")] ||
      {one: count.getAttribute("data-noun"), other: count.getAttribute("data-noun")};
    boxes.forEach(function (box) {
      if (page.names.indexOf(box.name) < 0) page.names.push(box.name);
      page.facetTitle[box.name] = box.closest("fieldset").querySelector("legend").textContent.trim();
      var text = box.closest("label").cloneNode(true);
      text.querySelectorAll(".lac-facet-count").forEach(function (n) { n.remove(); });
      page.labelOf[box.name + "=" + box.value] = text.textContent.trim();
    });
    return page;
  }

  /* Every name=value of the URL whose name is a filter, known value or not. */
  function selectionFromAddress(names) {
    var selected = {};
    new URLSearchParams(location.search).forEach(function (value, name) {
      if (names.indexOf(name) >= 0 && value) {
        var values = selected[name] = selected[name] || [];
        if (values.indexOf(value) < 0) values.push(value);
      }
    });
    return selected;
  }

  // --- the controls around the form -------------------------------------------------------------

  /* The bar above the form (fold button, sort menu), the active filters and the "nothing matches"
   * box beside the count, and the "Show n" button at the end of the form. */
  function addControls(page) {
    var form = page.form, count = page.count;
    var controls = {
      toggle: el("button", {type: "button", class: "md-button lac-filter-toggle", "aria-expanded": "false",
                            "aria-controls": page.uid}),
      active: el("div", {class: "lac-active", "data-search-exclude": ""}),
      empty: el("div", {class: "lac-empty admonition info", "data-search-exclude": "", hidden: ""}),
      showResults: el("button", {type: "button", class: "md-button md-button--primary lac-show-results", hidden: ""}),
      sortSelect: null
    };
    form.id = page.uid;
    count.id = page.uid + "-count";
    count.setAttribute("tabindex", "-1"); // the "Show n" button moves the focus here
    var bar = el("div", {class: "lac-filter-bar", "data-search-exclude": ""}, [controls.toggle]);
    var sortKeys = sortKeysOf(page);
    if (page.entries.length > 1 && sortKeys.length > 1) {
      controls.sortSelect = el("select", {id: page.uid + "-sort"});
      sortKeys.forEach(function (key) {
        controls.sortSelect.appendChild(el("option", {value: key, text: sortLabel(page.list, key)}));
      });
      bar.appendChild(el("span", {class: "lac-sort"}, [
        el("label", {for: page.uid + "-sort", text: lacStrings.index_page.sort_by}), controls.sortSelect]));
    }
    form.parentNode.insertBefore(bar, form);
    form.appendChild(controls.showResults);
    count.parentNode.insertBefore(controls.active, count);
    count.parentNode.insertBefore(controls.empty, count.nextSibling);
    foldFilterGroups(page);
    // The active filters below the bar offer "Clear all filters"; the form's own button would repeat it.
    form.querySelectorAll(".lac-filter-actions").forEach(function (node) { node.hidden = true; });
    return controls;
  }

  /* Each filter group folds into a <details>; its summary says how many of its values are ticked. */
  function foldFilterGroups(page) {
    page.form.querySelectorAll(":scope > fieldset").forEach(function (fieldset) {
      var name = fieldset.querySelector("input").name;
      var summary = el("summary", {}, [el("span", {class: "lac-facet-title", text: page.facetTitle[name]}),
                                       el("span", {class: "lac-facet-selected"})]);
      var details = el("details", {class: "lac-facet", "data-facet": name}, [summary]);
      fieldset.parentNode.insertBefore(details, fieldset);
      details.appendChild(fieldset);
    });
  }

  // --- sorting ------------------------------------------------------------------------------------

  function sortKeysOf(page) {
    var keys = ["title"];
    page.entries.forEach(function (entry) {
      toArray(entry.attributes).forEach(function (attribute) {
        var key = attribute.name.indexOf("data-sort-") === 0 ? attribute.name.slice(10) : "";
        if (key && keys.indexOf(key) < 0) keys.push(key);
      });
    });
    return keys;
  }

  function sortLabel(list, key) {
    return list.getAttribute("data-sort-label-" + key) || (SORT_LABELS[key] || [key])[0];
  }

  function sortValue(entry, key) {
    if (entry.hasAttribute("data-sort-" + key)) return entry.getAttribute("data-sort-" + key);
    if (key === "title") return entry.querySelector(".lac-entry-title").textContent.trim();
    return null;
  }

  function compareValues(a, b) {
    var na = Number(a), nb = Number(b);
    if (a !== "" && b !== "" && !isNaN(na) && !isNaN(nb)) return na - nb;
    return a.localeCompare(b, document.documentElement.lang || undefined, {sensitivity: "base", numeric: true});
  }

  function sortEntries(page, key) {
    var list = page.list;
    var ordered = page.original.slice();
    if (key) {
      var order = list.getAttribute("data-sort-order-" + key);
      var direction = order === "desc" ? -1 : order === "asc" ? 1 : (SORT_LABELS[key] || [0, 1])[1];
      ordered.sort(function (a, b) {
        var va = sortValue(a, key), vb = sortValue(b, key);
        if (va === null || vb === null) return (va === null) - (vb === null); // records without the key last
        return direction * compareValues(va, vb) || page.original.indexOf(a) - page.original.indexOf(b);
      });
    }
    ordered.forEach(function (entry) { list.appendChild(entry); });
  }

  // --- the filters at work --------------------------------------------------------------------------

  function init() {
    var form = document.querySelector("form.lac-filters");
    var list = document.querySelector("ul.lac-index");
    var count = document.querySelector(".lac-count");
    if (!form || !list || !count) return; // a page without filters
    var page = readPage(form, list, count);
    var selected = selectionFromAddress(page.names);
    var sortKeys = sortKeysOf(page);
    var sortKey = new URLSearchParams(location.search).get("sort") || "";
    var controls = addControls(page);

    function pairs() {
      var out = [];
      page.names.forEach(function (name) {
        (selected[name] || []).forEach(function (value) { out.push([name, value]); });
      });
      return out;
    }

    function describe(name, value) {
      var label = page.labelOf[name + "=" + value];
      return page.facetTitle[name] + ": " + (label || say(lacStrings.index_page.unknown_value, {value: value}));
    }

    function countWhere(chosen, except) {
      return page.entries.filter(function (entry) { return matches(entry, chosen, except); }).length;
    }

    function without(name, value) {
      var copy = {};
      Object.keys(selected).forEach(function (n) {
        copy[n] = selected[n].filter(function (v) { return !(n === name && (value === undefined || v === value)); });
      });
      return copy;
    }

    function removeButton(text, extra, onClick) {
      var button = el("button", {type: "button", class: "lac-chip"}, [
        el("span", {class: "lac-sr-only", text: lacStrings.index_page.remove_filter + " "}), text,
        extra ? el("span", {class: "lac-chip-extra", text: extra}) : "",
        el("span", {class: "lac-chip-x", "aria-hidden": "true", text: " ×"})
      ]);
      button.addEventListener("click", onClick);
      return button;
    }

    // --- showing the state ---
    function showEntries() {
      var shown = 0;
      page.entries.forEach(function (entry) {
        var ok = matches(entry, selected);
        entry.hidden = !ok;
        if (ok) shown += 1;
      });
      return shown;
    }

    function showCounts(shown, active) {
      var total = page.entries.length;
      var kinds = nounFor(total, page.kindNames);
      count.textContent = active ? say(lacStrings.index_page.count_shown, {n: shown, total: total, kinds: kinds})
        : say(lacStrings.index_page.count_all, {total: total, kinds: kinds});
      controls.toggle.textContent = active ? say(lacStrings.index_page.filters_active, {n: active})
        : lacStrings.index_page.filters;
      controls.showResults.textContent = say(lacStrings.index_page.show_n, {n: shown, kinds: nounFor(shown, page.kindNames)});
    }

    function showFacetCounts() {
      page.boxes.forEach(function (box) {
        box.checked = (selected[box.name] || []).indexOf(box.value) >= 0;
        var n = page.entries.filter(function (entry) {
          return matches(entry, selected, box.name) && valuesOf(entry, box.name).indexOf(box.value) >= 0;
        }).length;
        var label = box.closest("label");
        label.querySelector(".lac-facet-count").textContent = "(" + n + ")";
        label.classList.toggle("lac-facet-none", n === 0 && !box.checked);
      });
      form.querySelectorAll("details.lac-facet").forEach(function (details) {
        var n = (selected[details.getAttribute("data-facet")] || []).length;
        details.querySelector(".lac-facet-selected").textContent = n ? " " + say(lacStrings.index_page.n_selected, {n: n}) : "";
      });
    }

    // The active filters, each removable; values no checkbox offers are marked as unknown.
    function showActiveFilters(chosen) {
      var active = controls.active;
      active.textContent = "";
      if (!chosen.length) return;
      var items = el("ul", {class: "lac-chips", "aria-labelledby": page.uid + "-active"});
      chosen.forEach(function (pair) {
        var button = removeButton(describe(pair[0], pair[1]), "", function () {
          selected = without(pair[0], pair[1]);
          update(true);
        });
        if (page.labelOf[pair[0] + "=" + pair[1]] === undefined) button.classList.add("lac-chip-unknown");
        items.appendChild(el("li", {}, [button]));
      });
      if (chosen.length > 1) {
        var clear = el("button", {type: "button", class: "lac-chip lac-chip-clear", text: lacStrings.index_page.clear_all_filters});
        clear.addEventListener("click", function () { selected = {}; update(true); });
        items.appendChild(el("li", {}, [clear]));
      }
      active.appendChild(el("p", {class: "lac-active-title", id: page.uid + "-active", text: lacStrings.index_page.active_filters}));
      active.appendChild(items);
    }

    // Nothing matches: say which filters exclude everything and offer to remove each.
    function showWhyNothingMatches(shown, chosen) {
      var empty = controls.empty;
      empty.textContent = "";
      empty.hidden = shown > 0 || !chosen.length;
      if (empty.hidden) return;
      var facets = page.names.filter(function (name) { return (selected[name] || []).length; });
      var alone = facets.filter(function (name) {
        var only = {}; only[name] = selected[name];
        return countWhere(only) === 0;
      });
      var words = function (name) {
        return selected[name].map(function (v) { return describe(name, v); }).join(" " + lacStrings.index_page.or + " ");
      };
      var kind = page.kindNames.one;
      var text = alone.length
        ? alone.map(function (name) { return say(lacStrings.index_page.none_has, {kind: kind, value: words(name)}); }).join(" ")
        : say(lacStrings.index_page.none_matches_together, {kind: kind, value: facets.map(words).join("; ")});
      empty.appendChild(el("p", {class: "admonition-title", text: lacStrings.index_page.nothing_matches}));
      empty.appendChild(el("p", {text: text}));
      var fixes = el("ul", {class: "lac-chips"});
      facets.forEach(function (name) {
        var n = countWhere(without(name));
        var button = removeButton(words(name), say(lacStrings.index_page.then_n, {n: n, kinds: nounFor(n, page.kindNames)}), function () {
          selected = without(name);
          update(true);
        });
        fixes.appendChild(el("li", {}, [button]));
      });
      empty.appendChild(fixes);
    }

    function render() {
      var chosen = pairs();
      var shown = showEntries();
      showCounts(shown, chosen.length);
      showFacetCounts();
      showActiveFilters(chosen);
      showWhyNothingMatches(shown, chosen);
      placeShowResults();
    }

    // --- the "Show n" button: there while the open form keeps the count below the screen ---
    function placeShowResults() {
      var below = !form.hidden && count.getBoundingClientRect().top > window.innerHeight - 8;
      controls.showResults.hidden = !below;
    }

    controls.showResults.addEventListener("click", function () {
      count.scrollIntoView({block: "start"});
      count.focus({preventScroll: true});
      placeShowResults();
    });
    var placing = false;
    function placeSoon() {
      if (placing) return;
      placing = true;
      window.requestAnimationFrame(function () { placing = false; placeShowResults(); });
    }
    window.addEventListener("scroll", placeSoon, {passive: true});
    window.addEventListener("resize", placeSoon);
    form.addEventListener("toggle", placeSoon, true); // a filter group folding or unfolding

    // --- on a desk an open filter group drops over the list: one at a time, folded by Escape or a
    // click elsewhere (on a phone the groups open in place, one under the other) ---
    var desk = window.matchMedia("not all and " + PHONE);
    function foldGroups(except) {
      form.querySelectorAll("details.lac-facet[open]").forEach(function (details) {
        if (details !== except) details.open = false;
      });
    }
    form.addEventListener("toggle", function (event) {
      if (desk.matches && event.target.open) foldGroups(event.target);
    }, true);
    document.addEventListener("click", function (event) {
      if (desk.matches && !event.target.closest("details.lac-facet")) foldGroups(null);
    });
    form.addEventListener("keydown", function (event) {
      var open = event.target.closest("details.lac-facet[open]");
      if (event.key !== "Escape" || !open || !desk.matches) return;
      open.open = false;
      open.querySelector("summary").focus();
    });

    // --- folding the form ---
    function setOpen(open) {
      controls.toggle.setAttribute("aria-expanded", open ? "true" : "false");
      form.hidden = !open;
      placeShowResults();
    }
    setOpen(!window.matchMedia(PHONE).matches);
    controls.toggle.addEventListener("click", function () {
      setOpen(controls.toggle.getAttribute("aria-expanded") !== "true");
    });

    // --- the address keeps the state ---
    function remember() {
      var params = new URLSearchParams();
      new URLSearchParams(location.search).forEach(function (value, name) {
        if (page.names.indexOf(name) < 0 && name !== "sort") params.append(name, value); // not ours: keep
      });
      pairs().forEach(function (pair) { params.append(pair[0], pair[1]); });
      if (sortKey) params.append("sort", sortKey);
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function update(changed) {
      render();
      if (changed) remember();
    }

    function applySort() {
      var key = sortKeys.indexOf(sortKey) >= 0 ? sortKey : "";
      sortEntries(page, key);
      if (controls.sortSelect) controls.sortSelect.value = key || "title";
    }

    if (controls.sortSelect) {
      controls.sortSelect.addEventListener("change", function () {
        sortKey = controls.sortSelect.value === "title" ? "" : controls.sortSelect.value;
        applySort();
        remember();
      });
    }
    form.addEventListener("change", function (event) {
      var box = event.target;
      if (box.type !== "checkbox") return;
      var values = (selected[box.name] || []).filter(function (v) { return v !== box.value; });
      if (box.checked) values.push(box.value);
      selected[box.name] = values;
      update(true);
    });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      selected = {};
      update(true);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    applySort();
    render();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
