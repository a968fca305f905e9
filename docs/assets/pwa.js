/* The handbook as an app on a phone (scripts/publish/pwa.py makes the manifests and the worker).
 * Registers the service worker that keeps every page, asset and search index offline; says on every page
 * which version is kept ("离线版本：<date>") and when a newer one has been published; and on the home page
 * saves the downloads (PDF, Word, the book) for offline use after saying how much that is.
 * Inert without the page's <link rel="manifest" data-worker> (pages of the offline bundle have none), from
 * file:// and where service workers are missing: the site then works exactly as before. */
(function () {
  "use strict";
  var link = document.querySelector('link[rel="manifest"][data-worker]');
  if (!link || location.protocol === "file:" || !("serviceWorker" in navigator)) return;
  var sw = navigator.serviceWorker;
  var en = document.documentElement.lang === "en";
  var T = en ? {
    saving: "Saving the handbook on this device for offline use…",
    ready: "Offline copy: ",
    saved: "Saved for offline use",
    update: "A new version of the handbook has been published.",
    reload: "Reload to update",
    save: "Save on this phone for offline use",
    confirm: function (size, n) {
      return "This downloads " + size + ": the handbook's " + n + " PDF and Word files, including the whole " +
             "handbook as one PDF. Afterwards they open without a network.";
    },
    start: "Download ", cancel: "Cancel",
    progress: function (i, n) { return "Downloading " + i + " of " + n + "…"; },
    done: function (size) { return "The PDF and Word files (" + size + ") are saved on this phone and open without a network."; },
    failed: "The download did not finish. Try again with a network connection.",
    missing: "This file is not on this phone yet: open it with a network, or save all downloads on the home page."
  } : {
    saving: "正在把手册保存到本机，以便离线使用……",
    ready: "离线版本：",
    saved: "已保存，可离线使用",
    update: "手册已发布新版本。",
    reload: "重新载入以更新",
    save: "保存到手机离线使用",
    confirm: function (size, n) {
      return "将下载 " + size + "：本手册的 " + n + " 个 PDF 和 Word 文件，包括整本手册 PDF。下载后断网也能打开。";
    },
    start: "开始下载 ", cancel: "取消",
    progress: function (i, n) { return "正在下载第 " + i + " 个，共 " + n + " 个……"; },
    done: function (size) { return "PDF 和 Word 文件（" + size + "）已保存到手机，断网也能打开。"; },
    failed: "下载没有完成，请连上网络后再试。",
    missing: "这个文件还没有保存到手机：请连上网络后打开，或在首页点“保存到手机离线使用”。"
  };
  var worker = new URL(link.getAttribute("data-worker"), document.baseURI);
  var root = new URL("./", worker);
  var built = link.getAttribute("data-built") || "";

  // ------------------------------------------------------------ the state line on every page
  // The page holds the line's box from the start (overrides/main.html writes it where it writes the manifest link
  // this script starts from), its height kept by the stylesheet: a line put in when the worker starts saving would
  // push the page down a second after it was first shown. A page without one gets a line nobody sees.
  var state = document.querySelector(".offline-state") || document.createElement("div");
  // Nothing to say (no worker here, or it could not save): the line empties and keeps its box, moving nothing.
  function quiet() { state.textContent = ""; state.className = "offline-state"; }
  function say(text, kind) {
    state.textContent = text;
    state.className = "offline-state offline-state--" + kind;
    state.hidden = false;
  }
  // Shown once a worker holds the whole site; the page then comes from that copy, so its date is the copy's.
  // Without a build date (a copy built outside git) the line says the copy is saved, not "unknown".
  function ready() { say(built ? T.ready + built : T.saved, "ready"); }

  var updating = false;
  function offerUpdate(waiting) {
    say(T.update + " ", "update");
    var b = document.createElement("button");
    b.type = "button";
    b.className = "offline-state__reload";
    b.textContent = T.reload;
    b.addEventListener("click", function () {
      updating = true;
      waiting.postMessage({ type: "SKIP_WAITING" });  // Workbox's worker then takes over; see controllerchange
    });
    state.appendChild(b);
  }
  sw.addEventListener("controllerchange", function () {
    if (updating) location.reload();
    else ready();  // the first visit's worker has saved everything and taken this page
  });
  var tracked = null;
  function track(installing) {
    if (!installing || installing === tracked) return;
    tracked = installing;
    if (!sw.controller) say(T.saving, "saving");
    installing.addEventListener("statechange", function () {
      if (installing.state === "installed" && sw.controller) offerUpdate(installing);
      else if (installing.state === "redundant" && !sw.controller) quiet();  // could not save
    });
  }
  // No worker at this address any more (e.g. `make serve` on the port where the built site was served): a
  // worker left from before would go on showing its old copy, so it goes. Offline, nothing is removed.
  // The browser's own update check says nothing to the page, so a controlled page asks once a session.
  var CHECKED = "handbook:worker-checked";
  function dropIfGone() {
    try {
      if (window.sessionStorage.getItem(CHECKED)) return;
      window.sessionStorage.setItem(CHECKED, "1");
    } catch (e) { /* no session storage: ask every time */ }
    fetch(worker.href, { method: "HEAD", cache: "no-store" }).then(function (response) {
      if (response.status !== 404) return;
      return sw.getRegistration(root.href).then(function (old) {
        if (!old) return;
        return old.unregister().then(function () { if (sw.controller) location.reload(); });
      });
    }, function () { /* offline: keep the copy */ });
  }
  sw.register(worker.href, { scope: root.href }).then(function (reg) {
    if (reg.waiting && sw.controller) offerUpdate(reg.waiting);
    else if (reg.active && !reg.installing) ready();
    track(reg.installing);
    reg.addEventListener("updatefound", function () { track(reg.installing); });
    if (sw.controller) dropIfGone();
  }, function () {
    quiet();
    dropIfGone();
  });

  // ------------------------------------------------------------ downloads
  var listed = link.getAttribute("data-downloads");
  if (!listed || !window.caches) return;
  var lang = en ? "en" : "zh";
  var KEY = "handbook:offline-downloads:" + lang;
  function megabytes(bytes) { return (bytes / 1e6).toFixed(1) + " MB"; }
  function url(rel) { return new URL(rel, root).href; }
  var downloads = fetch(new URL(listed, document.baseURI).href)
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) { return data && data.languages ? data : null; }, function () { return null; });

  // Chromium sends an <a download> straight to the network, past the service worker. A listed download is
  // fetched through the worker here instead (which keeps it: network first, its copy when offline) and
  // handed to the browser as a file; without a network and without a copy, the reader is told why.
  var known = {};
  downloads.then(function (data) {
    if (!data) return;
    Object.keys(data.languages).forEach(function (l) {
      data.languages[l].files.forEach(function (f) { known[url(f.url)] = true; });
    });
  });
  function missing(a) {
    var old = document.querySelector(".offline-missing");
    if (old) old.remove();
    var note = document.createElement("span");
    note.className = "offline-missing";
    note.setAttribute("role", "status");
    note.textContent = T.missing;
    a.parentNode.insertBefore(note, a.nextSibling);
  }
  document.addEventListener("click", function (e) {
    var a = e.target && e.target.closest ? e.target.closest("a[download][href]") : null;
    if (!a || !sw.controller || !known[a.href.split("#")[0]] || e.defaultPrevented) return;
    e.preventDefault();
    fetch(a.href).then(function (response) {
      if (!response.ok) throw new Error(a.href + ": " + response.status);
      return response.blob();
    }).then(function (blob) {
      var file = document.createElement("a");
      file.href = URL.createObjectURL(blob);
      file.download = a.getAttribute("download") || decodeURIComponent(a.pathname.split("/").pop());
      document.body.appendChild(file);
      file.click();
      file.remove();
      window.setTimeout(function () { URL.revokeObjectURL(file.href); }, 60000);
    }, function () { missing(a); });
  });

  // "Save for offline" on the home page: every download of this language, after saying how much it is.
  var home = document.querySelector(".bundle-download");
  if (!home) return;
  function marks() { try { return JSON.parse(window.localStorage.getItem(KEY) || "null"); } catch (e) { return null; } }
  function remember(files) {
    var m = {};
    files.forEach(function (f) { m[f.url] = f.revision; });
    try { window.localStorage.setItem(KEY, JSON.stringify(m)); } catch (e) { /* private mode: asked again next time */ }
  }
  // Saved means: this phone saved these very revisions, and the cache still holds every file.
  function isSaved(files, cache) {
    var m = marks();
    if (!m || !files.every(function (f) { return m[f.url] === f.revision; })) return Promise.resolve(false);
    return Promise.all(files.map(function (f) { return cache.match(url(f.url)); }))
      .then(function (found) { return found.every(Boolean); });
  }
  function save(files, cache, progress) {
    var done = 0;
    return files.reduce(function (previous, f) {
      return previous.then(function () {
        return fetch(url(f.url), { cache: "no-cache" }).then(function (response) {
          if (!response.ok) throw new Error(f.url + ": " + response.status);
          return cache.put(url(f.url), response);
        }).then(function () { progress(++done, files.length); });
      });
    }, Promise.resolve()).then(function () { remember(files); });
  }
  downloads.then(function (data) {
    var mine = data && data.languages[lang];
    if (!mine || !mine.files.length) return;
    var size = megabytes(mine.bytes);
    return caches.open(data.cache).then(function (cache) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button md-button--primary offline-save";
      button.textContent = T.save;
      var panel = document.createElement("div");
      panel.className = "offline-save-panel";
      panel.setAttribute("role", "status");
      panel.hidden = true;
      home.appendChild(button);
      home.parentNode.insertBefore(panel, home.nextSibling);
      function tell(text) { panel.textContent = text; panel.hidden = false; }
      function saved() { button.hidden = true; tell(T.done(size)); }
      function action(label, run) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "md-button offline-save-panel__action";
        b.textContent = label;
        b.addEventListener("click", run);
        return b;
      }
      button.addEventListener("click", function () {
        tell(T.confirm(size, mine.files.length) + " ");
        panel.appendChild(action(T.start + size, function () {
          button.disabled = true;
          tell(T.progress(0, mine.files.length));
          save(mine.files, cache, function (i, n) { tell(T.progress(i, n)); }).then(saved, function () {
            button.disabled = false;
            tell(T.failed);
          });
        }));
        panel.appendChild(action(T.cancel, function () { panel.hidden = true; button.focus(); }));
        panel.querySelector("button").focus();
      });
      return isSaved(mine.files, cache).then(function (yes) { if (yes) saved(); });
    });
  });
})();
