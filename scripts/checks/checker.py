"""Check every cross-reference of the handbook: citations, links, anchors, front matter, coverage, nav.

The middle of the checker's three stages over typed records: collect (scripts/pages/collect.py)
→ check (here) → report (scripts/check.py, the command, and the build, through
scripts/render/analysis.py). Each check is a function of one page or of the whole handbook,
listed in PAGE_CHECKS and HANDBOOK_CHECKS; every diagnostic passes through `Context.add`, which
applies its configured severity (mkdocs.yml `extra.handbook.severity`, never code).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from scripts.checks.quotes import check_quotations
from scripts.checks.renamed import check_renamed
from scripts.checks.revisions import check_revisions, cited_seeds, id_now
from scripts.checks.safety import check_page as check_safety
from scripts.checks.synonyms import check_synonyms, searched_text
from scripts.checks.terms import check_terms
from scripts.checks.translations import check_translations
from scripts.core.config import Settings, near as _near
from scripts.core.diagnostics import Diagnostic, Severity, errors_in
from scripts.core.ids import ITEM_ID_FORM
from scripts.core.paths import SUFFIX, is_download
from scripts.corpus.references import resolve, title_index
from scripts.corpus.seeds import Corpus
from scripts.corpus.synonyms import load_synonyms, table_path
from scripts.pages.collect import PageRecord, block_name

# A named tuple, not a frozen dataclass: a 100x handbook makes 80,000 of them on every check, and a frozen
# dataclass sets each field through object.__setattr__ (index_citations 0.10 -> 0.07 s).
class Reference(NamedTuple):
    """One page citing one provision: the unit of backlinks, the matrix and provisions.json."""

    page: str
    kind: str
    title: str
    line: int
    item_id: str = ""


@dataclass
class Report:
    corpus: Corpus
    pages: dict[str, PageRecord]
    diags: list[Diagnostic]
    # (document slug, provision or sentence ID) → references
    cited_by: dict[tuple[str, str], list[Reference]]

    @property
    def errors(self) -> list[Diagnostic]:
        return errors_in(self.diags)

    def references(self, slug: str, pid: str, deep: bool = True) -> list[Reference]:
        """Pages citing a provision, its sentences and (deep) its descendants."""
        seed = self.corpus.seeds[slug]
        ids = [pid]
        node = seed.doc.provisions.get(pid)
        if node is not None:
            ids += [s.id for s in node.sentences]
            if deep:
                for d in seed.doc.descendants(pid):
                    ids.append(d.id)
                    ids += [s.id for s in d.sentences]
        out: list[Reference] = []
        for i in ids:
            out.extend(self.cited_by.get((slug, i), []))
        return out


@dataclass
class Context:
    """What every check reads, and `add`, through which every diagnostic passes its severity setting."""

    pages: dict[str, PageRecord]
    corpus: Corpus
    settings: Settings
    cited_by: dict[tuple[str, str], list[Reference]]
    blocks: frozenset[str] = frozenset()  # names an `[[name]]` line may use (the build writes those blocks)
    docs_dir: Path | None = None
    root: Path | None = None
    diags: list[Diagnostic] = field(default_factory=list)

    @functools.cached_property
    def all_pages(self) -> set[str]:
        """Every page a link may name (asked for every link: made once)."""
        generated = set(self.settings.generated_pages)
        return set(self.pages) | generated | {p[:-3] + SUFFIX for p in generated}

    def add(self, where, line: int, col: int, code: str, message: str, hint: str = "",
            floor: Severity | None = None) -> None:
        """`floor`: a per-policy setting that may soften an error (coverage of a policy just added)."""
        level = self.settings.level(code)
        if level is Severity.OFF:
            return
        if floor is Severity.WARNING and level is Severity.ERROR:
            level = Severity.WARNING
        shown = where.shown if isinstance(where, PageRecord) else where
        self.diags.append(Diagnostic(shown, line, col, code, message, hint, level))


def index_citations(pages: dict[str, PageRecord], corpus: Corpus) -> dict[tuple[str, str], list[Reference]]:
    """Which pages cite which provisions: the records backlinks, the matrix, coverage and provisions.json read.

    Only citations that resolve count; the checker reports the rest. English pages and source pages
    cite nothing of their own (they repeat their Chinese page, or are the text); a draft is not
    published, so nothing it cites counts as covered (nor is linked back to it) until it is a page."""
    cited_by: dict[tuple[str, str], list[Reference]] = {}
    for rec in pages.values():
        if rec.kind == "source" or rec.path.endswith(SUFFIX) or rec.draft:
            continue
        item_of = {c.start: task.item_id for task in rec.tasks for c in task.citations}
        kind, title = rec.kind, rec.title  # asked once per page: a 100x handbook has 80 000 citations
        seed_of = cited_seeds(rec, corpus)
        for cit in rec.citations:
            if cit.version:  # an earlier text cited on purpose implements nothing of the current one
                continue
            seed, label = seed_of(cit.doc)
            if seed is None:
                continue
            # A page checked against an earlier version cites in that version's numbering.
            pid = cit.id if label is None else id_now(seed, label, cit.id)
            if pid is None or (pid not in seed.doc.provisions and pid not in seed.doc.sentences):
                continue
            cited_by.setdefault((seed.slug, pid), []).append(
                Reference(rec.path, kind, title, cit.line, item_of.get(cit.start, "")))
    return cited_by


def check_page_diags(ctx: Context, rec: PageRecord) -> None:
    """What collect found wrong while reading the page (front matter, encoding)."""
    for d in rec.diags:
        ctx.add(rec, d.line, d.col, d.code, d.message, d.hint)


def check_front_matter(ctx: Context, rec: PageRecord) -> None:
    if not rec.meta_ok:
        return
    kinds = ctx.settings.kinds
    if not rec.kind:
        ctx.add(rec, 1, 1, "KIND_MISSING", "front matter has no kind", f"add kind: one of {', '.join(kinds)}")
    elif rec.kind not in kinds:
        near = _near(rec.kind, kinds)
        ctx.add(rec, 2, 1, "UNKNOWN_KIND", f"unknown kind {rec.kind!r}",
                f"did you mean {near}?" if near else f"one of {', '.join(kinds)}")
    if rec.document and rec.document not in ctx.corpus.seeds:
        near = _near(rec.document, list(ctx.corpus.seeds))
        ctx.add(rec, 2, 1, "UNKNOWN_DOCUMENT", f"front matter document: {rec.document!r} is not in seeds/",
                f"did you mean {near}?" if near else f"documents: {', '.join(ctx.corpus.seeds)}")
    fm = rec.meta.get("provisions", [])
    if fm is not None and not isinstance(fm, list):
        ctx.add(rec, 2, 1, "PROVISIONS_INVALID", "provisions must be a list such as [\"2.5\"]")
        return
    for pid in rec.provisions:
        slug, _, bare = pid.rpartition(":")
        seed = ctx.corpus.resolve(slug, rec.document)
        if seed is None or seed.doc.get(bare) is None:
            near = _near(bare, seed.doc.all_ids()) if seed else ""
            ctx.add(rec, 2, 1, "PROVISIONS_INVALID", f"front matter names unknown provision {pid!r}",
                    f"did you mean {near}?" if near else "")


def check_citations(ctx: Context, rec: PageRecord) -> None:
    for bad in rec.malformed:
        ctx.add(rec, bad.line, bad.col, "MALFORMED_CITATION", f"malformed citation {bad.raw.strip()!r}",
                "write §2.5 (item) or §2.5.3 (sentence), no space after §, no trailing '.'")
    corpus = ctx.corpus
    seed_of = cited_seeds(rec, corpus)
    for cit in rec.citations:
        seed, label = seed_of(cit.doc)
        if seed is not None and cit.version:
            check_version_citation(ctx, rec, cit, seed)
            continue
        if label:
            continue  # read in the version the page was checked against: check_revision reports it
        if seed is None:
            near = _near(cit.doc, list(corpus.seeds))
            ctx.add(rec, cit.line, cit.col, "UNKNOWN_DOCUMENT", f"{cit.raw}: no document {cit.doc!r} in seeds/",
                    f"did you mean §{near}:{cit.id}?" if near else f"documents: {', '.join(corpus.seeds)}")
        elif seed.doc.get(cit.id) is None:
            near = _near(cit.id, seed.doc.all_ids())
            prefix = f"{cit.doc}:" if cit.doc else ""
            ctx.add(rec, cit.line, cit.col, "UNKNOWN_PROVISION", f"{cit.raw}: {seed.slug} has no provision {cit.id}",
                    f"did you mean §{prefix}{near}?" if near else "")


def check_version_citation(ctx: Context, rec: PageRecord, cit, seed) -> None:
    """`§slug@v1:12`: the version must exist and have the provision; it is read in that version's numbering."""
    doc = seed.doc_at(cit.version)
    labels = [v.label for v in seed.versions]
    if doc is None:
        ctx.add(rec, cit.line, cit.col, "UNKNOWN_VERSION", f"{cit.raw}: {seed.slug} has no version {cit.version}",
                f"versions: {', '.join(labels)}" + ("" if len(labels) > 1 else " (it has never been revised)"))
    elif doc.get(cit.id) is None:
        near = _near(cit.id, doc.all_ids())
        ctx.add(rec, cit.line, cit.col, "UNKNOWN_PROVISION",
                f"{cit.raw}: {seed.slug} {cit.version} has no provision {cit.id}",
                f"did you mean §{seed.slug}@{cit.version}:{near}?" if near else "")


