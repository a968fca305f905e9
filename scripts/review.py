"""After a new version of a policy: which citations it makes wrong, and the commands that bring pages up to date.

Usage: python -m scripts.review rewrite            # every page: moved citations to their new IDs
       python -m scripts.review stamp PAGE.md …    # a person has checked the page against the current text

Every page records, per policy, the version it was last checked against (`reviewed:` in its front
matter; a page without it was written against v1). Its citations of that policy are read in that
version's numbering. When the policy has a newer version, the checker reports, at each citation:

* CITATION_MOVED — the cited sentence or provision now has another ID (the hint names it);
* CITED_TEXT_CHANGED — its text changed (the hint shows how);
* CITED_PROVISION_REMOVED — it is gone.

`rewrite` turns moved citations into their new IDs in every page, records the page as read in the
current numbering, and lists under `changed_since_review:` the citations whose text changed, which
stay CITED_TEXT_CHANGED until a person checks them and runs `stamp`. It never runs in the build;
its result is a diff to review. `stamp` refuses a page that still cites a removed provision.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from scripts.collect import FRONT_MATTER, PageRecord, collect_docs
from scripts.corpus import Corpus, Seed, load_corpus
from scripts.diagnostics import Diagnostic, DiagnosticError, render
from scripts.align import diff
from scripts.versions import alignment

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
            if seed is None or len(seed.versions) < 2:
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
             for op, text in diff(change.old_text, change.new_text) if op != "="]
    shown = "; ".join(parts[:3]) + ("; …" if len(parts) > 3 else "")
    return f"{shown}; see the 版本对照 page of the policy"


def current_id(rec: PageRecord, seed: Seed, pid: str) -> str | None:
    """The current ID a citation on this page means (its own when the page is up to date)."""
    label = behind(rec, seed)
    if label is None:
        return pid
    return translate_id(seed, label, pid)[1]


# ----------------------------------------------------------------- commands


def _set_front_matter(text: str, key: str, value) -> str:
    """Set one top-level key of the front matter (a JSON-style flow value, which YAML reads)."""
    m = FRONT_MATTER.match(text)
    if not m:
        raise ValueError("no front matter")
    block = m.group("yaml") or ""
    line = f"{key}: {json.dumps(value, ensure_ascii=False)}\n" if value else ""
    pattern = re.compile(rf"^{re.escape(key)}:.*\n(?:[ \t]+.*\n)*", re.M)
    block = pattern.sub(line, block, count=1) if pattern.search(block) else block + line
    start = m.start("yaml") if m.group("yaml") is not None else 4
    end = m.end("yaml") if m.group("yaml") is not None else 4
    return text[:start] + block + text[end:]


def bring_up_to_date(rec: PageRecord, corpus: Corpus, stamp: bool) -> tuple[str, list[Diagnostic]]:
    """The page's text with moved citations rewritten and its review record updated."""
    text = rec.text
    edits = []
    reviewed = dict(rec.meta.get("reviewed") or {}) if isinstance(rec.meta.get("reviewed"), dict) else {}
    still = {}
    problems = []
    docs = {}
    for cit in rec.citations:
        seed = corpus.resolve(cit.doc, rec.document)
        if seed is None or len(seed.versions) < 2:
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
            text = _set_front_matter(text, "provisions", mapped)
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
        text = _set_front_matter(text, "reviewed", reviewed)
        text = _set_front_matter(text, "changed_since_review", pend)
    return text, []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.review", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".")
    sub = parser.add_subparsers(dest="verb", required=True)
    sub.add_parser("rewrite", help="moved citations to their new IDs, in every page")
    p_stamp = sub.add_parser("stamp", help="record that a person checked these pages against the current text")
    p_stamp.add_argument("pages", nargs="+")
    args = parser.parse_args(argv)
    root = Path(args.root)
    try:
        corpus = load_corpus(root / "seeds")
    except DiagnosticError as exc:
        sys.stderr.write(render(exc.diags))
        return 1
    docs_dir = root / "docs"
    pages = collect_docs(docs_dir, shown_prefix="docs")
    if args.verb == "rewrite":
        targets = [rec for rec in pages.values() if rec.kind != "source"]
    else:
        wanted = {Path(p).resolve() for p in args.pages}
        targets = [rec for rel, rec in pages.items() if (docs_dir / rel).resolve() in wanted]
        missing = wanted - {(docs_dir / rec.path).resolve() for rec in targets}
        if missing:
            sys.stderr.write("".join(f"{p}:1:1: VERSION_INPUT not a page under docs/\n" for p in sorted(missing)))
            return 1
    problems = []
    changed = 0
    from scripts.translate import SUFFIX, counterpart, file_sha256, stamp as stamp_translation

    # An English page that translated its Chinese page before gets the same mechanical rewrite,
    # so it still translates it afterwards: its translation stamp is renewed, not left stale.
    in_step = {rel for rel, rec in pages.items() if rel.endswith(SUFFIX) and counterpart(rel) in pages
               and rec.meta.get("source_sha256") == file_sha256(docs_dir / counterpart(rel))}
    written = set()
    for rec in targets:
        text, diags = bring_up_to_date(rec, corpus, stamp=args.verb == "stamp")
        problems += diags
        if not diags and text != rec.text:
            (docs_dir / rec.path).write_text(text, encoding="utf-8")
            written.add(rec.path)
            changed += 1
            print(f"{'stamped' if args.verb == 'stamp' else 'rewrote'} docs/{rec.path}")
    for rel in sorted(in_step):
        if rel in written or counterpart(rel) in written:
            stamp_translation(docs_dir / rel)
    sys.stderr.write(render(problems))
    print(f"{changed} page(s) changed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
