"""Bring pages up to date after a new version of a policy: moved citations renumbered, a person's check recorded.

`rewrite` turns moved citations into their new IDs in every page, records the page as read in the
current numbering, and lists under `changed_since_review:` the citations whose text changed, which
stay CITED_TEXT_CHANGED until a person checks them and runs `stamp`. With renames a reviewer
confirmed (`--rename 低收入困难家庭`), it also writes the new name wherever TERM_RENAMED reports the
old one (scripts/checks/renamed.py). It never runs in the build; its result is a diff to review.
`stamp` refuses a page that still cites a removed provision.
"""
from __future__ import annotations

from scripts.checks.renamed import Renamed, renamed_terms, uses
from scripts.checks.revisions import behind, current_id, translate_id
from scripts.core.diagnostics import Diagnostic, DiagnosticError
from scripts.core.yamlio import set_front_matter
from scripts.corpus.seeds import Corpus
from scripts.pages.collect import PageRecord


def confirmed_renames(corpus: Corpus, names: list[str]) -> list[Renamed]:
    """The renames a reviewer confirmed by their former names; any name that is no known rename refuses them all."""
    known = {t.old: t for t in renamed_terms(corpus)}
    unknown = [n for n in names if n not in known]
    if unknown:
        listed = ", ".join(sorted(known)) or "none (seeds/versions/<slug>/renames.yml)"
        raise DiagnosticError([Diagnostic(n, 1, 1, "VERSION_INPUT", f"--rename {n}: no policy renamed {n}",
                                          f"renames: {listed}") for n in unknown])
    return [known[n] for n in names]


def bring_up_to_date(rec: PageRecord, corpus: Corpus, stamp: bool,
                     renames: list[Renamed] | None = None) -> tuple[str, list[Diagnostic]]:
    """The page's text with moved citations rewritten, confirmed renames applied and its review record updated."""
    text = rec.text
    edits = [(u.start, u.end, u.term.new) for u in uses(rec, renames, corpus)] if renames else []
    reviewed = dict(rec.meta.get("reviewed") or {}) if isinstance(rec.meta.get("reviewed"), dict) else {}
    still = {}
    problems = []
    docs = {}
    for cit in rec.citations:
        seed = corpus.resolve(cit.doc, rec.document)
        if seed is None or len(seed.versions) < 2 or cit.version:  # a version cited on purpose stays as written
            continue
        docs[seed.slug] = seed
        label = behind(rec, seed)
        if label is None:
            continue
        c, new = translate_id(seed, label, cit.id)
        if c is None or new is None:
            problems.append(Diagnostic(rec.shown, cit.line, cit.col, "CITED_PROVISION_REMOVED",
                                       f"{cit.raw}: gone in {seed.versions[-1].label}",
                                       "cite what replaces it, or drop the citation; then run this again"))
            continue
        if new != cit.id:
            raw = cit.raw[: -len(cit.raw.split(":")[-1])] + new if ":" in cit.raw else f"§{new}"
            edits.append((cit.start, cit.end, raw))
        if c.kind == "changed" and not stamp:
            still.setdefault(seed.slug, set()).add(new)
    if problems:
        return text, problems
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    provisions = rec.meta.get("provisions")
    if isinstance(provisions, list) and docs:
        mapped = []
        for pid in (str(p) for p in provisions):
            slug, _, bare = pid.rpartition(":")
            seed = corpus.resolve(slug, rec.document)
            now = current_id(rec, seed, bare) if seed is not None else bare
            mapped.append(f"{slug}:{now}" if slug else now or bare)
        if mapped != [str(p) for p in provisions]:
            text = set_front_matter(text, {"provisions": mapped})
    for slug, seed in docs.items():
        reviewed[slug] = seed.versions[-1].label
    pend = {} if stamp else {s: sorted(ids) for s, ids in still.items()}
    if not stamp:
        old_pend = rec.meta.get("changed_since_review")
        if isinstance(old_pend, dict):
            for s, ids in old_pend.items():
                if isinstance(ids, list):
                    pend[s] = sorted(set(pend.get(s, [])) | {str(i) for i in ids})
    if docs:
        text = set_front_matter(text, {"reviewed": reviewed, "changed_since_review": pend})
    return text, []


