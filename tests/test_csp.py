"""The Content-Security-Policy, as a header (_headers) and in every page (meta): the site works and nothing is blocked."""
from __future__ import annotations

import re

import pytest

from conftest import serve
from scripts.publish.csp import INLINE_SCRIPT, NOT_EXECUTED, add_meta, policy, script_hash

WATCH = """window.__csp = []; document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""


@pytest.fixture(scope="module")
def csp_url(built_site):
    yield from serve(built_site, {"Content-Security-Policy": policy(built_site)})


def test_policy_allows_only_the_site_and_hashed_inline_scripts(built_site):
    text = policy(built_site)
    assert "'unsafe-inline'" not in text and "'unsafe-eval'" not in text and "http" not in text
    assert "'sha256-" in text


def _watched(browser):
    """A page that records CSP violations: its own (window.__csp) and its workers' iframes' (console)."""
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    return context, page, console


def _preview_and_search(page) -> None:
    """What a reader does on a guidance page: preview a citation, then search."""
    page.locator('a.cite[data-provision="2.5.3"]').first.hover()
    page.locator(".cite-preview").wait_for(state="visible")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("妇女之家")
    box.press("End")
    page.wait_for_selector(".md-search-result__list > li", timeout=10000)


def test_site_works_under_the_policy(browser, csp_url):
    context, page, console = _watched(browser)
    for rel in ("", "source/shunyi-women-social-management/part-2/", "checklists/2-5/", "en/guidance/2-5/"):
        page.goto(csp_url + rel)
        assert page.evaluate("window.__csp") == [], rel
    page.goto(csp_url + "guidance/2-5/")
    _preview_and_search(page)
    assert page.evaluate("window.__csp") == []
    assert console == []
    context.close()


# The policy is also in every page (<meta http-equiv>), for file:// and for hosts that send no headers.
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_every_page_carries_the_policy_before_its_first_script(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        text = page.read_text("utf-8")
        m = META.search(text)
        assert m, page
        assert m.start() < text.find("<script"), page
        hashes = set(re.findall(r"'sha256-[^']+'", m.group(1)))
        assert hashes == set(inline_script_hashes_of(text)), page  # each inline script, and nothing else
        assert "frame-ancestors" not in m.group(1) and "'unsafe-inline'" not in m.group(1)


def inline_script_hashes_of(text: str) -> list[str]:
    return [script_hash(m["body"]) for m in INLINE_SCRIPT.finditer(text)
            if "src=" not in m["attrs"] and not NOT_EXECUTED.search(m["attrs"]) and m["body"].strip()]


def test_a_smuggled_inline_script_gets_no_hash():
    page = '<html><head><meta charset="utf-8"></head><body><script>alert(1)</script></body></html>'
    out = add_meta(page)
    assert script_hash("alert(1)") not in out
    assert "script-src 'self';" in out


@pytest.fixture(scope="module")
def plain_url(built_site):
    """The site over http with no CSP header: only the pages' meta tags apply."""
    yield from serve(built_site)


@pytest.mark.parametrize("where", ["http", "file"])
def test_meta_policy_blocks_nothing_the_site_does(where, browser, request):
    """Search, a citation preview and ticking a checklist, under the meta policy alone."""
    if where == "http":
        root, url = request.getfixturevalue("plain_url"), lambda rel: rel + "/"
    else:
        root, url = request.getfixturevalue("unzipped_bundle").as_uri() + "/", lambda rel: rel + ".html"
    context, page, console = _watched(browser)
    page.goto(root + url("guidance/2-5"))
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    _preview_and_search(page)
    assert page.evaluate("window.__csp") == []
    page.goto(root + url("checklists/2-5"))
    page.locator("li.task-list-item input").first.check(force=True)
    page.reload()
    assert page.locator("li.task-list-item input").first.is_checked()
    assert page.evaluate("window.__csp") == []
    assert console == []
    context.close()
