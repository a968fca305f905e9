"""The synonym table against the handbook: an entry none of whose terms occurs anywhere finds nothing.

Such an entry is a typo, or waits for a text the handbook does not hold yet: either way a reader
who types its query would be told "也按……查找" and get nothing for it. SYNONYM_UNUSED is reported
at the entry's terms. The texts are the Chinese pages search indexes (source pages included, old
versions and pages with `search: exclude` not), with markup removed and folded as search folds them.
"""
from __future__ import annotations

import re

from scripts.core.diagnostics import Diagnostic
from scripts.core.fold import fold
from scripts.core.paths import SUFFIX
from scripts.corpus.synonyms import Synonym
from scripts.pages.collect import PageRecord

MARKUP = re.compile(r"<[^>]+>|[#*_`>|\[\]{}]")


def searched_text(pages: dict[str, PageRecord]) -> str:
    """Every Chinese page search indexes, as one folded text (pages separated by a line break)."""
    out = []
    for rel, rec in sorted(pages.items()):
        search = rec.meta.get("search") if isinstance(rec.meta.get("search"), dict) else {}
        if rel.endswith(SUFFIX) or search.get("exclude"):
            continue
        out.append(fold(MARKUP.sub("", rec.text[rec.body_start:])))
    return "\n".join(out)


def check_synonyms(entries: list[Synonym], text: str, shown: str) -> list[Diagnostic]:
    diags = []
    for entry in entries:
        if not any(fold(term) in text for term in entry.terms):
            diags.append(Diagnostic(shown, entry.terms_line, entry.terms_col, "SYNONYM_UNUSED",
                                    f"{'、'.join(entry.queries)} → {'、'.join(entry.terms)}: no page or text of the "
                                    "handbook contains any of these terms, so the entry finds nothing",
                                    "check the spelling against the text, or add the entry with the text it is for"))
    return diags
