/* "Copy link" buttons beside a record's permanent link. The button stays hidden without
 * JavaScript or without clipboard access; the link itself is always there to copy by hand. */
(function () {
  "use strict";

  function init() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("button.lac-copy[data-copy]").forEach(function (button) {
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
          button.textContent = "Link copied";
          setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
