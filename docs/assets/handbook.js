/* Handbook behaviour: citation previews (hover, focus, tap). Works from file:// — all text is in the page. */
(function () {
  "use strict";
  var open = null;
  var pointer = "mouse";  // touch screens also fire mouseover; only a real mouse hovers
  document.addEventListener("pointerdown", function (e) { pointer = e.pointerType; }, true);
  document.addEventListener("pointermove", function (e) { if (e.pointerType === "mouse") pointer = "mouse"; }, true);
  function close() { if (open) { open.box.remove(); open.link.setAttribute("aria-expanded", "false"); open = null; } }
  function show(link) {
    if (open && open.link === link) return;
    close();
    var box = document.createElement("div");
    box.className = "cite-preview";
    box.setAttribute("role", "tooltip");
    box.id = "cite-preview";
    var id = document.createElement("span");
    id.className = "cite-preview-id";
    var isTerm = link.classList.contains("term");
    id.textContent = isTerm ? link.getAttribute("data-term") : "§" + link.getAttribute("data-provision");
    box.appendChild(id);
    box.appendChild(document.createTextNode(link.getAttribute(isTerm ? "data-definition" : "data-cite-text") || ""));
    var zh = link.getAttribute("data-cite-zh");
    if (zh) {
      var orig = document.createElement("span");
      orig.className = "cite-preview-zh";
      orig.lang = "zh";
      orig.textContent = "中文原文：" + zh;
      box.appendChild(orig);
    }
    document.body.appendChild(box);
    var r = link.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8));
    box.style.left = left + "px";
    box.style.top = (r.bottom + window.scrollY + 6) + "px";
    link.setAttribute("aria-describedby", "cite-preview");
    link.setAttribute("aria-expanded", "true");
    open = { link: link, box: box };
  }
  function citeOf(target) {
    return target && target.closest ? target.closest("a.cite[data-cite-text], a.term[data-definition]") : null;
  }
  document.addEventListener("mouseover", function (e) { var a = citeOf(e.target); if (a && pointer !== "touch") show(a); });
  document.addEventListener("mouseout", function (e) { var a = citeOf(e.target); if (a && open && open.link === a && !a.contains(e.relatedTarget)) close(); });
  document.addEventListener("focusin", function (e) { var a = citeOf(e.target); if (a && pointer === "keyboard") show(a); });
  document.addEventListener("focusout", function (e) { if (citeOf(e.target)) close(); });
  document.addEventListener("keydown", function (e) { pointer = "keyboard"; if (e.key === "Escape") close(); });
  // On touch screens the first tap shows the preview, a second tap follows the link.
  document.addEventListener("click", function (e) {
    var a = citeOf(e.target);
    if (!a) { close(); return; }
    if (pointer === "touch" && !(open && open.link === a)) { e.preventDefault(); show(a); }
  });
})();

/* Checklists: ticks are remembered in this browser only (localStorage, keyed by item ID), never sent anywhere.
   Item IDs are unique across the handbook, so a tick shows on the checklist, its translation and the print-all page. */
(function () {
  "use strict";
  var PREFIX = "handbook:checklist:";
  var en = document.documentElement.lang === "en";
  function store() { try { return window.localStorage; } catch (e) { return null; } }
  function boxes() {
    return Array.prototype.slice.call(document.querySelectorAll("li.task-list-item")).map(function (li) {
      var id = li.querySelector(".item-id");
      var input = li.querySelector("input[type=checkbox]");
      return id && input ? { id: id.getAttribute("data-item"), input: input } : null;
    }).filter(Boolean);
  }
  function init() {
    var items = boxes();
    var ls = store();
    if (!items.length) return;
    var status = document.createElement("span");
    status.className = "checklist-status";
    status.setAttribute("aria-live", "polite");
    function count() {
      var done = items.filter(function (it) { return it.input.checked; }).length;
      status.textContent = en ? done + " of " + items.length + " done" : "已完成 " + done + "/" + items.length;
    }
    items.forEach(function (it) {
      it.input.disabled = false;
      it.input.setAttribute("aria-label", (en ? "Done: " : "完成：") + it.id);
      if (ls && ls.getItem(PREFIX + it.id) === "1") it.input.checked = true;
      it.input.addEventListener("change", function () {
        if (ls) { if (it.input.checked) ls.setItem(PREFIX + it.id, "1"); else ls.removeItem(PREFIX + it.id); }
        count();
      });
    });
    var bar = document.createElement("div");
    bar.className = "checklist-tools";
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "checklist-clear";
    clear.textContent = en ? "Clear ticks" : "清除勾选";
    clear.addEventListener("click", function () {
      items.forEach(function (it) { it.input.checked = false; if (ls) ls.removeItem(PREFIX + it.id); });
      count();
    });
    var note = document.createElement("span");
    note.className = "checklist-note";
    note.textContent = en ? "Ticks are saved in this browser only." : "勾选只保存在本机浏览器里。";
    bar.appendChild(status); bar.appendChild(clear); bar.appendChild(note);
    var first = document.querySelector(".md-content h2, .md-content ul.task-list");
    if (first) first.parentNode.insertBefore(bar, first);
    count();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();

/* Language switcher: keep the reader's place. IDs and anchors are the same in both languages, so the
   current anchor — or on a source page the provision at the top of the screen — carries across. */
(function () {
  "use strict";
  function currentAnchor() {
    if (location.hash) return location.hash;
    var best = null;
    document.querySelectorAll("section.provision[data-provision]").forEach(function (s) {
      var top = s.getBoundingClientRect().top;
      if (top <= 80 && (!best || top > best.top)) best = { top: top, id: s.id };
    });
    return best ? "#" + encodeURIComponent(best.id) : "";
  }
  document.addEventListener("click", function (e) {
    var a = e.target && e.target.closest ? e.target.closest("a[hreflang]") : null;
    if (!a || !a.closest(".md-select")) return;
    var hash = currentAnchor();
    if (!hash) return;
    e.preventDefault();
    location.href = a.href.split("#")[0] + hash;
  }, true);
})();

/* Material wraps wide tables in a scrolling box; keyboard users must be able to focus it to scroll. */
(function () {
  "use strict";
  var en = document.documentElement.lang === "en";
  function label(root) {
    (root.querySelectorAll ? root : document).querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (w) {
      w.setAttribute("tabindex", "0");
      w.setAttribute("role", "region");
      w.setAttribute("aria-label", en ? "Table (scrolls sideways)" : "表格（可左右滚动）");
    });
  }
  label(document);
  new MutationObserver(function (records) {
    records.forEach(function (r) { r.addedNodes.forEach(function (n) { if (n.nodeType === 1) label(n.parentNode || n); }); });
  }).observe(document.body, { childList: true, subtree: true });
})();
