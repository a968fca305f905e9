"""Search in Chromium: the public evaluation set, one index per language, Chinese that really matches."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ANSWER, ROOT, search_box, serve
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
    # The head first, then the text (one shard at this size), each by an address that names its content.
    with page.expect_request(lambda r: "search-text.zh.0.js?v=" in r.url, timeout=10000):
        with page.expect_request(lambda r: "search-index.zh.js?v=" in r.url, timeout=10000):
            page.locator("input.md-search__input").focus()  # no key pressed
    assert not any("search-index.en.js" in u for u in requested)


OPINION = "《关于妇联组织参与社会管理及其创新推进社会建设工作的意见》"


def _results(page) -> list[dict]:
    """Each result group: its heading (title, link) and its sections (title, link)."""
    return page.eval_on_selector_all(".md-search-result__item", """items => items.map(li => {
        const links = [...li.querySelectorAll("a.md-search-result__link")];
        return {heading: links[0].querySelector("h1").innerText, href: links[0].href,
                sections: links.slice(1).map(a => ({title: (a.querySelector("h2") || a).innerText, href: a.href}))};
    })""")


def _type(page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_selector(ANSWER, timeout=10000)


def test_results_name_their_text_and_provision_as_readers_cite_them(page, html_url):
    page.goto(html_url + "guidance/2-5/")
    _type(page, "妇女之家在参与社会管理创新中的重要作用")
    groups = _results(page)
    source = next(g for g in groups if "/source/" in g["href"])
    assert source["heading"].startswith("原文" + OPINION + "二、")
    assert source["sections"][0]["title"].startswith(OPINION + "第二部分第五项")
    guidance = next(g for g in groups if "/guidance/" in g["href"])
    assert guidance["heading"].startswith("解读")  # the nav section a page is under


def test_no_missing_terms_are_listed_under_results(page, html_url):
    page.goto(html_url)
    _type(page, "妇女之家 火星")
    assert page.locator(".md-search-result__list > li").count() > 0
    assert page.locator(".md-search-result__terms").count() == 0  # Material's 缺少: …


def test_a_results_heading_lands_on_the_sentence_it_matched_and_marks_it(page, html_url):
    page.goto(html_url)
    _type(page, "女性社会组织")
    k, group = next((k, g) for k, g in enumerate(_results(page)) if "/source/" in g["href"])
    assert "#2.7." in group["href"]  # not the top of the chapter
    with page.expect_navigation():
        page.locator(".md-search-result__item").nth(k).locator("h1").click()
    target = page.locator(":target")
    assert target.get_attribute("data-provision").startswith("2.7.")
    assert target.locator("mark[data-md-highlight]").count() >= 1
    assert page.evaluate("scrollY") > 1000  # the sentence is far down the chapter


def test_a_search_can_be_limited_to_one_text_by_keyboard(page, html_url):
    page.goto(html_url + "guidance/2-5/")
    _type(page, "妇女之家")
    assert any("/guidance/" in g["href"] for g in _results(page))
    scope = page.locator("#handbook-search-scope")
    assert page.locator("label[for=handbook-search-scope]").inner_text() == "搜索范围"
    assert scope.locator("option").all_inner_texts() == ["全部页面", OPINION]
    # Tab from the box reaches the list (Material would close the search); arrows choose in it.
    page.locator("input.md-search__input").press("Tab")
    assert page.evaluate("document.activeElement.id") == "handbook-search-scope"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == "handbook-search-scope"
    assert scope.input_value() == "shunyi-women-social-management"
    page.wait_for_function("() => [...document.querySelectorAll('.md-search-result__item a')].length > 0 && "
                           "[...document.querySelectorAll('.md-search-result__item a')].every(a => a.href.includes('/source/'))",
                           timeout=10000)
    scope.select_option("")
    page.wait_for_function("() => [...document.querySelectorAll('.md-search-result__item a')]"
                           ".some(a => a.href.includes('/guidance/'))", timeout=10000)


def _synonym_found(page, start: str) -> None:
    page.goto(start)
    _type(page, "妇代会")
    why = page.locator(".search-why").inner_text()
    assert why.startswith("“妇代会”也按“") and "妇代会是妇女代表大会（妇女代表会）的简称。" in why
    marks = page.eval_on_selector_all(".md-search-result__list mark", "els => els.map(e => e.textContent)")
    assert "妇女代表会" in marks  # guidance 3.1 and 3.5 say 妇女代表会, never 妇代会


def test_a_synonym_finds_the_texts_wording_over_http(page, html_url):
    _synonym_found(page, html_url + "guidance/2-5/")


def test_a_synonym_finds_the_texts_wording_from_the_offline_bundle(page, unzipped_bundle):
    _synonym_found(page, (unzipped_bundle / "guidance" / "2-5.html").as_uri())


def test_a_search_can_be_limited_to_one_text_from_the_offline_bundle(page, unzipped_bundle):
    page.goto((unzipped_bundle / "guidance" / "2-5.html").as_uri())
    _type(page, "妇女之家")
    page.locator("#handbook-search-scope").select_option("shunyi-women-social-management")
    page.wait_for_function("() => { const a = [...document.querySelectorAll('.md-search-result__item a')];"
                           " return a.length && a.every(x => x.href.startsWith('file:') && x.href.includes('/source/')); }",
                           timeout=10000)
    assert page.locator(".md-search-result[data-handbook-search=complete]").count() == 1


@pytest.fixture(scope="module")
def library_url(search_library_site):
    """The handbook with the synthetic library texts of tests/fixtures/search-library, served."""
    yield from serve(search_library_site)


def test_in_a_library_a_cadres_word_finds_the_law_and_says_why(page, library_url):
    page.goto(library_url)
    _type(page, "家暴")
    first = next(g for g in _results(page) if "/source/" in g["href"])
    assert first["heading"].startswith("原文《示例市妇女权益保障条例》第四章")
    assert first["sections"][0]["title"].startswith("《示例市妇女权益保障条例》第")
    assert page.locator(".search-why").inner_text() == "“家暴”也按“家庭暴力”查找：家暴是家庭暴力的简称。"
    # Limited to the social-assistance regulation: its 临时救助 article, which names 家庭暴力 too.
    page.locator("#handbook-search-scope").select_option("example-assistance")
    page.wait_for_function("() => { const a = [...document.querySelectorAll('.md-search-result__item a')];"
                           " return a.length && a.every(x => x.href.includes('/source/example-assistance/')); }",
                           timeout=10000)
    assert "第十五条" in page.locator(".md-search-result__list h2").first.inner_text()


def test_in_a_library_a_former_name_finds_the_renamed_term(page, library_url):
    """The amendment renamed 低收入困难家庭; a cadre who still says so finds the article and learns the new name."""
    page.goto(library_url)
    _type(page, "低收入困难家庭")
    first = next(g for g in _results(page) if "/source/" in g["href"])
    assert first["heading"].startswith("原文《示例市社会救助条例》")
    assert page.locator(".search-why").inner_text().startswith("“最低生活保障边缘家庭”原称“低收入困难家庭”")


# The layout viewport's width at every animation frame until the page is left (kept where the next page can read it).
WIDTHS = """() => { const seen = new Set();
  const frame = () => { seen.add(innerWidth); sessionStorage.setItem("widths", JSON.stringify([...seen])); requestAnimationFrame(frame); };
  requestAnimationFrame(frame); }"""


def test_opening_search_on_a_phone_keeps_the_page_at_the_screens_width_and_a_tap_opens_the_result(phone, html_url):
    # Material grows a circle from the header to open search; its overflow once widened the phone's page to
    # ~950 px for half a second, so the page zoomed out and back and a result tapped then did not open.
    phone.goto(html_url + "guidance/2-5/")
    phone.evaluate(WIDTHS)
    phone.locator('label.md-header__button[for="__search"]').click()
    box = phone.locator("input.md-search__input")
    box.fill("妇女之家")
    box.press("End")
    phone.wait_for_selector(".md-search-result__list > li")
    first = phone.eval_on_selector(".md-search-result__list a.md-search-result__link", "a => a.href")
    with phone.expect_navigation():
        phone.locator(".md-search-result__list a.md-search-result__link").first.click()
    assert phone.url == first
    assert json.loads(phone.evaluate("() => sessionStorage.getItem('widths')")) == [390]
