/* Hand-outs: the "Print summary" link puts the page into its summary mode (its address ends in
 * #print-summary, which the stylesheets turn into the hand-out) and opens the print dialog. Without
 * JavaScript the link still shows the summary, and the browser's own Print command prints it. */
(function () {
  "use strict";

  // The preview reads from the top, not from the block the address names, where the browser and
  // the theme scroll to when the address changes.
  function toTop() {
    setTimeout(function () { window.scrollTo(0, 0); }, 0);
  }

  function printSummary(event) {
    event.preventDefault();
    var target = event.currentTarget.getAttribute("href");
    if (location.hash !== target) {
      window.addEventListener("hashchange", toTop, { once: true });
      location.hash = target;
    }
    window.print();
  }

  function init() {
    var block = document.querySelector(".lac-handout[id]");
    if (block && location.hash === "#" + block.id) {  // opened at #print-summary
      if (document.readyState === "complete") toTop(); else window.addEventListener("load", toTop);
    }
    document.querySelectorAll("a.lac-print-summary").forEach(function (link) {
      link.addEventListener("click", printSummary);
    });
    document.querySelectorAll("button.lac-print-now").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
