"""The numbering styles of Chinese policy texts: one row each, saying how a marker looks and what follows from it.

The splitter (scripts/corpus/split.py) walks a text's lines and asks this table which marker starts
a line (or runs on inside one) and what to do with it; it never tests a style by its name. A new
numbering style is one row here and a fixture folder under tests/fixtures/split/.

The columns:

* `pattern`, `ordinal`, `show`: the marker at a line start (or, for run-in styles, inside a line),
  how its number reads (None: an un-numbered heading, 附则), and how a number is printed in hints
  (`expected 第二条`).
* `level`: nesting; a style nests inside every style of a lower level.
* `kind`: the provision kind its units get (a non-grouping unit at the top of an outline is a part).
* `article_only`: read only in article-style texts (第X章 in a 公文 is text, not a chapter).
* `makes_articles`: a line starting with this marker makes the whole text article-style.
* `holds`: what a unit of the style holds. `heading`: its whole line is a heading and it only groups
  (编, 分编, 章, 节, 附则: they never own sentences, paragraphs under them are their own). `clauses`: its
  marker (and a bracketed title, 第五条（管理责任）) is the heading, the text after it and every
  paragraph under it is a 款 (articles). `text`: an outline item, whose line is running text or a title.
* `run_in`: may run on inside a paragraph (一要……。二要……。, ①……；②……。).
* `enumeration`: on a line of its own it is an item of the innermost unit that is not itself one
  (一要, 一是, 第一，), whatever that unit's style.
* `through`: where the numbering runs: "" restarts under each parent; "text" runs through the whole
  text (articles are 第四条 in whatever chapter); a style's name runs through each unit of that style
  (chapters restart in every 编 and run on across its 分编, and through the text when there is no 编).
* `inserted`: the pattern's `sub` group numbers units inserted by an amendment after a number and
  before the next (第十三条之一, 之二 …), which the numbering accepts there.
* `excerpt_start`: the first unit of the style in a text may have any number, not only one: an
  excerpt (the 婚姻家庭编 of a code starts at 第五编 and 第一千零四十条). Gaps after it are still gaps.
* `strict`: a marker of the style whose number does not read (第千条) is an error, NUMBER_FORM; for
  the other styles it is no marker (千万要 is words).
* `inside`: the style a unit must stand in (a 节 in a 章); elsewhere it is NUMBER_LEVEL, not a guess.
* `needs_text`: a marker with nothing after it on its line is no marker (a line that is only 一是).
* `ident`: how a unit's ID is formed (scripts/core/ids.py) from its number, its inserted number, its
  parent's ID and the IDs of its enclosing groups by kind; None: the outline rule, `2`, `2.5`, `2.5-3`.

Numbers are read and written by scripts/core/numerals.py (零, 十, 百, 千, 万 as statutes write them, or
digits: texts numbered 第1条, 第2条 … are article-style too).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from scripts.core import ids
from scripts.core.numerals import CLASS, NUMBER, to_cn, to_int

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class Style:
    """One numbering style: a row of the table the splitter reads."""

    name: str
    pattern: re.Pattern[str]
    ordinal: Callable[[str], int] | None  # None: an un-numbered heading (附则)
    show: Callable[[int], str]
    level: int
    kind: str = "item"
    article_only: bool = False
    makes_articles: bool = False
    holds: str = "text"  # heading | clauses | text
    run_in: bool = False
    enumeration: bool = False
    through: str = ""  # "" | "text" | the name of the style whose units restart the count
    inserted: bool = False
    excerpt_start: bool = False
    strict: bool = False
    inside: str = ""
    needs_text: bool = False
    ident: Callable[[int, int, str | None, dict[str, str]], str] | None = None

    def number_of(self, m: re.Match) -> tuple[int, int] | None:
        """(number, inserted number) of a marker the pattern matched; None when its numerals do not read."""
        if self.ordinal is None:
            return 0, 0
        try:
            sub = m.groupdict().get("sub")
            return self.ordinal(m["num"]), to_int(sub) if sub else 0
        except ValueError:
            return None

    @property
    def form(self) -> str:
        """The marker with its number left open, as messages name a style: 第X章."""
        return self.show(1).replace(to_cn(1), "X", 1)

    def marker(self, number: int, sub: int = 0) -> str:
        """The marker for a number as hints print it: 第十三条, 第十三条之一."""
        return self.show(number) + (f"之{to_cn(sub)}" if sub else "")


def _cn(template: str) -> Callable[[int], str]:
    return lambda n: template.format(to_cn(n))


# The groups of article-style texts, outermost first; then articles; then the 公文 outline levels,
# which inside an article are its 项 (（一）) and 目 (1.).
STYLES: list[Style] = [
    Style("book", re.compile(rf"第(?P<num>{NUMBER})编"), to_int, _cn("第{}编"), 0,
          kind="book", article_only=True, holds="heading", excerpt_start=True, strict=True,
          ident=lambda n, sub, parent, groups: ids.book_id(n)),
    Style("subbook", re.compile(rf"第(?P<num>{NUMBER})分编"), to_int, _cn("第{}分编"), 1,
          kind="subbook", article_only=True, holds="heading", excerpt_start=True, strict=True,
          ident=lambda n, sub, parent, groups: ids.subbook_id(groups.get("book"), n)),
    Style("chapter", re.compile(rf"第(?P<num>{NUMBER})章"), to_int, _cn("第{}章"), 2,
          kind="chapter", article_only=True, holds="heading", through="book", excerpt_start=True, strict=True,
          ident=lambda n, sub, parent, groups: ids.chapter_id(n, book=groups.get("book"))),
    Style("section", re.compile(rf"第(?P<num>{NUMBER})节"), to_int, _cn("第{}节"), 3,
          kind="section", article_only=True, holds="heading", strict=True, inside="chapter",
          ident=lambda n, sub, parent, groups: ids.chapter_id(n, parent)),
    Style("article", re.compile(rf"第(?P<num>{NUMBER})条(?:之(?P<sub>{CLASS}))?"), to_int, _cn("第{}条"), 4,
          kind="article", article_only=True, makes_articles=True, holds="clauses", through="text",
          inserted=True, excerpt_start=True, strict=True,
          ident=lambda n, sub, parent, groups: ids.article_id(n, sub)),
    # 附则 on a line of its own closes a code (after its last 编) or a law without a numbered chapter for it.
    Style("supplementary", re.compile(r"附[ \t\u3000]*则$"), None, lambda n: "附则", 0,
          kind="supplementary", article_only=True, holds="heading",
          ident=lambda n, sub, parent, groups: ids.SUPPLEMENTARY),
    Style("cn", re.compile(rf"(?P<num>{CLASS})、"), to_int, _cn("{}、"), 5),
    Style("pcn", re.compile(rf"[（(](?P<num>{CLASS})[）)]"), to_int, _cn("（{}）"), 6),
    Style("num", re.compile(r"(?P<num>\d{1,3})[.．、](?!\d)"), int, lambda n: f"{n}.", 7),
    Style("pnum", re.compile(r"[（(](?P<num>\d{1,3})[）)]"), int, lambda n: f"（{n}）", 8),
    Style("circled", re.compile(rf"(?P<num>[{CIRCLED}])"), lambda s: CIRCLED.index(s) + 1,
          lambda n: CIRCLED[n - 1] if n <= len(CIRCLED) else str(n), 9, run_in=True),
    Style("yao", re.compile(rf"(?P<num>{CLASS})要"), to_int, _cn("{}要"), 10, run_in=True, enumeration=True),
    Style("shi", re.compile(rf"(?P<num>{CLASS})是"), to_int, _cn("{}是"), 10,
          run_in=True, enumeration=True, needs_text=True),
    Style("diyi", re.compile(rf"第(?P<num>{CLASS})[，,]"), to_int, _cn("第{}，"), 10, run_in=True, enumeration=True),
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
