"""The search index's own section cutter (scripts.publish.search_index.sections) against Material's.

The build no longer lets Material's search plugin index pages (it cut every page with a Python
HTMLParser for an index the handbook replaces); these pin that the handbook's cutter gives the
same sections, titles and text on the shapes of HTML the handbook renders.
"""
from __future__ import annotations

import pytest

from scripts.publish.search_index import plain, sections

CASES = {
    "h1 first": '<h1 id="t">标题<a class="headerlink" href="#t">¶</a></h1><p>第一段</p>'
                '<h2 id="a">要点</h2><ul><li>一</li><li>二</li></ul><h2 id="b">怎么做</h2><p>做法</p>',
    "text before the first heading": '<div class="admonition"><p>提示</p></div><h1 id="t">标题</h1><p>正文</p>',
    "h2 first": '<h2 id="x">第二级</h2><p>正文</p>',
    "no heading": "<p>只有正文</p>",
    "nested headings": '<h1 id="t">首页</h1><div class="grid"><div><h3 id="c1">卡片一</h3><p>甲</p></div>'
                       '<div><h3 id="c2">卡片二</h3><p>乙</p></div></div><p>回到首页的文字</p>'
                       '<h2 id="z">结尾</h2><p>丙</p>',
    "inline tags inside words": '<h1 id="t">标题</h1><p>依托<a class="term" href="#" data-definition="x">妇女之家</a>'
                                '开展<strong>维权</strong>（<a class="cite" href="#" data-cite-text="原文">§2.5.3</a>）</p>',
    "scripts, styles, comments": '<h1 id="t">标题</h1><script>var x = "不是文字";</script><style>p{}</style>'
                                 '<!-- 注释 --><p>正文<br>换行</p>',
    "a quoted attribute holding >": '<h1 id="t">标题</h1><p>依托<a class="term" href="#" data-definition="x > y">妇女之家</a>'
                                    '开展维权</p>',
    "provision sections": '<h1 id="t">二、原文</h1><section class="provision" id="2.1" data-provision="2.1">'
                          '<h3 id="21-一要">2.1 一要</h3><p class="provision-text"><span id="2.1.1">第一句。</span></p>'
                          '<aside class="backlinks"><ul><li><a href="#">解读</a></li></ul></aside></section>'
                          '<section class="provision" id="2.2"><h3 id="22-二要">2.2 二要</h3><p>第二句。</p></section>',
}


def material_sections(url: str, content: str, page_title: str) -> list[dict]:
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(content)
    parser.close()
    out = []
    for sec in parser.data:
        title = plain("".join(sec.title)) or page_title
        out.append({"l": f"{url}#{sec.id}" if sec.id else url, "t": title, "x": plain("".join(sec.text))})
    return out


def _material_keys(found: list[dict]) -> list[dict]:
    """Address, title and text: what Material's index holds (the handbook's adds places and anchors)."""
    return [{k: d[k] for k in ("l", "t", "x")} for d in found]


@pytest.mark.parametrize("case", sorted(CASES))
def test_same_sections_as_materials_search_plugin(case):
    html = CASES[case]
    assert _material_keys(sections("guidance/2-5/", html, "页面标题")) == material_sections("guidance/2-5/", html, "页面标题")


def test_sections_read_as_a_reader_reads():
    found = sections("p/", CASES["inline tags inside words"], "页")
    assert found == [{"l": "p/", "t": "标题", "x": "依托妇女之家开展维权（§2.5.3）"}]
    nested = {s["l"]: s for s in sections("p/", CASES["nested headings"], "页")}
    assert nested["p/"]["x"] == "回到首页的文字"  # after the grid, text belongs to the page again
    assert nested["p/#c2"]["x"] == "乙"
    assert "不是文字" not in str(sections("p/", CASES["scripts, styles, comments"], "页"))


