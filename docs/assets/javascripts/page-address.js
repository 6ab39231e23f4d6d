/* Built without its published address (SITE_URL), the site names no host: an element marked
 * data-page-address holds the page's path, and this script puts in the address the page was opened
 * at, for the permanent link, the citation, BibTeX and the e-mail snippets. A copy opened from
 * file:// has no address to share, so there the path stays. */
(function () {
  "use strict";

  function init() {
    if (!/^https?:$/.test(location.protocol)) return;
    var address = location.origin + location.pathname;
    document.querySelectorAll("[data-page-address]").forEach(function (element) {
      element.textContent = address;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
