"""Real shapes of published laws: large numbers, inserted articles, excerpts, 编/分编/章/节, 题注 and 目录.

The fixture texts under tests/fixtures/split/ (law-*, code-*, reg-*, rev-full-*) are synthetic, with fictional
titles; their goldens pin every ID. These tests state the rules the goldens follow."""
from __future__ import annotations

import random
import re

import pytest
from hypothesis import example, given, settings, strategies as st

from scripts.core import ids
from scripts.core.diagnostics import DiagnosticError
from scripts.core.numerals import CLASS, NUMBER, to_cn, to_int
from scripts.corpus.position import position_label
from scripts.corpus.split import split_file, split_text
from test_split_fixtures import CASES, FIXTURES, check_invariants

# A line that starts with an article's number, 第X条 or 第X条之一, as the fixtures' README counts them.
ARTICLE_LINE = re.compile(rf"第(?P<num>{NUMBER})条(?:之(?P<sub>{CLASS}))?")


def article_lines(text: str, skip: set[int] = frozenset()) -> list[tuple[int, str]]:
    """(line, ID) of every line that starts an article, lines in `skip` (a 目录) left out."""
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        m = ARTICLE_LINE.match(line)
        if m and n not in skip:
            out.append((n, ids.article_id(to_int(m["num"]), to_int(m["sub"]) if m["sub"] else 0)))
    return out


def articles(doc) -> list[tuple[int, str]]:
    return [(p.line, p.id) for p in doc.provisions.values() if p.kind == "article"]


@pytest.mark.parametrize("case", [c for c in CASES if (FIXTURES / c / "expected.jsonl").exists() and c != "seed"])
def test_every_article_line_of_a_fixture_is_one_article(case):
    """No article lost, none merged into the one before it: one per 第X条 line outside the 目录, at that line."""
    doc = split_file(FIXTURES / case / "input.txt")
    toc = {doc.text.count("\n", 0, p.start) + 1 for p in doc.pieces if p.role == "toc"}
    assert articles(doc) == article_lines(doc.text, toc)


def law(n_articles: int, chapters: tuple[int, ...] = (1,), inserted: tuple[int, ...] = ()) -> str:
    """A law of n articles; a chapter starts at each article in `chapters`; 之一 after each in `inserted`."""
    lines = ["示范测试法"]
    for n in range(1, n_articles + 1):
        if n in chapters:
            lines.append(f"第{to_cn(chapters.index(n) + 1)}章　第{to_cn(n)}条起")
        lines.append(f"第{to_cn(n)}条　第{to_cn(n)}条的正文。")
        if n in inserted:
            lines.append(f"第{to_cn(n)}条之一　插入的第{to_cn(n)}条之一。")
    return "\n".join(lines) + "\n"


def test_article_101_is_an_article_not_a_second_paragraph_of_article_100():
    # The defect that must never recur: the numerals had no 零, so 第一百零一条 was read as text, the
    # second 款 of 第一百条, with no error; every count, citation and search lost an article.
    doc = split_text(law(101))
    assert doc.provisions["100"].children == ["100.1"]
    assert doc.provisions["101"].kind == "article" and doc.provisions["101"].marker == "第一百零一条"
    assert len(articles(doc)) == 101


@st.composite
def statute(draw) -> tuple[str, list[tuple[int, str]]]:
    """A law of up to 1,300 articles in chapters (and sections), with 款, 项, inserted articles, and
    text that mentions other articles (本法第一百零一条) without starting a line with them."""
    n = draw(st.integers(1, 1300))
    rnd = random.Random(draw(st.integers(0, 2**32)))
    lines, expected, chapter = ["示范测试法", "（2020年1月1日示范会议通过）"], [], 0
    for k in range(1, n + 1):
        if k == 1 or rnd.random() < 0.04:
            chapter += 1
            lines.append(f"第{to_cn(chapter)}章　章名")
        for sub in [0] + ([1, 2][: rnd.randint(1, 2)] if k > 1 and rnd.random() < 0.02 else []):
            marker = f"第{to_cn(k)}条" + (f"之{to_cn(sub)}" if sub else "")
            lines.append(f"{marker}　依照本法第{to_cn(rnd.randint(1, n))}条的规定办理。")
            expected.append((len(lines), ids.article_id(k, sub)))
            lines += [f"（{to_cn(i)}）第{to_cn(i)}项；" for i in range(1, rnd.choice([1, 1, 2, 4]))]
            lines += rnd.sample(["前款规定的情形，第一百零一条另有规定的除外。", "一百零一个社区应当设立服务站。",
                                 "本条第二款规定的期限为三十日。"], rnd.choice([0, 0, 1, 2]))
    return "\n".join(lines) + "\n", expected


@settings(max_examples=12, deadline=None, derandomize=True)
@given(statute())
@example(("示范测试法\n" + "".join(f"第{to_cn(k)}条　正文。\n" for k in range(1, 1301)),
          [(k + 1, str(k)) for k in range(1, 1301)]))
def test_the_splitter_finds_one_article_for_every_article_line(generated):
    text, expected = generated
    doc = split_text(text)
    assert articles(doc) == expected
    check_invariants(doc)


