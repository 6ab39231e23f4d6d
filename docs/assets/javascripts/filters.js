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
 * - the active filters as buttons that remove them, including values from the URL that no
 *   checkbox offers (?focus=lone-and-group), which would otherwise hide every record silently;
 * - counts that follow the selection: a value's count is the number of records shown if it were
 *   added (the other filters applied, its own filter's choices ignored);
 * - when nothing matches, which filters exclude everything, with a button to remove each;
 * - sorting, by the title and by every data-sort-<key>="value" the entries carry (?sort=<key>).
 */
(function () {
  "use strict";

  // Labels and directions for sort keys the catalogue's renderer may add to entries. A key not
  // listed here is offered too, labelled by the list's data-sort-label-<key> attribute.
  var SORT_LABELS = {
    title: ["Title (A to Z)", 1],
    reviewed: ["Last reviewed (newest first)", -1],
    evidence: ["Evidence (strongest first)", -1],
    year: ["Start year (newest first)", -1]
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

  function init() {
    var form = document.querySelector("form.lac-filters");
    var list = document.querySelector("ul.lac-index");
    var count = document.querySelector(".lac-count");
    if (!form || !list || !count) return;
    var entries = Array.prototype.slice.call(list.querySelectorAll(":scope > li.lac-entry"));
    var original = entries.slice();
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var names = [];
    var facetTitle = {};
    var labelOf = {};
    boxes.forEach(function (box) {
      if (names.indexOf(box.name) < 0) names.push(box.name);
      var legend = box.closest("fieldset") && box.closest("fieldset").querySelector("legend");
      facetTitle[box.name] = legend ? legend.textContent.trim() : box.name;
      var label = box.closest("label");
      var text = label ? label.cloneNode(true) : null;
      if (text) text.querySelectorAll(".lac-facet-count").forEach(function (n) { n.remove(); });
      labelOf[box.name + "=" + box.value] = text ? text.textContent.trim() : box.value;
    });
    var noun = count.getAttribute("data-noun");
    var singular = list.getAttribute("data-noun-singular") || noun.replace(/s$/, "");
    var uid = "lac-filters-" + (list.getAttribute("data-kind") || "list");

    // --- the selection: every name=value of the URL whose name is a filter, known value or not ---
    var selected = {};
    new URLSearchParams(location.search).forEach(function (value, name) {
      if (names.indexOf(name) >= 0 && value) {
        var values = selected[name] = selected[name] || [];
        if (values.indexOf(value) < 0) values.push(value);
      }
    });
    var sortKey = new URLSearchParams(location.search).get("sort") || "";

    function isOffered(name, value) {
      return boxes.some(function (box) { return box.name === name && box.value === value; });
    }

    function pairs() {
      var out = [];
      names.forEach(function (name) {
        (selected[name] || []).forEach(function (value) { out.push([name, value]); });
      });
      return out;
    }

    function describe(name, value) {
      var label = labelOf[name + "=" + value];
      return facetTitle[name] + ": " + (label || value + " (not a value this list knows)");
    }

    // --- controls around the form ---
    var toggle = el("button", {type: "button", class: "md-button lac-filter-toggle", "aria-expanded": "false",
                               "aria-controls": uid});
    form.id = uid;
    var bar = el("div", {class: "lac-filter-bar", "data-search-exclude": ""}, [toggle]);
    var sortSelect = null;
    var sortKeys = sortKeysOf();
    if (entries.length > 1 && sortKeys.length > 1) {
      sortSelect = el("select", {id: uid + "-sort"});
      sortKeys.forEach(function (key) {
        sortSelect.appendChild(el("option", {value: key, text: sortLabel(key)}));
      });
      bar.appendChild(el("span", {class: "lac-sort"}, [el("label", {for: uid + "-sort", text: "Sort by"}), sortSelect]));
    }
    var active = el("div", {class: "lac-active", "data-search-exclude": ""});
    var empty = el("div", {class: "lac-empty admonition info", "data-search-exclude": "", hidden: ""});
    form.parentNode.insertBefore(bar, form);
    count.parentNode.insertBefore(active, count);
    count.parentNode.insertBefore(empty, count.nextSibling);

    // Each filter group folds into a <details>; its summary says how many of its values are ticked.
    form.querySelectorAll(":scope > fieldset").forEach(function (fieldset) {
      var name = fieldset.querySelector("input") && fieldset.querySelector("input").name;
      var summary = el("summary", {}, [el("span", {class: "lac-facet-title", text: facetTitle[name] || ""}),
                                       el("span", {class: "lac-facet-selected"})]);
      var details = el("details", {class: "lac-facet", "data-facet": name || ""}, [summary]);
      fieldset.parentNode.insertBefore(details, fieldset);
      details.appendChild(fieldset);
    });

    // The active filters below the bar offer "Clear all filters"; the form's own button would repeat it.
    form.querySelectorAll(".lac-filter-actions").forEach(function (node) { node.hidden = true; });

    var phone = window.matchMedia ? window.matchMedia(PHONE).matches : false;
    setOpen(!phone);
    toggle.addEventListener("click", function () { setOpen(toggle.getAttribute("aria-expanded") !== "true"); });

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      form.hidden = !open;
    }

    // --- sorting ---
    function sortKeysOf() {
      var keys = ["title"];
      entries.forEach(function (entry) {
        Array.prototype.forEach.call(entry.attributes, function (attribute) {
          var key = attribute.name.indexOf("data-sort-") === 0 ? attribute.name.slice(10) : "";
          if (key && keys.indexOf(key) < 0) keys.push(key);
        });
      });
      return keys;
    }

    function sortLabel(key) {
      return list.getAttribute("data-sort-label-" + key) || (SORT_LABELS[key] || [key])[0];
    }

    function sortValue(entry, key) {
      if (entry.hasAttribute("data-sort-" + key)) return entry.getAttribute("data-sort-" + key);
      if (key === "title") {
        var title = entry.querySelector(".lac-entry-title");
        return title ? title.textContent.trim() : "";
      }
      return null;
    }

    function compare(a, b) {
      var na = Number(a), nb = Number(b);
      if (a !== "" && b !== "" && !isNaN(na) && !isNaN(nb)) return na - nb;
      return a.localeCompare(b, document.documentElement.lang || undefined, {sensitivity: "base", numeric: true});
    }

    function sortEntries() {
      var key = sortKeys.indexOf(sortKey) >= 0 ? sortKey : "";
      var ordered = original.slice();
      if (key) {
        var direction = list.getAttribute("data-sort-order-" + key) === "desc" ? -1
          : list.getAttribute("data-sort-order-" + key) === "asc" ? 1 : (SORT_LABELS[key] || [0, 1])[1];
        ordered.sort(function (a, b) {
          var va = sortValue(a, key), vb = sortValue(b, key);
          if (va === null || vb === null) return (va === null) - (vb === null); // records without the key last
          return direction * compare(va, vb) || original.indexOf(a) - original.indexOf(b);
        });
      }
      ordered.forEach(function (entry) { list.appendChild(entry); });
      if (sortSelect) sortSelect.value = key || "title";
    }

    if (sortSelect) {
      sortSelect.addEventListener("change", function () {
        sortKey = sortSelect.value === "title" ? "" : sortSelect.value;
        sortEntries();
        remember();
      });
    }

    // --- showing the state ---
    function countWhere(chosen, except) {
      return entries.filter(function (entry) { return matches(entry, chosen, except); }).length;
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
        el("span", {class: "lac-sr-only", text: "Remove filter "}), text,
        extra ? el("span", {class: "lac-chip-extra", text: extra}) : "",
        el("span", {class: "lac-chip-x", "aria-hidden": "true", text: " ×"})
      ]);
      button.addEventListener("click", onClick);
      return button;
    }

    function render() {
      var chosen = pairs();
      var shown = 0;
      entries.forEach(function (entry) {
        var ok = matches(entry, selected);
        entry.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = chosen.length ? shown + " of " + entries.length + " " + noun : entries.length + " " + noun;
      toggle.textContent = "Filters" + (chosen.length ? " (" + chosen.length + " active)" : "");

      boxes.forEach(function (box) {
        box.checked = (selected[box.name] || []).indexOf(box.value) >= 0;
        var n = entries.filter(function (entry) {
          return matches(entry, selected, box.name) && valuesOf(entry, box.name).indexOf(box.value) >= 0;
        }).length;
        var label = box.closest("label");
        var badge = label && label.querySelector(".lac-facet-count");
        if (badge) badge.textContent = "(" + n + ")";
        if (label) label.classList.toggle("lac-facet-none", n === 0 && !box.checked);
      });
      form.querySelectorAll("details.lac-facet").forEach(function (details) {
        var n = (selected[details.getAttribute("data-facet")] || []).length;
        details.querySelector(".lac-facet-selected").textContent = n ? " (" + n + " selected)" : "";
      });

      // The active filters, each removable; values no checkbox offers are marked as unknown.
      active.textContent = "";
      if (chosen.length) {
        var items = el("ul", {class: "lac-chips"});
        chosen.forEach(function (pair) {
          var unknown = !isOffered(pair[0], pair[1]);
          var button = removeButton(describe(pair[0], pair[1]), "", function () {
            selected = without(pair[0], pair[1]);
            update(true);
          });
          if (unknown) button.classList.add("lac-chip-unknown");
          items.appendChild(el("li", {}, [button]));
        });
        active.appendChild(el("p", {class: "lac-active-title", id: uid + "-active", text: "Active filters:"}));
        items.setAttribute("aria-labelledby", uid + "-active");
        active.appendChild(items);
        if (chosen.length > 1) {
          var clear = el("button", {type: "button", class: "lac-chip lac-chip-clear", text: "Clear all filters"});
          clear.addEventListener("click", function () { selected = {}; update(true); });
          items.appendChild(el("li", {}, [clear]));
        }
      }

      // Nothing matches: say which filters exclude everything and offer to remove each.
      empty.textContent = "";
      empty.hidden = shown > 0 || !chosen.length;
      if (!empty.hidden) {
        var facets = names.filter(function (name) { return (selected[name] || []).length; });
        var alone = facets.filter(function (name) {
          var only = {}; only[name] = selected[name];
          return countWhere(only) === 0;
        });
        var words = function (name) {
          return selected[name].map(function (v) { return describe(name, v); }).join(" or ");
        };
        var text = alone.length
          ? "No " + singular + " has " + alone.map(words).join("; no " + singular + " has ") + "."
          : "No " + singular + " matches all of these filters together: " + facets.map(words).join("; ") + ".";
        empty.appendChild(el("p", {class: "admonition-title", text: "Nothing matches"}));
        empty.appendChild(el("p", {text: text}));
        var fixes = el("ul", {class: "lac-chips"});
        facets.forEach(function (name) {
          var n = countWhere(without(name));
          var button = removeButton(words(name), "(then " + n + " " + (n === 1 ? singular : noun) + ")", function () {
            selected = without(name);
            update(true);
          });
          fixes.appendChild(el("li", {}, [button]));
        });
        empty.appendChild(fixes);
      }
    }

    function remember() {
      var params = new URLSearchParams();
      new URLSearchParams(location.search).forEach(function (value, name) {
        if (names.indexOf(name) < 0 && name !== "sort") params.append(name, value); // not ours: keep
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

    form.addEventListener("change", function (event) {
      var box = event.target;
      if (!box || box.type !== "checkbox") return;
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
    sortEntries();
    render();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