POLICY_PAGE = (
    '<div class="source-doc" data-doc="reg" data-doc-title="示例市社会救助条例">'
    '<h1 id="t">第二章　最低生活保障</h1>'
    '<section class="provision" id="10" data-provision="10" data-position="第十条"><h2 id="10-第十条">10 第十条</h2>'
    '<section class="provision" id="10.1" data-provision="10.1" data-position="第十条第一款"><h3 id="101-第一款">10.1 第一款</h3>'
    '<p class="provision-text"><span class="sentence" id="10.1.1" data-provision="10.1.1" data-position="第十条第一款第一句">'
    '最低生活保障家庭的认定，应当综合考虑。</span><span class="sentence" id="10.1.2" data-provision="10.1.2" '
    'data-position="第十条第一款第二句"> 第二句&amp;话。 </span></p></section>'
    # A 款 without a heading of its own (statute reading): its place is still its own.
    '<p class="provision-text" id="10.2" data-provision="10.2" data-position="第十条第二款">'
    '<span class="sentence" id="10.2.1" data-provision="10.2.1" data-position="第十条第二款第一句">下列收入不计入：</span></p>'
    '</section></div>')


def test_sections_of_a_policy_text_know_their_document_place_and_anchors():
    found = {s["l"]: s for s in sections("source/reg/chapter-2/", POLICY_PAGE, "页")}
    clause = found["source/reg/chapter-2/#101-第一款"]
    assert clause["x"] == "最低生活保障家庭的认定，应当综合考虑。 第二句&话。"
    assert (clause["d"], clause["dt"], clause["p"]) == ("reg", "示例市社会救助条例", "第十条第一款")
    # Each anchor: where its text starts in "x", its id, and the place of the provision it belongs to.
    assert clause["a"] == [[0, "10.1.1", "第十条第一款"], [20, "10.1.2", "第十条第一款"]]
    assert clause["x"][20:].startswith("第二句")
    # After the 款 section closes, the article's section goes on: a 款 without a heading of its own
    # (statute reading) is an anchor with its own place, its sentence one with the 款's.
    article = found["source/reg/chapter-2/#10-第十条"]
    assert (article["x"], article["p"]) == ("下列收入不计入：", "第十条")
    assert article["a"] == [[0, "10.2", "第十条第二款"], [0, "10.2.1", "第十条第二款"]]
    # Pages that are not a policy text have none of it.
    assert set(sections("p/", CASES["h1 first"], "页")[1]) == {"l", "t", "x"}


def test_marks_survive_the_spaces_that_plain_text_collapses():
    from scripts.publish.search_index import MARK, plain_with_marks

    raw = f"  {MARK} a  b {MARK}{MARK} c {MARK}"
    text, at = plain_with_marks(raw)
    assert text == plain(raw.replace(MARK, "")) == "a b c"
    assert at == [0, 4, 4, 5]


def test_a_provision_is_named_as_readers_cite_it():
    from scripts.publish.search_index import STRINGS, reader_title

    zh, en = STRINGS["zh"], STRINGS["en"]
    law = "示例市妇女权益保障条例"
    assert reader_title(zh, law, "第五十九条第二款", "59.2 第二款") == "《示例市妇女权益保障条例》第五十九条第二款"
    assert reader_title(zh, law, "第七章", "第七章　婚姻家庭权益") == "《示例市妇女权益保障条例》第七章　婚姻家庭权益"
    # An opinion's item: its place, then the words of its heading; a part by its own numbered heading.
    assert reader_title(zh, "意见", "第二部分第一项", "2.1 创新联系妇女方式") == "《意见》第二部分第一项　创新联系妇女方式"
    assert reader_title(zh, "意见", "第二部分", "二、解放思想") == "《意见》二、解放思想"
    assert reader_title(en, "Opinions", "part II, introduction", "2.0 Introduction") == "Opinions, part II, introduction"
    assert reader_title(en, "Opinions", "part II, item 1", "2.1 Keep in touch") == "Opinions, part II, item 1: Keep in touch"
