/* Handbook search worker: replaces Material's lunr worker behind Material's own search UI.
 *
 * The build writes assets/javascripts/search-worker.<lang>.js (this code, after
 * `var HANDBOOK_INDEX_FILE = "search-index.<lang>.js?v=…"` and `var HANDBOOK_TEXT_FILES = […]`,
 * the shards' addresses), the index's head and its text shards beside it
 * (scripts/publish/search_index.py says what each holds). Nothing loads with the page:
 * when the reader focuses the search box (docs/assets/search-box.js sends "handbook-warm") or
 * types, the worker loads the head, which answers from titles and headings at once, then the text
 * shards, those of the text the search is limited to first (over http all are requested at once
 * and read in turn; from file:// each is imported as a script through the iframe-worker shim). A
 * query is answered from what has arrived (marked incomplete) at once when much is still to come,
 * after up to WAIT ms when little is, and again, in full, when the last shard it needs is in.
 *
 * Chinese: the query is cut into words with the index's vocabulary (jieba words of the handbook
 * plus glossary terms), and each word is matched as a substring of the text with quotes and
 * brackets removed, so words inside compounds are found (儿童 in 妇女儿童) and words the text splits
 * with quotes too (两癌筛查 in 妇女“两癌”筛查). A word of the synonym table (synonyms.yml) is also
 * matched as the texts' wording it stands for (家暴 as 家庭暴力), inside a longer run too (两癌筛查 is
 * 两癌 + 筛查), and the results say so. English: whole words and prefixes of light stems
 * (rights → right*). Sections containing every word rank first.
 *
 * Each shard holds its sections' texts in one string (sections separated by a character no query
 * contains), so finding a word is one native indexOf scan per shard however many sections there are.
 *
 * A section holding the whole query as one phrase (or as a phrase its synonyms make: 两癌筛查 as
 * 乳腺癌筛查) ranks above one holding its words apart.
 *
 * Results, as Material shows them: one group per page, its title (the page's, with the nav section
 * it is under) last, so that Material takes it for the group's heading; every link, that heading's
 * included, leads to the anchor where the best match starts (a sentence of a policy text), and
 * names it as readers cite it (《示例市社会救助条例》第十条第二款). No "missing" terms are listed.
 *
 * Protocol (Material 9.8): {type:0,data} → {type:1}; {type:2,data:query} → {type:3,data:{items,
 * handbook:{complete,why,scope}}}. The handbook's own: "handbook-warm" (load now), "handbook-scope"
 * (data: a text's key, or "" for every page), and the worker's {type:"handbook-ready",data:{texts,
 * strings}} once the head is in.
 */