@pytest.mark.parametrize("lines, line, code, message", [
    (["第十三条之二　乙。"], 15, "NUMBER_GAP", "第十三条之二 follows 第十三条; expected 第十三条之一"),
    (["第十三条之一　乙。", "第十三条之三　丙。"], 16, "NUMBER_GAP", "第十三条之三 follows 第十三条之一; expected 第十三条之二"),
    (["第十四条　乙。", "第十三条之一　丙。"], 16, "NUMBER_REPEATED", "第十三条之一 repeats or goes back (after 第十四条)"),
    (["第十三条之一　乙。", "第十五条　丙。"], 16, "NUMBER_GAP", "第十五条 follows 第十三条之一; expected 第十四条"),
    (["第千条　乙。"], 15, "NUMBER_FORM", "第千条: 千 is not a number as statutes write one"),
])
def test_inserted_articles_and_numerals_are_checked_at_their_marker(lines, line, code, message):
    text = "示范法\n" + "".join(f"第{to_cn(k)}条　甲。\n" for k in range(1, 14)) + "\n".join(lines) + "\n"
    with pytest.raises(DiagnosticError) as exc:
        split_text(text, "law.txt")
    d = exc.value.diags[0]
    assert (d.line, d.col, d.code) == (line, 1, code) and d.message.startswith(message)


def test_an_inserted_article_has_an_id_and_a_reader_form_of_its_own():
    doc = split_file(FIXTURES / "law-full" / "input.txt")
    assert doc.provisions["13-1"].parent == "ch3"
    assert doc.provisions["ch3"].children == ["11", "12", "13", "13-1", "14", "15", "16"]
    for written, expected in [("§第十三条之一", "13-1"), ("§第十三条之一第二款", "13-1.2"),
                              ("§law-full:13-1.4.1", "13-1.4.1"), ("§第十二条第一款第（三）项", "12.1-3")]:
        m = ids.CITATION.fullmatch(written)
        assert m and ids.citation_id(m) == expected and doc.get(expected) is not None, written
    assert position_label(doc, "13-1.2") == "第十三条之一第二款"
    assert position_label(doc, "13-1.2", "en") == "article 13-1, paragraph 2"


def test_an_excerpt_starts_anywhere_and_says_so_but_its_gaps_are_errors():
    path = FIXTURES / "code-excerpt-marriage" / "input.txt"
    doc = split_file(path)
    assert doc.excerpt and [(s.kind, s.marker, s.line) for s in doc.starts] == [
        ("book", "第五编", 3), ("article", "第一千零四十条", 5)]
    assert not split_file(FIXTURES / "law-full" / "input.txt").excerpt
    for written in ("§marriage:1042", "§marriage:第一千零四十二条", "§marriage:第一千零四十二条第一款"):
        m = ids.CITATION.fullmatch(written)
        assert m["doc"] == "marriage" and doc.get(ids.citation_id(m)) is not None, written
    # Without 第一千零四十五条 the excerpt has a gap, reported at the article after it.
    text = path.read_text("utf-8")
    gap = "\n".join(line for line in text.split("\n") if not line.startswith("第一千零四十五条"))
    with pytest.raises(DiagnosticError) as exc:
        split_text(gap, "gap.txt")
    d = exc.value.diags[0]
    line = gap.split("\n").index(next(x for x in gap.split("\n") if x.startswith("第一千零四十六条"))) + 1
    assert (d.line, d.col, d.code) == (line, 1, "NUMBER_GAP")
    assert d.message == "第一千零四十六条 follows 第一千零四十四条; expected 第一千零四十五条"


def test_books_parts_chapters_and_sections_group_with_ids_of_their_own():
    doc = split_file(FIXTURES / "code-parts" / "input.txt")
    groups = [(p.id, p.kind, p.parent) for p in doc.provisions.values() if p.kind not in ("article", "clause", "item")]
    assert groups == [
        ("bk1", "book", None), ("bk1-ch1", "chapter", "bk1"), ("bk1-ch2", "chapter", "bk1"),
        ("bk2", "book", None), ("bk2-1", "subbook", "bk2"), ("bk2-ch1", "chapter", "bk2-1"),
        ("bk2-ch2", "chapter", "bk2-1"), ("bk2-2", "subbook", "bk2"), ("bk2-ch3", "chapter", "bk2-2"),
        ("bk2-ch3-1", "section", "bk2-ch3"), ("bk2-ch3-2", "section", "bk2-ch3"), ("bk2-ch4", "chapter", "bk2-2"),
        ("bk2-ch5", "chapter", "bk2-2"), ("bk3", "book", None), ("bk3-ch1", "chapter", "bk3"),
        ("bk3-ch2", "chapter", "bk3"), ("bk3-ch2-1", "section", "bk3-ch2"), ("bk3-ch2-2", "section", "bk3-ch2"),
        ("bk3-ch3", "chapter", "bk3"), ("supp", "supplementary", None)]
    assert all(ids.ID_FORM.fullmatch(g) and "." not in g for g, _, _ in groups)
    # 附则 on its own line is a heading, never a 款 of the article before it.
    assert doc.provisions["58"].children == ["58.1"] and doc.provisions["59"].parent == "supp"
    # One page per chapter; a 编's heading opens on its first chapter's page.
    assert doc.page_of("bk2") == doc.page_of("bk2-1") == doc.page_of("bk2-ch1") == "book-2-chapter-1"
    assert doc.page_of("bk2-2") == doc.page_of("bk2-ch3-1") == doc.page_of("19.1.1") == "book-2-chapter-3"
    assert doc.page_of("59.1-2.1") == "supplementary"
    assert len({p.key for p in doc.pages()}) == len(doc.pages()) == 11
    assert position_label(doc, "bk3-ch2-2") == "第三编第二章第二节"
    assert position_label(doc, "bk2-ch3", "en") == "book 2, part 2, chapter 3"
    assert position_label(doc, "supp") == "附则"


