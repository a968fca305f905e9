"""What search ignores in a text: case, and the quote and bracket characters of FOLDED.

One definition for every verb that compares what a reader types with what the handbook says: the
search index and its worker (overrides/assets/javascripts/search-worker.js carries the same
string on its `var FOLDED` line, and the build refuses a worker whose line differs) and the
check that every term of the synonym table occurs somewhere (scripts/checks/synonyms.py).
两癌筛查 therefore finds, and marks, 妇女“两癌”筛查 and 【两癌】筛查.
"""
from __future__ import annotations

FOLDED = "\u201c\u201d\u2018\u2019\"'\u300c\u300d\u300e\u300f\u300a\u300b\u3008\u3009\uff08\uff09()\u3010\u3011\u00b7\u200b"
_DROP = {ord(c): None for c in FOLDED}


def fold(text: str) -> str:
    """`text` as search compares it: lower case, without the characters of FOLDED."""
    return text.lower().translate(_DROP)
