/* Levenshtein distance between two strings: the one helper for "did you mean" in search
   (search-engine.js) and for the closest addresses on the "page not found" page (not-found.js).
   A plain script (no module), so it loads from file:// too; in Node it is a module for the tests. */
(function (root) {
  "use strict";
  function distance(a, b) {
    var previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      current = [i];
      for (j = 1; j <= b.length; j++) {
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1,
          previous[j - 1] + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1)));
      }
      previous = current;
    }
    return previous[b.length];
  }
  if (typeof module !== "undefined" && module.exports) module.exports = distance;
  else root.lacEditDistance = distance;
})(typeof self !== "undefined" ? self : this);
