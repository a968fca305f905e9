"""The handbook on a phone: installable, and offline after one visit (scripts/publish/pwa.py, docs/assets/pwa.js).

Browser tests run Chromium as a phone (touch, 390 x 844). "Offline" is Chromium's network emulation
with the site's server shut down as well, so nothing can come from the network."""
from __future__ import annotations

import json
import posixpath
import re
import shutil
import time
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from conftest import CHROMIUM, ENV, ROOT, build, open_page, serve
from scripts.core.config import read_config
from scripts.core.diagnostics import DiagnosticError
from scripts.publish.csp import policy
from scripts.publish.pwa import theme_color

PHONE = {"has_touch": True, "is_mobile": True, "viewport": {"width": 390, "height": 844}}
DATE = time.strftime("%Y-%m-%d", time.gmtime(int(ENV["SOURCE_DATE_EPOCH"])))
SOURCE_PAGE = "source/shunyi-women-social-management/part-2/"
CSP_WATCH = """window.__csp = []; document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""
CONTROLLED = "() => navigator.serviceWorker.controller !== null"
REGISTRATIONS = "() => navigator.serviceWorker ? navigator.serviceWorker.getRegistrations().then(r => r.length, () => 0) : 0"


class Server:
    """A local server the test stops before it goes offline, so that what follows can only come from the phone."""

    def __init__(self, directory: Path, headers: dict[str, str] | None = None):
        self._running = serve(directory, headers)
        self.url = next(self._running)

    def stop(self) -> None:
        self._running.close()


def precached(site: Path) -> set[str]:
    return set(re.findall(r'url:"([^"]+)",revision:"[0-9a-f]{32}"', (site / "sw.js").read_text("utf-8")))


def downloads(tree: Path) -> list[Path]:
    """What "save for offline" fetches for a language: its downloads, without the offline bundle's zip."""
    return sorted(p for p in (tree / "downloads").rglob("*") if p.is_file() and p.suffix != ".zip")


def visit_until_kept(page, url: str) -> None:
    """One online visit, until the worker holds the whole site and says so."""
    page.goto(url)
    page.wait_for_function(CONTROLLED, timeout=60000)
    page.locator(".offline-state--ready").wait_for()


def download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    failure = info.value.failure()
    assert failure is None, failure
    return Path(info.value.path()).read_bytes()


def phone_search(page, query: str) -> list[str]:
    """Search as on a phone: the search button in the header opens the box."""
    page.locator('label.md-header__button[for="__search"]').click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__list > li", timeout=10000)
    return page.eval_on_selector_all(".md-search-result__list a.md-search-result__link", "els => els.map(e => e.href)")


def go_offline(page, server: Server) -> None:
    server.stop()
    page.context.set_offline(True)


# ---------------------------------------------------------------- what the build writes


def test_each_language_has_a_manifest_that_every_page_links(built_site):
    config = read_config(ROOT / "mkdocs.yml")
    names = {"zh": config.data["site_name"], "en": config.language("en")["site_name"]}
    palette = re.search(r"--md-primary-fg-color:\s*(#[0-9a-f]+)", (ROOT / "docs/assets/handbook.css").read_text("utf-8"))
    for lang, tree in (("zh", built_site), ("en", built_site / "en")):
        manifest = json.loads((tree / "manifest.webmanifest").read_text("utf-8"))
        assert manifest["name"] == manifest["short_name"] == names[lang]
        assert (manifest["lang"], manifest["display"], manifest["theme_color"]) == (lang, "standalone", palette[1])
        # Relative, so the site works under any sub-path; the scope is the whole site, both languages.
        assert manifest["start_url"] == "./"
        here = tree.relative_to(built_site).as_posix()
        assert posixpath.normpath(posixpath.join(here, manifest["scope"])) == "."
        sizes = set()
        for icon in manifest["icons"]:
            with Image.open(tree / icon["src"]) as image:
                assert f"{image.width}x{image.height}" == icon["sizes"] and image.format == "PNG"
                sizes.add(image.width)
        assert {192, 512} <= sizes
        assert {i["purpose"] for i in manifest["icons"]} == {"any", "maskable"}
    for page in built_site.rglob("*.html"):
        rel = page.relative_to(built_site).as_posix()
        link = re.search(r'<link rel="manifest" href="([^"]+)" data-worker="([^"]+)"', page.read_text("utf-8"))
        assert link, rel
        if page.name == "404.html":
            continue  # root-relative links by design (the server shows it at any address)
        lang_root = "en/" if rel.startswith("en/") else ""
        assert posixpath.normpath(posixpath.join(posixpath.dirname(rel), link[1])) == f"{lang_root}manifest.webmanifest"
        assert posixpath.normpath(posixpath.join(posixpath.dirname(rel), link[2])) == "sw.js"


