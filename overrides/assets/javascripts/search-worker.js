/* Handbook search worker: replaces Material's lunr worker behind Material's own search UI.
 *
 * The build writes assets/javascripts/search-worker.<lang>.js (this code, after
 * `var HANDBOOK_INDEX_FILE = "search-index.<lang>.js"`) and the index beside it. The worker
 * answers Material's setup at once and loads the index only when the reader focuses the search
 * box (docs/assets/search-warmup.js) or types a query: pages do not download an index nobody
 * searches, and the handbook can grow without every page growing with it. importScripts works over http and, through the iframe-worker
 * shim (where it returns a promise), from file://.
 *
 * Chinese: the query is cut into words with the index's vocabulary (jieba words of the
 * handbook plus glossary terms), and each word is matched as a substring of the text with
 * quotes and brackets removed, so words inside compounds are found (儿童 in 妇女儿童) and
 * words the text splits with quotes too (两癌筛查 in 妇女"两癌"筛查). English: whole words and
 * prefixes of light stems (rights → right*). Documents containing every word rank first.
 *
 * All section texts are held in one string (sections separated by a character no query
 * contains), so finding a word is one native indexOf scan however many sections there are.
 *
 * Protocol (Material 9.8): {type:0,data} → {type:1}; {type:2,data:query} → {type:3,data:{items}}.
 */