def check_blocks(ctx: Context, rec: PageRecord) -> None:
    """An `[[…]]` line must embed citations or name a block the build writes (scripts/render/cite.py BLOCKS)."""
    blocks = sorted(ctx.blocks)
    for emb in rec.embeds:
        if emb.citations:
            continue
        name = block_name(rec, emb.start, emb.end)
        if name not in ctx.blocks:
            near = _near(name, blocks)
            ctx.add(rec, emb.line, emb.col, "UNKNOWN_BLOCK", f"[[{name}]] cites nothing and names no block",
                    f"did you mean [[{near}]]?" if near else "embed citations ([[§2.5]]) or one of: "
                    + ", ".join(f"[[{b}]]" for b in blocks))


def check_links(ctx: Context, rec: PageRecord) -> None:
    all_pages = ctx.all_pages
    for link in rec.links:
        if link.external:
            continue
        target = link.page or rec.path
        if link.page and link.page not in all_pages:
            if link.page.endswith(".md") or not (ctx.docs_dir and (ctx.docs_dir / link.page).exists()):
                if not is_download(link.page):
                    near = _near(link.page, sorted(all_pages))
                    ctx.add(rec, link.line, link.col, "LINK_MISSING_PAGE", f"link to missing page {link.target!r}",
                            f"did you mean {near}?" if near else "")
            continue
        if link.page in ctx.pages and ctx.pages[link.page].draft and not rec.draft:
            ctx.add(rec, link.line, link.col, "LINK_TO_DRAFT", f"link {link.target!r}: {link.page} is a draft, "
                    "which the site does not publish", "link to it once it is a page (remove draft: true)")
            continue
        if link.anchor and target in ctx.pages:
            anchors = ctx.pages[target].anchors
            if link.anchor not in anchors:
                near = _near(link.anchor, list(anchors))
                ctx.add(rec, link.line, link.col, "LINK_MISSING_ANCHOR",
                        f"link {link.target!r}: {target} has no anchor #{link.anchor}",
                        f"did you mean #{near}?" if near else "")


