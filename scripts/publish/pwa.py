"""The handbook as an app on a phone: a web app manifest per language and a service worker that keeps it offline.

- `manifest.webmanifest` in each language's tree (site/, site/en/): the name from mkdocs.yml's
  site_name (the i18n entry's for English), start_url, scope and icons relative to the manifest,
  so the site works under any sub-path; theme colour from the palette in docs/assets/handbook.css.
  Every page links its language's manifest (overrides/main.html), except in the offline bundle.
- `sw.js` at the site root, so that its scope covers both languages, made by Workbox's generateSW
  (scripts/publish/sw-build.mjs, npm's workbox-build with its runtime bundled into sw.js): it
  precaches every page, asset and search index of both languages at the first visit. Downloads
  are not precached: a download opened once is kept (network first), and all of a language's
  downloads are fetched when the reader taps "save for offline" (docs/assets/pwa.js), which
  reads their list and size from `offline-downloads.json`, also listed by Workbox (getManifest):
  {"cache": <cache name>, "languages": {lang: {"bytes": n, "files": [{"url", "revision"}]}}}.
  The offline bundle's zip is never among them.

The files are written only from what is in the built site, in a fixed order, so the same site
gives the same bytes.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from scripts.core.config import Config
from scripts.core.diagnostics import Diagnostic, DiagnosticError
from scripts.core.paths import BUNDLE_NAME, BUNDLE_PUBLISHED, DOWNLOADS, LANGS, ROOT, language_tree
from scripts.publish import bundle

MANIFEST = "manifest.webmanifest"  # in each language's tree
WORKER = "sw.js"  # at the site root
DOWNLOAD_LIST = "offline-downloads.json"  # at the site root
DOWNLOAD_CACHE = f"{BUNDLE_NAME}-downloads"  # the worker's cache of downloads, filled by the page too
ICONS = "assets/icons"  # under docs/ and in the site: icon.svg and its PNGs (python -m scripts.dev.icons)
ICON_SIZES = (192, 512)
# The palette the manifest's colours come from; Material's page background is white.
PALETTE = "assets/handbook.css"
THEME_VARIABLE = "--md-primary-fg-color"
BACKGROUND = "#ffffff"
SW_BUILD = Path(__file__).with_name("sw-build.mjs")
WORKBOX = ROOT / "node_modules" / "workbox-build" / "package.json"


def _tree(lang: str) -> str:
    """A language's tree relative to the site root: "" or "en/"."""
    rel = language_tree(Path("."), lang).as_posix()
    return "" if rel == "." else rel + "/"


# What a reader needs offline: every page and asset of both languages, the search indexes among them.
PRECACHE = ("**/*.html", "assets/**/*.{css,js,png}", f"**/{MANIFEST}", DOWNLOAD_LIST)
# What no reader loads: what the offline bundle leaves out too (Material's own search, which the
# handbook's replaces, and 404 pages), the template of the search workers (pages load
# search-worker.<lang>.js) and the downloads, which are the reader's choice.
PRECACHE_LEAVE_OUT = (*(f"{d}/**" for d in bundle.LEAVE_OUT_DIRS), *bundle.LEAVE_OUT_FILES,
                      *bundle.LEAVE_OUT_GLOBS, "assets/javascripts/search-worker.js",
                      *(f"{_tree(lang)}{DOWNLOADS}/**" for lang in LANGS))
# Workbox's own limit is 2 MiB; a page or index above it would silently be missing offline.
PRECACHE_MAX_BYTES = 8_000_000


def download_route() -> str:
    """The worker's route for downloads (a JavaScript regular expression): any language's, never the bundle."""
    others = "|".join(re.escape(lang) for lang in LANGS[1:])
    bundle_file = re.escape(BUNDLE_PUBLISHED.rsplit("/", 1)[-1])
    return rf"/(?:(?:{others})/)?{re.escape(DOWNLOADS)}/(?!{bundle_file}(?:[?#]|$))[^?#]+"


def theme_color(css: Path) -> str:
    m = re.search(rf"{re.escape(THEME_VARIABLE)}\s*:\s*(#[0-9a-fA-F]{{3,8}})\s*;", css.read_text(encoding="utf-8"))
    if not m:
        raise DiagnosticError([Diagnostic(css.as_posix(), 1, 1, "PWA_THEME_COLOR",
                                          f"{THEME_VARIABLE} is not set to a #hex colour",
                                          f"the app's colour comes from it: {THEME_VARIABLE}: #8c1c3c;")])
    return m.group(1).lower()


