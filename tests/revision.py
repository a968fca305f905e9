"""A synthetic later version of the seed, made in the test (nothing of the real seed changes in the repo).

One sentence reworded (2.2.4), one sentence deleted (2.3.6), one item inserted (a new 三要 in part 2,
which renumbers old 三要…七要 into 四要…八要), and part 1 untouched.
"""
from __future__ import annotations

from conftest import SEED

INSERTED = "三要创新志愿服务方式，组织巾帼志愿者就近就便为妇女群众服务。要建立志愿服务登记制度，做到有登记、有记录。\n"
REWORDED_OLD = "关注广大妇女的精神文化需求"
REWORDED_NEW = "关注广大妇女特别是老年妇女的精神文化需求"
DELETED = "加强与公检法司等部门以及社会各方面的合作，提高妇联社会化维权工作能力与水平。"


def revised_seed_text() -> str:
    text = SEED.read_text("utf-8")
    assert REWORDED_OLD in text and DELETED in text
    text = text.replace(REWORDED_OLD, REWORDED_NEW, 1).replace(DELETED, "", 1)
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("三要创新维权工作手段"))
    for i, word in zip(range(start, start + 5), "四五六七八"):  # old 三要…七要 of part 2
        lines[i] = word + lines[i][1:]
    lines.insert(start, INSERTED.rstrip("\n"))
    return "\n".join(lines)
