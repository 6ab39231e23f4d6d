/* Keyboard access to tables that scroll sideways (WCAG 2.1.1; axe: scrollable-region-focusable).
 *
 * Material wraps every table in .md-typeset__scrollwrap, which scrolls when the table is wider
 * than the page but cannot take focus, so someone using a keyboard could not reach the columns
 * out of view. A wrapper that overflows becomes a focusable region named after its table; one
 * that fits stays out of the tab order. Material adds the wrappers itself when a page loads, so
 * this runs on each page Material shows, and again when the window changes size. Code blocks
 * (pre > code) that are wider than a phone's screen scroll the same way and get the same treatment.
 */
(function () {
  "use strict";

  var lacStrings = window.lacStrings; // the words, in the page's language (interface-strings.js)
  if (!lacStrings) return;

  /* A text with its {placeholders} filled in. */
  function say(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function nameOf(wrap) {
    if (wrap.tagName === "CODE") return lacStrings.accessibility.code;
    var caption = wrap.querySelector("caption");
    if (caption) return caption.textContent.trim();
    for (var node = wrap; node; node = node.previousElementSibling || node.parentElement) {
      if (/^H[1-6]$/.test(node.tagName)) return say(lacStrings.accessibility.table_named, {title: node.textContent.replace("¶", "").trim()});
      if (node.classList && node.classList.contains("md-content")) break;
    }
    return lacStrings.accessibility.table;
  }

  function update() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", say(lacStrings.accessibility.scrolls_sideways, {title: nameOf(wrap)}));
      } else if (wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  var pending = 0;
  function later() {
    clearTimeout(pending);
    pending = setTimeout(update, 100);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setTimeout(update, 0); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  window.addEventListener("load", update);
  window.addEventListener("resize", later);
})();
