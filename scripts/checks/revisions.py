"""Citations a newer version of their policy makes wrong, read in the version each page was checked against.

Every page records, per policy, the version it was last checked against (`reviewed:` in its front
matter; a page without it was written against v1). Its citations of that policy are read in that
version's numbering. When the policy has a newer version, the checker reports, at each citation:

* CITATION_MOVED — the cited sentence or provision now has another ID (the hint names it);
* CITED_TEXT_CHANGED — its text changed (the hint shows how);
* CITED_PROVISION_REMOVED — it is gone.

`python -m scripts.review rewrite` and `stamp` (scripts/operations/review.py) bring pages up to date.
"""
from __future__ import annotations

from scripts.core.diagnostics import Diagnostic
from scripts.corpus.words import word_diff
from scripts.corpus.seeds import Corpus, Seed
from scripts.corpus.versions import alignment
from scripts.pages.collect import PageRecord

HINT_CHARS = 60


def reviewed_version(rec: PageRecord, seed: Seed) -> str:
    value = rec.meta.get("reviewed")
    if isinstance(value, dict) and isinstance(value.get(seed.slug), str):
        return value[seed.slug]
    return "v1"


def pending(rec: PageRecord, seed: Seed) -> set[str]:
    value = rec.meta.get("changed_since_review")
    ids = value.get(seed.slug) if isinstance(value, dict) else None
    return {str(i) for i in ids} if isinstance(ids, list) else set()


def behind(rec: PageRecord, seed: Seed) -> str | None:
    """The version a page's citations of `seed` are read in, when it is not the current one."""
    if len(seed.versions) < 2:
        return None
    label = reviewed_version(rec, seed)
    return label if label != seed.versions[-1].label else None


def _version(seed: Seed, label: str):
    return next((v for v in seed.versions if v.label == label), None)


def translate_id(seed: Seed, label: str, pid: str):
    """What a citation written against version `label` means now: (Change of the cited unit, new ID or None)."""
    version = _version(seed, label)
    if version is None:
        return None, None
    changes = alignment(seed.path.parent, seed.slug, version, seed.versions[-1]).old_to_new()
    c = changes.get(pid)
    return c, (c.new if c else None)


def _short(text: str) -> str:
    text = " ".join(text.split())  # a provision's text has line breaks; a diagnostic is one line
    return text if len(text) <= HINT_CHARS else text[:HINT_CHARS] + "…"


def check_revisions(pages: dict[str, PageRecord], corpus: Corpus) -> list[Diagnostic]:
    """CITATION_MOVED, CITED_TEXT_CHANGED and CITED_PROVISION_REMOVED at every citation they concern."""
    diags = []
    for rec in pages.values():
        if rec.kind == "source":
            continue
        for cit in rec.citations:
            seed = corpus.resolve(cit.doc, rec.document)
            if seed is None or len(seed.versions) < 2 or cit.version:  # §slug@v1:12 means v1 on purpose
                continue
            label = behind(rec, seed)
            if label is None:
                if cit.id in pending(rec, seed):
                    diags.append(Diagnostic(rec.shown, cit.line, cit.col, "CITED_TEXT_CHANGED",
                                            f"{cit.raw}: the cited text changed in {seed.versions[-1].label} and this "
                                            "page has not been checked against it",
                                            f"read §{cit.id} now, fix the page if needed, then: python -m scripts.review "
                                            f"stamp {rec.shown}"))
                continue
            c, new = translate_id(seed, label, cit.id)
            now = seed.versions[-1].label
            if c is None and _version(seed, label) is not None:
                # Not a unit of the version the page was checked against.
                diags.append(Diagnostic(rec.shown, cit.line, cit.col, "UNKNOWN_PROVISION",
                                        f"{cit.raw}: {seed.slug} {label} has no provision {cit.id}"))
            elif c is None:
                diags.append(Diagnostic(rec.shown, cit.line, cit.col, "CITED_PROVISION_REMOVED",
                                        f"{cit.raw}: the page says it was checked against {seed.slug} {label}, "
                                        "which does not exist", "fix reviewed: in the front matter"))
            elif new is None:
                diags.append(Diagnostic(rec.shown, cit.line, cit.col, "CITED_PROVISION_REMOVED",
                                        f"{cit.raw}: {seed.slug} {now} no longer has what {label} numbered {cit.id}",
                                        f"it read: {_short(c.old_text)}"))
            elif c.old != c.new:
                extra = " and its text changed" if c.kind == "changed" else ""
                diags.append(Diagnostic(rec.shown, cit.line, cit.col, "CITATION_MOVED",
                                        f"{cit.raw}: {label}'s {cit.id} is {new} in {now}{extra}",
                                        f"now §{new}; python -m scripts.review rewrite changes every moved citation"))
            elif c.kind == "changed":
                diags.append(Diagnostic(rec.shown, cit.line, cit.col, "CITED_TEXT_CHANGED",
                                        f"{cit.raw}: the cited text changed in {now}", _what_changed(c)))
    return diags


def _what_changed(change) -> str:
    """The words deleted and inserted, not the whole text: a provision can be paragraphs long."""
    parts = [f"{'deleted' if op == '-' else 'inserted'} “{_short(text)}”"
             for op, text in word_diff(change.old_text, change.new_text) if op != "="]
    shown = "; ".join(parts[:3]) + ("; …" if len(parts) > 3 else "")
    return f"{shown}; see the 版本对照 page of the policy"


def current_id(rec: PageRecord, seed: Seed, pid: str) -> str | None:
    """The current ID a citation on this page means (its own when the page is up to date)."""
    return id_now(seed, behind(rec, seed), pid)


def id_now(seed: Seed, label: str | None, pid: str) -> str | None:
    """The current ID of `pid` read in version `label` of `seed` (None: the current version)."""
    return pid if label is None else translate_id(seed, label, pid)[1]


def cited_seeds(rec: PageRecord, corpus: Corpus):
    """For a citation's document as written (`cit.doc`), the seed it names from this page and the version the
    page reads it in (`behind`). Worked out once per document a page names, not once per citation: a 100x
    handbook has 80,000 citations of a handful of documents."""
    memo: dict[str, tuple[Seed | None, str | None]] = {}
    page_doc = rec.document

    def of(doc: str) -> tuple[Seed | None, str | None]:
        hit = memo.get(doc)
        if hit is None:
            seed = corpus.resolve(doc, page_doc)
            hit = memo[doc] = (seed, None if seed is None else behind(rec, seed))
        return hit
    return of