def test_the_worker_precaches_every_page_asset_and_search_index_but_no_download(built_site):
    urls = precached(built_site)
    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    assert len(pages) > 100 and pages <= urls
    assert {"assets/javascripts/search-index.zh.js", "assets/javascripts/search-index.en.js",
            "assets/javascripts/search-worker.zh.js", "assets/javascripts/search-worker.en.js",
            "assets/handbook.css", "assets/handbook.js", "assets/pwa.js", "assets/icons/icon-512.png",
            "manifest.webmanifest", "en/manifest.webmanifest", "offline-downloads.json"} <= urls
    assert [u for u in urls if "downloads/" in u or u.endswith((".zip", ".pdf", ".docx", ".map"))] == []
    # Workbox's runtime is inside sw.js: the worker loads nothing, from a CDN or anywhere else.
    sw = (built_site / "sw.js").read_text("utf-8")
    assert "importScripts" not in sw and "googleapis" not in sw


def test_save_for_offline_lists_each_languages_downloads_and_their_size_never_the_zip(built_site):
    listed = json.loads((built_site / "offline-downloads.json").read_text("utf-8"))
    assert (built_site / "downloads/fulian-handbook-offline.zip").exists()
    for lang, tree in (("zh", built_site), ("en", built_site / "en")):
        files = downloads(tree)
        entry = listed["languages"][lang]
        assert [f["url"] for f in entry["files"]] == [p.relative_to(built_site).as_posix() for p in files]
        assert entry["bytes"] == sum(p.stat().st_size for p in files)
        assert any(p.name == "handbook.pdf" for p in files) and any(p.suffix == ".docx" for p in files)


@pytest.mark.build
def test_without_node_the_step_stops_with_a_code_and_writes_nothing(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>x</title>", "utf-8")
    result = build(site, "pwa", env={**ENV, "PATH": str(tmp_path / "no-bin")})
    assert result.returncode == 1
    assert re.search(r"^node:1:1: PWA_NO_WORKBOX Node\.js is not installed.*\(hint: ", result.stderr, re.M), result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]


def test_a_palette_without_the_theme_colour_is_reported_where_it_should_be(tmp_path):
    css = tmp_path / "handbook.css"
    css.write_text(":root { --md-accent-fg-color: #b0123e; }\n", "utf-8")
    with pytest.raises(DiagnosticError) as caught:
        theme_color(css)
    (diag,) = caught.value.diags
    assert (diag.path, diag.code) == (css.as_posix(), "PWA_THEME_COLOR")
    assert theme_color(ROOT / "docs/assets/handbook.css") == "#8c1c3c"


# ---------------------------------------------------------------- on a phone


