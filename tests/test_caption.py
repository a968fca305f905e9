"""The 题注 read into dated events (scripts/corpus/caption.py): what it states, and nothing guessed."""
from __future__ import annotations

import pytest

from scripts.corpus.caption import Event, parse_caption
from scripts.corpus.split import split_file
from test_split_fixtures import FIXTURES


def caption(case: str):
    return parse_caption(split_file(FIXTURES / case / "input.txt").caption)


def test_a_caption_over_three_lines_adopted_amended_revised():
    c = caption("law-full")
    assert [(e.date, e.kind) for e in c.events] == [("2001-03-08", "通过"), ("2010-12-25", "修正"), ("2022-10-28", "修订")]
    assert c.events[0].body == "示范国第九届人民代表大会第四次会议"
    assert c.events[1].body == "示范国第十一届人民代表大会常务委员会第十八次会议《关于修改〈示范妇女权益保障法〉的决定》"
    assert c.events[1].text.startswith("根据2010年12月25日") and c.unread == []
    assert c.metadata() == {"adopted": "2001-03-08", "amended": ["2010-12-25"], "revised": ["2022-10-28"]}


@pytest.mark.parametrize("case, metadata", [
    ("law-numbered-arabic", {"adopted": "2021-06-18", "promulgated": "2021-07-01", "effective": "2021-08-01"}),
    ("reg-v2", {"adopted": "2015-09-25", "amended": ["2021-06-24"], "approved": ["2015-11-27", "2021-07-30"]}),
    ("rev-full-v2", {"adopted": "2012-07-27", "revised": ["2023-10-26"], "approved": ["2012-09-28", "2023-11-30"]}),
    ("code-excerpt-marriage", {"adopted": "2020-05-28"}),
])
def test_the_fixtures_captions(case, metadata):
    assert caption(case).metadata() == metadata


def test_an_effective_date_and_a_decree_as_written():
    c = caption("law-numbered-arabic")
    assert c.events[1] == Event("2021-07-01", "公布", "示例市人民政府令第12号", "2021年7月1日示例市人民政府令第12号公布")
    assert c.events[2] == Event("2021-08-01", "施行", "", "自2021年8月1日起施行")


def test_what_does_not_read_stays_unread_and_unknown():
    c = parse_caption("（2015年13月1日某会议通过　某会议修正　二〇一五年十二月二十七日某会议通过　2016年1月1日某会议审议）")
    assert [(e.date, e.kind) for e in c.events] == [("2015-12-27", "通过")]
    assert c.unread == ["2015年13月1日某会议通过", "某会议修正", "2016年1月1日某会议审议"]
    # Two clauses saying 通过: which adoption is meant is not the parser's to decide.
    twice = parse_caption("（2001年1月1日甲会议通过　2002年2月2日乙会议通过）")
    assert twice.dates("通过") == ["2001-01-01", "2002-02-02"] and "adopted" not in twice.metadata()
    # A clause with two dates is not split into a guess.
    assert parse_caption("（2001年1月1日甲会议2002年2月2日通过）").unread == ["2001年1月1日甲会议2002年2月2日通过"]
