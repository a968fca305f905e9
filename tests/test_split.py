"""The splitter: lossless, stable IDs, deeper documents, and clear errors on bad input."""
from __future__ import annotations

import hashlib
import json
import sys

import pytest

from conftest import ROOT, SEED, run
from scripts.core.diagnostics import DiagnosticError
from scripts.corpus.split import split_file, split_text


def test_seed_is_byte_identical_copy():
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == \
        "57635eccab3c440241f38e4bb0f1ca9d23757d05a7cfa0b335cc7605d1a771c5"


def test_seed_round_trip_is_byte_exact():
    doc = split_file(SEED)
    assert doc.join().encode("utf-8") == SEED.read_bytes()
    # the seed's own irregularities survive
    assert doc.sentences["1.1.1"].text.startswith("加强和创新社会管理,是")
    assert SEED.read_bytes().endswith(b"\n ")


def test_seed_ids():
    doc = split_file(SEED)
    assert [p.id for p in doc.provisions.values()] == [
        "1", "1.1", "1.2", "2", "2.0", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7",
        "3", "3.0", "3.1", "3.2", "3.3", "3.4", "3.5"]
    assert doc.provisions["2.5"].marker == "五要"
    assert doc.provisions["2.0"].kind == "intro"
    assert doc.provisions["2"].heading.startswith("二、解放思想")
    assert doc.sentences["2.5.3"].text.startswith("要加大建设“妇女之家”的力度")
    assert doc.sentences["2.5.3"].text.endswith("。")
    assert len(doc.sentences) == 59


def test_ids_are_stable_when_other_text_changes():
    text = SEED.read_text(encoding="utf-8")
    changed = text.replace("加强和创新社会管理是推动我区科学发展", "加强和创新社会管理是推动本区科学、协调发展")
    a, b = split_text(text), split_text(changed)
    assert a.sentences["2.5.3"].text == b.sentences["2.5.3"].text
    assert list(a.sentences) == list(b.sentences)


DEEP = """关于做好某项工作的通知
各街道妇联：
为了做好工作，现通知如下。
一、总体要求
（一）指导思想。坚持问题导向。突出基层。
（二）工作目标
1.建立机制。每月报告。
2.完善制度。
（1）建立台账。
（2）定期检查。
——第一条破折号要点。
二、主要任务
各单位要抓好落实。一要加强领导。二要明确责任。三要强化考核。
三、工作要求
区妇联
2012年1月1日
"""


def test_deeper_document_round_trip_and_ids():
    doc = split_text(DEEP)
    assert doc.join() == DEEP
    assert doc.title == "关于做好某项工作的通知"
    assert doc.addressee == "各街道妇联："
    ids = [p.id for p in doc.provisions.values()]
    assert ids[:2] == ["0", "0.1"]
    assert "1.1" in ids and "1.2" in ids and "1.2-1" in ids and "1.2-2" in ids
    assert "1.2-2-1" in ids and "1.2-2-2" in ids
    assert doc.sentences["1.1.2"].text == "坚持问题导向。"
    # the dash bullet continues the item it follows
    assert doc.sentences["1.2-2-2.2"].text == "——第一条破折号要点。"
    # an enumeration running inside a paragraph hangs from that paragraph
    assert doc.provisions["2"].children == ["2.1"]
    assert doc.provisions["2.1"].children == ["2.1-1", "2.1-2", "2.1-3"]
    assert doc.sentences["2.1-2.1"].text == "二要明确责任。"
    # signature and date lines are kept, outside any provision
    closing = [doc.text[p.start:p.end] for p in doc.pieces if p.role == "closing"]
    assert closing == ["区妇联", "2012年1月1日"]


def test_no_sentence_id_equals_a_structural_id():
    for doc in (split_file(SEED), split_text(DEEP)):
        structural = set(doc.provisions)
        assert not structural & set(doc.sentences)
        assert all(p.count(".") <= 1 for p in structural)
        assert all(s.count(".") >= 2 for s in doc.sentences if not s.startswith("0."))


def test_part_without_items_numbers_paragraphs():
    doc = split_text("标题\n一、第一部分\n第一段。\n第二段。\n")
    assert [p.id for p in doc.provisions.values()] == ["1", "1.1", "1.2"]


@pytest.mark.parametrize("content, code, where", [
    (b"", "SEED_EMPTY", "1:1"),
    (b"   \n \n", "SEED_EMPTY", "1:1"),
    ("标题\n一、甲\n一要甲。\n三要丙。\n".encode(), "NUMBER_GAP", "4:1"),
    ("标题\n一、甲\n一要甲。\n一要乙。\n".encode(), "NUMBER_REPEATED", "4:1"),
    ("标题\n一、甲\n三、丙\n".encode(), "NUMBER_GAP", "3:1"),
    ("标题\n一、甲\n二、\n一要甲。\n".encode(), "PART_NO_HEADING", "3:1"),
    ("标题\n第一条　甲。\n第千条　乙。\n".encode(), "NUMBER_FORM", "3:1"),
    ("标题\n一、正文".encode("gb18030"), "SEED_ENCODING", "1:1"),
    ("标题\n一、甲\n乙".encode() + "丙".encode("gb18030"), "SEED_ENCODING", "3:2"),
])
def test_bad_input_gives_location_and_no_traceback(tmp_path, content, code, where):
    seed = tmp_path / "bad.txt"
    seed.write_bytes(content)
    with pytest.raises(DiagnosticError) as exc:
        split_file(seed)
    assert exc.value.diags[0].code == code
    result = run(sys.executable, "-m", "scripts.split", str(seed))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{seed}:{where}: {code} ")


def test_cli_json_lists_every_id():
    result = run(sys.executable, "-m", "scripts.split", str(SEED), "--format", "json")
    assert result.returncode == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"id": "2.5.3", "kind": "sentence"}.items() <= next(r for r in rows if r["id"] == "2.5.3").items()
    assert len(rows) == 19 + 59
