"""Lay out draft guidance for a policy text: one page per chapter (article-style texts) or part (公文).

After `make add-policy` a reviewer has a text of 50–90 articles and no guidance. `write` gives her
docs/guidance/<slug>/<chapter-N|part-N|articles>.md, one page per source page of the text, each
with the text embedded, its articles (or items) listed with their citations, and the usual
sections of a guidance page (docs/guidance/*.md) left to write. Every page says `draft: true` in
its front matter: the checker checks it like any page (citations, links, front matter) but the
build does not publish it (not in site/, the nav or search), and its citations do not count as
coverage until a person removes `draft: true` (docs/contributing.md, 起草解读).

It refuses, changing nothing, an unknown slug or a text whose draft pages exist already.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

from scripts.core.diagnostics import Diagnostic, DiagnosticError
from scripts.core.paths import DOCS_DIR, SEEDS_DIR
from scripts.core.yamlio import front_matter
from scripts.corpus.seeds import Corpus, Seed, load_corpus
from scripts.corpus.split import Page
from scripts.render.markup import md_text
from scripts.render.source import page_title

GUIDANCE = "guidance"
TO_WRITE = "待写。"
# The sections every guidance page has, in order (docs/guidance/*.md); 原文 and 要点 are filled in here.
SECTIONS = ("原文", "要点", "怎么做", "检查点", "常见问题", "相关")
NOTICE = ('!!! warning "草稿"\n'
          "    本页由 `python -m scripts.draft` 生成，是草稿：检查照常进行，但不发布，引用也不算覆盖。"
          "写完以后，按[参与编写](../../contributing.md#起草解读)里的步骤发布。\n\n")


def folder(slug: str) -> str:
    """Where a text's draft guidance goes, docs-relative."""
    return f"{GUIDANCE}/{slug}"


def units(seed: Seed, page: Page) -> list:
    """What a page's guidance goes through one by one: its articles, or the items of a part."""
    doc = seed.doc
    out = []
    for top in page.top:
        below = [top] + [p.id for p in doc.descendants(top)]
        articles = [doc.provisions[i] for i in below if doc.provisions[i].kind == "article"]
        out += articles or [doc.provisions[c] for c in doc.provisions[top].children] or [doc.provisions[top]]
    return out


def covering(seed: Seed, unit) -> list[str]:
    """What a page must cite for a unit to count as covered: the unit and each of its parts that has text of
    its own (an article's 款 and 项; coverage is counted where the sentences are, scripts/checks/checker.py)."""
    ids = [p.id for p in [unit, *seed.doc.descendants(unit.id)] if p.sentences]
    return ids or [unit.id]


def draft_page(corpus: Corpus, seed: Seed, page: Page) -> str:
    title = page_title(seed, page)
    here = f"{folder(seed.slug)}/{page.key}.md"
    source = posixpath.relpath(seed.page_of(page.top[0]), posixpath.dirname(here))

    def cite(pid: str) -> str:
        return corpus.cite_form(seed.slug, pid, seed.slug)

    # Written against the current version: its citations are read in that version's numbering.
    meta = {"kind": "guidance", "document": seed.slug, "provisions": list(page.top), "title": title,
            "reviewed": {seed.slug: seed.versions[-1].label}, "draft": True}
    out = [front_matter(meta), "\n", f"# {md_text(title)}\n\n", NOTICE]
    for section in SECTIONS:
        out.append(f"## {section}\n\n")
        if section == "原文":
            out.extend(f"[[{cite(top)}]]\n\n" for top in page.top)
        elif section == "要点":
            for unit in units(seed, page):
                name = unit.marker if unit.kind == "article" else f"{unit.marker}{unit.label}"
                out.append(f"- {md_text(name)}（{'、'.join(cite(pid) for pid in covering(seed, unit))}）：{TO_WRITE}\n")
            out.append("\n")
        elif section == "相关":
            out.append(f"- [原文：{md_text(title)}]({source})\n\n")
        else:
            out.append(f"{TO_WRITE}\n\n")
    return "".join(out).rstrip("\n") + "\n"


def plan(corpus: Corpus, slug: str) -> dict[str, str]:
    """docs-relative path → Markdown of every draft page of a text."""
    seed = corpus.seeds[slug]
    return {f"{folder(slug)}/{page.key}.md": draft_page(corpus, seed, page) for page in seed.doc.pages()}


def _refuse(path: str, message: str, hint: str) -> DiagnosticError:
    return DiagnosticError([Diagnostic(path, 1, 1, "DRAFT_INPUT", message, hint)])


def write(root: Path, slug: str) -> list[Path]:
    """Write a text's draft guidance; returns the files written. Refuses (writing nothing) on bad input."""
    corpus = load_corpus(root / SEEDS_DIR)
    if slug not in corpus.seeds:
        raise _refuse(f"{SEEDS_DIR}/{slug}.txt", f"no policy named {slug!r}", "policies: " + ", ".join(corpus.seeds))
    pages = plan(corpus, slug)
    docs = root / DOCS_DIR
    taken = [rel for rel in pages if (docs / rel).exists()]
    if taken:
        raise _refuse(f"{DOCS_DIR}/{taken[0]}", f"{len(taken)} of the {len(pages)} draft pages of {slug} exist already",
                      "finish or remove them first; a draft is never written over a page someone may have begun")
    written = []
    try:
        for rel, text in pages.items():
            target = docs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(target)
    except OSError as exc:  # a full disk or a read-only tree: leave nothing half-written
        for path in written:
            path.unlink(missing_ok=True)
        raise _refuse(f"{DOCS_DIR}/{folder(slug)}", f"could not write the drafts: {exc}", "") from None
    return written