def check_duplicate_ids(ctx: Context, rec: PageRecord) -> None:
    for line, col, ident, first in rec.duplicate_ids:
        ctx.add(rec, line, col, "DUPLICATE_ANCHOR", f"id {ident!r} is defined twice (first on line {first})")


def check_page_safety(ctx: Context, rec: PageRecord) -> None:
    if rec.kind != "source":  # generated source pages are checked against the splitter instead
        for d in check_safety(rec, ctx.settings.allowed_html):
            ctx.add(rec, d.line, d.col, d.code, d.message, d.hint)


def check_citing_page(ctx: Context, rec: PageRecord) -> None:
    if rec.kind in ctx.settings.citing_kinds and not rec.citations:
        ctx.add(rec, 1, 1, "NO_CITATION", f"{rec.kind} page cites no provision",
                "cite what the page implements, e.g. （§2.5.3）")


def check_checklist(ctx: Context, rec: PageRecord) -> None:
    if rec.kind != "checklist":
        return
    seen: dict[str, int] = {}
    for task in rec.tasks:
        if not task.item_id:
            ctx.add(rec, task.line, task.col, "CHECKLIST_ITEM_ID", "checklist item has no ID",
                    "start the item with its ID, e.g. - [ ] [2.5-03] …")
        elif not ITEM_ID_FORM.match(task.item_id):
            ctx.add(rec, task.line, task.col, "CHECKLIST_ITEM_ID", f"malformed item ID [{task.item_id}]",
                    "write [<item>-<two digits>], e.g. [2.5-03]")
        elif task.item_id in seen:
            ctx.add(rec, task.line, task.col, "CHECKLIST_ITEM_ID",
                    f"item ID [{task.item_id}] is used twice (first on line {seen[task.item_id]})",
                    "IDs are never reused: give the new item the next free number")
        else:
            seen[task.item_id] = task.line
        if not task.citations:
            ctx.add(rec, task.line, task.col, "CHECKLIST_ITEM_NO_CITATION", "checklist item cites no provision",
                    "end the item with the sentence it implements, e.g. （§2.5.3）")


