"""Chinese numerals as statutes write them (scripts/core/numerals.py): written, read back, and refused when they are words."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from scripts.core import ids
from scripts.core.numerals import to_cn, to_int


@pytest.mark.parametrize("n, written", [
    (1, "一"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (99, "九十九"), (100, "一百"),
    (101, "一百零一"), (105, "一百零五"), (110, "一百一十"), (111, "一百一十一"), (120, "一百二十"),
    (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (1040, "一千零四十"), (1042, "一千零四十二"),
    (1100, "一千一百"), (1260, "一千二百六十"), (9999, "九千九百九十九"), (10000, "一万"), (10010, "一万零一十"),
])
def test_numbers_are_written_as_statutes_write_them(n, written):
    assert to_cn(n) == written
    assert to_int(written) == n


def test_every_number_to_9999_round_trips():
    seen = set()
    for n in range(1, 10000):
        written = to_cn(n)
        assert to_int(written) == n, (n, written)
        seen.add(written)
    assert len(seen) == 9999  # no two numbers share a written form


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.integers(1, 9999))
def test_other_spellings_read_as_the_same_number(n):
    written = to_cn(n)
    assert to_int(str(n)) == n  # 第1条
    assert to_int(str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == n  # 第１条
    assert to_int(written.replace("零", "〇")) == n
    if written.startswith("二") and written[1:2] in ("百", "千"):
        assert to_int("两" + written[1:]) == n  # 两百, 两千
    if 10 <= n < 20:
        assert to_int("一" + written) == n  # 一十一


@pytest.mark.parametrize("words", ["千万", "万一", "两", "零一", "一百一", "十十", "一千零百", "一百零一十", "二〇", ""])
def test_words_made_of_numeral_characters_are_no_number(words):
    with pytest.raises(ValueError):
        to_int(words)


def test_the_id_grammar_reads_and_writes_with_the_same_module():
    assert ids.cn_to_int is to_int and ids.int_to_cn is to_cn
    for written, expected in [("§第一百零一条", "101"), ("§第一千零四十二条第一款", "1042.1"),
                              ("§第一百一十条第二款第（三）项", "110.2-3"), ("§第4条第2款", "4.2")]:
        m = ids.CITATION.fullmatch(written)
        assert m and ids.citation_id(m) == expected, written
