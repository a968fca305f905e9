"""The numbering styles of Chinese policy texts: one row each, saying how a marker looks and what follows from it.

The splitter (scripts/corpus/split.py) walks a text's lines and asks this table which marker starts
a line (or runs on inside one) and what to do with it; it never tests a style by its name. A new
numbering style is one row here and a fixture folder under tests/fixtures/split/.

The columns:

* `pattern`, `ordinal`, `show`: the marker at a line start (or, for run-in styles, inside a line),
  how its number reads, and how a number is printed in hints (`expected 第二条`).
* `level`: nesting; a style nests inside every style of a lower level.
* `kind`: the provision kind its units get (a non-grouping unit at the top of an outline is a part).
* `article_only`: read only in article-style texts (第X章 in a 公文 is text, not a chapter).
* `makes_articles`: a line starting with this marker makes the whole text article-style.
* `holds`: what a unit of the style holds. `heading`: its whole line is a heading and it only groups
  (chapters, sections: they never own sentences, paragraphs under them are their own). `clauses`: its
  marker (and a bracketed title, 第五条（管理责任）) is the heading, the text after it and every
  paragraph under it is a 款 (articles). `text`: an outline item, whose line is running text or a title.
* `run_in`: may run on inside a paragraph (一要……。二要……。, ①……；②……。).
* `enumeration`: on a line of its own it is an item of the innermost unit that is not itself one
  (一要, 一是, 第一，), whatever that unit's style.
* `through`: where the numbering runs: "" restarts under each parent; "text" runs through the whole
  text (articles are 第四条 in whatever chapter, chapters run on across the text).
* `needs_text`: a marker with nothing after it on its line is no marker (a line that is only 一是).
* `ident`: how a unit's ID is formed from its number and its parent's ID (None: the outline rule of
  scripts/core/ids.py, `2`, `2.5`, `2.5-3`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from scripts.core import ids
from scripts.core.ids import cn_to_int, int_to_cn

CN_NUM = "[一二三四五六七八九十百]+"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class Style:
    """One numbering style: a row of the table the splitter reads."""

    name: str
    pattern: re.Pattern[str]
    ordinal: Callable[[str], int]
    show: Callable[[int], str]
    level: int
    kind: str = "item"
    article_only: bool = False
    makes_articles: bool = False
    holds: str = "text"  # heading | clauses | text
    run_in: bool = False
    enumeration: bool = False
    through: str = ""  # "" | "text"
    needs_text: bool = False
    ident: Callable[[int, str | None], str] | None = None


STYLES: list[Style] = [
    Style("chapter", re.compile(rf"第(?P<num>{CN_NUM})章"), cn_to_int, lambda n: f"第{int_to_cn(n)}章", 0,
          kind="chapter", article_only=True, holds="heading", through="text",
          ident=lambda n, parent: ids.chapter_id(n)),
    Style("section", re.compile(rf"第(?P<num>{CN_NUM})节"), cn_to_int, lambda n: f"第{int_to_cn(n)}节", 1,
          kind="section", article_only=True, holds="heading",
          ident=lambda n, parent: ids.chapter_id(n, parent)),
    Style("article", re.compile(rf"第(?P<num>{CN_NUM})条"), cn_to_int, lambda n: f"第{int_to_cn(n)}条", 2,
          kind="article", article_only=True, makes_articles=True, holds="clauses", through="text",
          ident=lambda n, parent: ids.child_id(parent, n, through=True)),
    Style("cn", re.compile(rf"(?P<num>{CN_NUM})、"), cn_to_int, lambda n: f"{int_to_cn(n)}、", 3),
    Style("pcn", re.compile(rf"[（(](?P<num>{CN_NUM})[）)]"), cn_to_int, lambda n: f"（{int_to_cn(n)}）", 4),
    Style("num", re.compile(r"(?P<num>\d{1,3})[.．、](?!\d)"), int, lambda n: f"{n}.", 5),
    Style("pnum", re.compile(r"[（(](?P<num>\d{1,3})[）)]"), int, lambda n: f"（{n}）", 6),
    Style("circled", re.compile(rf"(?P<num>[{CIRCLED}])"), lambda s: CIRCLED.index(s) + 1,
          lambda n: CIRCLED[n - 1] if n <= len(CIRCLED) else str(n), 7, run_in=True),
    Style("yao", re.compile(rf"(?P<num>{CN_NUM})要"), cn_to_int, lambda n: f"{int_to_cn(n)}要", 8,
          run_in=True, enumeration=True),
    Style("shi", re.compile(rf"(?P<num>{CN_NUM})是"), cn_to_int, lambda n: f"{int_to_cn(n)}是", 8,
          run_in=True, enumeration=True, needs_text=True),
    Style("diyi", re.compile(rf"第(?P<num>{CN_NUM})[，,]"), cn_to_int, lambda n: f"第{int_to_cn(n)}，", 8,
          run_in=True, enumeration=True),
]

# The 公文 outline levels, in the order they nest, as hints print them (一、 > （一） > 1. > （1） > ①).
LEVEL_ORDER = " > ".join(s.show(1) for s in STYLES if not s.article_only and not s.enumeration)
# A 款 sits between its article and the article's 项.
CLAUSE_LEVEL = next(s.level for s in STYLES if s.holds == "clauses") + 0.5


def marker_end(text: str) -> int:
    """Where the numbering marker that starts a text ends (`三要创新……` → 2); 0 when none does."""
    for style in STYLES:
        m = style.pattern.match(text)
        if m:
            return m.end()
    return 0
