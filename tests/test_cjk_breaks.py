"""A line break inside Chinese text never becomes a space: the Markdown extension and the rendered-page check."""
from __future__ import annotations

import sys

import markdown
import pytest

from conftest import run
from scripts.render.cjk_breaks import CjkBreaksExtension, check_html, join_lines


def render(text: str) -> str:
    return markdown.markdown(text, extensions=[CjkBreaksExtension(), "pymdownx.superfences", "admonition", "tables"])


@pytest.mark.parametrize("source, joined", [
    ("可以链接；\n每一项", "可以链接；每一项"),
    ("由它\n自动生成", "由它自动生成"),
    ("见[原文](a.md)\n由它生成", "见[原文](a.md)由它生成"),
    ("**加粗**\n后文", "**加粗**后文"),
    ("- 第一项，\n  续行", "- 第一项，续行"),
    ("第二部分的“五要”，\n`2.5.3` 是", "第二部分的“五要”，`2.5.3` 是"),  # no space after full-width punctuation
    ("    缩进的段落，\n    续行", "    缩进的段落，续行"),
])
def test_soft_breaks_in_chinese_are_joined(source, joined):
    assert join_lines(source.split("\n")) == joined.split("\n")


@pytest.mark.parametrize("source", [
    "运行 make check\n提交前",         # Chinese next to Latin keeps its space
    "English words\nmore words",
    "# 标题\n正文",                    # a heading is a line of its own
    "第一项\n- 第二项",                # a list item starts a block
    "中文  \n硬换行",                  # two trailing spaces: a hard break
    "| 表格 |\n| 第二行 |",
    '!!! note "提示"\n    内容',
    "<p>中文</p>\n正文",
    "前文\n\n后文",
    "代码 `开始\n结束` 后",            # an inline code span over two lines
])
def test_other_line_breaks_are_kept(source):
    assert join_lines(source.split("\n")) == source.split("\n")


def test_fenced_code_is_left_alone():
    source = "说明：\n\n```sh\n中文注释\n中文注释\n```\n\n~~~\n甲\n乙\n~~~"
    assert join_lines(source.split("\n")) == source.split("\n")
    assert "中文注释\n中文注释" in render(source)


def test_rendered_paragraph_has_no_space_between_chinese_lines():
    html = render("首页的每一句都有编号、可以链接；\n每一项要求都有解读。\n\n!!! note \"提示\"\n    甲乙，\n    丙丁。")
    assert "可以链接；每一项" in html and "甲乙，丙丁。" in html
    assert check_html(html, "x.html") == []


def test_check_finds_a_soft_break_and_a_space_after_punctuation():
    page = "<html><body>\n<p>可以链接；\n每一项</p>\n<ol><li><strong>摸清家底。</strong> 妇联主席牵头</li></ol>\n</body></html>"
    diags = check_html(page, "index.html")
    assert [(d.path, d.line, d.code) for d in diags] == [
        ("index.html", 2, "CJK_SOFT_BREAK"), ("index.html", 4, "CJK_SPACE_AFTER_PUNCT")]
    assert diags[0].human().startswith("index.html:2:1: CJK_SOFT_BREAK a line break between Chinese characters")


def test_a_finding_in_a_run_of_several_pieces_names_its_own_line():
    """A paragraph's text is read across inline elements, entities and a script it skips: each finding gives the
    line it is on (the same lines html.parser's reading gave), and &nbsp; after 。 is a space."""
    page = ("<html><body>\n<p>第一行<em>强调</em>\n<a href='#x'>链接&amp;文字</a>。&nbsp;下一句"
            "<script>var s = '甲，\n乙';</script>\n<strong>甲</strong>\n乙</p>\n</body></html>")
    assert [(d.line, d.code) for d in check_html(page, "x.html")] == [
        (2, "CJK_SOFT_BREAK"), (3, "CJK_SPACE_AFTER_PUNCT"), (5, "CJK_SOFT_BREAK")]


def test_check_ignores_code_blocks_boxes_and_english_spacing():
    page = ("<pre><code>中文\n中文</code></pre>"
            '<p>回访日期：<span class="field field-s"></span> 回访人：</p>'  # a blank to fill in is a box
            '<div class="downloads"><a>下载 PDF（A4）</a> <a>下载 Word</a></div>'  # separate boxes, not a paragraph
            "<p>运行 make check\n提交前</p>")
    assert check_html(page, "x.html") == []
    # English pages may set a space after a full-width bracket; only soft breaks are checked there.
    assert check_html("<p>Home (妇女之家） and</p>", "en/x.html", "en") == []


def test_cli_reports_and_exits_1(tmp_path):
    (tmp_path / "a.html").write_text("<p>甲，\n乙</p>", "utf-8")
    def step(site):
        return run(sys.executable, "-m", "scripts.build", "--site", str(site), "--dist", str(tmp_path / "dist"),
                   "--work", str(tmp_path / "work"), "--steps", "cjk_spacing")

    result = step(tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("a.html:1:1: CJK_SOFT_BREAK")
    (tmp_path / "a.html").write_text("<p>甲，乙</p>", "utf-8")
    assert step(tmp_path).returncode == 0
    missing = step(tmp_path / "nope")
    assert missing.returncode == 1 and "BUILD_NO_SITE" in missing.stderr and "Traceback" not in missing.stderr
