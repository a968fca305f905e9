"""The offline bundle: unzipped_bundle anywhere, opened from disk, everything works and nothing goes to the network."""
from __future__ import annotations

import hashlib
import re




def test_bundle_holds_every_download_of_both_languages(built_site, unzipped_bundle):
    """The checklists, templates, books and each policy text's PDF and Word file, as the site offers them
    (downloads/ and en/downloads/), but never the bundle inside itself."""
    offered = [p for p in sorted(built_site.glob("**/downloads/**/*")) if p.is_file() and p.suffix != ".zip"]
    assert any("/texts/" in p.as_posix() for p in offered) and any(p.name == "handbook.pdf" for p in offered)
    for path in offered:
        rel = path.relative_to(built_site)
        assert (unzipped_bundle / rel).read_bytes() == path.read_bytes(), rel
    assert not list(unzipped_bundle.glob("**/downloads/**/*.zip"))


def test_bundle_layout(bundle_zip, unzipped_bundle):
    assert re.fullmatch(r"fulian-handbook-[0-9a-z.\-]+-offline\.zip", bundle_zip.name)
    for name in ("index.html", "en/index.html", "打开说明.html", "README.txt", "SHA256SUMS",
                 "downloads/checklists/all.pdf", "downloads/templates/rights-case-ledger.docx",
                 "assets/javascripts/search-worker.zh.js",
                 "assets/javascripts/search-index.zh.js", "assets/vendor/iframe-worker/shim.js"):
        assert (unzipped_bundle / name).exists(), name
    assert not list(unzipped_bundle.rglob("*.map"))
    assert not (unzipped_bundle / "assets/javascripts/lunr").exists()
    sums = (unzipped_bundle / "SHA256SUMS").read_text("utf-8").splitlines()
    for line in sums:
        digest, rel = line.split("  ", 1)
        assert hashlib.sha256((unzipped_bundle / rel).read_bytes()).hexdigest() == digest
    assert len(sums) == sum(1 for p in unzipped_bundle.rglob("*") if p.is_file()) - 1


def test_no_reference_to_any_external_host(unzipped_bundle):
    for path in unzipped_bundle.rglob("*.html"):
        text = path.read_text("utf-8")
        assert "unpkg.com" not in text and "fonts.googleapis" not in text, path
        assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', text), path


def test_version_and_date_in_every_footer(unzipped_bundle):
    for rel in ("index.html", "guidance/2-5.html", "en/checklists/2-5.html"):
        assert re.search(r"(版本|Version) [0-9a-z.\-]+ · ", (unzipped_bundle / rel).read_text("utf-8")), rel


def test_works_from_disk_with_no_network(browser, unzipped_bundle):
    blocked: list[str] = []
    errors: list[str] = []
    context = browser.new_context()
    context.route(re.compile(r"^(?!file:).*"), lambda route: (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    root = unzipped_bundle.as_uri() + "/"
    page.goto(root + "index.html")
    # navigation: to a source page and to a sentence of it
    page.locator('a[href$="source/shunyi-women-social-management/part-2.html"]').first.click()
    assert page.locator("h1").first.inner_text().startswith("二、")
    page.goto(root + "source/shunyi-women-social-management/part-2.html#2.5.3")
    assert page.locator(":target").get_attribute("data-provision") == "2.5.3"
    # a guidance page, its citation preview and a glossary tooltip
    page.goto(root + "guidance/2-5.html")
    page.locator('a.cite[data-provision="2.5.3"]').first.hover()
    page.locator(".cite-preview").wait_for(state="visible")
    page.locator("p a.term").first.hover()
    page.locator(".cite-preview").wait_for(state="visible")
    # search in both languages
    for start, query in (("guidance/2-5.html", "妇女之家"), ("en/guidance/2-5.html", "petition")):
        page.goto(root + start)
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(query)
        box.press("End")
        page.wait_for_selector(".md-search-result__list > li", timeout=10000)
    # a checklist: tick, reload, still ticked
    page.goto(root + "checklists/2-5.html")
    page.locator("li.task-list-item input").first.check(force=True)
    page.reload()
    assert page.locator("li.task-list-item input").first.is_checked()
    # the language switcher
    page.locator(".md-select").first.hover()
    with page.expect_navigation():
        page.locator('.md-select a[hreflang="en"]').click()
    assert page.url.endswith("/en/checklists/2-5.html")
    # a download link points at a file in the bundle
    href = page.locator(".downloads a").first.get_attribute("href")
    assert (unzipped_bundle / "en/checklists" / href).resolve().exists()
    context.close()
    assert blocked == []
    assert errors == []



def test_home_page_offers_the_bundle(built_site, bundle_zip, unzipped_bundle):
    for home, href in (("index.html", "downloads/fulian-handbook-offline.zip"),
                       ("en/index.html", "../downloads/fulian-handbook-offline.zip")):
        assert f'href="{href}"' in (built_site / home).read_text("utf-8"), home
    assert (built_site / "downloads/fulian-handbook-offline.zip").read_bytes() == bundle_zip.read_bytes()
    # inside the bundle neither the link nor a copy of the bundle
    assert "fulian-handbook-offline.zip" not in (unzipped_bundle / "index.html").read_text("utf-8")
    assert not list(unzipped_bundle.rglob("*.zip"))