def test_installable_on_a_phone_under_a_sub_path_and_the_policy(browser, built_site, tmp_path):
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "handbook").symlink_to(built_site)
    server = Server(tmp_path / "www", {"Content-Security-Policy": policy(built_site)})
    url = server.url
    # A profile on disk: Chromium never offers to install from an incognito-like context.
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], **PHONE)
    try:
        context.add_init_script(CSP_WATCH)
        page = context.pages[0] if context.pages else context.new_page()
        visit_until_kept(page, url + "handbook/")
        expect(page.locator(".offline-state")).to_have_text(f"离线版本：{DATE}")
        scope = page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.scope)")
        assert scope == url + "handbook/"
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"] == url + "handbook/manifest.webmanifest" and manifest["errors"] == []
        parsed = manifest["manifest"]
        assert parsed["name"] == read_config(ROOT / "mkdocs.yml").data["site_name"]
        assert parsed["startUrl"] == parsed["scope"] == url + "handbook/"
        assert {i["sizes"] for i in parsed["icons"]} >= {"192x192", "512x512"}
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        assert page.evaluate("window.__csp") == []
        # The English pages belong to the same worker and have their own manifest.
        page.goto(url + "handbook/en/")
        expect(page.locator(".offline-state")).to_have_text(f"Offline copy: {DATE}")
        assert cdp.send("Page.getAppManifest")["manifest"]["name"] == \
            read_config(ROOT / "mkdocs.yml").language("en")["site_name"]
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()
        server.stop()


def test_after_one_visit_the_phone_reads_searches_and_opens_a_checklist_offline(browser, built_site):
    pages = open_page(browser, accept_downloads=True, **PHONE)
    page = next(pages)
    server = Server(built_site)
    url = server.url
    try:
        visit_until_kept(page, url)
        # The visit: the reader opens a checklist and its PDF.
        page.goto(url + "checklists/2-5/")
        pdf = built_site / "downloads/checklists/2-5.pdf"
        assert download(page, page.locator('.downloads a[href$="2-5.pdf"]')) == pdf.read_bytes()

        go_offline(page, server)
        page.goto(url)
        assert page.locator("h1").first.is_visible()
        expect(page.locator(".offline-state")).to_have_text(f"离线版本：{DATE}")
        page.goto(url + SOURCE_PAGE)
        assert page.locator("h1").first.inner_text().startswith("二、")
        assert page.locator("span.sentence").count() > 20
        page.goto(url + "guidance/2-5/")
        results = phone_search(page, "妇女之家")
        assert results and all(r.startswith(url) for r in results)
        with page.expect_navigation():
            page.locator(".md-search-result__list a.md-search-result__link").first.click()
        assert page.url.split("#")[0] == results[0].split("#")[0]
        assert page.locator("h1").first.is_visible()
        page.goto(url + "checklists/2-5/")
        assert download(page, page.locator('.downloads a[href$="2-5.pdf"]')) == pdf.read_bytes()
        assert page.errors == []
    finally:
        server.stop()
        pages.close()


def test_save_for_offline_shows_its_size_and_then_the_book_opens_offline(browser, built_site):
    pages = open_page(browser, accept_downloads=True, **PHONE)
    page = next(pages)
    server = Server(built_site)
    url = server.url
    try:
        visit_until_kept(page, url)
        book = page.locator('.bundle-download a[href$="downloads/handbook.pdf"]')
        # Before saving, the book is not on the phone, and the reader is told so.
        page.context.set_offline(True)
        book.click()
        expect(page.locator(".offline-missing")).to_have_text(re.compile("^这个文件还没有保存到手机"))
        page.context.set_offline(False)

        size = sum(p.stat().st_size for p in downloads(built_site)) / 1e6
        page.get_by_role("button", name="保存到手机离线使用").click()
        panel = page.locator(".offline-save-panel")
        expect(panel).to_contain_text(f"将下载 {size:.1f} MB")
        panel.get_by_role("button", name=re.compile("^开始下载")).click()
        page.get_by_text("已保存到手机").wait_for(timeout=60000)

        go_offline(page, server)
        page.reload()
        expect(page.locator(".offline-save-panel")).to_have_text(re.compile("^" + re.escape(f"PDF 和 Word 文件（{size:.1f} MB）已保存")))
        expect(page.get_by_role("button", name="保存到手机离线使用")).to_be_hidden()
        assert download(page, book) == (built_site / "downloads/handbook.pdf").read_bytes()
        assert page.errors == []
    finally:
        server.stop()
        pages.close()