# Checks of one page at a time, in this order; then the checks of the whole handbook.
PAGE_CHECKS = [check_page_diags, check_front_matter, check_citations, check_blocks, check_links, check_duplicate_ids,
               check_page_safety, check_citing_page, check_checklist]


def check_coverage(ctx: Context) -> None:
    cited_by = ctx.cited_by
    guided = {key for key, refs in cited_by.items() if any(ref.kind == "guidance" for ref in refs)}

    def cited_by_guidance(slug: str, ids: list[str]) -> bool:
        return any((slug, i) in guided for i in ids)

    def checklist_item_refs(slug: str, ids: list[str]) -> bool:
        return any(ref.kind == "checklist" and ref.item_id for i in ids for ref in cited_by.get((slug, i), []))

    for seed in ctx.corpus.seeds.values():
        src = _shown(seed.path, ctx.root)
        floor = seed.coverage
        for prov in seed.doc.provisions.values():
            if not prov.sentences:
                continue
            ids = [prov.id] + [s.id for s in prov.sentences]
            cite = ctx.corpus.cite_form(seed.slug, prov.id)
            if not cited_by_guidance(seed.slug, ids):
                ctx.add(src, prov.line, prov.col, "COVERAGE_GUIDANCE", f"no guidance page cites {cite}",
                        "cite it (or its sentences) from the guidance page for this item", floor)
            if prov.kind == "item" and not checklist_item_refs(seed.slug, ids):
                ctx.add(src, prov.line, prov.col, "COVERAGE_CHECKLIST", f"no checklist item cites {cite}",
                        "add a checklist item citing one of its sentences", floor)
            for s in prov.sentences:
                if not cited_by_guidance(seed.slug, [s.id]):
                    ctx.add(src, s.line, s.col, "COVERAGE_SENTENCE",
                            f"no guidance page cites sentence {ctx.corpus.cite_form(seed.slug, s.id)}", "", floor)


def check_nav(ctx: Context) -> None:
    if ctx.settings.nav_pages is None:
        return
    listed = set(ctx.settings.nav_pages)
    for rel, rec in ctx.pages.items():
        if rel not in listed and not rel.endswith(SUFFIX) and rec.kind != "snippet" and not rec.draft:
            ctx.add(rec, 1, 1, "NOT_IN_NAV", f"{rel} is not in the nav of mkdocs.yml", "add it under nav:")
    for rel in ctx.settings.nav_pages:
        if rel not in ctx.all_pages:
            ctx.add("mkdocs.yml", 1, 1, "NAV_MISSING_PAGE", f"nav lists {rel}, which does not exist")


