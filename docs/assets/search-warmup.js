/* Start loading the search index when the reader focuses the search box, instead of when the
 * first key is pressed, and never with the page itself: most readers of a page never search,
 * and a large handbook's index is megabytes.
 *
 * Material creates its search worker itself. This file is listed under extra.polyfills (after
 * the file:// shim), so it runs before Material's bundle and can keep a handle on that worker by
 * wrapping the Worker constructor; the worker treats "handbook-warm" as "load your index now".
 */
(function () {
  "use strict";
  var Base = window.Worker;
  if (!Base) return;
  var search = null;
  function HandbookWorker(url, options) {
    var worker = new Base(url, options);
    if (/search-worker\.[a-z]+\.js/.test(String(url))) search = worker;
    return worker;
  }
  HandbookWorker.prototype = Base.prototype;
  window.Worker = HandbookWorker;
  document.addEventListener("focusin", function (ev) {
    var el = ev.target;
    if (search && el && el.matches && el.matches("input.md-search__input")) {
      search.postMessage({ type: "handbook-warm" });
    }
  });
})();
