/* Where am I: on a record page, the menu entry of its kind is highlighted.
 *
 * Record pages are kept out of the nav (mkdocs.yml, not_in_nav), so Material marks no menu entry
 * on them. overrides/partials/path.html puts the index of the record's kind in the breadcrumbs
 * (a[data-lac-kind-index]); this marks the menu link to that index as the current section and
 * opens its section in the phone's menu drawer, as Material does for pages in the nav.
 * And a fold (<details>) that holds the heading the address names opens.
 */
(function () {
  "use strict";

  function mark() {
    var crumb = document.querySelector("a[data-lac-kind-index]");
    if (!crumb) return;
    document.querySelectorAll(".md-nav--primary a.md-nav__link").forEach(function (link) {
      if (link.href !== crumb.href) return;
      link.classList.add("md-nav__link--active", "lac-nav-kind");
      link.setAttribute("aria-current", "true");
      for (var item = link.closest(".md-nav__item"); item; item = item.parentElement.closest(".md-nav__item")) {
        item.classList.add("md-nav__item--active");
        var toggle = item.querySelector(":scope > input.md-nav__toggle");
        if (toggle) toggle.checked = true;
      }
    });
  }

  // An address that names a heading inside a fold (a tag on /tags/, from a record's tag chip) opens
  // the fold, so the reader lands on the list and not on a closed line.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var fold = target && target.closest("details");
    if (fold && !fold.open) {
      fold.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openTarget);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { mark(); openTarget(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { mark(); openTarget(); });
  } else {
    mark();
    openTarget();
  }
})();
