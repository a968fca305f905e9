"""The sample Content-Security-Policy: served with it, the site works and nothing is blocked."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest

from scripts.csp import policy

WATCH = """window.__csp = []; document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""


@pytest.fixture(scope="module")
def csp_url(built_site):
    header = policy(built_site)

    class WithCSP(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            self.send_header("Content-Security-Policy", header)
            super().end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(WithCSP, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_policy_allows_only_the_site_and_hashed_inline_scripts(built_site):
    text = policy(built_site)
    assert "'unsafe-inline'" not in text and "'unsafe-eval'" not in text and "http" not in text
    assert "'sha256-" in text


def test_site_works_under_the_policy(browser, csp_url):
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    for rel in ("", "source/shunyi-women-social-management/part-2/", "checklists/2-5/", "en/guidance/2-5/"):
        page.goto(csp_url + rel)
        assert page.evaluate("window.__csp") == [], rel
    page.goto(csp_url + "guidance/2-5/")
    page.locator('a.cite[data-provision="2.5.3"]').first.hover()
    page.locator(".cite-preview").wait_for(state="visible")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("妇女之家")
    box.press("End")
    page.wait_for_selector(".md-search-result__list > li", timeout=5000)
    assert page.evaluate("window.__csp") == []
    assert console == []
    context.close()