def check_translation(ctx: Context) -> None:
    if not ctx.settings.translations or ctx.docs_dir is None:
        return
    for d in check_translations(ctx.pages, ctx.docs_dir, ctx.corpus):
        seed = next((s for s in ctx.corpus.seeds.values() if d.path.endswith(s.path.with_suffix(".en.yml").name)), None)
        floor = seed.coverage if seed is not None and d.code == "TRANSLATION_MISSING" else None
        ctx.add(_shown(Path(d.path), ctx.root) if d.path.startswith("/") else d.path, d.line, d.col, d.code,
                d.message, d.hint, floor)


def check_quotes(ctx: Context) -> None:
    for d in check_quotations(ctx.pages, ctx.corpus):
        ctx.add(d.path, d.line, d.col, d.code, d.message, d.hint)


def check_term_renderings(ctx: Context) -> None:
    for d in check_terms(ctx.pages, ctx.corpus):
        ctx.add(d.path, d.line, d.col, d.code, d.message, d.hint)


def check_revision(ctx: Context) -> None:
    """Citations that a newer version of their policy moved, changed or removed (scripts/review.py)."""
    for d in check_revisions(ctx.pages, ctx.corpus):
        ctx.add(d.path, d.line, d.col, d.code, d.message, d.hint)


def check_term_renamed(ctx: Context) -> None:
    """Former names a new version replaced throughout, still used on a page (seeds/versions/<slug>/renames.yml)."""
    for d in check_renamed(ctx.pages, ctx.corpus):
        ctx.add(d.path, d.line, d.col, d.code, d.message, d.hint)


def check_references(ctx: Context) -> None:
    """A reference inside a text (本法第九十九条) to a provision that does not exist, at its place in the seed.

    An excerpt lacks what lies outside it: a reference to such an article of it is no error, and stays text."""
    index = title_index(ctx.corpus)
    for slug, seed in ctx.corpus.seeds.items():
        for r in resolve(ctx.corpus, slug, index):
            target = ctx.corpus.seeds[r.slug]
            if r.exists or target.doc.excerpt:
                continue
            name = "this text" if r.slug == slug else f"《{target.doc.title}》"
            ctx.add(_shown(seed.path, ctx.root), r.ref.line, r.ref.col, "REFERENCE_UNKNOWN",
                    f"{r.ref.text}: {name} has no such provision ({r.target})",
                    "the text stays as written (a typing error in the source is quoted as it is); it is shown "
                    "without a link")



def check_synonym_table(ctx: Context) -> None:
    """The search synonym table: well formed, and every entry finds something (scripts/corpus/synonyms.py)."""
    if ctx.root is None:
        return
    path = table_path(ctx.root, ctx.settings.synonyms)
    shown = _shown(path, ctx.root)
    entries, diags = load_synonyms(path, shown, required=ctx.settings.synonyms is not None)
    if entries:
        diags += check_synonyms(entries, searched_text(ctx.pages), shown)
    for d in diags:
        ctx.add(d.path, d.line, d.col, d.code, d.message, d.hint)


HANDBOOK_CHECKS = [check_coverage, check_references, check_nav, check_translation, check_quotes, check_term_renderings,
                   check_revision, check_term_renamed, check_synonym_table]


def check(pages: dict[str, PageRecord], corpus: Corpus, settings: Settings,
          docs_dir: Path | None = None, root: Path | None = None, blocks=frozenset()) -> Report:
    ctx = Context(pages, corpus, settings, index_citations(pages, corpus), frozenset(blocks), docs_dir, root)
    for rec in pages.values():
        for page_check in PAGE_CHECKS:
            page_check(ctx, rec)
    for handbook_check in HANDBOOK_CHECKS:
        handbook_check(ctx)
    return Report(corpus, pages, sorted(set(ctx.diags)), ctx.cited_by)


def _shown(path: Path, root: Path | None) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix() if root else path.as_posix()
    except ValueError:
        return path.as_posix()