def page_settings(docs: Path) -> dict:
    """What every page's <head> needs (overrides/main.html): the manifest, the worker, the downloads and the colour."""
    return {"manifest": MANIFEST, "worker": WORKER, "downloads": DOWNLOAD_LIST,
            "theme_color": theme_color(docs / PALETTE)}


def manifest(config: Config, lang: str, color: str) -> dict:
    """One language's web app manifest; every URL in it is relative to the manifest itself."""
    entry = config.language(lang) if lang != LANGS[0] else {}
    name = str(entry.get("site_name") or config.data.get("site_name") or "")
    description = str(entry.get("site_description") or config.data.get("site_description") or "")
    up = "../" * _tree(lang).count("/")  # from the language's tree back to the site root
    icons = [{"src": f"{up}{ICONS}/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png",
              "purpose": purpose}
             for size in ICON_SIZES for purpose in ("any", "maskable")]
    return {
        "id": "./",
        "name": name,
        "short_name": name,
        "description": description,
        "lang": lang,
        "dir": "ltr",
        "start_url": "./",
        # The whole site, both languages: the language switch stays inside the installed app.
        "scope": up or "./",
        "display": "standalone",
        "theme_color": color,
        "background_color": BACKGROUND,
        "icons": icons,
    }


@dataclass(frozen=True)
class Offline:
    """What the worker keeps: the precache (count, bytes) and each language's optional downloads."""

    files: int
    bytes: int
    downloads: dict[str, int]  # language → bytes of "save for offline"
    written: list[Path]


def workbox_job(site: Path) -> dict:
    """The options sw-build.mjs hands to Workbox (all paths relative to the site root)."""
    return {
        "site": str(site),
        "worker": WORKER,
        "cacheId": BUNDLE_NAME,
        "precache": {"patterns": list(PRECACHE), "ignores": list(PRECACHE_LEAVE_OUT),
                     "maxBytes": PRECACHE_MAX_BYTES},
        "downloads": {
            "list": DOWNLOAD_LIST,
            "cache": DOWNLOAD_CACHE,
            "route": download_route(),
            "languages": {lang: {"patterns": [f"{_tree(lang)}{DOWNLOADS}/**/*"], "ignores": [BUNDLE_PUBLISHED]}
                          for lang in LANGS},
        },
    }


def _missing_workbox(node: str | None) -> list[Diagnostic]:
    if node is None:
        return [Diagnostic("node", 1, 1, "PWA_NO_WORKBOX", "Node.js is not installed; Workbox runs on it",
                           "install nodejs and npm (make build expects them on the machine)")]
    if not WORKBOX.exists():
        return [Diagnostic(WORKBOX.parent.relative_to(ROOT).as_posix(), 1, 1, "PWA_NO_WORKBOX",
                           "workbox-build is not installed", "make build installs it from package-lock.json "
                           "(npm install --no-save)")]
    return []


def write(site: Path, config: Config, docs: Path) -> Offline:
    """The manifests, offline-downloads.json and sw.js; raises DiagnosticError and writes nothing when it cannot."""
    node = shutil.which("node")
    diags = _missing_workbox(node)
    if diags:
        raise DiagnosticError(diags)
    color = theme_color(docs / PALETTE)
    written = []
    for lang in LANGS:
        path = language_tree(site, lang) / MANIFEST
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(manifest(config, lang, color), ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
        written.append(path)
    result = subprocess.run([node, str(SW_BUILD)], input=json.dumps(workbox_job(site)), capture_output=True,
                            text=True, cwd=ROOT)
    if result.returncode != 0:
        raise DiagnosticError([Diagnostic(SW_BUILD.relative_to(ROOT).as_posix(), 1, 1, "PWA_WORKBOX",
                                          "Workbox failed: " + (result.stderr.strip() or f"exit {result.returncode}"))])
    report = json.loads(result.stdout)
    if report["precache"]["warnings"]:
        raise DiagnosticError([Diagnostic(SW_BUILD.relative_to(ROOT).as_posix(), 1, 1, "PWA_WORKBOX",
                                          "Workbox would leave files out of the offline copy: "
                                          + " ".join(report["precache"]["warnings"]),
                                          "a page or asset above PRECACHE_MAX_BYTES (scripts/publish/pwa.py)?")])
    written += [site / WORKER, site / DOWNLOAD_LIST]
    return Offline(report["precache"]["count"], report["precache"]["bytes"],
                   {lang: d["bytes"] for lang, d in report["downloads"].items()}, written)
