"""Laws read like a law site (issue 24): articles as printed, a table of contents of articles, references inside
the texts as links with previews, and backlinks from the articles that refer to one.

One copy of the handbook with two fixture texts (synthetic, fictional titles) added with the real command:
law-full (示范妇女权益保障法: 题注, 目录, chapters and sections, 之一, references of every form) and reg
(示例市社会救助条例, cited by law-full by full title and, through an alias, by short title).
"""
from __future__ import annotations

import html
import re
import sys

import pytest

from conftest import ROOT, build, copy_project, open_page, run, serve

FIXTURES = ROOT / "tests" / "fixtures" / "split"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("laws") / "p")
    for fixture, slug in (("law-full", "law-full"), ("reg-v2", "reg")):
        added = run(sys.executable, "-m", "scripts.policy", "--root", str(project), "add",
                    str(FIXTURES / fixture / "input.txt"), slug, cwd=project)
        assert added.returncode == 0, added.stderr
    meta = project / "seeds" / "reg.yml"
    meta.write_text(meta.read_text("utf-8") + "aliases: [社会救助条例]\n", "utf-8")  # what a reviewer adds
    assert run(sys.executable, "-m", "scripts.generate", cwd=project).returncode == 0
    return project


@pytest.fixture(scope="module")
def library_site(library, tmp_path_factory):
    from conftest import _current
    _current[0] = None  # built once for the module
    site = tmp_path_factory.mktemp("laws-site") / "site"
    result = build(site, "html", project=library)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return site


def page(site, rel: str) -> str:
    return (site / rel / "index.html").read_text("utf-8")


