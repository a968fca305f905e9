"""What changed in the handbook's library, newest first: each text added and each version made current.

The dates are never invented. A text's `added:` is recorded in seeds/<slug>.yml by `make add-policy`
(texts added before it was recorded say what is known, with `added_note:` saying where it comes from);
a version's date is the one seeds/versions/<slug>/versions.yml records (`make add-version DATE=`).
What is not recorded is "unknown", and is listed after every dated change.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scripts.corpus.seeds import Corpus

ADDED, VERSION = "added", "version"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Update:
    date: str  # YYYY-MM-DD, or "unknown"
    kind: str  # ADDED | VERSION
    slug: str
    version: str = ""  # the version made current (v2 …), for VERSION
    note: str = ""  # where the date comes from, when the metadata says (added_note)
    note_en: str = ""


def _date(value) -> str:
    """A recorded date as YYYY-MM-DD (YAML may have read it as a date), or "unknown" when it is not one."""
    text = str(value) if value not in (None, "") else UNKNOWN
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return UNKNOWN


def updates(corpus: Corpus) -> list[Update]:
    """Every change, newest first; changes of unknown date last, in the order of the texts."""
    out = []
    for slug, seed in sorted(corpus.seeds.items()):
        out.append(Update(_date(seed.meta.get("added")), ADDED, slug, note=str(seed.meta.get("added_note") or ""),
                          note_en=str(seed.meta.get("added_note_en") or "")))
        out.extend(Update(_date(v.date), VERSION, slug, v.label) for v in seed.versions[1:])
    known = sorted((u for u in out if u.date != UNKNOWN), key=lambda u: (u.date, u.slug, u.version), reverse=True)
    return known + [u for u in out if u.date == UNKNOWN]
