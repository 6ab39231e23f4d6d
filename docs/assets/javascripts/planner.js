/* The assessment planner (/plan/; hooks/catalogue_core/render/plan_page.py).
 *
 * The page holds the form (hidden until this script runs) and a table of every instrument, which is
 * what a reader without JavaScript gets. This script loads plan/data.js (the rules and the records'
 * planner fields, written by the build) with a <script> element, which works under the pages'
 * Content-Security-Policy and from file:// alike, then answers as the reader chooses. The answers
 * live in the page's address (?setting=prison&need=violence), so reload, back and a shared link
 * all give the same plan. The rules are the data's; nothing here names a question or an instrument.
 */
(function () {
  "use strict";

  var lacStrings = window.lacStrings; // the words, in the page's language (interface-strings.js)
  if (!lacStrings) return; // the page keeps its table of every instrument, as without JavaScript

  /* A text with its {placeholders} filled in. */
  function say(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  var PRINT_IN_FULL = 6;  // up to this many fitting instruments print with all their facts

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function link(href, text) { return el("a", {href: href, text: text}); }

  function intersects(a, b) {
    for (var i = 0; i < a.length; i++) if (b.indexOf(a[i]) >= 0) return true;
    return false;
  }

  // --- state: the address is the one place the answers live ------------------------------

  function stateFromAddress(data) {
    var params = new URLSearchParams(location.search);
    var state = {};
    data.questions.forEach(function (question) {
      var known = question.choices.map(function (c) { return c.value; });
      var values = params.getAll(question.name).filter(function (v) { return known.indexOf(v) >= 0; });
      state[question.name] = question.multiple ? values : values.slice(0, 1);
    });
    return state;
  }

  function stateFromForm(form, data) {
    var state = {};
    data.questions.forEach(function (question) {
      var values = [];
      form.querySelectorAll('[name="' + question.name + '"]').forEach(function (control) {
        if (control.tagName === "SELECT") { if (control.value) values.push(control.value); }
        else if (control.checked && control.value) values.push(control.value);
      });
      state[question.name] = values;
    });
    return state;
  }

  function addressOf(state, data) {
    var params = new URLSearchParams();
    data.questions.forEach(function (question) {
      state[question.name].forEach(function (value) { params.append(question.name, value); });
    });
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "") + location.hash;
  }

  function showState(form, state, data) {
    data.questions.forEach(function (question) {
      var values = state[question.name];
      form.querySelectorAll('[name="' + question.name + '"]').forEach(function (control) {
        if (control.tagName === "SELECT") control.value = values[0] || "";
        else control.checked = control.value ? values.indexOf(control.value) >= 0 : values.length === 0;
      });
    });
  }

  // --- the answer: the rules read as render/plan_answer.py reads them -----------------

  function chosenChoices(question, state) {
    return question.choices.filter(function (c) { return state[question.name].indexOf(c.value) >= 0; });
  }

  function collect(choices, key) {
    var out = [];
    choices.forEach(function (c) { (c[key] || []).forEach(function (v) { if (out.indexOf(v) < 0) out.push(v); }); });
    return out;
  }

  function labelsOf(question, values) {
    return values.map(function (v) { return question.labels[v] || v; }).join(", ");
  }

  function judge(instrument, state, data) {
    var matched = [], unknown = [], reasons = [];
    data.questions.forEach(function (question) {
      var picks = chosenChoices(question, state);
      if (!question.instrumentField || !picks.length) return;
      var accepted = collect(picks, "instrument");
      var values = instrument.values[question.instrumentField] || [];
      if (!values.length || (values.length === 1 && values[0] === data.notStated)) {
        unknown.push(question.short);
      } else if (intersects(values, accepted)) {
        matched.push(question.short + ": " + labelsOf(question, values.filter(function (v) { return accepted.indexOf(v) >= 0; })));
      } else {
        reasons.push(question.notFit.replace("{values}", labelsOf(question, values)));
      }
    });
    return {matched: matched, unknown: unknown, reasons: reasons};
  }

  function practiceMatches(practice, state, data) {
    return data.questions.every(function (question) {
      if (!question.practiceField || !state[question.name].length) return true;
      var accepted = question.fromRecords ? state[question.name] : collect(chosenChoices(question, state), "practice");
      if (!accepted.length) return true;
      return intersects(practice.values[question.practiceField] || [], accepted);
    });
  }

  function answer(state, data) {
    var chosen = [];
    data.questions.forEach(function (q) { chosen = chosen.concat(chosenChoices(q, state)); });
    var wantedTypes = collect(chosen, "types");
    var out = {types: data.types.filter(function (t) { return wantedTypes.indexOf(t.value) >= 0; }),
               fit: [], notFit: [], practices: [], recommendations: []};
    data.instruments.forEach(function (instrument) {
      var verdict = judge(instrument, state, data);
      (verdict.reasons.length ? out.notFit : out.fit).push({instrument: instrument, verdict: verdict});
    });
    var fitIds = out.fit.map(function (f) { return f.instrument.id; });
    var typeValues = out.types.map(function (t) { return t.value; });
    out.practices = data.practices.filter(function (p) {
      return (intersects(p.instruments, fitIds) || intersects(p.types, typeValues)) && practiceMatches(p, state, data);
    });
    var wanted = collect(chosen, "recommendations");
    out.recommendations = Object.keys(data.recommendations).filter(function (id) { return wanted.indexOf(id) >= 0; })
      .map(function (id) { return data.recommendations[id]; });
    return out;
  }

  // --- showing it ------------------------------------------------------------------------

  function fill(region, nodes) {
    while (region.firstChild) region.removeChild(region.firstChild);
    nodes.forEach(function (node) { region.appendChild(node); });
  }

  function summary(state, data) {
    var parts = [];
    data.questions.forEach(function (question) {
      var labels = chosenChoices(question, state).map(function (c) { return c.label; });
      if (labels.length) parts.push(question.short + ": " + labels.join(", "));
    });
    return parts.length ? say(lacStrings.planner.your_answers, {value: parts.join(" · ")})
      : lacStrings.planner.no_answers_yet;
  }

  function instrumentCard(item) {
    var instrument = item.instrument;
    var rows = [el("dt", {text: lacStrings.planner.fit_for_lone_actors}),
                el("dd", {class: "lac-plan-rating lac-rating-" + instrument.rating, text: instrument.ratingLabel}),
                el("dt", {text: lacStrings.planner.why_it_fits}),
                el("dd", {text: item.verdict.matched.length ? item.verdict.matched.join("; ") + "."
                  : lacStrings.planner.nothing_rules_it_out})];
    if (item.verdict.unknown.length) {
      rows.push(el("dt", {text: lacStrings.planner.sources_do_not_say}), el("dd", {text: item.verdict.unknown.join(", ") + "."}));
    }
    instrument.details.forEach(function (detail) {
      var long = detail[2] ? {class: "lac-plan-long"} : {};
      rows.push(el("dt", Object.assign({text: detail[0]}, long)), el("dd", Object.assign({text: detail[1]}, long)));
    });
    return el("li", {class: "lac-plan-instrument", "data-id": instrument.id},
              [el("p", {class: "lac-plan-instrument-title"}, [link(instrument.href, instrument.title)]),
               el("dl", {}, rows)]);
  }

  function render(page, state, data) {
    var result = answer(state, data);
    var region = function (name) { return page.querySelector('[data-planner="' + name + '"]'); };
    region("summary").textContent = summary(state, data);
    fill(region("types"), result.types.length ? result.types.map(function (t) {
      return el("li", {"data-type": t.value}, [el("strong", {text: t.label}), ". " + t.why + " ",
                                               el("span", {}, [lacStrings.planner.see + " ", link(t.href, t.source), "."])]);
    }) : [el("li", {class: "lac-plan-none", text: lacStrings.planner.no_types_yet})]);
    // A long list prints as titles and ratings only, so that the plan stays on one page (planner.css).
    var listClass = "lac-plan-instruments" + (result.fit.length > PRINT_IN_FULL ? " lac-plan-many" : "");
    fill(region("fit"), [result.fit.length ? el("ul", {class: listClass}, result.fit.map(instrumentCard))
      : el("p", {text: lacStrings.planner.no_instrument_fits})]);
    region("not-fit-summary").textContent = say(lacStrings.planner.not_fit_summary, {n: result.notFit.length});
    fill(region("not-fit"), [el("ul", {}, result.notFit.map(function (item) {
      return el("li", {"data-id": item.instrument.id}, [link(item.instrument.href, item.instrument.title),
        ": " + item.verdict.reasons.join("; ") + ". ",
        el("span", {class: "lac-plan-rating", text: say(lacStrings.planner.fit_for_lone_actors_is, {value: item.instrument.ratingLabel})})]);
    }))]);
    fill(region("practices"), [result.practices.length ? el("ul", {class: "lac-plan-practices"}, result.practices.map(function (p) {
      return el("li", {"data-id": p.id}, [link(p.href, p.title)]);
    })) : el("p", {text: lacStrings.planner.no_practice_matches})]);
    fill(region("recommendations"), result.recommendations.length ? result.recommendations.map(function (r) {
      return el("li", {}, [link(r.href, r.title)]);
    }) : [el("li", {class: "lac-plan-none", text: lacStrings.planner.no_recommendations_yet})]);
    var jump = region("jump");
    jump.textContent = new Intl.PluralRules(lacStrings.lang).select(result.fit.length) === "one"
      ? lacStrings.planner.see_one_that_fits : say(lacStrings.planner.see_n_that_fit, {n: result.fit.length});
    region("address").textContent = location.href;
  }

  function start(page, data) {
    var form = page.querySelector("#plan-form");
    var table = page.querySelector(".lac-plan-table");
    form.hidden = false;
    page.querySelector("#plan-answer").hidden = false;
    page.querySelector(".lac-plan-jump").hidden = false;
    // With the planner working, the table is one click away instead of filling the page.
    table.hidden = true;
    var show = el("button", {type: "button", class: "md-button", "aria-expanded": "false",
                             text: lacStrings.planner.show_table});
    show.addEventListener("click", function () {
      table.hidden = !table.hidden;
      show.setAttribute("aria-expanded", String(!table.hidden));
    });
    page.insertBefore(el("p", {class: "lac-plan-table-toggle"}, [show]), table);

    var state = stateFromAddress(data);
    showState(form, state, data);
    render(page, state, data);
    function changed() {
      state = stateFromForm(form, data);
      // Every change is a step the back button can undo.
      history.pushState(null, "", addressOf(state, data));
      render(page, state, data);
    }
    form.addEventListener("change", changed);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(changed, 0); });
    window.addEventListener("popstate", function () {
      state = stateFromAddress(data);
      showState(form, state, data);
      render(page, state, data);
    });
    page.querySelector('[data-planner="print"]').addEventListener("click", function () { window.print(); });
  }

  function init() {
    var page = document.querySelector(".lac-plan[data-planner-data]");
    if (!page) return;
    var script = document.createElement("script");
    script.src = page.getAttribute("data-planner-data");
    script.onload = function () { if (window.lacPlannerData) start(page, window.lacPlannerData); };
    document.head.appendChild(script);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