@pytest.mark.build
def test_articles_read_as_printed_and_the_table_of_contents_lists_articles(library_site):
    text = page(library_site, "source/law-full/chapter-3")
    # 第十二条 is the article's heading, with the article's ID as its anchor; its 款 have no headings.
    assert '<h2 class="article-head" id="12">' in text
    assert not re.search(r"<h\d[^>]*>[^<]*第[一二三四五六七八九十]+款", text)  # no heading names a 款
    assert re.search(r'<div class="provision provision-clause"[^>]*id="12\.2"', text)
    assert re.search(r'<div class="provision provision-item"[^>]*id="12\.1-3"', text)
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', text, re.S).group(0)
    entries = re.findall(r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', toc, re.S)
    assert [e[0] for e in entries] == ["11", "12", "13", "13-1", "14", "15", "16"]
    assert entries[3][1].startswith("第十三条之一 公安机关接到家庭暴力报案后")


@pytest.mark.build
def test_references_inside_the_text_are_links_with_previews(library_site):
    text = page(library_site, "source/law-full/chapter-7")
    link = re.search(r'<a class="cite ref" href="([^"]+)"[^>]*data-cite-text="([^"]*)"[^>]*>本法第十二条</a>', text)
    assert link and link.group(1) == "../chapter-3/#12"
    assert html.unescape(link.group(2)).startswith("第十二条 禁止下列侵害妇女人身权益的行为")
    chapter4 = page(library_site, "source/law-full/chapter-4")
    assert re.search(r'href="\.\./\.\./reg/chapter-2/#10"[^>]*>《示例市社会救助条例》第十条</a>', chapter4)
    assert re.search(r'href="\.\./\.\./reg/chapter-3/#15"[^>]*>《社会救助条例》第十五条</a>', chapter4)  # an alias
    assert re.search(r'href="\./#22\.1-3"[^>]*>本法第二十二条第一款第三项</a>', chapter4)
    chapter3 = page(library_site, "source/law-full/chapter-3")
    assert re.search(r'href="\./#12\.1"[^>]*>前款</a>', chapter3)
    assert re.search(r'href="\./#13-1\.2"[^>]*>本条第二款</a>', chapter3)  # in 第十三条之一
    # A text the handbook does not hold stays text; so does an article that does not exist.
    assert "《中华人民共和国民事诉讼法》</a>" not in chapter3 and "《中华人民共和国民事诉讼法》" in chapter3
    chapter7 = page(library_site, "source/law-full/chapter-7")
    assert re.search(r'href="\.\./chapter-4/#20"[^>]*>第二十条</a>至<a[^>]*href="\.\./chapter-4/#23"[^>]*>第二十三条</a>',
                     chapter7)
    assert "本法第九十九条</a>" not in chapter7 and "本法第九十九条" in chapter7


@pytest.mark.build
def test_an_article_lists_the_articles_that_refer_to_it(library_site):
    text = page(library_site, "source/law-full/chapter-3")
    article = re.search(r'data-provision="12">.*?</section>', text, re.S).group(0)
    within = re.search(r'<aside class="backlinks backlinks-within".*?</aside>', article, re.S).group(0)
    assert re.findall(r">(第[^<]*条)</a>", within) == ["第十五条", "第二十九条", "第三十四条", "第三十六条"]
    reg = page(library_site, "source/reg/chapter-2")
    assert "《示范妇女权益保障法》第二十四条" in re.search(r'data-provision="10">.*?</section>', reg, re.S).group(0)


def test_a_reference_to_a_missing_article_is_a_warning_at_its_place(library):
    result = run(sys.executable, "-m", "scripts.check", "--root", str(library), cwd=library)
    assert result.returncode == 0, result.stdout[-2000:]
    lines = [ln for ln in result.stdout.splitlines() if "REFERENCE_UNKNOWN" in ln]
    assert lines == ["seeds/law-full.txt:116:7: REFERENCE_UNKNOWN [warning] 本法第九十九条: this text has no such "
                     "provision (99) (hint: the text stays as written (a typing error in the source is quoted as it "
                     "is); it is shown without a link)"]


@pytest.mark.build
def test_a_reader_copies_an_article_with_its_paragraphs_and_sees_a_reference_preview(browser, library_site):
    gen = serve(library_site)
    url = next(gen)
    pages = open_page(browser, permissions=["clipboard-read", "clipboard-write"])
    pg = next(pages)
    try:
        pg.goto(url + "source/law-full/chapter-3/")
        button = pg.locator('h2[id="12"] > button.pid-btn')
        assert button.inner_text() == "第十二条"
        button.click()
        pg.locator(".cite-menu").get_by_text("复制原文和出处").click()
        copied = pg.evaluate("navigator.clipboard.readText()")
        paragraphs = copied.split("\n")
        assert paragraphs[0] == "禁止下列侵害妇女人身权益的行为：" and paragraphs[1] == "（一）实施家庭暴力；"
        assert copied.endswith("——《示范妇女权益保障法》第十二条")
        pg.mouse.click(5, 400)
        pg.goto(url + "source/law-full/chapter-7/")
        ref = pg.locator("a.cite.ref", has_text="本法第十二条").first
        ref.hover()
        tip = pg.locator(".cite-preview, [role=tooltip]").first
        tip.wait_for(state="visible", timeout=5000)
        assert "禁止下列侵害妇女人身权益的行为" in tip.inner_text()
        assert pg.errors == []
    finally:
        pages.close()
        gen.close()


@pytest.mark.build
def test_the_library_lists_every_text_with_what_is_known_grouped_by_kind(library_site):
    article = re.search(r"<article.*?</article>", page(library_site, "source"), re.S).group(0)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))
    assert text.index("法律") < text.index("示范妇女权益保障法") < text.index("条例 ") < text.index("示例市社会救助条例")
    assert "2001-03-08 通过；2010-12-25 修正；2022-10-28 修订 · 共 105 句" in text  # the 题注's dates, in order
    assert "2015-09-25 通过；2021-06-24 修正" in text
    assert "unknown" not in text and "不详" not in text  # nothing unknown is shown, nothing guessed
    home = page(library_site, "")
    assert "示范妇女权益保障法" in home and '<span class="library-meta">' in home


def test_a_laws_landing_page_lists_the_dates_its_caption_states(library):
    """The 文件信息 table gives what a law site gives: the 题注's dates, each in its own row, and nothing unknown."""
    landing = (library / "docs/source/law-full/index.md").read_text("utf-8")
    table = landing[landing.index("## 文件信息"):]
    table = table[: table.index("\n\n", table.index("| 项目"))]
    assert "| 通过日期 | 2001\\-03\\-08 |" in table
    assert "| 修正日期 | 2010\\-12\\-25 |" in table and "| 修订日期 | 2022\\-10\\-28 |" in table
    assert table.index("通过日期") < table.index("修正日期") < table.index("修订日期") < table.index("收录日期")
    assert "unknown" not in table and "不详" not in table
