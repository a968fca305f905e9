"""Properties of the splitter over generated texts: whatever the input, it never raises anything but a
DiagnosticError, and every text it accepts keeps the invariants of tests/test_split_fixtures.py."""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings, strategies as st

from scripts.core.diagnostics import DiagnosticError
from scripts.core.ids import int_to_cn
from scripts.corpus.split import split_text
from test_split_fixtures import check_invariants

WORDS = ["妇女", "之家", "加强", "服务", "基层", "工作", "要", "是", "第", "条", "一", "二", "十", "“两癌”",
         "（社区）", "建设", "活动", "Women", " ", "\u3000", "1", "12"]
PUNCT = ["。", "，", "；", "：", "！", "？", "、", "”", "）", ""]


def marker(draw) -> str:
    n = draw(st.integers(1, 12))
    cn = int_to_cn(n)
    return draw(st.sampled_from([
        f"{cn}、", f"（{cn}）", f"{n}.", f"（{n}）", "①②③④⑤⑥⑦⑧⑨⑩⑪⑫"[n - 1], f"{cn}要", f"{cn}是", f"第{cn}，",
        f"第{cn}条　", f"第{cn}章　", f"第{cn}节　", "附件：", "——", "",
        # The shapes of laws: 编, 分编, inserted articles, 附则, a 目录, a 题注, numbers as statutes write them.
        f"第{cn}编　", f"第{cn}分编　", f"第{cn}条之{cn}　", f"第{int_to_cn(n + 99)}条　", f"第{n}条　", "附则", "目录",
        "（2020年1月1日示范会议通过）"]))


@st.composite
def line(draw) -> str:
    clauses = draw(st.lists(st.tuples(st.lists(st.sampled_from(WORDS), min_size=0, max_size=6),
                                      st.sampled_from(PUNCT)), min_size=0, max_size=4))
    body = "".join("".join(words) + p for words, p in clauses)
    indent = draw(st.sampled_from(["", "", "  ", "\u3000\u3000", "\t"]))
    return indent + marker(draw) + body + draw(st.sampled_from(["", "", " ", "\u3000"]))


@st.composite
def text(draw) -> str:
    lines = draw(st.lists(line(), min_size=0, max_size=14))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    blank = draw(st.booleans())
    out = newline.join(ln for l in lines for ln in ([l, ""] if blank and l.endswith("。") else [l]))
    return out + draw(st.sampled_from(["", newline, newline + " "]))


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", 400)), deadline=None, derandomize=not os.environ.get("HYPOTHESIS_EXAMPLES"),
          suppress_health_check=[HealthCheck.too_slow])
@given(text())
def test_any_text_splits_losslessly_or_is_refused_with_a_location(t):
    try:
        doc = split_text(t, "gen.txt")
    except DiagnosticError as exc:
        for d in exc.diags:
            assert d.path == "gen.txt" and d.line >= 1 and d.col >= 1 and d.code
        return
    check_invariants(doc)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.integers(1, 9), min_size=1, max_size=6), st.sampled_from(["要", "是"]))
def test_a_run_in_enumeration_is_split_only_when_it_counts_from_one_without_gaps(numbers, word):
    t = "标题\n一、甲\n要做到：" + "；".join(f"{int_to_cn(n)}{word}做事" for n in numbers) + "。\n"
    # The enumeration starts at its first 一; markers before it are text.
    run = numbers[numbers.index(1):] if 1 in numbers else []
    counts = run == list(range(1, len(run) + 1))
    try:
        doc = split_text(t)
    except DiagnosticError as exc:
        assert exc.diags[0].code in ("NUMBER_GAP", "NUMBER_REPEATED")
        assert len(run) >= 2 and not counts
        return
    check_invariants(doc)
    kids = doc.provisions["1.1"].children
    assert kids == ([f"1.1-{i}" for i in run] if len(run) >= 2 else [])
