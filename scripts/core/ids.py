"""The ID grammar: what a provision or sentence ID, a document slug and a citation look like.

One definition, imported by every verb that reads or writes IDs (the splitter emits them, the
checker and the citation renderer resolve them, the matrix and search print them).

Structural IDs (one per provision):

* numbered outline units: `2` (a part, or an article of an article-style text), `2.5` (the
  second level: an item of a part, or a paragraph 款 of an article), `2.5-3`, `2.5-3-1` (deeper
  levels joined by hyphens); `2.0` is the intro of part 2, `0.1` a paragraph before the first part;
* chapters and sections of article-style texts: `ch1`, `ch1-2`, and a paragraph directly under a
  chapter `ch1.1`.

A structural ID has at most one dot. A sentence ID is its provision's ID plus `.n` (`2.5.3`,
`4.2-3.1`, `ch1.1.2`), so it has at least two dots and can never equal a structural ID.

A citation is `§` + an optional `slug:` + an ID (`§2.5.3`, `§some-slug:4.2`), or, for
article-style texts, the way their readers write it: `§第四条`, `§第四条第二款`,
`§第四条第二款第（三）项`, `§第四条第（三）项` (the first 款 when none is named), `…第1目`,
`…第2句`. A bare ID (no slug) means the document of the page it stands on.
"""
from __future__ import annotations

import re

SLUG = r"[a-z0-9][a-z0-9-]*"
SLUG_FORM = re.compile(rf"^{SLUG}$")
_CHAPTER = r"ch\d+(?:-\d+)?"
_NUMERIC = r"\d+(?:\.\d+(?:-\d+)*)?"
STRUCTURAL = rf"(?:{_CHAPTER}(?:\.\d+)?|{_NUMERIC})"
# A structural ID, optionally followed by a sentence number.
ID = rf"(?:{_CHAPTER}(?:\.\d+(?:\.\d+)?)?|\d+(?:\.\d+(?:-\d+)*(?:\.\d+)?)?)"
ID_FORM = re.compile(rf"^{ID}$")

CN_DIGITS = "零一二三四五六七八九"
CN_NUMERAL = "[零〇一二三四五六七八九十百两]+"
_N = rf"(?:{CN_NUMERAL}|\d+)"
READER = (rf"第(?P<art>{_N})条(?:第(?P<kuan>{_N})款)?(?:第[（(]?(?P<xiang>{_N})[）)]?项)?"
          rf"(?:第(?P<mu>{_N})目)?(?:第(?P<ju>{_N})句)?")
READER_FORM = re.compile(rf"^{READER}$")
# A well-formed citation: optional document slug, then an ID or a reader's article reference.
CITATION = re.compile(rf"§(?:(?P<doc>{SLUG}):)?(?:(?P<reader>{READER})|(?P<id>{ID}))")
# What a citation-like token looks like, to report malformed ones whole.
CITATION_TOKEN = re.compile(r"§[ \t\u3000]*[\w.:\-（）()]*")
CITATION_TAIL = re.compile(r"[\w.:\-]")

# Checklist item IDs: the provision they put into practice, then a two- or three-digit number.
ITEM_ID_FORM = re.compile(r"^\d+(?:\.\d+)?-\d{2,3}$")


def cn_to_int(text: str) -> int:
    """Chinese numerals up to 999, or digits: 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 一百零五 → 105."""
    if text.isdigit():
        return int(text)
    text = text.replace("〇", "零").replace("两", "二")
    total, number = 0, 0
    for ch in text:
        if ch == "百":
            total += (number or 1) * 100
            number = 0
        elif ch == "十":
            total += (number or 1) * 10
            number = 0
        else:
            number = CN_DIGITS.index(ch)
    return total + number


def int_to_cn(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三, 105 → 一百零五 (the inverse of cn_to_int)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return CN_DIGITS[tens] + "十" + (CN_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    tail = "" if rest == 0 else ("零" + int_to_cn(rest) if rest < 10 else
                                 ("一" + int_to_cn(rest) if rest < 20 else int_to_cn(rest)))
    return CN_DIGITS[hundreds] + "百" + tail


def is_sentence(pid: str) -> bool:
    return pid.count(".") >= 2


def provision_of(pid: str) -> str:
    """The provision a sentence belongs to (`2.5.3` → `2.5`); a structural ID is its own."""
    return pid.rsplit(".", 1)[0] if is_sentence(pid) else pid


def child_id(parent: str | None, number: int, through: bool = False) -> str:
    """The ID of a numbered (or paragraph) child: `2` under the root, `2.5` under a part, `2.5-3` below.

    `through`: articles, numbered through the whole text, are `4` whatever chapter holds them."""
    if parent is None or through:
        return str(number)
    return f"{parent}.{number}" if "." not in parent else f"{parent}-{number}"


def sentence_id(provision: str, number: int) -> str:
    return f"{provision}.{number}"


def chapter_id(number: int, chapter: str | None = None) -> str:
    """第一章 → `ch1`; its 第二节 → `ch1-2`."""
    return f"ch{number}" if chapter is None else f"{chapter}-{number}"


def reader_to_id(m: re.Match) -> str:
    """The ID a reader's `第四条第二款第（三）项第1目第2句` means: `4.2-3-1.2`.

    An article's text is its paragraphs (款), so a 项 with no 款 named is in the first 款, and a
    sentence with neither is in the first 款 too."""
    art = cn_to_int(m["art"])
    if not (m["kuan"] or m["xiang"] or m["mu"] or m["ju"]):
        return str(art)
    pid = f"{art}.{cn_to_int(m['kuan']) if m['kuan'] else 1}"
    if m["xiang"]:
        pid += f"-{cn_to_int(m['xiang'])}"
        if m["mu"]:
            pid += f"-{cn_to_int(m['mu'])}"
    if m["ju"]:
        pid += f".{cn_to_int(m['ju'])}"
    return pid


def citation_id(m: re.Match) -> str:
    """The ID a CITATION match names, whichever way it was written."""
    return reader_to_id(m) if m["reader"] else m["id"]
