"""Positions in words (第二部分第五项第三句), as the source pages' cite popover copies them."""
from __future__ import annotations

import dataclasses
import sys

import pytest

from conftest import SEED, run
from scripts.corpus.position import position_label
from scripts.render.source import render_corpus
from scripts.corpus.seeds import load_corpus
from scripts.corpus.split import split_file, split_text


@pytest.mark.parametrize("pid, zh, en", [
    ("1", "第一部分", "part I"),
    ("1.2.3", "第一部分第二段第三句", "part I, paragraph 2, sentence 3"),
    ("2.0", "第二部分导语", "part II, introduction"),
    ("2.0.1", "第二部分导语第一句", "part II, introduction, sentence 1"),
    ("2.5.3", "第二部分第五项第三句", "part II, item 5, sentence 3"),
    ("3.5", "第三部分第五项", "part III, item 5"),
])
def test_positions_in_the_seed(pid, zh, en):
    doc = split_file(SEED)
    assert position_label(doc, pid, "zh") == zh
    assert position_label(doc, pid, "en") == en


def test_positions_before_the_first_part_and_below_items():
    doc = split_text("标题\n前言第一句。前言第二句。\n一、总体要求\n（一）指导思想。\n1.第一小点。\n2.第二小点。\n"
                     "二、工作任务\n任务段落。\n")
    assert position_label(doc, "0.1.2") == "正文开头第一段第二句"
    assert position_label(doc, "1.1-2.1") == "第一部分第一项第二点第一句"
    assert position_label(doc, "1.1-2.1", "en") == "part I, item 1, point 2, sentence 1"
    assert position_label(doc, "2.1") == "第二部分第一段"


def test_source_pages_carry_the_position_of_every_sentence():
    corpus = load_corpus(SEED.parent)
    pages = render_corpus(corpus)
    part2 = pages["source/shunyi-women-social-management/part-2.md"]
    assert 'id="2.5.3" data-provision="2.5.3" data-position="第二部分第五项第三句">' in part2
    assert 'data-doc="shunyi-women-social-management"' in part2 and 'data-cite-slug=""' in part2
    assert 'data-position="part II, item 5, sentence 3" lang="en"' in pages[
        "source/shunyi-women-social-management/part-2.en.md"]


def test_cli_reports_an_unknown_id():
    result = run(sys.executable, "-m", "scripts.position", str(SEED), "9.9")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{SEED}:1:1: UNKNOWN_ID no provision or sentence 9.9")
    assert "Traceback" not in result.stderr


def _article_shape():
    """第一章 / 第三条 / 第四条 with two 款, the second with items (1) and (2), as an article-style 办法 splits."""
    from scripts.corpus.split import Document, Provision, Sentence

    provs = {p.id: p for p in [
        Provision("1", "chapter", 1, "第一章", "总则", 1, 1, None, children=["3", "4"]),
        Provision("3", "article", 2, "第三条", "", 2, 1, "1"),
        Provision("4", "article", 2, "第四条", "", 3, 1, "1", children=["4.1", "4.2"]),
        Provision("4.1", "clause", 3, "", "", 3, 1, "4"),
        Provision("4.2", "clause", 3, "", "", 4, 1, "4", children=["4.2-1", "4.2-2"]),
        Provision("4.2-1", "item", 4, "（一）", "", 5, 1, "4.2"),
        Provision("4.2-2", "item", 4, "（二）", "", 6, 1, "4.2"),
    ]}
    sent = Sentence("4.2-2.1", "第二项。", 0, 6, 1)
    provs["4.2-2"].sentences.append(sent)
    return Document("banfa", "banfa.txt", "", "办法", "", provs, {sent.id: sent}, [])


def test_positions_in_an_article_style_text_are_cited_as_readers_cite_them():
    doc = _article_shape()
    assert position_label(doc, "1") == "第一章"
    assert position_label(doc, "4") == "第四条"  # articles run on through chapters: no 第一章 before it
    assert position_label(doc, "4.2") == "第四条第二款"
    assert position_label(doc, "4.2-2.1") == "第四条第二款第（二）项第一句"
    assert position_label(doc, "4.2-2.1", "en") == "article 4, paragraph 2, item (2), sentence 1"


@pytest.mark.parametrize("text", [SEED, SEED.parent.parent / "tests" / "fixtures" / "library" / "reg-v2.txt"])
def test_each_provisions_steps_are_worked_out_once_and_in_any_order_give_the_same_labels(text, monkeypatch):
    """A text's pages label every provision and sentence: each provision's steps are worked out once per language
    (its descendants reuse them), and the labels are the same whichever ID is asked first."""
    import scripts.corpus.position as position

    fresh = lambda: split_text(text.read_text("utf-8"))  # split_file would give the process's copy, labelled before
    ids = fresh().all_ids()
    forward = fresh()
    calls = []
    real = position._step
    monkeypatch.setattr(position, "_step", lambda doc, prov, *a: calls.append(prov.id) or real(doc, prov, *a))
    labels = {(i, lang): position_label(forward, i, lang) for lang in ("zh", "en") for i in ids}
    assert len(calls) == 2 * len(forward.provisions) and len(set(calls)) == len(forward.provisions)
    backward = fresh()
    assert {(i, lang): position_label(backward, i, lang) for lang in ("en", "zh") for i in reversed(ids)} == labels
    assert dataclasses.replace(forward)._positions == {}  # a Document made from another keeps none of its labels
