"""Add a policy to the handbook, or take one out again: one command each.

`add` copies the text byte for byte to seeds/<slug>.txt, writes seeds/<slug>.yml (what the text
says of itself; everything else "unknown"; the day it was added, for the 更新记录 page;
`coverage: warning`, so the new policy builds while it has no guidance yet) and generates its
source pages under docs/source/<slug>/. The nav, the home
page, search, the matrix, provisions.json and backlinks pick it up from seeds/ with no other edit.

What the text says of itself: its title; the dates of its 题注 (adopted, amended, revised,
promulgated, effective, approved: scripts/corpus/caption.py, only those it states unambiguously);
and whether it is an excerpt (it starts at 第一千零四十条, not 第一条: `excerpt: true`, with
`excerpt_of` the whole it names in its title, 示范民法典（婚姻家庭编节选）, else unknown). An excerpt
is said as a note, never refused.

`remove` deletes exactly what `add` wrote, so the tree is as it was before. It refuses while any
page still cites the policy or names it as its document, and it never removes the default policy.

Both check everything before they write anything: a refused command changes nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from scripts.pages.collect import collect_docs
from scripts.corpus.seeds import SOURCE_DIR, Seed, load_corpus, load_meta
from scripts.core.diagnostics import Diagnostic, DiagnosticError
from scripts.core.ids import SLUG_FORM
from scripts.core.yamlio import edit_yaml
from scripts.corpus.caption import parse_caption
from scripts.render.source import render_corpus, write_pages
from scripts.corpus.split import Document, decode, split_text
from scripts.corpus.versions import folder as versions_folder

# The comments and the keys every new policy's metadata has; the values are set through the YAML writer.
META_TEMPLATE = """\
# Metadata for the policy text beside it, written by `make add-policy`. Only what the text itself says is
# recorded; everything else is "unknown" until someone who knows fills it in (with a note on where it comes from).
slug: unknown
title: unknown
issuing_body: unknown
date: unknown
document_number: unknown
status: unknown
source: unknown
sha256: unknown
# The day this text was added to the handbook (the 更新记录 page lists it).
added: unknown
# A new policy builds while it has no guidance yet: its coverage gaps (and a missing English translation
# of its text) are warnings. Switch to `coverage: error` once its guidance and checklists are written.
coverage: warning
"""
# A title naming the whole its text is taken from: 示范民法典（婚姻家庭编节选） is an excerpt of 示范民法典.
EXCERPT_TITLE = re.compile(r"(?P<whole>.+?)[（(][^（）()]*节选[）)]")


@dataclass
class Added:
    """What `add` wrote, and what it noticed that is worth saying but no error (an excerpt)."""

    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def metadata(doc: Document, slug: str, sha: str) -> dict:
    """What seeds/<slug>.yml records of a text from the text alone."""
    meta = {"slug": slug, "title": doc.title, "sha256": sha}
    if doc.caption:
        meta.update(parse_caption(doc.caption).metadata())
    if doc.excerpt:
        whole = EXCERPT_TITLE.fullmatch(doc.title)
        meta.update({"excerpt": True, "excerpt_of": whole["whole"] if whole else "unknown"})
    return meta


def excerpt_note(doc: Document, slug: str) -> str:
    """`path:line:col: note: …` where an excerpt starts: said, never refused."""
    first = doc.starts[0]
    where = "、".join(s.marker for s in doc.starts)
    return (f"{doc.path}:{first.line}:{first.col}: note: the text starts at {where}, not at the beginning of a "
            f"whole: recorded as an excerpt (excerpt: true) in seeds/{slug}.yml; gaps after its start are "
            "still errors")


def _error(path: str, message: str, hint: str = "", line: int = 1, col: int = 1) -> DiagnosticError:
    return DiagnosticError([Diagnostic(path, line, col, "POLICY_INPUT", message, hint)])


def _check_slug(slug: str) -> None:
    if not SLUG_FORM.match(slug) or len(slug) > 60:
        raise _error(slug or "SLUG", f"{slug!r} is not a usable slug",
                     "lower-case letters, digits and hyphens, starting with a letter or digit, e.g. shunyi-banfa")


def add(root: Path, seed_path: Path, slug: str, added: str | None = None) -> Added:
    """Add a policy, recording `added` (YYYY-MM-DD; default today) as the day it was added; returns the
    files written and notes. Raises DiagnosticError (and writes nothing) on bad input."""
    _check_slug(slug)
    try:
        added = dt.date.fromisoformat(added).isoformat() if added else dt.date.today().isoformat()
    except ValueError:
        raise _error(added, f"{added!r} is not a date", "write DATE=YYYY-MM-DD, e.g. 2026-12-01") from None
    seeds, docs = root / "seeds", root / "docs"
    taken = [p for p in (seeds / f"{slug}.txt", seeds / f"{slug}.yml", seeds / f"{slug}.en.yml",
                         docs / SOURCE_DIR / slug) if p.exists()]
    if taken:
        raise _error(str(taken[0]), f"a policy named {slug!r} exists already", "choose another SLUG, or remove it first")
    try:
        data = seed_path.read_bytes()
    except OSError as exc:
        raise _error(str(seed_path), f"cannot read the policy text: {exc.strerror or exc}",
                     "SEED= names a UTF-8 .txt file") from None
    text = decode(data, str(seed_path))  # SEED_ENCODING at the first bad byte
    doc = split_text(text, str(seed_path), slug)  # NUMBER_GAP, NUMBER_LEVEL … at the marker
    corpus = load_corpus(seeds)  # the handbook as it is must load, or the add would hide its errors
    meta = edit_yaml(META_TEMPLATE, {**metadata(doc, slug, hashlib.sha256(data).hexdigest()), "added": added})
    written: list[Path] = []
    kept: dict[Path, bytes] = {}  # other texts' pages as they were, should the add have to be undone
    try:
        target = seeds / f"{slug}.txt"
        target.write_bytes(data)
        written.append(target)
        (seeds / f"{slug}.yml").write_text(meta, encoding="utf-8")
        written.append(seeds / f"{slug}.yml")
        seed = Seed(slug, target, load_meta(seeds / f"{slug}.yml"), doc)
        corpus.seeds[slug] = seed
        # Every text's pages: a text already in the handbook may cite the new one (《…》第十条 becomes a link).
        pages = render_corpus(corpus)
        kept = {docs / rel: (docs / rel).read_bytes() for rel in pages if (docs / rel).exists()}
        for rel in write_pages(docs, pages):
            written.append(docs / rel)
    except OSError as exc:  # a full disk or a read-only tree: leave nothing half-added
        for path in written:
            if path in kept:
                path.write_bytes(kept[path])
            else:
                path.unlink(missing_ok=True)
        shutil.rmtree(docs / SOURCE_DIR / slug, ignore_errors=True)
        raise _error(str(seeds), f"could not write the policy: {exc}") from None
    return Added(written, [excerpt_note(doc, slug)] if doc.excerpt else [])


def remove(root: Path, slug: str) -> tuple[list[Path], list[Path]]:
    """Remove a policy added with `add`; returns the paths removed and the other texts' pages rewritten.
    Refuses (changing nothing) while it is cited."""
    _check_slug(slug)
    seeds, docs = root / "seeds", root / "docs"
    corpus = load_corpus(seeds)
    seed = corpus.seeds.get(slug)
    if seed is None:
        raise _error(str(seeds / f"{slug}.txt"), f"no policy named {slug!r}",
                     "policies: " + ", ".join(corpus.seeds))
    if slug == corpus.default.slug:
        raise _error(str(seeds / f"{slug}.yml"), f"{slug!r} is the handbook's default policy",
                     "bare citations (§2.5) mean it; make another policy the default first")
    users = []
    for rec in collect_docs(docs).values():
        if rec.kind == "source":
            continue
        if rec.document == slug:
            users.append(Diagnostic(rec.shown, 1, 1, "POLICY_INPUT", f"names {slug} as its document",
                                    "change or remove the page first"))
        users.extend(Diagnostic(rec.shown, c.line, c.col, "POLICY_INPUT", f"{c.raw} cites {slug}",
                                "remove the citation first; the policy stays until nothing cites it")
                     for c in rec.citations if c.doc == slug)
    if users:
        raise DiagnosticError(users)
    removed = []
    for path in (seeds / f"{slug}.txt", seeds / f"{slug}.yml", seeds / f"{slug}.en.yml"):
        if path.exists():
            path.unlink()
            removed.append(path)
    # Its earlier versions and what was renamed between them (make add-version): left behind, they would come
    # back as the history of the next text added under this name.
    versions = versions_folder(seeds, slug)
    for folder in (docs / SOURCE_DIR / slug, versions):
        if folder.exists():
            shutil.rmtree(folder)
            removed.append(folder)
    if versions.parent.is_dir() and not any(versions.parent.iterdir()):
        versions.parent.rmdir()  # the first text with versions made it
    # The texts that cited it lose their links to it: their pages are what they were before it was added.
    del corpus.seeds[slug]
    return removed, [docs / rel for rel in write_pages(docs, render_corpus(corpus))]
