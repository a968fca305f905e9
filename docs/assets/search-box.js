/* What the handbook adds to Material's search box (its worker: overrides/assets/javascripts/search-worker.js).
 *
 * - Loads the index when the reader focuses the box, not with the page: most readers of a page
 *   never search, and a large handbook's index is megabytes.
 * - "搜索范围": a list of the policy texts, to limit a search to one of them. A native <select>
 *   with its label: it works by touch, mouse and keyboard (Tab from the box reaches it; Material
 *   would close the search on Tab and send every other key back to the box, so the list keeps its
 *   keys to itself, Escape excepted).
 * - A line under the result count that says why a synonym-table entry applied ("“家暴”也按“家庭
 *   暴力”查找") and, while a large index is still arriving, that the results will update.
 *   `.md-search-result` carries data-handbook-search="partial" or "complete" for the answer shown.
 *
 * Material creates its search worker itself. This file is listed under extra.polyfills (after the
 * file:// shim), so it runs before Material's bundle and can keep a handle on that worker by
 * wrapping the Worker constructor; its own listener is added first, so it has read an answer
 * before Material renders it.
 */
(function () {
  "use strict";
  var Base = window.Worker;
  if (!Base) return;
  var search = null, strings = {}, texts = [];

  function HandbookWorker(url, options) {
    var worker = new Base(url, options);
    if (/search-worker\.[a-z]+\.js/.test(String(url))) {
      search = worker;
      worker.addEventListener("message", function (ev) { heard(ev.data || {}); });
    }
    return worker;
  }
  HandbookWorker.prototype = Base.prototype;
  window.Worker = HandbookWorker;

  function input() { return document.querySelector("input.md-search__input"); }
  function result() { return document.querySelector(".md-search-result"); }

  function heard(msg) {
    if (msg.type === "handbook-ready") {
      strings = msg.data.strings || {};
      texts = msg.data.texts || [];
      scopeBar();
    } else if (msg.type === 3) {
      explain((msg.data && msg.data.handbook) || { complete: true, why: [] }, (msg.data && msg.data.items) || []);
    }
  }

  function explain(info, items) {
    var box = result();
    if (!box) return;
    box.setAttribute("data-handbook-search", info.complete ? "complete" : "partial");
    var line = box.querySelector(".search-why");
    if (!line) {
      line = document.createElement("div");
      line.className = "search-why";
      line.setAttribute("role", "status");
      var meta = box.querySelector(".md-search-result__meta");
      box.insertBefore(line, meta ? meta.nextSibling : box.firstChild);
    }
    var lines = (info.why || []).slice();
    var query = input() ? input().value.trim() : "";
    if (info.scope && !items.length && query && strings.none_in_scope) lines.push(strings.none_in_scope);
    if (!info.complete && strings.partial) lines.push(strings.partial);
    line.textContent = "";
    lines.forEach(function (text) {
      var p = document.createElement("p");
      p.textContent = text;
      line.appendChild(p);
    });
  }

  function scopeBar() {
    var box = result();
    if (!box || !texts.length || box.querySelector(".search-scope")) return;
    var bar = document.createElement("div");
    bar.className = "search-scope";
    var label = document.createElement("label");
    label.htmlFor = "handbook-search-scope";
    label.textContent = strings.scope || "";
    var select = document.createElement("select");
    select.id = "handbook-search-scope";
    [["", strings.all || ""]].concat(texts).forEach(function (text) {
      var option = document.createElement("option");
      option.value = text[0];
      option.textContent = text[0] ? (strings.doc || "{doc}").replace("{doc}", text[1]) : text[1];
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      if (!search) return;
      search.postMessage({ type: "handbook-scope", data: select.value });
      var query = input() ? input().value : "";
      if (query.trim()) search.postMessage({ type: 2, data: query });
    });
    // Material's keyboard handling would close the search (Tab) or take the key back to the box.
    select.addEventListener("keydown", function (ev) { if (ev.key !== "Escape") ev.stopPropagation(); });
    bar.appendChild(label);
    bar.appendChild(select);
    box.insertBefore(bar, box.firstChild);
  }

  document.addEventListener("focusin", function (ev) {
    var el = ev.target;
    if (search && el && el.matches && el.matches("input.md-search__input")) {
      search.postMessage({ type: "handbook-warm" });
    }
  });
  // Tab from the box goes to the scope list (Material would close the search instead).
  document.addEventListener("keydown", function (ev) {
    var select = document.getElementById("handbook-search-scope");
    if (ev.key === "Tab" && !ev.shiftKey && select && ev.target === input()) {
      ev.preventDefault();
      ev.stopPropagation();
      select.focus();
    }
  }, true);
})();