(function () {
  "use strict";
  var SCRIPT = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : self.location.href;
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
  // Quote and bracket characters ignored in matching AND highlighting. One definition:
  // scripts/search_index.py FOLDED, which the build checks this line against.
  var FOLDED = "\u201c\u201d\u2018\u2019\"'\u300c\u300d\u300e\u300f\u300a\u300b\u3008\u3009\uff08\uff09()\u3010\u3011\u00b7\u200b";
  var FOLDED_CLASS = "[" + FOLDED.replace(/[\]\\^-]/g, "\\$&") + "]";
  var JOINERS = new RegExp(FOLDED_CLASS, "g");
  var SEPARATORS = /[\s,.;:!?\u3001\uff0c\u3002\uff1b\uff1a\uff01\uff1f\u2014\u2026\-\/|\[\]{}<>]+/g;
  var STOP = ["怎么", "怎样", "如何", "什么", "哪些", "哪里", "为什么", "是否", "可以", "应该", "的", "了", "吗", "呢",
    "吧", "啊", "和", "与", "及", "或", "在", "对", "把", "被", "给", "为", "是", "有", "要", "就", "都", "也", "还", "请问", "我们", "我"];
  var EN_STOP = ["the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "is", "are", "what", "how", "who", "with", "by", "do", "does"];
  var vocab = new Set();
  var maxWord = 8;
  var raw = [], docs = [], byPage = null, isSource = null, all = "", starts = [], titles = "", titleStarts = [];
  var SEP = "\u0001";

  function fold(s) { return s.toLowerCase().replace(JOINERS, ""); }
  function norm(s) { return fold(s).replace(SEPARATORS, " "); }
  function esc(s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function stem(w) {
    if (w.length > 5 && /ies$/.test(w)) return w.slice(0, -3) + "y";
    if (w.length > 5 && /(ing|ion|ions|ed|es)$/.test(w)) return w.replace(/(ing|ions|ion|ed|es)$/, "");
    if (w.length > 3 && /s$/.test(w) && !/ss$/.test(w)) return w.slice(0, -1);
    return w;
  }

  function setup(index) {
    index = index || { docs: [], vocab: [], lang: "zh" };
    vocab = new Set(index.vocab || []);
    raw = index.docs;
    docs = new Array(raw.length);  // section objects are made for results only (doc(i))
    byPage = null;
    isSource = Uint8Array.from(raw, function (d) { return d.l.indexOf("source/") >= 0 ? 1 : 0; });
    // Folded once as one string (a regex pass per section cost seconds on a large handbook); SEP
    // survives fold(), so the sections can be found again. Titles likewise. Punctuation stays: a
    // term never spans it, and the phrase test below removes it from the few sections it reads.
    all = fold(raw.map(function (d) { return d.x; }).join(SEP));
    starts = offsets(all);
    titles = fold(raw.map(function (d) { return d.t; }).join(SEP));
    titleStarts = offsets(titles);
  }

  function doc(i) {
    if (!docs[i]) {
      var d = raw[i], hash = d.l.indexOf("#");
      docs[i] = { i: i, location: d.l, page: hash < 0 ? d.l : d.l.slice(0, hash), title: d.t, text: d.x };
    }
    return docs[i];
  }

  /* The page-level section of a page (its title and address), for results found only deeper in it. */
  function pageDoc(page) {
    if (!byPage) {
      byPage = new Map();
      raw.forEach(function (d, i) { if (d.l.indexOf("#") < 0 && !byPage.has(d.l)) byPage.set(d.l, i); });
    }
    return byPage.has(page) ? doc(byPage.get(page)) : null;
  }

  function offsets(joined) {
    var out = [0], i = joined.indexOf(SEP);
    while (i >= 0) { out.push(i + 1); i = joined.indexOf(SEP, i + 1); }
    return out;
  }

  var loading = null;
  function load() {
    if (!loading) {
      loading = Promise.resolve(self.HANDBOOK_INDEX ? undefined
        : importScripts(new URL(self.HANDBOOK_INDEX_FILE, SCRIPT).href)).then(function () {
        setup(self.HANDBOOK_INDEX);
      });
    }
    return loading;
  }

  function slice(joined, at, i) { return joined.substring(at[i], i + 1 < at.length ? at[i + 1] - 1 : joined.length); }
  function ntext(d) { return slice(all, starts, d.i); }

  function alnum(c) { return (c >= 48 && c <= 57) || (c >= 97 && c <= 122); }

  /* Occurrences of a term per section (capped at 20), from one indexOf scan of a joined text:
     {n: count per section, hit: the sections with any}. An English word or prefix must start a
     word: the character before it is not a letter or digit. Positions only grow, so the section
     of each is found by walking forward from the last one. */
  function occurrences(t, joined, at) {
    var term = t.kind === "zh" ? t.term : t.stem.replace(/[^a-z0-9]/g, "");
    var n = new Uint8Array(at.length), hit = [];
    if (!term) return { n: n, hit: hit };
    var d = 0, last = at.length - 1, i = joined.indexOf(term);
    while (i >= 0) {
      if (t.kind === "zh" || i === 0 || !alnum(joined.charCodeAt(i - 1))) {
        while (d < last && at[d + 1] <= i) d++;
        if (n[d] === 0) hit.push(d);
        if (++n[d] >= 20) {  // this section has enough: go on from the next one
          if (d === last) break;
          i = joined.indexOf(term, at[d + 1]);
          continue;
        }
      }
      i = joined.indexOf(term, i + term.length);
    }
    return { n: n, hit: hit };
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

  /* Resolve Chinese runs the text does not contain as a whole into their words. */
  function expand(ts) {
    var out = [];
    ts.forEach(function (t) {
      if (t.kind !== "zh" || t.term.length <= 2 || all.indexOf(t.term) >= 0) {
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
      }).join(FOLDED_CLASS + "*");
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
    // Sections whose text or title holds a term: one scan of the joined texts and titles per term.
    // Scores are computed in typed arrays; objects are made for the best 500 only (a common word
    // can be in every section of a large handbook).
    var seen = new Uint8Array(raw.length), candidates = [];
    ts.forEach(function (t) {
      t.text = occurrences(t, all, starts);
      t.title = occurrences(t, titles, titleStarts);
      [t.text.hit, t.title.hit].forEach(function (list) {
        list.forEach(function (i) { if (!seen[i]) { seen[i] = 1; candidates.push(i); } });
      });
    });
    var N = Math.max(raw.length, 1);
    var idf = ts.map(function (t) {
      var df = 0;
      candidates.forEach(function (i) { if (t.text.n[i] || t.title.n[i]) df++; });
      return Math.log(1 + N / (1 + df));
    });
    var score = new Float64Array(candidates.length), base = new Float64Array(candidates.length);
    candidates.forEach(function (i, c) {
      var s = 0, covered = 0;
      for (var k = 0; k < ts.length; k++) {
        var n = ts[k].text.n[i], inTitle = ts[k].title.n[i] > 0;
        if (!n && !inTitle) continue;
        covered++;
        s += idf[k] * (1 + Math.log(1 + n)) + (inTitle ? 2 * idf[k] : 0);
      }
      if (isSource[i]) s *= 1.2;
      base[c] = s;
      score[c] = covered / ts.length * 100 + s;
    });
    var floor = -Infinity;
    if (candidates.length > 500) floor = Float64Array.from(score).sort()[candidates.length - 500];
    var hits = [];
    candidates.forEach(function (i, c) {
      if (score[c] < floor) return;
      hits.push({ d: doc(i), s: base[c], score: score[c],
        found: ts.map(function (t) { return { text: t.text.n[i], title: t.title.n[i] > 0 }; }) });
    });
    var byScore = function (a, b) { return b.score - a.score || a.d.i - b.d.i; };
    // The whole query as one phrase lifts a section by half its term score. Looking for it means
    // copying the section's text, so only the best 500 are looked at (all of them below 500 hits).
    hits.sort(byScore);
    hits = hits.slice(0, 500);
    if (phrase.length >= 2) {
      hits.forEach(function (h) {
        if (ntext(h.d).replace(SEPARATORS, "").indexOf(phrase) >= 0) h.score += 0.5 * h.s;
      });
      hits.sort(byScore);
    }
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
        var p = pageDoc(page);
        if (p) items.push({ location: p.location, title: esc(p.title), text: "", score: 0, terms: {} });
      }
    });
    return { items: Array.from(groups.values()) };
  }

  self.handbookSearch = { setup: setup, load: load, search: search, terms: terms, expand: expand };

  addEventListener("message", function (ev) {
    var msg = ev.data || {};
    if (msg.type === 0) { postMessage({ type: 1 }); return; }  // ready at once; the index loads on the first query
    if (msg.type === "handbook-warm") { load().catch(function () {}); return; }  // the search box has focus
    if (msg.type === 2) {
      var query = String(msg.data || "");
      if (!query.trim()) { postMessage({ type: 3, data: { items: [] } }); return; }
      load().then(function () { return search(query); }).then(function (result) {
        postMessage({ type: 3, data: result });
      }, function () { postMessage({ type: 3, data: { items: [] } }); });
    }
  });
})();
