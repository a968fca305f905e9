"""The ID grammar: what a provision or sentence ID, a document slug and a citation look like.

One definition, imported by every verb that reads or writes IDs (the splitter emits them, the
checker and the citation renderer resolve them, the matrix and search print them).

Structural IDs (one per provision):

* numbered outline units: `2` (a part, or an article of an article-style text), `2.5` (the
  second level: an item of a part, or a paragraph 款 of an article), `2.5-3`, `2.5-3-1` (deeper
  levels joined by hyphens); `2.0` is the intro of part 2, `0.1` a paragraph before the first part;
* an article inserted after article 13 by an amendment (第十三条之一): `13-1` (之二: `13-2`), its
  款 `13-1.2`, 项 `13-1.2-3`. A hyphen before the first dot is only ever an inserted article;
* the groups of article-style texts, ASCII with no dots (dots are for 款 and sentences): chapters
  `ch1` and their sections (节) `ch1-2`; in a code with 编, the 编 `bk5`, its 分编 `bk5-2`, its
  chapters `bk5-ch1` (chapters restart in every 编 and run on across its 分编) and their sections
  `bk5-ch1-2`; an un-numbered 附则 heading `supp`; a paragraph directly under a group `ch1.1`.

A structural ID has at most one dot. A sentence ID is its provision's ID plus `.n` (`2.5.3`,
`4.2-3.1`, `13-1.2.1`, `ch1.1.2`), so it has at least two dots and can never equal a structural ID.

A citation is `§` + an optional `slug:` + an ID (`§2.5.3`, `§some-slug:4.2`, `§code:1042`), or, for
article-style texts, the way their readers write it: `§第四条`, `§第四条第二款`,
`§第四条第二款第（三）项`, `§第四条第（三）项` (the first 款 when none is named), `…第1目`,
`…第2句`, `§第十三条之一第二款` (`13-1.2`), `§第一千零四十二条` (`1042`), `§第4条`. Numbers are read by
scripts/core/numerals.py. A bare ID (no slug) means the document of the page it stands on.

A citation of an earlier version on purpose names it after the slug: `§some-slug@v1:12`,
`§some-slug@v1:第十二条第二款` (a version label, `v` and its number: the versions of
seeds/versions/<slug>/versions.yml). It means that version's text, whatever the current one says; it
is never renumbered and never counts as citing the current text.
"""
from __future__ import annotations

import re

from scripts.core.numerals import CLASS, NUMBER, to_cn, to_int

SLUG = r"[a-z0-9][a-z0-9-]*"
SLUG_FORM = re.compile(rf"^{SLUG}$")
VERSION = r"v[1-9]\d*"  # a version label: v1, v2, …
SUPPLEMENTARY = "supp"
_GROUP = rf"(?:bk\d+(?:-\d+|-ch\d+(?:-\d+)?)?|ch\d+(?:-\d+)?|{SUPPLEMENTARY})"
_ARTICLE = r"\d+(?:-\d+)?"  # an article (4), or one inserted after it (4-1); in outlines a part
_NUMERIC = rf"{_ARTICLE}(?:\.\d+(?:-\d+)*)?"
STRUCTURAL = rf"(?:{_GROUP}(?:\.\d+)?|{_NUMERIC})"
# A structural ID, optionally followed by a sentence number.
ID = rf"(?:{_GROUP}(?:\.\d+(?:\.\d+)?)?|{_ARTICLE}(?:\.\d+(?:-\d+)*(?:\.\d+)?)?)"
ID_FORM = re.compile(rf"^{ID}$")

READER = (rf"第(?P<art>{NUMBER})条(?:之(?P<zhi>{CLASS}))?(?:第(?P<kuan>{NUMBER})款)?"
          rf"(?:第[（(]?(?P<xiang>{NUMBER})[）)]?项)?(?:第(?P<mu>{NUMBER})目)?(?:第(?P<ju>{NUMBER})句)?")
READER_FORM = re.compile(rf"^{READER}$")
# A well-formed citation: optional document slug (and version), then an ID or a reader's article reference.
CITATION = re.compile(rf"§(?:(?P<doc>{SLUG})(?:@(?P<version>{VERSION}))?:)?(?:(?P<reader>{READER})|(?P<id>{ID}))")
# What a citation-like token looks like, to report malformed ones whole.
CITATION_TOKEN = re.compile(r"§[ \t\u3000]*[\w.:@\-（）()]*")
CITATION_TAIL = re.compile(r"[\w.:\-]")

# Checklist item IDs: the provision they put into practice (`2.5`, `13-1.2`), then a two- or three-digit number.
ITEM_ID_FORM = re.compile(rf"^{_ARTICLE}(?:\.\d+)?-\d{{2,3}}$")

# The numeral reader and writer, under the names the ID grammar has always used.
cn_to_int = to_int
int_to_cn = to_cn


def is_sentence(pid: str) -> bool:
    return pid.count(".") >= 2


def provision_of(pid: str) -> str:
    """The provision a sentence belongs to (`2.5.3` → `2.5`); a structural ID is its own."""
    return pid.rsplit(".", 1)[0] if is_sentence(pid) else pid


def child_id(parent: str | None, number: int) -> str:
    """The ID of a numbered (or paragraph) child: `2` under the root, `2.5` under a part, `2.5-3` below."""
    if parent is None:
        return str(number)
    return f"{parent}.{number}" if "." not in parent else f"{parent}-{number}"


def sentence_id(provision: str, number: int) -> str:
    return f"{provision}.{number}"


def article_id(number: int, inserted: int = 0) -> str:
    """第四条 → `4`; 第十三条之一 → `13-1`."""
    return f"{number}-{inserted}" if inserted else str(number)


def book_id(number: int) -> str:
    """第五编 → `bk5`."""
    return f"bk{number}"


def subbook_id(book: str | None, number: int) -> str:
    """第三编第二分编 → `bk3-2`."""
    return f"{book or 'bk0'}-{number}"


def chapter_id(number: int, chapter: str | None = None, book: str | None = None) -> str:
    """第一章 → `ch1`; its 第二节 → `ch1-2`; 第一章 of 第五编 → `bk5-ch1`."""
    if chapter is not None:
        return f"{chapter}-{number}"
    return f"{book}-ch{number}" if book else f"ch{number}"


def reader_to_id(m: re.Match) -> str:
    """The ID a reader's `第四条第二款第（三）项第1目第2句` means: `4.2-3-1.2`.

    An article's text is its paragraphs (款), so a 项 with no 款 named is in the first 款, and a
    sentence with neither is in the first 款 too."""
    art = article_id(to_int(m["art"]), to_int(m["zhi"]) if m["zhi"] else 0)
    if not (m["kuan"] or m["xiang"] or m["mu"] or m["ju"]):
        return art
    pid = f"{art}.{to_int(m['kuan']) if m['kuan'] else 1}"
    if m["xiang"]:
        pid += f"-{to_int(m['xiang'])}"
        if m["mu"]:
            pid += f"-{to_int(m['mu'])}"
    if m["ju"]:
        pid += f".{to_int(m['ju'])}"
    return pid


def citation_id(m: re.Match) -> str:
    """The ID a CITATION match names, whichever way it was written.

    A reader's form whose numbers do not read (第千条) names no ID: it is returned as written, so the
    checker reports it as a provision the document does not have."""
    if not m["reader"]:
        return m["id"]
    try:
        return reader_to_id(m)
    except ValueError:
        return m["reader"]
