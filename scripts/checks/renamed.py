"""Former names a new version of a policy replaced throughout, still used on a page (TERM_RENAMED).

When an amendment renames a term everywhere (低收入困难家庭 → 最低生活保障边缘家庭), every guidance
line, checklist item, template and glossary entry that still says the old name is out of date. The
renames are what `make add-version` found and a person kept in seeds/versions/<slug>/renames.yml
(scripts/corpus/renames.py); a name renamed twice (A → B → C) is reported with its latest name.

An old name is reported at each place it occurs on a page of KINDS (either language), outside code,
raw HTML tags and link targets, except where a page means the old name on purpose:
- right after 原称, 旧称, 原名 or 曾称 (原称“低收入困难家庭”): the page says it is the former name;
- inside a quotation that cites a version from before the rename (“……低收入困难家庭……”（§slug@v1:20））.

`python -m scripts.review rewrite --rename OLD` replaces exactly these places once a reviewer confirms
the rename (scripts/operations/review.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.core.diagnostics import Diagnostic, line_col
from scripts.corpus.renames import latest_name
from scripts.corpus.seeds import Corpus
from scripts.pages.collect import ATTR_LIST_ANY, MARKUP, PageRecord, mask_code

KINDS = ("guidance", "checklist", "template", "glossary")
FORMER = re.compile(r"(?:原称|旧称|原名|曾称)[“「\"‘]?$")


@dataclass(frozen=True)
class Renamed:
    old: str
    new: str  # its name now
    slug: str  # the policy that renamed it
    version: str  # in which version
    date: str  # that version's date, or "unknown"


@dataclass(frozen=True)
class Use:
    start: int
    end: int
    term: Renamed


def renamed_terms(corpus: Corpus) -> list[Renamed]:
    """Every former name of every policy, longest first (so 低收入困难家庭成员 wins over a shorter name in it)."""
    out = []
    for seed in corpus.seeds.values():
        dates = {v.label: v.date for v in seed.versions}
        for r in seed.renames:
            out.append(Renamed(r.old, latest_name(seed.renames, r.old), seed.slug, r.version,
                               dates.get(r.version, "unknown")))
    return sorted(out, key=lambda t: (-len(t.old), t.old))


def _number(label: str) -> int:
    return int(label[1:]) if label[1:].isdigit() else 0


def uses(rec: PageRecord, terms: list[Renamed], corpus: Corpus) -> list[Use]:
    """Where a page still uses a former name (not as the former name on purpose)."""
    if not terms or rec.kind not in KINDS or not rec.meta_ok:
        return []
    masked = MARKUP.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), mask_code(rec.text))
    masked = ATTR_LIST_ANY.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), masked)
    by_name = {t.old: t for t in terms}
    pattern = re.compile("|".join(re.escape(t.old) for t in terms))
    quotes = rec.quotations
    out = []
    for m in pattern.finditer(masked, rec.body_start):
        term = by_name[m.group(0)]
        line_start = masked.rfind("\n", 0, m.start()) + 1
        if FORMER.search(masked[line_start:m.start()]):
            continue
        if any(q.start < m.start() < q.start + len(q.text) + 2 and _cites_before(q, term, rec, corpus) for q in quotes):
            continue
        out.append(Use(m.start(), m.end(), term))
    return out


def _cites_before(quote, term: Renamed, rec: PageRecord, corpus: Corpus) -> bool:
    """The quotation cites a version of the renaming policy from before the rename."""
    for slug, _, version in quote.cited:
        seed = corpus.resolve(slug, rec.document)
        if seed is not None and seed.slug == term.slug and version and _number(version) < _number(term.version):
            return True
    return False


def check_renamed(pages: dict[str, PageRecord], corpus: Corpus) -> list[Diagnostic]:
    terms = renamed_terms(corpus)
    diags = []
    for rec in pages.values():
        for use in uses(rec, terms, corpus):
            t = use.term
            line, col = line_col(rec.text, use.start)
            when = f" ({t.date})" if t.date != "unknown" else ""
            diags.append(Diagnostic(
                rec.shown, line, col, "TERM_RENAMED", f"{t.old} was renamed {t.new} by {t.slug} {t.version}{when}",
                f"write {t.new} (or 原称{t.old} where the former name is meant); "
                f"python -m scripts.review rewrite --rename {t.old} changes every page"))
    return diags
