"""The 题注 of a law: the parenthesised history under its title, read into dated events.

    （2015年12月27日第十二届全国人民代表大会常务委员会第十八次会议通过　根据2018年3月2日……《关于修改〈……〉
    的决定》修正）

The splitter keeps it as a document-level piece (`Document.caption`, shown under the title, never
cited); `parse_caption` reads it. Each clause (clauses are parted by spaces, line breaks, `；`, or a
`，` before the next date) is an event when it reads as one: a date, who acted, as written (the body
or the meeting), and what it did (通过, 修正, 修订, 公布, 施行, 批准). A clause that does not read so (no
date, two dates, an invalid date, an act not listed) is kept in `unread`, as written: nothing is guessed.
`Caption.metadata()` gives what seeds/<slug>.yml records of it, only where that is unambiguous.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from scripts.core.numerals import CLASS, NUMBER, YEAR, to_int, year_to_int

# What a clause says was done, and the metadata key its date goes to. A key in LISTS collects every
# such date (a law is amended or approved more than once); the others take a date only when one
# clause says it.
KINDS = {"通过": "adopted", "修正": "amended", "修订": "revised", "公布": "promulgated", "施行": "effective",
         "批准": "approved"}
LISTS = ("amended", "revised", "approved")

DATE = re.compile(rf"(?P<y>{YEAR})年(?P<m>{NUMBER})月(?P<d>{NUMBER})日")
EVENT = re.compile(rf"(?:根据)?(?:自)?{DATE.pattern}(?P<body>.*?)起?(?P<ordinal>第{CLASS}次)?(?P<kind>{'|'.join(KINDS)})")
CLAUSE_BREAK = re.compile(rf"[\s；;]+|[，,](?=(?:根据|自)?{YEAR}年)")


@dataclass(frozen=True)
class Event:
    date: str  # YYYY-MM-DD
    kind: str  # 通过 | 修正 | 修订 | 公布 | 施行 | 批准
    body: str  # who acted, as written: 第十二届全国人民代表大会常务委员会第十八次会议; "" when not said
    text: str  # the whole clause, as written


@dataclass(frozen=True)
class Caption:
    text: str
    events: list[Event] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # clauses that did not read as an event

    def dates(self, kind: str) -> list[str]:
        return [e.date for e in self.events if e.kind == kind]

    def metadata(self) -> dict:
        """adopted, amended, revised, promulgated, effective, approved: only the dates the 题注 states
        unambiguously (two 通过 clauses leave `adopted` unknown)."""
        out: dict = {}
        for kind, key in KINDS.items():
            dates = self.dates(kind)
            if key in LISTS and dates:
                out[key] = dates
            elif len(dates) == 1:
                out[key] = dates[0]
        return out


def _date(m: re.Match) -> str | None:
    """YYYY-MM-DD of a matched date (2015年12月27日, 二〇一五年十二月二十七日); None if no such day."""
    try:
        return datetime.date(year_to_int(m["y"]), to_int(m["m"]), to_int(m["d"])).isoformat()
    except ValueError:
        return None


def parse_caption(text: str) -> Caption:
    """The events of a 题注 (with or without its outer brackets)."""
    inner = text.strip()
    if inner[:1] in "（(" and inner[-1:] in "）)":
        inner = inner[1:-1]
    events, unread = [], []
    for clause in (c for c in CLAUSE_BREAK.split(inner) if c):
        m = EVENT.fullmatch(clause)
        date = _date(m) if m else None
        if m is None or date is None or DATE.search(m["body"]):
            unread.append(clause)
            continue
        events.append(Event(date, m["kind"], m["body"], clause))
    return Caption(text, events, unread)
