/* Handbook search worker: replaces Material's lunr worker behind Material's own search UI.
 *
 * The build prepends `var HANDBOOK_INDEX = {...}` (one language) and writes
 * assets/javascripts/search-worker.<lang>.js, so the worker needs no fetch and no
 * importScripts: it works over http and, through the iframe-worker shim, from file://.
 *
 * Chinese: the query is cut into words with the index's vocabulary (jieba words of the
 * handbook plus glossary terms), and each word is matched as a substring of the text with
 * quotes and brackets removed, so words inside compounds are found (儿童 in 妇女儿童) and
 * words the text splits with quotes too (两癌筛查 in 妇女"两癌"筛查). English: whole words and
 * prefixes of light stems (rights → right*). Documents containing every word rank first.
 *
 * Protocol (Material 9.8): {type:0,data} → {type:1}; {type:2,data:query} → {type:3,data:{items}}.
 */
(function () {
  "use strict";
  var INDEX = self.HANDBOOK_INDEX || { docs: [], vocab: [], lang: "zh" };
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
  var JOINERS = /[\u201c\u201d\u2018\u2019"'\u300c\u300d\u300e\u300f\u300a\u300b\u3008\u3009\uff08\uff09()\u3010\u3011\u00b7\u200b]/g;
  var SEPARATORS = /[\s,.;:!?\u3001\uff0c\u3002\uff1b\uff1a\uff01\uff1f\u2014\u2026\-\/|\[\]{}<>]+/g;
  var STOP = ["怎么", "怎样", "如何", "什么", "哪些", "哪里", "为什么", "是否", "可以", "应该", "的", "了", "吗", "呢",
    "吧", "啊", "和", "与", "及", "或", "在", "对", "把", "被", "给", "为", "是", "有", "要", "就", "都", "也", "还", "请问", "我们", "我"];
  var EN_STOP = ["the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "is", "are", "what", "how", "who", "with", "by", "do", "does"];
  var vocab = new Set(INDEX.vocab || []);
  var maxWord = 8;
  var docs = [];

  function norm(s) { return s.toLowerCase().replace(JOINERS, "").replace(SEPARATORS, " "); }
  function esc(s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function stem(w) {
    if (w.length > 5 && /ies$/.test(w)) return w.slice(0, -3) + "y";
    if (w.length > 5 && /(ing|ion|ions|ed|es)$/.test(w)) return w.replace(/(ing|ions|ion|ed|es)$/, "");
    if (w.length > 3 && /s$/.test(w) && !/ss$/.test(w)) return w.slice(0, -1);
    return w;
  }

  function setup() {
    docs = INDEX.docs.map(function (d) {
      var page = d.l.split("#")[0];
      return { location: d.l, page: page, isPage: d.l.indexOf("#") < 0, title: d.t, text: d.x,
        ntitle: norm(d.t), ntext: norm(d.x), source: d.l.indexOf("source/") >= 0 };
    });
  }

  /* Cut a run of Chinese into words: the cut with the fewest pieces, where a piece is a vocabulary
     word (or question word) or one unknown character; unknown characters cost a little more. */
  function cut(run) {
    var n = run.length, best = [0], back = [0];
    for (var i = 1; i <= n; i++) {
      best[i] = best[i - 1] + 1.5;
      back[i] = i - 1;
      for (var k = 2; k <= Math.min(maxWord, i); k++) {
        var w = run.substr(i - k, k);
        if ((vocab.has(w) || STOP.indexOf(w) >= 0) && best[i - k] + 1 < best[i]) { best[i] = best[i - k] + 1; back[i] = i - k; }
      }
    }
    var out = [];
    for (var j = n; j > 0; j = back[j]) out.unshift(run.slice(back[j], j));
    return out;
  }

  function terms(query) {
    var out = [];
    norm(query).split(" ").forEach(function (chunk) {
      if (!chunk) return;
      (chunk.match(/[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g) || []).forEach(function (run) {
        if (HAN.test(run)) {
          // The whole run first (a phrase or a domain term); cut only if the text lacks it.
          out.push({ kind: "zh", term: run });
        } else if (EN_STOP.indexOf(run) < 0 || out.length === 0) {
          out.push({ kind: "en", term: run, stem: stem(run) });
        }
      });
    });
    return out;
  }

  function count(hay, needle) {
    var n = 0, i = hay.indexOf(needle);
    while (i >= 0 && n < 20) { n++; i = hay.indexOf(needle, i + needle.length); }
    return n;
  }

  function enRegex(t) { return new RegExp("(^|[^a-z0-9])" + t.stem.replace(/[^a-z0-9]/g, ""), "g"); }

  function matches(t, d) {
    if (t.kind === "zh") return { text: count(d.ntext, t.term), title: d.ntitle.indexOf(t.term) >= 0 };
    var re = enRegex(t);
    return { text: (d.ntext.match(re) || []).length, title: re.test(d.ntitle) };
  }

  /* Resolve Chinese runs the text does not contain as a whole into their words. */
  function expand(ts) {
    var out = [];
    ts.forEach(function (t) {
      if (t.kind !== "zh" || t.term.length <= 2 || docs.some(function (d) { return d.ntext.indexOf(t.term) >= 0; })) {
        out.push(t);
        return;
      }
      var words = cut(t.term).filter(function (w) { return STOP.indexOf(w) < 0; });
      var long = words.filter(function (w) { return w.length > 1; });
      (long.length ? long : words).forEach(function (w) { out.push({ kind: "zh", term: w }); });
    });
    return out.filter(function (t, i) {
      return out.findIndex(function (u) { return u.term === t.term; }) === i;
    });
  }

  function highlightRegex(ts) {
    var parts = ts.map(function (t) {
      if (t.kind === "zh") return t.term.split("").map(function (c) {
        return c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      }).join("[\u201c\u201d\"'\u300c\u300d\u300e\u300f\uff08\uff09]*");
      return "\\b" + t.stem.replace(/[^a-z0-9]/g, "") + "[a-z0-9]*";
    }).filter(Boolean);
    return parts.length ? new RegExp("(" + parts.join("|") + ")", "gi") : null;
  }

  function mark(s, re) { return re ? esc(s).replace(re, "<mark data-md-highlight>$1</mark>") : esc(s); }

  function snippet(text, re) {
    if (!re || text.length <= 160) return text;
    re.lastIndex = 0;
    var m = re.exec(text);
    re.lastIndex = 0;
    var at = m ? m.index : 0;
    var start = Math.max(0, at - 50);
    return (start > 0 ? "…" : "") + text.substr(start, 170) + (start + 170 < text.length ? "…" : "");
  }

  function search(query) {
    var ts = expand(terms(query));
    if (!ts.length) return { items: [] };
    var phrase = norm(query).replace(/ /g, "");
    var df = ts.map(function () { return 0; });
    var hits = [];
    docs.forEach(function (d) {
      var found = ts.map(function (t) { return matches(t, d); });
      var any = false;
      found.forEach(function (f, i) { if (f.text || f.title) { df[i]++; any = true; } });
      if (any) hits.push({ d: d, found: found });
    });
    var N = Math.max(docs.length, 1);
    var idf = df.map(function (n) { return Math.log(1 + N / (1 + n)); });
    hits.forEach(function (h) {
      var s = 0, covered = 0;
      h.found.forEach(function (f, i) {
        if (!f.text && !f.title) return;
        covered++;
        s += idf[i] * (1 + Math.log(1 + f.text)) + (f.title ? 2 * idf[i] : 0);
      });
      if (phrase.length >= 2 && h.d.ntext.replace(/ /g, "").indexOf(phrase) >= 0) s *= 1.5;
      if (h.d.source) s *= 1.2;
      h.covered = covered / ts.length;
      h.score = h.covered * 100 + s;
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    hits = hits.slice(0, 60);
    var re = highlightRegex(ts);
    var groups = new Map();
    hits.forEach(function (h) {
      var flags = {};
      ts.forEach(function (t, i) { flags[t.term] = !!(h.found[i].text || h.found[i].title); });
      var item = { location: h.d.location, title: mark(h.d.title, re), text: mark(snippet(h.d.text, re), re),
        score: h.score, terms: flags };
      if (!groups.has(h.d.page)) groups.set(h.d.page, []);
      groups.get(h.d.page).push(item);
    });
    groups.forEach(function (items, page) {
      if (!items.some(function (i) { return i.location === page; })) {
        var p = docs.find(function (d) { return d.location === page; });
        if (p) items.push({ location: p.location, title: esc(p.title), text: "", score: 0, terms: {} });
      }
    });
    return { items: Array.from(groups.values()) };
  }

  self.handbookSearch = { setup: setup, search: search, terms: terms, expand: expand };

  addEventListener("message", function (ev) {
    var msg = ev.data || {};
    if (msg.type === 0) { setup(); postMessage({ type: 1 }); return; }
    if (msg.type === 2) {
      try { postMessage({ type: 3, data: search(String(msg.data || "")) }); }
      catch (e) { postMessage({ type: 3, data: { items: [] } }); }
    }
  });
})();
