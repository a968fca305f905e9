/* iframe-worker 1.0.4's inline boot script, moved into a file: the handbook's pages carry a
 * Content-Security-Policy that allows no inline script, and the worker's iframe inherits it.
 * Runs inside that iframe, before the worker script; same code as the shim's template. */
"use strict";
(function () {
  var worker = document.currentScript.getAttribute("data-worker");
  self.postMessage = function c(s, n) { parent.postMessage(s, n || "*"); };
  self.importScripts = function d(...s) {
    return s.reduce((n, e) => n.then(() => new Promise(r => {
      let t = document.createElement("script");
      t.src = e, t.onload = r, document.body.appendChild(t);
    })), Promise.resolve());
  };
  addEventListener("error", ({ error }) => {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error }));
  });
})();