(function () {
  "use strict";
  var SCRIPT = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : self.location.href;
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
  // Quote and bracket characters ignored in matching AND highlighting. One definition:
  // scripts/core/fold.py FOLDED, which the build checks this line against.
  var FOLDED = "\u201c\u201d\u2018\u2019\"'\u300c\u300d\u300e\u300f\u300a\u300b\u3008\u3009\uff08\uff09()\u3010\u3011\u00b7\u200b";
  var FOLDED_CLASS = "[" + FOLDED.replace(/[\]\\^-]/g, "\\$&") + "]";
  var JOINERS = new RegExp(FOLDED_CLASS, "g");
  var SEPARATORS = /[\s,.;:!?\u3001\uff0c\u3002\uff1b\uff1a\uff01\uff1f\u2014\u2026\-\/|\[\]{}<>]+/g;
  var STOP = ["怎么", "怎样", "如何", "什么", "哪些", "哪里", "为什么", "是否", "可以", "应该", "的", "了", "吗", "呢",
    "吧", "啊", "和", "与", "及", "或", "在", "对", "把", "被", "给", "为", "是", "有", "要", "就", "都", "也", "还", "请问", "我们", "我"];
  var EN_STOP = ["the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "is", "are", "what", "how", "who", "with", "by", "do", "does"];
  var SEP = "\u0001", LINES = "\n";
  // A query that finds at most SOON shards still to come waits up to WAIT ms for them before it is
  // answered from what has arrived (a small index is in within that, and answers once, in full).
  var WAIT = 100, SOON = 2;
  var MAX_FORMS = 30;  // forms of one query word (itself and its synonyms), one bit each

  var strings = {}, texts = [], pages = [], N = 0;  // pages: [address, title, text number or -1, nav section]
  var pageOf = [], anchors = [], titlesRaw = [], titles = "", titleStarts = [0];
  var docOf = new Int32Array(0), isSource = new Uint8Array(0), shardOf = new Int32Array(0);
  var shards = [];  // {url, first, count, loaded, failed, raw, rawStarts, all, starts, r, s, a, L}
  var vocabWords = "", vocab = null, maxWord = 8;
  var synonymOf = new Map(), synonymQueries = [];
  var scopeKey = "", scope = -1;  // the text searches are limited to (its key, its index); "", -1: every page
  var waiting = [];  // resolved when every shard is in (tests, benchmarks)
  var lastCounts = new Map();  // the last query's words → their counts (counts); emptied when the index grows

  function fold(s) { return s.toLowerCase().replace(JOINERS, ""); }
  function norm(s) { return fold(s).replace(SEPARATORS, " "); }
  function esc(s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function stem(w) {
    if (w.length > 5 && /ies$/.test(w)) return w.slice(0, -3) + "y";
    if (w.length > 5 && /(ing|ion|ions|ed|es)$/.test(w)) return w.replace(/(ing|ions|ion|ed|es)$/, "");
    if (w.length > 3 && /s$/.test(w) && !/ss$/.test(w)) return w.slice(0, -1);
    return w;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }

  function offsets(joined) {
    var out = [0], i = joined.indexOf(SEP);
    while (i >= 0) { out.push(i + 1); i = joined.indexOf(SEP, i + 1); }
    return out;
  }
  function slice(joined, at, i) { return joined.substring(at[i], i + 1 < at.length ? at[i + 1] - 1 : joined.length); }

  /* ------------------------------------------------------------ loading */

  function setupHead(head) {
    head = head || { p: [], l: "", t: "", pages: [], texts: [], shards: [], vocab: "", synonyms: [], strings: {} };
    strings = head.strings || {};
    texts = head.texts || [];
    pages = head.pages || [];
    pageOf = head.p || [];
    N = pageOf.length;
    anchors = N ? head.l.split(LINES) : [];
    titlesRaw = N ? head.t.split(SEP) : [];
    // Folded once as one string (a regex pass per title cost seconds on a large handbook); SEP
    // survives fold(), so the titles can be found again. The texts likewise, shard by shard.
    titles = N ? fold(head.t) : "";
    titleStarts = offsets(titles);
    docOf = new Int32Array(N);
    isSource = new Uint8Array(N);
    var source = pages.map(function (page) { return page[0].indexOf("source/") >= 0 ? 1 : 0; });
    for (var i = 0; i < N; i++) {
      docOf[i] = pages[pageOf[i]][2];
      isSource[i] = source[pageOf[i]];
    }
    shardOf = new Int32Array(N);
    shards = (head.shards || []).map(function (s, k) {
      for (var j = s[1]; j < s[1] + s[2]; j++) shardOf[j] = k;
      return { url: s[0], first: s[1], count: s[2], loaded: false, failed: false };
    });
    vocabWords = head.vocab || "";
    vocab = null;
    synonymOf = new Map();
    (head.synonyms || []).forEach(function (entry) {
      entry.q.forEach(function (q) { synonymOf.set(q, entry); });
    });
    synonymQueries = Array.from(synonymOf.keys()).sort(function (a, b) { return b.length - a.length; });
    lastCounts = new Map();
    setScope(scopeKey);
  }

  function pageUrl(i) { return pages[pageOf[i]][0]; }
  /* Where a section's result leads: every address has a "#" (the page's own section: an empty one). */
  function address(i, anchor) { return pageUrl(i) + "#" + (anchor ? anchor.id : anchors[i]); }

  function setupShard(k, data) {
    var sh = shards[k];
    sh.raw = data.x;
    sh.rawStarts = offsets(data.x);
    sh.all = fold(data.x);
    sh.starts = offsets(sh.all);
    sh.r = data.r; sh.s = data.s; sh.a = data.a; sh.L = data.L;
    sh.loaded = true;
    lastCounts = new Map();  // counted without this shard
  }

  /* A file of the index as data. Over http it is fetched (all shards at once, as soon as the head
     is in) and read with JSON.parse: a worker's importScripts loads one file at a time and blocks
     the worker while it does, some 20 ms per MB (half a second for a 100x handbook's text), where
     a query could have been answered. From file:// there is no fetch: the file is imported as the
     script it also is (synchronous in a worker, a promise in the file:// shim) and read from
     the global it sets. */
  var FETCH = typeof fetch === "function" && /^https?:/.test(SCRIPT);
  var fetching = {};
  function fetched(url) {
    var href = new URL(url, SCRIPT).href;
    if (!fetching[href]) {
      fetching[href] = fetch(href).then(function (r) {
        if (!r.ok) throw new Error(href + ": " + r.status);
        return r.text();
      });
    }
    return fetching[href];
  }
  function read(url, stored) {
    if (FETCH) {
      return fetched(url).then(function (text) { return JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf(";"))); });
    }
    return new Promise(function (ok) { ok(stored() || importScripts(new URL(url, SCRIPT).href)); }).then(function () {
      return stored();
    });
  }

  var headLoading = null;
  function loadHead() {
    if (!headLoading) {
      // Over http a small index's text is asked for with the head: one round trip, not two. A large
      // one's would compete with the head it waits for, so the rest follows the head.
      if (FETCH) (self.HANDBOOK_TEXT_FILES || []).slice(0, SOON).forEach(function (url) { fetched(url); });
      headLoading = read(self.HANDBOOK_INDEX_FILE, function () { return self.HANDBOOK_HEAD; }).then(function (head) {
        setupHead(head);
        postMessage({ type: "handbook-ready", data: { texts: texts, strings: strings } });
        if (FETCH) order().forEach(function (k) { fetched(shards[k].url); });  // requested together, read in turn
        loadShards();
      });
    }
    return headLoading;
  }

  /* The shards a search needs: those holding the chosen text's sections, or all. */
  function needed(k) {
    if (scope < 0) return true;
    var sh = shards[k];
    for (var i = sh.first; i < sh.first + sh.count; i++) if (docOf[i] === scope) return true;
    return false;
  }
  function complete() {
    for (var k = 0; k < shards.length; k++) if (!shards[k].loaded && !shards[k].failed && needed(k)) return false;
    return true;
  }
  /* Shards not yet in, those the search needs first. */
  function order() {
    var first = [], later = [];
    shards.forEach(function (sh, k) { if (!sh.loaded && !sh.failed) (needed(k) ? first : later).push(k); });
    return first.concat(later);
  }

  var shardsLoading = false;
  function loadShards() {
    if (shardsLoading) return;
    shardsLoading = true;
    (function next() {
      var k = order()[0];
      if (k === undefined) {
        shardsLoading = false;
        waiting.splice(0).forEach(function (resolve) { resolve(); });
        return;
      }
      read(shards[k].url, function () { return self.HANDBOOK_SHARDS && self.HANDBOOK_SHARDS[k]; }).then(function (data) {
        setupShard(k, data);
        if (self.HANDBOOK_SHARDS) self.HANDBOOK_SHARDS[k] = null;  // the worker keeps its own folded copy
      }, function () { shards[k].failed = true; }).then(function () {
        arrived();
        setTimeout(next, 0);  // let a query in between two shards
      });
    })();
  }

  /* ------------------------------------------------------------ answering */

  var last = null;  // the latest query: {query, answered: "none" | "partial" | "complete", timer}

  function ask(query) {
    if (last && last.timer) clearTimeout(last.timer);
    var q = last = { query: query, answered: "none", timer: null };
    loadHead().then(function () {
      if (q !== last) return;
      // All in, or much still to come (a large index): answer now. A shard or two: wait a moment for them.
      if (complete() || order().filter(needed).length > SOON) { answer(q); return; }
      q.timer = setTimeout(function () { q.timer = null; if (q === last && q.answered === "none") answer(q); }, WAIT);
    }, function () { postMessage({ type: 3, data: { items: [], handbook: { complete: true, why: [], scope: "" } } }); });
  }

  function arrived() {
    var q = last;
    if (q && q.answered !== "complete" && complete()) {
      if (q.timer) { clearTimeout(q.timer); q.timer = null; }
      answer(q);
    }
  }

  function answer(q) {
    var result = search(q.query);
    q.answered = result.handbook.complete ? "complete" : "partial";
    postMessage({ type: 3, data: result });
  }

  /* ------------------------------------------------------------ matching */

  function alnum(c) { return (c >= 48 && c <= 57) || (c >= 97 && c <= 122); }

  /* Occurrences of one form per section, from one indexOf scan of a joined text, added to `into`:
     counts per section (each form's capped at 20, their sum too), the sections with any, and which
     forms matched (`bit`). An English word or prefix must start a word: the character before it is
     not a letter or digit. Positions only grow, so the section of each is found by walking forward
     from the last one. `first`: the joined text's first section. */
  function occurrences(term, kind, joined, at, first, into, bit) {
    if (!term) return;
    var d = 0, lastSection = at.length - 1, current = -1, count = 0, i = joined.indexOf(term);
    while (i >= 0) {
      if (kind === "zh" || i === 0 || !alnum(joined.charCodeAt(i - 1))) {
        while (d < lastSection && at[d + 1] <= i) d++;
        if (d !== current) { current = d; count = 0; }
        var g = first + d;
        if (into.n[g] === 0) into.hit.push(g);
        if (into.n[g] < 20) into.n[g]++;
        into.forms[g] |= bit;
        if (++count >= 20) {  // this section has enough of this form: go on from the next one
          if (d === lastSection) break;
          i = joined.indexOf(term, at[d + 1]);
          continue;
        }
      }
      i = joined.indexOf(term, i + term.length);
    }
  }

  /* Every form of a query word in one joined text. */
  function scan(t, joined, at, first, into) {
    for (var f = 0; f < t.forms.length; f++) occurrences(t.forms[f], t.kind, joined, at, first, into, 1 << f);
  }

  /* A word's counts in the texts and titles, worked out again only when the last query did not have the same
     word: each keystroke asks for the whole query again, and only its last word is new (at 100x, an English
     word takes ~20 ms a scan). `kept`: this query's, which the next one may reuse; a shard's arrival drops them. */
  function counts(t, kept) {
    var key = t.kind + SEP + t.forms.join(SEP), found = lastCounts.get(key);
    if (!found) {
      found = { text: { n: new Uint8Array(N), forms: new Int32Array(N), hit: [] },
        title: { n: new Uint8Array(N), forms: new Int32Array(N), hit: [] } };
      shards.forEach(function (sh) { if (sh.loaded) scan(t, sh.all, sh.starts, sh.first, found.text); });
      scan(t, titles, titleStarts, 0, found.title);
    }
    kept.set(key, found);
    t.text = found.text;
    t.title = found.title;
  }

  function inText(term) {
    return shards.some(function (sh) { return sh.loaded && sh.all.indexOf(term) >= 0; });
  }

  function vocabHas(w) {
    if (!vocab) vocab = new Set(vocabWords ? vocabWords.split(LINES) : []);
    return vocab.has(w);
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
        if ((vocabHas(w) || STOP.indexOf(w) >= 0) && best[i - k] + 1 < best[i]) { best[i] = best[i - k] + 1; back[i] = i - k; }
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
          var s = stem(run);
          out.push({ kind: "en", term: run, stem: s, forms: [s.replace(/[^a-z0-9]/g, "")] });
        }
      });
    });
    return out;
  }

  function word(w, entry) {
    var forms = [w];
    if (entry) entry.t.forEach(function (t) { if (forms.indexOf(t) < 0) forms.push(t); });
    return { kind: "zh", term: w, forms: forms.slice(0, MAX_FORMS), entry: entry || null };
  }

  /* A run of Chinese as query words: a word of the synonym table wherever it stands in the run (the
     longest first), the rest whole when the text has it, else cut into the vocabulary's words. */
  function words(run) {
    if (!run) return [];
    if (synonymOf.has(run)) return [word(run, synonymOf.get(run))];
    for (var k = 0; k < synonymQueries.length; k++) {
      var q = synonymQueries[k], at = run.indexOf(q);
      if (at >= 0) return words(run.slice(0, at)).concat([word(q, synonymOf.get(q))], words(run.slice(at + q.length)));
    }
    // Cut only when the whole text is in: before, a run missing from part of it proves nothing.
    if (run.length <= 2 || inText(run) || shards.some(function (sh) { return !sh.loaded && !sh.failed; })) return [word(run)];
    var cutWords = cut(run).filter(function (w) { return STOP.indexOf(w) < 0; });
    var long = cutWords.filter(function (w) { return w.length > 1; });
    return (long.length ? long : cutWords).map(function (w) { return word(w); });
  }

  function expand(ts) {
    var out = [];
    ts.forEach(function (t) { out = out.concat(t.kind === "zh" ? words(t.term) : [t]); });
    return out.filter(function (t, i) {
      return out.findIndex(function (u) { return u.term === t.term; }) === i;
    });
  }

  /* The query as a phrase, and as the phrases its synonym-table words stand for (两癌筛查: 宫颈癌筛查 …). */
  function variants(phrase, ts) {
    var out = [phrase];
    ts.forEach(function (t) {
      if (!t.entry) return;
      out.slice().forEach(function (p) {
        if (p.indexOf(t.term) < 0) return;
        t.forms.slice(1).forEach(function (form) { out.push(p.split(t.term).join(form)); });
      });
    });
    return out.slice(0, 64);
  }

  function highlightRegex(ts) {
    var parts = [];
    ts.forEach(function (t) {
      t.forms.forEach(function (form) {
        if (!form) return;
        if (t.kind === "zh") {
          parts.push(form.split("").map(function (c) { return c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join(FOLDED_CLASS + "*"));
        } else {
          parts.push("\\b" + form + "[a-z0-9]*");
        }
      });
    });
    // Longer forms first, so 家庭暴力 is marked whole where 家庭 is a form too.
    parts.sort(function (a, b) { return b.length - a.length; });
    return parts.length ? new RegExp("(" + parts.join("|") + ")", "gi") : null;
  }

  function mark(s, re) { return re ? esc(s).replace(re, "<mark data-md-highlight>$1</mark>") : esc(s); }

  function firstMatch(text, re) {
    if (!re) return -1;
    re.lastIndex = 0;
    var m = re.exec(text);
    re.lastIndex = 0;
    return m ? m.index : -1;
  }

  function snippet(text, at) {
    if (text.length <= 160) return text;
    var start = Math.max(0, (at < 0 ? 0 : at) - 50);
    return (start > 0 ? "…" : "") + text.substr(start, 170) + (start + 170 < text.length ? "…" : "");
  }

  /* ------------------------------------------------------------ results */

  function local(i) { var sh = shards[shardOf[i]]; return sh && sh.loaded ? { sh: sh, j: i - sh.first } : null; }
  function rawText(i) { var at = local(i); return at ? slice(at.sh.raw, at.sh.rawStarts, at.j) : ""; }
  function foldedText(i) { var at = local(i); return at ? slice(at.sh.all, at.sh.starts, at.j) : ""; }

  /* The anchor (an element with an id, such as a sentence) where the text at `pos` starts. */
  function anchorAt(i, pos) {
    var at = local(i);
    var flat = at && at.sh.a[at.j];
    if (!flat || pos < 0) return null;
    var found = null;
    for (var k = 0; k < flat.length && flat[k] <= pos; k += 3) found = { id: flat[k + 1], label: flat[k + 2] };
    return found;
  }

  /* A section as its result names it: a policy text's provision in reader form, else its heading. */
  function sectionTitle(i, anchor) {
    var at = local(i);
    if (at && docOf[i] >= 0) {
      var own = at.sh.s[at.j];
      if (anchor && anchor.label >= 0 && anchor.label !== own) {
        return fill(strings.form || "{doc} {pos}", { doc: texts[docOf[i]][1], pos: at.sh.L[anchor.label] });
      }
      if (at.sh.r[at.j]) return at.sh.r[at.j];
    }
    return titlesRaw[i];
  }

  function search(query) {
    var done = complete();
    var info = { complete: done, why: [], scope: scope >= 0 ? texts[scope][0] : "" };
    var ts = expand(terms(query));
    if (!ts.length) return { items: [], handbook: info };
    var phrase = norm(query).replace(/ /g, "");
    // Sections whose text or title holds a term: one scan of each joined text per form. Scores are
    // computed in typed arrays; objects are made for the best 500 only (a common word can be in
    // every section of a large handbook).
    var seen = new Uint8Array(N), candidates = [], kept = new Map();
    ts.forEach(function (t) {
      counts(t, kept);
      [t.text.hit, t.title.hit].forEach(function (list) {
        list.forEach(function (i) {
          if (!seen[i] && (scope < 0 || docOf[i] === scope)) { seen[i] = 1; candidates.push(i); }
        });
      });
    });
    lastCounts = kept;
    var total = Math.max(N, 1);
    var idf = ts.map(function (t) {
      var df = 0;
      candidates.forEach(function (i) { if (t.text.n[i] || t.title.n[i]) df++; });
      return Math.log(1 + total / (1 + df));
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
      hits.push({ i: i, s: base[c], score: score[c] });
    });
    var byScore = function (a, b) { return b.score - a.score || a.i - b.i; };
    // The whole query as one phrase lifts a section by half its term score. Looking for it means
    // copying the section's text, so only the best 500 are looked at (all of them below 500 hits).
    hits.sort(byScore);
    hits = hits.slice(0, 500);
    if (phrase.length >= 2) {
      var phrases = variants(phrase, ts);
      hits.forEach(function (h) {
        var text = foldedText(h.i).replace(SEPARATORS, "");
        if (phrases.some(function (p) { return text.indexOf(p) >= 0; })) h.score += 0.5 * h.s;
      });
      hits.sort(byScore);
    }
    hits = hits.slice(0, 60);
    var re = highlightRegex(ts);
    var groups = new Map(), used = ts.map(function () { return 0; });
    hits.forEach(function (h) {
      var i = h.i, text = rawText(i), at = firstMatch(text, re), anchor = anchorAt(i, at);
      var found = {};
      ts.forEach(function (t, k) {
        var bits = t.text.forms[i] | t.title.forms[i];
        used[k] |= bits;
        t.forms.forEach(function (form, f) { if (bits & (1 << f)) found[form] = true; });
      });
      var item = { location: address(i, anchor), title: mark(sectionTitle(i, anchor), re),
        text: mark(snippet(text, at), re), score: h.score, terms: found };
      if (!groups.has(pageOf[i])) groups.set(pageOf[i], []);
      groups.get(pageOf[i]).push(item);
    });
    // The page's title last: Material heads a group with its item that has no "#", else with its
    // last one; every location here has a "#", so the heading is this one, and it leads to the best match.
    groups.forEach(function (items, n) {
      var page = pages[n], best = items[0];
      var label = page[3] ? '<span class="search-result-kind">' + esc(page[3]) + "</span>" : "";
      items.push({ location: best.location, title: label + mark(page[1], re), text: "", score: best.score, terms: best.terms });
    });
    ts.forEach(function (t, k) {
      var alternatives = t.entry ? t.forms.filter(function (form, f) { return f > 0 && used[k] & (1 << f); }) : [];
      if (!alternatives.length) return;
      var line = fill(strings[t.entry.k] || strings.synonym || "{q} → {t}", { q: t.term, t: alternatives.join(strings.and || ", ") });
      info.why.push(t.entry.n ? line + (strings.note || ": ") + t.entry.n : line);
    });
    return { items: Array.from(groups.values()), handbook: info };
  }

  /* Every shard loaded: the state a test or a benchmark compares with the full index. */
  function loaded() {
    return loadHead().then(function () {
      return new Promise(function (resolve) {
        if (!shardsLoading && !order().length) resolve(); else { waiting.push(resolve); loadShards(); }
      });
    });
  }

  function setScope(key) {
    scopeKey = key;
    scope = -1;
    texts.forEach(function (t, k) { if (t[0] === key) scope = k; });
    if (shards.length) loadShards();  // the chosen text's shards next, if any are still to come
  }

  self.handbookSearch = { setup: setupHead, load: loadHead, loaded: loaded, search: search, terms: terms,
    expand: expand, ask: ask, complete: complete, scope: setScope };

  addEventListener("message", function (ev) {
    var msg = ev.data || {};
    if (msg.type === 0) { postMessage({ type: 1 }); return; }  // ready at once; the index loads on focus
    if (msg.type === "handbook-warm") { loadHead().catch(function () {}); return; }  // the search box has focus
    if (msg.type === "handbook-scope") { setScope(String(msg.data || "")); return; }
    if (msg.type === 2) {
      var query = String(msg.data || "");
      if (!query.trim()) {
        last = null;
        postMessage({ type: 3, data: { items: [], handbook: { complete: true, why: [], scope: "" } } });
        return;
      }
      ask(query);
    }
  });
})();
