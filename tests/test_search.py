"""Search in Chromium: the public evaluation set, one index per language, Chinese that really matches."""
from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import ROOT, search_box
from scripts.dev.evaluate_search import evaluate
from scripts.publish.search_index import read_index

QUERIES = ROOT / "tests" / "search_eval.yml"


def _index(site: Path, lang: str) -> dict:
    return read_index(site, lang)


def test_evaluation_set_recall(html_site, browser):
    scores = {s.lang: s for s in evaluate(html_site, QUERIES, browser=browser)}
    zh, en = scores["zh"], scores["en"]
    assert len(zh.outcomes) >= 40 and len(en.outcomes) >= 10
    misses = [(o.query, o.rank) for s in (zh, en) for o in s.outcomes if not o.rank or o.rank > 3]
    assert zh.recall(3) >= 0.95, (zh.summary(), misses)
    assert en.recall(3) >= 0.90, (en.summary(), misses)


def test_one_index_per_language(html_site):
    zh, en = _index(html_site, "zh"), _index(html_site, "en")
    assert zh["docs"] and en["docs"]
    assert all(not d["l"].startswith("en/") for d in zh["docs"])
    assert all(d["l"].startswith("en/") for d in en["docs"])
    # Material's own index is reduced to its config, so no page loads the docs twice.
    assert json.loads((html_site / "search/search_index.json").read_text("utf-8"))["docs"] == []
    # Chinese pages use the Chinese worker, English pages the English one.
    assert "search-worker.zh.js" in (html_site / "guidance/2-5/index.html").read_text("utf-8")
    assert "search-worker.en.js" in (html_site / "en/guidance/2-5/index.html").read_text("utf-8")


def test_glossary_terms_are_vocabulary(html_site):
    vocab = set(_index(html_site, "zh")["vocab"])
    assert {"妇女之家", "流动妇女平安之家", "巾帼建功标兵", "信访代理制"} <= vocab


def test_quoted_terms_compounds_and_highlighting(page, html_url):
    # 妇女"两癌"筛查: the text splits the term with quotes; the source sentence must still be found.
    results = search_box(page, html_url, "两癌筛查")
    assert any("part-3" in r["href"] or "part-2" in r["href"] for r in results[:3])
    assert any("<mark data-md-highlight" in r["html"] for r in results)
    # 儿童 inside 妇女儿童, a jieba compound
    results = search_box(page, html_url, "儿童")
    assert results and any("source/" in r["href"] for r in results[:3])
    # words with and without a space rank pages holding both first
    spaced = search_box(page, html_url, "妇女之家 维权")
    joined = search_box(page, html_url, "妇女之家维权")
    assert spaced[0]["href"].split("?")[0] == joined[0]["href"].split("?")[0]


def test_english_whole_word_and_prefix(page, html_url):
    for query in ("rights", "petition", "mechanism", "petit"):
        results = search_box(page, html_url + "en/", query)
        assert results, query
        assert all("/en/" in r["href"] for r in results), query


def test_index_loads_when_the_search_box_gets_focus(page, html_url):
    """Pages load the small worker only; the index follows when the reader focuses the search box."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    # Waits for events, not for time: the page is loaded when the network is idle, and focusing the
    # box must fetch the index (expect_request fails after its timeout if it never does).
    page.goto(html_url + "guidance/2-5/", wait_until="networkidle")
    assert any("search-worker.zh.js" in u for u in requested)
    assert not any("search-index." in u for u in requested), "the index loaded with the page"
    with page.expect_request(lambda r: "search-index.zh.js?v=" in r.url, timeout=10000):
        page.locator("input.md-search__input").focus()  # no key pressed
    assert not any("search-index.en.js" in u for u in requested)
