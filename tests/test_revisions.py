"""Revisions as an official comparison table (issue 25): article by article, in the new text's order. An
amendment (tests/fixtures/split/reg-v1 → reg-v2) and a full revision that renumbers, swaps two chapters,
splits, merges, deletes and adds articles (rev-full-v1 → rev-full-v2)."""
from __future__ import annotations

from conftest import ROOT
from scripts.corpus.align import align
from scripts.corpus.compare import compare
from scripts.corpus.split import split_file
from scripts.dev.bench import bench_alignment

SPLIT = ROOT / "tests" / "fixtures" / "split"
# The floor of the article mapping's precision and recall on the full revision (make bench prints the figures).
FLOOR = 0.95


def rows_of(v1: str, v2: str):
    old, new = split_file(SPLIT / v1 / "input.txt"), split_file(SPLIT / v2 / "input.txt")
    return compare(old, new, align(old, new))


def test_full_revision_mapping_precision_and_recall_have_a_floor():
    scores = bench_alignment()
    assert scores["links"] == 36  # 30 old articles, 3 deleted, one split in two, two merged, 5 new
    assert scores["precision"] >= FLOOR and scores["recall"] >= FLOOR, scores


def test_full_revision_rows_in_the_new_order_with_removed_ones_where_they_stood():
    table = rows_of("rev-full-v1", "rev-full-v2")
    rows = [(r.kind, r.old, r.new) for r in table.rows]
    assert ("split", ("12",), ("19", "20")) in rows
    assert ("merged", ("22", "23"), ("25",)) in rows
    assert ("moved", ("ch4",), ("ch3",)) in rows and ("moved", ("ch3",), ("ch4",)) in rows  # chapters swapped
    assert ("changed", ("10",), ("17",)) in rows and ("moved", ("15",), ("9",)) in rows
    order = [r.new[0] if r.new else f"-{r.old[0]}" for r in table.rows]
    # Removed 7 after old 6 (now 7), 19 after old 18 (now 12), 27 after old 26 (now 29).
    assert order.index("-7") == order.index("7") + 1 and order.index("-19") == order.index("12") + 1
    assert order.index("-27") == order.index("29") + 1
    assert [n for r in table.rows for n in r.new] == list(table.new)  # every new unit once, in the text's order
    assert table.counts() == {"changed": 7, "added": 5, "removed": 3, "split": 1, "merged": 1, "regrouped": 0,
                              "moved": 14, "unchanged": 10}


def test_an_amendment_changes_fourteen_articles_and_a_chapter_heading():
    table = rows_of("reg-v1", "reg-v2")
    changed = [r.new[0] for r in table.rows if r.kind == "changed"]
    assert changed == ["2", "5", "8", "16", "17", "18", "ch4", "20", "21", "22", "23", "24", "25", "26", "27"]
    assert all(r.old == r.new for r in table.rows)
