"""Glossary terms explained where they are used, in Chinese text, on hover and on tap."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from scripts.pages.glossary import Term, load_glossary
from scripts.render.tooltips import annotate

REQUIRED = ["妇女之家", "姐妹驿站", "流动妇女平安之家", "巾帼亲情服务队", "巾帼文艺宣传队", "巾帼维稳宣讲队", "巾帼建功",
            "巾帼文明岗", "巾帼建功标兵", "双学双比", "两癌", "两委", "四自", "半边天", "工青妇", "执委", "妇女代表",
            "信访代理制", "协理制", "家教大讲堂", "妇女说法释法队伍", "党委领导、政府负责、社会协同、公众参与", "七项基本任务"]


def test_glossary_has_every_required_term_in_both_languages():
    zh = {t.term for t in load_glossary(ROOT / "docs", "zh")}
    assert set(REQUIRED) <= zh
    en = load_glossary(ROOT / "docs", "en")
    assert len(en) == len(zh)
    assert {t.anchor for t in en} == {t.anchor for t in load_glossary(ROOT / "docs", "zh")}


def test_annotate_marks_running_text_only():
    terms = [Term("妇女之家", "妇女之家", "定义甲", ()), Term("流动妇女平安之家", "流动妇女平安之家", "定义乙", ())]
    html = ("<h2>妇女之家</h2><p>建好妇女之家，再建妇女之家。</p><p><a href='x'>妇女之家</a><code>妇女之家</code>"
            "流动妇女平安之家</p>")
    out = annotate(html, terms, lambda t: f"g#{t.anchor}")
    assert out.startswith("<h2>妇女之家</h2>")  # never in headings
    assert out.count('data-term="妇女之家"') == 1  # once per paragraph
    assert "<a href='x'>妇女之家</a><code>妇女之家</code>" in out  # never in links or code
    assert 'data-term="流动妇女平安之家"' in out  # the longest term wins
    assert "流动<a" not in out


def test_markdown_abbreviations_would_not_have_fired(html_site):
    page = (html_site / "source/shunyi-women-social-management/part-2/index.html").read_text("utf-8")
    # inside a verbatim source sentence, with no word boundary around it
    assert 'data-term="妇女之家"' in page and 'data-term="双学双比"' in page


def test_tooltip_on_hover_inside_a_chinese_sentence(page, html_url):
    page.goto(html_url + "source/shunyi-women-social-management/part-2/")
    term = page.locator('.sentence a.term[data-term="姐妹驿站"]').first
    term.hover()
    box = page.locator(".cite-preview")
    box.wait_for(state="visible")
    assert "姐妹驿站" in box.inner_text() and len(box.inner_text()) > 10
    assert page.locator("h1 a.term, h2 a.term, h3 a.term").count() == 0
    assert page.errors == []


def test_tooltip_on_tap(phone, html_url):
    pg = phone
    pg.goto(html_url + "guidance/2-5/")
    term = pg.locator("p a.term").first
    term.scroll_into_view_if_needed()
    term.tap()
    pg.locator(".cite-preview").wait_for(state="visible")
    assert pg.url.endswith("/guidance/2-5/")