@pytest.mark.parametrize("text, line, code, message, hint", [
    # Chapters restart in every 编: a second 编 that goes on counting has a gap at its first chapter.
    ("示范法典\n第一编　甲\n第一章　甲\n第一条　正文。\n第二编　乙\n第二章　乙\n第二条　正文。\n", 6, "NUMBER_GAP",
     "第二章 follows the start of its level; expected 第一章", "a numbering level must count up from one without gaps"),
    # … and run on across the 分编 of one 编: a 分编 that starts again at 第一章 repeats it.
    ("示范法典\n第一编　甲\n第一分编　甲\n第一章　甲\n第一条　正文。\n第二分编　乙\n第一章　乙\n第二条　正文。\n", 7,
     "NUMBER_REPEATED", "第一章 repeats or goes back (after 第一章)", "expected 第二章 next"),
    # A 节 is part of a 章: one outside any gets no made-up ID.
    ("示范法典\n第一编　甲\n第一节　甲\n第一条　正文。\n", 3, "NUMBER_LEVEL", "第一节 stands outside any 第X章",
     "a 第X节 belongs in a 第X章: put that heading above it"),
])
def test_groups_nest_and_number_as_codes_do(text, line, code, message, hint):
    with pytest.raises(DiagnosticError) as exc:
        split_text(text, "code.txt")
    d = exc.value.diags[0]
    assert (d.line, d.col, d.code, d.message, d.hint) == (line, 1, code, message, hint)


def test_a_toc_is_left_out_of_the_numbering_and_never_swallows_the_body():
    doc = split_file(FIXTURES / "law-full" / "input.txt")
    lines = doc.text.split("\n")
    assert doc.toc == lines[4:15] and doc.provisions["ch1"].line == 16
    check_invariants(doc)
    # A 目录 whose list the body does not repeat ends at the first article: the body's chapter is not taken.
    text = "示范法\n目录\n第一章　总则\n第二章　附则\n第一章　总　则\n第一条　甲。\n第二章　附则\n第二条　乙。\n"
    doc = split_text(text)
    assert doc.toc == ["目录", "第一章　总则", "第二章　附则"] and doc.provisions["ch1"].line == 5
    doc = split_text("示范法\n目录\n第一章　总则\n第一条　甲。\n第二条　乙。\n")
    assert doc.toc == ["目录", "第一章　总则"] and articles(doc) == [(4, "1"), (5, "2")]
    # In a 公文 the word 目录 is text.
    assert split_text("某意见\n目录\n一、总体要求\n甲。\n").toc == []


def test_the_caption_is_a_document_level_piece_never_a_provision():
    doc = split_file(FIXTURES / "law-full" / "input.txt")
    assert doc.caption == "\n".join(doc.text.split("\n")[1:4])
    assert [p.role for p in doc.pieces if p.start < doc.provisions["ch1"].start and p.role != "space"] == [
        "title", "caption", "caption", "caption", "toc"] + ["toc"] * 10
    assert "0" not in doc.provisions and all(not s.text.startswith("（2001") for s in doc.sentences.values())
    # （一） after a title is an item, and a bracket that closes inside its line is text: neither is a 题注.
    assert split_text("某方案\n（一）总体要求\n甲。\n").caption == ""
    assert split_text("某通知\n（试行）各单位要落实。\n").caption == ""
    assert split_text("某通知\n（征求意见稿）\n一、总体要求\n甲。\n").caption == "（征求意见稿）"


def test_a_run_in_enumeration_counting_on_from_a_line_start_item_is_checked():
    ok = split_file(FIXTURES / "yao-inline-ok" / "input.txt")
    assert ok.provisions["2"].children == ["2.0", "2.1", "2.2", "2.3"]
    with pytest.raises(DiagnosticError) as exc:
        split_file(FIXTURES / "yao-inline-gap" / "input.txt")
    assert [(d.line, d.col, d.code) for d in exc.value.diags] == [(6, 40, "NUMBER_GAP")]
    # An enumeration that starts again at one inside the item is the item's own text, no repeat.
    doc = split_text("某意见\n一、总体要求\n一是加强领导，做到：一是明确分工；二是细化方案。\n二是强化考核。\n")
    assert doc.provisions["1"].children == ["1.1", "1.2"] and doc.provisions["1.1"].children == []