def test_a_new_version_is_announced_and_taken_on_reload(browser, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("*.zip"))
    pages = open_page(browser, **PHONE)
    page = next(pages)
    server = Server(site)
    url = server.url
    try:
        visit_until_kept(page, url)
        # A new version is published: a page changes and the build makes the worker again.
        home = site / "index.html"
        home.write_text(home.read_text("utf-8").replace("</h1>", '</h1><p id="published-later">新</p>', 1),
                        "utf-8")
        result = build(site, "pwa")
        assert result.returncode == 0, result.stderr[-2000:]
        page.reload()
        notice = page.locator(".offline-state--update")
        notice.wait_for(timeout=60000)
        expect(notice).to_have_text(re.compile("^手册已发布新版本。"))
        assert page.locator("#published-later").count() == 0  # still the copy on the phone
        with page.expect_navigation():
            notice.get_by_role("button", name="重新载入以更新").click()
        page.locator("#published-later").wait_for()
        page.locator(".offline-state--ready").wait_for()
        assert page.errors == []
    finally:
        server.stop()
        pages.close()


def test_a_site_that_no_longer_has_a_worker_drops_the_old_copy(browser, built_site, tmp_path):
    """E.g. `make serve` (no worker) on the port where the built site was served: the preview must be live."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("*.zip", "downloads"))
    pages = open_page(browser, **PHONE)
    page = next(pages)
    server = Server(site)
    try:
        visit_until_kept(page, server.url)
        (site / "sw.js").unlink()
        home = site / "index.html"
        home.write_text(home.read_text("utf-8").replace("</h1>", '</h1><p id="live">新</p>', 1), "utf-8")
        page.reload()
        page.locator("#live").wait_for()  # the old copy went, and the page reloaded itself from the server
        # The reloaded page asks to register sw.js again, which is gone: while that request is under way the browser
        # lists a registration for it (failed once in a full run), so the count is awaited, not read once.
        page.wait_for_function("async () => (await navigator.serviceWorker.getRegistrations()).length === 0")
        assert page.errors == []
    finally:
        server.stop()
        pages.close()


def test_nothing_from_file_urls_nor_in_the_offline_bundle(browser, built_site, unzipped_bundle):
    for name in ("sw.js", "manifest.webmanifest", "en/manifest.webmanifest", "offline-downloads.json"):
        assert not (unzipped_bundle / name).exists(), name
    assert [p for p in unzipped_bundle.rglob("*.html") if 'rel="manifest"' in p.read_text("utf-8")] == []
    # The published site's pages opened from disk link the manifest, and still register nothing; the
    # bundle's pages link none. (Material's search in the http build cannot load from disk and throws
    # "Invalid script": that is what the bundle is for, so only the bundle must be silent.)
    starts = {"site": [built_site.as_uri() + "/index.html", built_site.as_uri() + "/" + SOURCE_PAGE + "index.html"],
              "bundle": [unzipped_bundle.as_uri() + "/index.html", unzipped_bundle.as_uri() + "/en/index.html"]}
    for kind, urls in starts.items():
        pages = open_page(browser, **PHONE)
        page = next(pages)
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
        try:
            for start in urls:
                page.goto(start)
                assert page.locator("h1").first.is_visible()
                assert page.evaluate(REGISTRATIONS) == 0
                # The site's pages keep an empty box for the offline line (it moves nothing when filled); from
                # disk nothing fills it, and the bundle's pages have none.
                assert page.locator(".offline-state:not(:empty), .offline-save").count() == 0
                assert page.locator(".offline-state").count() == (1 if kind == "site" else 0)
            said = page.errors + console
            if kind == "bundle":
                assert said == []
            assert [m for m in said if re.search(r"service ?worker|manifest|sw\.js|pwa\.js", m, re.I)] == []
        finally:
            pages.close()
