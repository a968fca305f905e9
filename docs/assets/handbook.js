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
  // A finger leaves no hover to end: a preview opened by a tap stays until the next tap (some browsers send
  // mouseout after a tap's compatibility mouse events).
  document.addEventListener("mouseout", function (e) { var a = citeOf(e.target); if (a && pointer !== "touch" && open && open.link === a && !a.contains(e.relatedTarget)) close(); });
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
    // The page holds the bar's box already (its height reserved), so filling it moves nothing.
    var bar = document.querySelector(".checklist-tools");
    if (!bar) {
      bar = document.createElement("div");
      bar.className = "checklist-tools";
      var first = document.querySelector(".md-content h2, .md-content ul.task-list");
      if (first) first.parentNode.insertBefore(bar, first);
    }
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

/* Source pages: every sentence shows its number; activating a number (or a provision's number in its heading)
   offers to copy the link, the citation (§2.5.3) or the text with its reference. The numbers are added here,
   not in the page's HTML, so the search index and the verbatim text of each sentence stay as they are; until
   then the stylesheet shows each number from the sentence's id, in the box its button then takes (no shift). */
(function () {
  "use strict";
  // The element naming the page's document: a part's or chapter's section, or a page of articles.
  var part = document.querySelector("[data-doc][data-doc-title]");
  if (!part) return;
  var en = document.documentElement.lang === "en";
  var KEY = "handbook:source:numbers";
  var T = en ? {
    show: "Sentence numbers", menu: "Cite ", link: "Copy link", cite: "Copy citation for reviewers ",
    text: "Copy text with reference", where: "Copy reference and link",
    copied: { link: "Link copied", cite: "Citation copied", text: "Text with reference copied",
              where: "Reference and link copied" },
    local: " (a file on this computer: it opens only here)",
    manual: "Copying is not available here: the text is selected, press Ctrl+C (or long-press) to copy it.",
    close: "Close", name: " — cite",
    hint: "Tap a number to copy that sentence's link, or its text with where it comes from, to paste into a message.",
    gotIt: "Got it"
  } : {
    show: "句子编号", menu: "引用 ", link: "复制链接", cite: "复制审稿用编号 ", text: "复制原文和出处",
    where: "复制出处和链接",
    copied: { link: "已复制链接", cite: "已复制编号", text: "已复制原文和出处", where: "已复制出处和链接" },
    local: "（这是本机文件的地址，只能在这台电脑上打开）",
    manual: "此处无法自动复制：文字已选中，请按 Ctrl+C（手机上长按）复制。",
    close: "关闭", name: " 引用",
    hint: "点句子前面的编号，可以复制这句话的链接，或者连同出处一起复制原文，贴到微信、文件里。",
    gotIt: "知道了"
  };
  var HINT_KEY = "handbook:source:hint";
  function store() { try { return window.localStorage; } catch (e) { return null; } }
  var ls = store();

  // One live region from the start: screen readers announce changes to regions that already exist.
  var status = document.createElement("div");
  status.className = "cite-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);
  function announce(text) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function numberButton(id, position, cls) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.textContent = id;
    b.setAttribute("data-target", id);
    b.setAttribute("aria-haspopup", "true");
    b.setAttribute("aria-expanded", "false");
    // The accessible name starts with what is seen (WCAG label in name), then says where and what it does.
    b.setAttribute("aria-label", id + " " + position + T.name);
    return b;
  }
  document.querySelectorAll("span.sentence[data-provision]").forEach(function (s) {
    s.parentNode.insertBefore(numberButton(s.id, s.getAttribute("data-position") || "", "sid-btn"), s);
  });
  // The numbers the stylesheet showed until now give way to the buttons, in the same frame and the same boxes.
  document.documentElement.classList.add("sids-ready");
  // A provision's number is already the start of its heading; that number becomes the button.
  document.querySelectorAll("section.provision[data-provision] > h2, section.provision[data-provision] > h3, " +
                            "section.provision[data-provision] > h4").forEach(function (h) {
    var sec = h.parentNode;
    var id = sec.id;
    var first = h.firstChild;
    // A statute's article: its heading is 第十二条 itself (its id is the article's), and that becomes the button.
    if (sec.classList.contains("statute")) {
      if (!first || first.nodeType !== 3 || !h.id) return;
      var b = numberButton(h.id, sec.getAttribute("data-position") || "", "pid-btn article-btn");
      b.textContent = first.nodeValue.trim();
      b.setAttribute("aria-label", b.textContent + T.name);
      h.replaceChild(b, first);
      return;
    }
    if (!first || first.nodeType !== 3 || first.nodeValue.indexOf(id + " ") !== 0) return;
    first.nodeValue = first.nodeValue.slice(id.length);
    h.insertBefore(numberButton(id, sec.getAttribute("data-position") || "", "pid-btn"), first);
  });

  // The switch: numbers shown unless this browser was told to hide them.
  var toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "sid-toggle";
  toggle.textContent = T.show;
  function apply(shown) {
    document.documentElement.classList.toggle("sids-hidden", !shown);
    toggle.setAttribute("aria-pressed", shown ? "true" : "false");
  }
  apply(!(ls && ls.getItem(KEY) === "hidden"));
  toggle.addEventListener("click", function () {
    var shown = toggle.getAttribute("aria-pressed") !== "true";
    apply(shown);
    if (ls) { if (shown) ls.removeItem(KEY); else ls.setItem(KEY, "hidden"); }
  });
  // The page holds the switch's box under the title (its height reserved), so filling it moves nothing.
  var bar = part.querySelector(".sid-tools");
  if (!bar) {
    bar = document.createElement("div");
    bar.className = "sid-tools";
    var h1 = part.querySelector("h1");
    if (h1) h1.parentNode.insertBefore(bar, h1.nextSibling);
  }
  bar.appendChild(toggle);
  // The first time a reader opens a text: what the numbers are for, until she says she knows.
  if (!(ls && ls.getItem(HINT_KEY) === "seen")) {
    var hint = document.createElement("p");
    hint.className = "sid-hint";
    hint.setAttribute("role", "note");
    hint.textContent = T.hint;
    var got = document.createElement("button");
    got.type = "button";
    got.className = "sid-hint-close";
    got.textContent = T.gotIt;
    got.addEventListener("click", function () {
      if (ls) ls.setItem(HINT_KEY, "seen");
      hint.remove();
    });
    hint.appendChild(got);
    bar.appendChild(hint);
  }

  function citation(id) {
    var slug = part.getAttribute("data-cite-slug");
    return "\u00a7" + (slug ? slug + ":" : "") + id;
  }
  // The element a provision's ID names: a sentence, a 款 or 项, or the section of an article (whose heading has the id).
  function provision(id) {
    var el = document.getElementById(id);
    if (el && el.tagName.charAt(0) === "H" && el.parentNode.getAttribute("data-provision") === id) return el.parentNode;
    return el;
  }
  // The text of a sentence, or of a provision paragraph by paragraph: an article's 款 stay separate paragraphs.
  function textOf(id) {
    var el = provision(id);
    if (!el) return "";
    if (el.classList.contains("sentence")) return el.textContent;
    var join = function (spans) { return Array.prototype.map.call(spans, function (s) { return s.textContent; }).join(en ? " " : ""); };
    var paras = el.querySelectorAll("p.provision-text");
    if (!paras.length) return join(el.querySelectorAll("span.sentence"));
    return Array.prototype.map.call(paras, function (p) { return join(p.querySelectorAll("span.sentence")); })
      .filter(function (s) { return s; }).join("\n");
  }
  function reference(id) {
    var el = provision(id);
    var title = part.getAttribute("data-doc-title") || "";
    var where = el ? el.getAttribute("data-position") || "" : "";
    return en ? textOf(id) + " \u2014 " + title + ", " + where + " (unofficial translation)"
              : textOf(id) + "\u2014\u2014\u300a" + title + "\u300b" + where;
  }
  // From the offline bundle (file://) a copied link points at the published site when the handbook has an
  // address (mkdocs.yml site_url): the page's own path, as the online site spells it. Without one it is the
  // file's path, and the reader is told that it opens only on this computer.
  var SITE = (document.querySelector('meta[name="handbook-site-url"]') || {}).content || "";
  function published() {
    if (location.protocol !== "file:" || !SITE) return "";
    var cfg = document.getElementById("__config");
    var base = cfg ? JSON.parse(cfg.textContent).base || "." : ".";
    var root = new URL(base.replace(/\/?$/, "/"), location.href).href;
    var path = location.href.split("#")[0].slice(root.length).replace(/index\.html$/, "").replace(/\.html$/, "/");
    return SITE.replace(/\/?$/, "/") + path;
  }
  function link(id) { return (published() || location.href.split("#")[0]) + "#" + id; }
  function linkIsLocal() { return location.protocol === "file:" && !published(); }
  function where(id) {
    var el = provision(id);
    var title = part.getAttribute("data-doc-title") || "";
    var pos = el ? el.getAttribute("data-position") || "" : "";
    return (en ? title + ", " + pos : "\u300a" + title + "\u300b" + pos) + " " + link(id);
  }

  // execCommand works from file:// and over plain http, where the Clipboard API may be missing or refused.
  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "cite-copy-buffer";
    var back = document.activeElement;
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    if (back && back.focus) back.focus();
    return ok;
  }
  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; },
                                                      function () { return legacyCopy(text); });
    }
    return Promise.resolve(legacyCopy(text));
  }

  var open = null;
  function close(refocus) {
    if (!open) return;
    open.menu.remove();
    open.button.setAttribute("aria-expanded", "false");
    if (refocus) open.button.focus();
    open = null;
  }
  function item(label, kind, value, menu) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "cite-menu-item";
    b.textContent = label;
    b.addEventListener("click", function () {
      var text = value();
      copy(text).then(function (ok) {
        var note = menu.querySelector(".cite-menu-note");
        var manual = menu.querySelector(".cite-menu-manual");
        if (manual) manual.remove();
        if (ok) { note.textContent = T.copied[kind]; announce(T.copied[kind]); return; }
        // Last resort: show the text selected, for the reader to copy by hand.
        note.textContent = T.manual;
        var box = document.createElement("textarea");
        box.className = "cite-menu-manual";
        box.readOnly = true;
        box.value = text;
        box.setAttribute("aria-label", label);
        menu.appendChild(box);
        box.focus();
        box.select();
        announce(T.manual);
      });
    });
    return b;
  }
  function show(button) {
    close(false);
    var id = button.getAttribute("data-target");
    var el = document.getElementById(id);
    var menu = document.createElement("div");
    menu.className = "cite-menu";
    menu.id = "cite-menu";
    menu.setAttribute("role", "group");
    menu.setAttribute("aria-label", T.menu + citation(id));
    var head = document.createElement("div");
    head.className = "cite-menu-head";
    head.textContent = citation(id) + "\u3000" + (el ? el.getAttribute("data-position") || "" : "");
    menu.appendChild(head);
    // What a cadre pastes into a message first (《…》第十二条第二款 and its link); the § form is for reviewers.
    menu.appendChild(item(T.where, "where", function () { return where(id); }, menu));
    menu.appendChild(item(T.text, "text", function () { return reference(id); }, menu));
    menu.appendChild(item(T.link + (linkIsLocal() ? T.local : ""), "link", function () { return link(id); }, menu));
    menu.appendChild(item(T.cite + citation(id), "cite", function () { return citation(id); }, menu));
    var note = document.createElement("div");
    note.className = "cite-menu-note";
    menu.appendChild(note);
    document.body.appendChild(menu);
    // Below the sentence it cites, never over it; above it when the screen has no room below.
    var r = button.getBoundingClientRect();
    var around = el && el.classList.contains("sentence") ? el.getBoundingClientRect() : r;
    var left = Math.max(8, Math.min(r.left + window.scrollX,
                                    window.scrollX + document.documentElement.clientWidth - menu.offsetWidth - 8));
    var below = Math.max(around.bottom, r.bottom) + 4;
    var above = Math.min(around.top, r.top) - menu.offsetHeight - 4;
    var top = below + menu.offsetHeight > window.innerHeight && above > 0 ? above : below;
    menu.style.left = left + "px";
    menu.style.top = (top + window.scrollY) + "px";
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", "cite-menu");
    open = { button: button, menu: menu };
    menu.querySelector(".cite-menu-item").focus();
  }
  document.addEventListener("click", function (e) {
    var b = e.target && e.target.closest ? e.target.closest("button.sid-btn, button.pid-btn") : null;
    if (b) { if (open && open.button === b) close(true); else show(b); return; }
    if (open && !open.menu.contains(e.target)) close(false);
  });
  document.addEventListener("keydown", function (e) {
    if (!open) return;
    if (e.key === "Escape") { close(true); return; }
    if (e.key !== "Tab" || !open.menu.contains(e.target)) return;
    // The menu sits at the end of the page; Tab leaves it to where the reader was, not to the footer.
    var items = open.menu.querySelectorAll("button, textarea");
    if (e.shiftKey && e.target === items[0]) { e.preventDefault(); close(true); }
    else if (!e.shiftKey && e.target === items[items.length - 1]) close(true);  // then Tab moves on from the number
  });
  // Leaving the menu with Tab closes it, as a menu does; focus goes on to the next control.
  document.addEventListener("focusin", function (e) {
    if (open && !open.menu.contains(e.target) && e.target !== open.button &&
        !e.target.classList.contains("cite-copy-buffer")) close(false);
  });
})();

/* 版本对照: only the rows whose wording changed at first; the switch shows every row (and a link to a row
   that is hidden shows them all, so the reader lands on it). Without this script every row shows. */
(function () {
  "use strict";
  function controls(table) {
    return document.querySelector('button.revision-toggle[aria-controls="' + table.id + '"]');
  }
  function set(button, all) {
    var table = document.getElementById(button.getAttribute("aria-controls"));
    if (!table) return;
    table.classList.toggle("revision-changed-only", !all);
    button.setAttribute("aria-pressed", all ? "true" : "false");
  }
  Array.prototype.forEach.call(document.querySelectorAll("button.revision-toggle[aria-controls]"), function (button) {
    button.addEventListener("click", function () { set(button, button.getAttribute("aria-pressed") !== "true"); });
    button.hidden = false;
    set(button, false);
  });
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var row = target && target.closest ? target.closest("tbody.revision-row") : null;
    if (!row || row.classList.contains("revision-shown")) return;
    var button = controls(row.closest("table"));
    if (button && button.getAttribute("aria-pressed") !== "true") {
      set(button, true);
      target.scrollIntoView();
    }
  }
  reveal();
  window.addEventListener("hashchange", reveal);
})();
