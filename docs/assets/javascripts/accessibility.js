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

  function nameOf(wrap) {
    if (wrap.tagName === "CODE") return "Code";
    var caption = wrap.querySelector("caption");
    if (caption) return caption.textContent.trim();
    for (var node = wrap; node; node = node.previousElementSibling || node.parentElement) {
      if (/^H[1-6]$/.test(node.tagName)) return "Table: " + node.textContent.replace("¶", "").trim();
      if (node.classList && node.classList.contains("md-content")) break;
    }
    return "Table";
  }

  function update() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", nameOf(wrap) + " (scrolls sideways)");
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
