"""Words of Chinese text, and the word-level diff a comparison table marks.

A diff by character reads `社会团体` → `群团组织` as `~~社会~~群团~~体~~组织`; the NPC's 修改前后对照表 marks
whole words. Text is cut into words by jieba (a tokenizer of its own, so that words another verb adds
to jieba's shared dictionary, as the search index does, never change what a comparison shows), runs of
digits and Latin letters stay whole, and a line break is a word of its own (paragraphs of an article
stay apart).

`word_diff` keeps the most text in common (a longest common subsequence of words, weighed by their
characters; difflib's longest-block-first would pair 困难家庭 of one term with 困难家庭 of another) and
then tidies the result as a reader would mark it: a single short word squeezed between two changes (`支出` in 支出型贫困家庭 → 刚性支出困难家庭)
joins them, so the phrase reads as one replacement, never as alternating fragments. Words that must
stay whole whatever jieba does (the renamed terms of a revision) are passed as `keep`.
"""
from __future__ import annotations

import difflib
import functools
import re

from scripts.core.diagnostics import Diagnostic, DiagnosticError

# The equal run between two changes that is absorbed into them: one word of at most this many characters.
ABSORB_CHARS = 2
BREAK = "\n"
WORD = re.compile(r"^\w+$")  # letters, digits, Chinese: a word, not punctuation or a line break
BREAK_WEIGHT = 1000  # paragraphs are paired before any words inside them
MAX_CELLS = 4_000_000  # beyond this, difflib's faster (and rougher) matching


@functools.lru_cache(maxsize=1)
def _tokenizer():
    try:
        import jieba  # third-party, loaded only when a diff is made (its dictionary takes a second)
    except ImportError:
        raise DiagnosticError([Diagnostic("requirements.txt", 1, 1, "SEARCH_SEGMENTATION",
                                          "jieba is not installed: changes between versions are marked by word with it",
                                          "pip install -r requirements.txt")]) from None
    jieba.setLogLevel(60)
    return jieba.Tokenizer()


@functools.lru_cache(maxsize=8192)
def _cut(text: str) -> tuple[str, ...]:
    return tuple(w for w in _tokenizer().lcut(text, HMM=True) if w)


def words(text: str, keep: tuple[str, ...] = ()) -> list[str]:
    """The words of a text, in order; joined they are the text. `keep`: strings that are one word each."""
    if not text:
        return []
    if keep:
        pattern = "|".join(re.escape(k) for k in sorted(set(keep), key=len, reverse=True) if k)
        if pattern:
            out: list[str] = []
            pos = 0
            for m in re.finditer(pattern, text):
                out += words(text[pos:m.start()])
                out.append(m.group(0))
                pos = m.end()
            return out + words(text[pos:])
    out = []
    for i, line in enumerate(text.split(BREAK)):
        if i:
            out.append(BREAK)
        out += _cut(line)
    return out


def word_diff(old: str, new: str, keep: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Runs of ('=', text), ('-', text) and ('+', text); a replacement is its '-' then its '+'.

    The '=' and '-' runs joined are `old`, the '=' and '+' runs joined are `new`."""
    ops = _absorb(_opcodes(words(old, keep), words(new, keep)), frozenset(keep))
    out: list[tuple[str, str]] = []
    for op in ops:
        if len(op) == 1:
            out.append(("=", "".join(op[0])))
            continue
        if op[0]:
            out.append(("-", "".join(op[0])))
        if op[1]:
            out.append(("+", "".join(op[1])))
    return [o for o in out if o[1]]


def _weight(word: str) -> int:
    return BREAK_WEIGHT if word == BREAK else len(word)


def _opcodes(a: list[str], b: list[str]) -> list[list]:
    """[equal words] or [deleted words, inserted words], in order, keeping the most characters in common."""
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head:len(a) - tail], b[head:len(b) - tail]
    ops: list[list] = [[a[:head]]] if head else []
    if len(mid_a) * len(mid_b) > MAX_CELLS:  # a table this large is no comparison a reader follows word by word
        matcher = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=False)
        pairs = [(i, j) for blk in matcher.get_matching_blocks() for i, j in
                 zip(range(blk.a, blk.a + blk.size), range(blk.b, blk.b + blk.size))]
    else:
        pairs = _lcs(mid_a, mid_b)
    i = j = 0
    for pi, pj in pairs + [(len(mid_a), len(mid_b))]:
        if pi > i or pj > j:
            ops.append([mid_a[i:pi], mid_b[j:pj]])
        if pi < len(mid_a):
            if ops and len(ops[-1]) == 1:
                ops[-1] = [ops[-1][0] + [mid_a[pi]]]
            else:
                ops.append([[mid_a[pi]]])
        i, j = pi + 1, pj + 1
    if tail:
        ops.append([a[len(a) - tail:]])
    return _merge_equal(ops)


def _merge_equal(ops: list[list]) -> list[list]:
    out: list[list] = []
    for op in ops:
        if out and len(op) == 1 and len(out[-1]) == 1:
            out[-1] = [out[-1][0] + op[0]]
        else:
            out.append(op)
    return out


def _lcs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Index pairs of a common subsequence of a and b with the most characters (dynamic programming)."""
    n, m = len(a), len(b)
    score = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = score[i], score[i + 1]
        ai = a[i]
        for j in range(m - 1, -1, -1):
            best = below[j] if below[j] >= row[j + 1] else row[j + 1]
            if ai == b[j]:
                take = below[j + 1] + _weight(ai)
                if take >= best:
                    best = take
            row[j] = best
    pairs = []
    i = j = 0
    while i < n and j < m:
        if a[i] == b[j] and score[i][j] == score[i + 1][j + 1] + _weight(a[i]):
            pairs.append((i, j))
            i += 1
            j += 1
        elif score[i + 1][j] >= score[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def _absorb(ops: list[list], keep: frozenset[str] = frozenset()) -> list[list]:
    """Join two changes separated by one short word into one replacement.

    Never across a line break or punctuation, and never a change that is whole kept words already
    (低收入困难家庭 → 最低生活保障边缘家庭 和 支出型贫困家庭 → 刚性支出困难家庭 stay two)."""

    def whole(op: list) -> bool:
        return bool(keep) and all(w in keep for w in op[0] + op[1])

    out: list[list] = []
    for op in ops:
        if len(op) == 2 and out and len(out[-1]) == 2:  # two changes in a row (after an absorb)
            out[-1] = [out[-1][0] + op[0], out[-1][1] + op[1]]
            continue
        out.append(op)
    changed = True
    while changed:
        changed = False
        for i in range(1, len(out) - 1):
            eq = out[i]
            if (len(eq) == 1 and len(out[i - 1]) == 2 and len(out[i + 1]) == 2 and len(eq[0]) == 1
                    and len(eq[0][0]) <= ABSORB_CHARS and WORD.match(eq[0][0])
                    and not whole(out[i - 1]) and not whole(out[i + 1])):
                before, after = out[i - 1], out[i + 1]
                out[i - 1:i + 2] = [[before[0] + eq[0] + after[0], before[1] + eq[0] + after[1]]]
                changed = True
                break
    return out
