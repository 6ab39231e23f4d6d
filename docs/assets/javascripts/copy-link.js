/* "Copy" buttons: a record's permanent link, a meeting's e-mail snippets. A button copies its
 * data-copy text; with data-copy-page-address, the address the page was opened at (the site was
 * built without SITE_URL); with data-copy-from, the text of the element with that id. The button
 * stays hidden without JavaScript or without clipboard access; the text is always there to copy by
 * hand. */
(function () {
  "use strict";

  var lacStrings = window.lacStrings; // the words, in the page's language (interface-strings.js)

  function textOf(button) {
    if (button.hasAttribute("data-copy-page-address")) return location.origin + location.pathname;
    var from = button.getAttribute("data-copy-from");
    if (from) {
      var source = document.getElementById(from);
      return source ? source.textContent : null;
    }
    return button.getAttribute("data-copy");
  }

  function init() {
    if (!navigator.clipboard || !lacStrings) return; // the buttons stay hidden, as without JavaScript
    var served = /^https?:$/.test(location.protocol);
    document.querySelectorAll("button.lac-copy").forEach(function (button) {
      if (button.hasAttribute("data-copy-page-address") && !served) return;
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = textOf(button);
        if (text === null) return;
        navigator.clipboard.writeText(text).then(function () {
          button.textContent = lacStrings.addresses.copied;
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
