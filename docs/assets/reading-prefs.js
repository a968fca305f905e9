/* Read in the page's head, before anything is painted: a reader who has turned the sentence numbers off
 * (docs/assets/handbook.js keeps her choice in this browser) never sees them. The stylesheet shows each
 * number from the first paint so that nothing moves when the script's buttons take their place; without
 * this, her page would show the numbers and then take them away, and the text would move. */
(function () {
  "use strict";
  try {
    if (window.localStorage.getItem("handbook:source:numbers") === "hidden") {
      document.documentElement.classList.add("sids-hidden");
    }
  } catch (e) { /* no storage (a private window, file:// in some browsers): the numbers show */ }
})();
