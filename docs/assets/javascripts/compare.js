/* Records side by side (hooks/catalogue_core/render/compare.py).
 *
 * On an index page whose list names a comparison page (data-compare), every entry gets a tick box
 * and the list a "Compare" link to that page with the ticked ids: /compare/tools/?ids=a,b.
 * On the comparison page, the table is built from compare/<kind>.json, which holds every record's
 * rows (the fields its kind's x-kind.compare declares) as HTML the build rendered and cleaned, and
 * the rows' labels in order. The address alone says what is compared, so it can be shared. Without
 * JavaScript both pages say what to do instead.
 *
 * On a desk the records are the table's columns. On a phone (record.css) the same table reads as
 * blocks: each field a heading, under it each record's value headed by the record's name, so every
 * value is in view without a sideways scroll.
 *
 * Its words come from window.lacStrings (interface-strings.js, in the page's language); the kind's
 * names from lacStrings.kinds by the box's data-kind.
 */
(function () {
  "use strict";

  var lacStrings = window.lacStrings;
  if (!lacStrings) return; // without its words the pages stay as they are without JavaScript

  /* A text with its {placeholders} filled in. */
  function say(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  /* The kind's name that goes with the number n: "1 practice", "2 practices". */
  var plurals = new Intl.PluralRules(lacStrings.lang);
  function nounFor(n, names) { return plurals.select(n) === "one" ? names.one : names.other; }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function idsFromAddress(max) {
    var seen = [];
    (new URLSearchParams(location.search).get("ids") || "").split(",").forEach(function (id) {
      id = id.trim();
      if (id && seen.indexOf(id) < 0 && seen.length < max) seen.push(id);
    });
    return seen;
  }

  function withIds(href, ids) {
    // Commas stay commas, so the shared address reads ?ids=vera-2r,trap-18.
    var url = new URL(href, location.href);
    return url.pathname + (ids.length ? "?ids=" + ids.map(encodeURIComponent).join(",") : "");
  }

  // --- the index page: tick boxes and the link ---------------------------------------------

  function offerTicks(list) {
    var max = Number(list.getAttribute("data-compare-max")) || 4;
    var target = list.getAttribute("data-compare");
    var chosen = [];
    var status = el("span", {class: "lac-compare-status"});
    var link = el("a", {class: "md-button lac-compare-link", text: lacStrings.compare.compare});
    var bar = el("p", {class: "lac-compare-bar", role: "status"}, [status, link]);
    list.parentNode.insertBefore(bar, list);

    function update() {
      // The bar appears once something is ticked, so it never pushes the first result down.
      bar.hidden = chosen.length === 0;
      status.textContent = say(lacStrings.compare.chosen, {n: chosen.length, total: max});
      if (chosen.length >= 2) {
        link.setAttribute("href", withIds(target, chosen));
        link.removeAttribute("aria-disabled");
      } else {
        link.removeAttribute("href");
        link.setAttribute("aria-disabled", "true");
      }
      list.querySelectorAll("input.lac-compare-tick").forEach(function (box) {
        box.disabled = !box.checked && chosen.length >= max;
      });
    }

    list.querySelectorAll("li.lac-entry").forEach(function (entry) {
      var title = entry.querySelector(".lac-entry-title");
      var box = el("input", {type: "checkbox", class: "lac-compare-tick", value: entry.id,
                             "aria-label": say(lacStrings.compare.compare_title, {title: title ? title.textContent.trim() : entry.id})});
      box.addEventListener("change", function () {
        var at = chosen.indexOf(entry.id);
        if (box.checked && at < 0) chosen.push(entry.id);
        if (!box.checked && at >= 0) chosen.splice(at, 1);
        update();
      });
      entry.appendChild(el("label", {class: "lac-compare-label"}, [box, document.createTextNode(" " + lacStrings.compare.compare)]));
    });
    update();
  }

  // --- the comparison page -------------------------------------------------------------------

  function comparisonTable(data, found, kindNames) {
    var labels = data.labels;
    var head = el("tr", {}, [el("td", {})]);
    found.forEach(function (id) {
      var record = data.records[id];
      var others = found.filter(function (other) { return other !== id; });
      head.appendChild(el("th", {scope: "col"}, [
        el("a", {href: record.href, text: record.title}),
        el("br"),
        el("a", {class: "lac-compare-remove", href: withIds(location.href, others),
                 "aria-label": say(lacStrings.compare.remove_title, {title: record.title}), text: lacStrings.compare.remove})
      ]));
    });
    var body = el("tbody");
    labels.forEach(function (label) {
      var row = el("tr", {}, [el("th", {scope: "row", text: label})]);
      found.forEach(function (id) {
        var record = data.records[id];
        var match = record.rows.filter(function (r) { return r[0] === label; })[0];
        var value = el("div", {class: "lac-compare-value"});
        // The build rendered and cleaned this HTML (render/record_page.py, templates/values.html); it holds no script.
        if (match) value.innerHTML = match[1];
        else { value.textContent = lacStrings.compare.not_stated; value.classList.add("lac-compare-none"); }
        // The record's name heads the value where the columns stack (a phone); hidden on a desk,
        // where the column's heading says it.
        row.appendChild(el("td", {}, [el("span", {class: "lac-compare-who", text: record.title}), value]));
      });
      body.appendChild(row);
    });
    var table = el("table", {class: "lac-compare-table"}, [
      el("caption", {text: say(lacStrings.compare.comparing, {n: found.length, kinds: nounFor(found.length, kindNames)})}), el("thead", {}, [head]), body]);
    return el("div", {class: "lac-compare-scroll", role: "region", tabindex: "0", "aria-label": lacStrings.compare.table},
              [table]);
  }

  function showTable(box) {
    var max = Number(box.getAttribute("data-max")) || 4;
    var noun = box.getAttribute("data-noun");
    var kindNames = lacStrings.kinds[box.getAttribute("data-kind")] || {one: noun, other: noun};
    var index = box.getAttribute("data-index");
    var ids = idsFromAddress(max);
    var help = box.querySelector(".lac-compare-help");
    if (ids.length === 0) return; // the help text says how to choose
    fetch(box.getAttribute("data-compare-data"))
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var found = ids.filter(function (id) { return data.records[id]; });
        var missing = ids.filter(function (id) { return !data.records[id]; });
        if (help) help.hidden = found.length > 0;
        if (missing.length) {
          box.appendChild(el("p", {class: "lac-compare-missing",
            text: say(lacStrings.compare.not_found, {value: missing.join(", ")})}));
        }
        if (!found.length) return;
        box.appendChild(comparisonTable(data, found, kindNames));
        if (found.length < max) {
          box.appendChild(el("p", {}, [el("a", {href: index, text: say(lacStrings.compare.choose_other, {kinds: kindNames.other})})]));
        }
      })
      .catch(function () {
        box.appendChild(el("p", {text: lacStrings.compare.could_not_load}));
      });
  }

  var list = document.querySelector("ul.lac-index[data-compare]");
  if (list) offerTicks(list);
  var box = document.querySelector(".lac-compare[data-compare-data]");
  if (box) showTable(box);
})();
