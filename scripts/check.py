"""Check every cross-reference of the handbook: citations, links, anchors, front matter, coverage, nav.

Usage: python -m scripts.check [--format text|json|github] [--root DIR]

Three stages over typed records: collect (scripts.collect) → check (here) → report.
Prints `path:line:col: CODE message (hint: …)` per problem; exits 1 if any problem
is an error, 0 when clean. Severity per code comes from mkdocs.yml
(`extra.handbook.severity`), never from code. The build runs the same function
through a hook, so the build and this command print the same messages.
"""
from __future__ import annotations

import argparse
import difflib
import gc
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from scripts.collect import ITEM_ID_FORM, PageRecord, collect_docs, load_yaml_lenient
from scripts.corpus import Corpus, load_corpus
from scripts.diagnostics import FORMATS, Diagnostic, DiagnosticError, Severity, render
from scripts.render_source import check_pages, render_corpus
from scripts.safety import check_page as check_safety

# One line each; the contributors' page shows them with an example.
CODES = {
    "FRONT_MATTER_MISSING": "page has no YAML front matter",
    "FRONT_MATTER_YAML": "front matter is not valid YAML, not a mapping, uses anchors/aliases or has an outsized value",
    "KIND_MISSING": "front matter has no kind",
    "UNKNOWN_KIND": "kind is not one of the configured kinds",
    "PROVISIONS_INVALID": "front matter provisions is not a list of known provision IDs",
    "MALFORMED_CITATION": "a § that is not a well-formed citation (§2..5, § 2.5, §2.5.)",
    "UNKNOWN_DOCUMENT": "citation names a document that is not in seeds/",
    "UNKNOWN_PROVISION": "citation names a provision the document does not have",
    "LINK_MISSING_PAGE": "link to a page or file that does not exist",
    "LINK_MISSING_ANCHOR": "link to an anchor the target page does not have",
    "DUPLICATE_ANCHOR": "the same id is defined twice on one page",
    "NO_CITATION": "guidance, checklist or template page that cites nothing",
    "CHECKLIST_ITEM_NO_CITATION": "checklist item without a citation",
    "CHECKLIST_ITEM_ID": "checklist item without a well-formed, unique ID",
    "COVERAGE_GUIDANCE": "provision that no guidance page cites",
    "COVERAGE_CHECKLIST": "item that no checklist item cites",
    "COVERAGE_SENTENCE": "sentence that no guidance page cites",
    "NOT_IN_NAV": "page that the nav does not list",
    "NAV_MISSING_PAGE": "nav entry for a page that does not exist",
    "GENERATED_EDITED": "generated source page edited by hand or stale",
    "GENERATED_MISSING": "generated source page missing",
    "GENERATED_STRAY": "page under docs/source/ that no seed produces",
    "PAGE_ENCODING": "page is not UTF-8",
    "SEED_ENCODING": "seed is not UTF-8",
    "SEED_EMPTY": "seed holds no text",
    "NUMBER_GAP": "seed numbering skips a number",
    "NUMBER_REPEATED": "seed numbering repeats a number",
    "PART_NO_HEADING": "seed part without heading text",
    "CONFIG": "mkdocs.yml cannot be read",
    "UNSAFE_HTML": "raw HTML tag that is dangerous or not on the allow-list",
    "UNSAFE_ATTRIBUTE": "inline event handler (onclick= …) in raw HTML",
    "UNSAFE_URL": "javascript: (or similar) URL",
    "EXTERNAL_RESOURCE": "image or script loaded from another host",
    "UNSAFE_RENDERED": "built page with an event handler, script URL or non-theme script (scripts/html_safety.py)",
    "TRANSLATION_MISSING": "Chinese page (or source text) without an English translation",
    "TRANSLATION_STALE": "English page translating an older version of its Chinese page",
    "TRANSLATION_ORPHAN": "English page whose Chinese page does not exist",
    "TRANSLATION_ANCHORS": "English page lacking anchors its Chinese page has",
    "TRANSLATION_UNKNOWN_ID": "source translation keyed by an ID the text does not have",
    "TRANSLATION_YAML": "source translation file cannot be read",
}
# Codes that are not errors unless mkdocs.yml says so. A stale translation must not hold back a
# correction of the authoritative Chinese text (the English page then carries a notice, scripts/stale.py).
DEFAULT_SEVERITY = {"TRANSLATION_STALE": Severity.WARNING}
DEFAULT_KINDS = ["home", "overview", "guidance", "checklist", "template", "glossary", "source", "about"]


@dataclass(frozen=True)
class Reference:
    """One page citing one provision: the unit of backlinks, the matrix and provisions.json."""

    page: str
    kind: str
    title: str
    line: int
    item_id: str = ""


@dataclass
class Settings:
    kinds: list[str] = field(default_factory=lambda: list(DEFAULT_KINDS))
    citing_kinds: list[str] = field(default_factory=lambda: ["guidance", "checklist", "template"])
    severity: dict[str, Severity] = field(default_factory=dict)
    generated_pages: list[str] = field(default_factory=list)
    nav_pages: list[str] | None = None
    translations: list[str] = field(default_factory=list)
    allowed_html: list[str] | None = None

    def level(self, code: str) -> Severity:
        return self.severity.get(code, DEFAULT_SEVERITY.get(code, Severity.ERROR))


@dataclass
class Report:
    corpus: Corpus
    pages: dict[str, PageRecord]
    diags: list[Diagnostic]
    # (document slug, provision or sentence ID) → references
    cited_by: dict[tuple[str, str], list[Reference]]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diags if d.severity is Severity.ERROR]

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


def nav_pages(nav) -> list[str]:
    out: list[str] = []
    if isinstance(nav, str):
        if not nav.startswith(("http://", "https://")):
            out.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            out.extend(nav_pages(item))
    elif isinstance(nav, dict):
        for value in nav.values():
            out.extend(nav_pages(value))
    return out


def load_settings(config_path: Path) -> tuple[Settings, list[Diagnostic]]:
    settings = Settings()
    if not config_path.exists():
        return settings, []
    try:
        config = load_yaml_lenient(config_path.read_text(encoding="utf-8")) or {}
    except Exception as exc:  # any YAML problem is reported, never raised
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return settings, [Diagnostic(str(config_path), line, col, "CONFIG", f"cannot read: {exc}")]
    handbook = ((config.get("extra") or {}).get("handbook") or {})
    settings.kinds = list(handbook.get("kinds") or DEFAULT_KINDS)
    settings.citing_kinds = list(handbook.get("citing_kinds") or settings.citing_kinds)
    settings.generated_pages = list(handbook.get("generated_pages") or [])
    settings.translations = list(handbook.get("translations") or [])
    if handbook.get("allowed_html") is not None:
        settings.allowed_html = [str(t) for t in handbook["allowed_html"]]
    diags = []
    for code, level in (handbook.get("severity") or {}).items():
        value = "off" if level is False else str(level)
        try:
            settings.severity[code] = Severity(value)
        except ValueError:
            diags.append(Diagnostic(str(config_path), 1, 1, "CONFIG",
                                    f"severity of {code} must be error, warning or off, not {level!r}"))
    if "nav" in config:
        settings.nav_pages = nav_pages(config["nav"])
    return settings, diags


def _near(wanted: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(wanted, candidates, n=1, cutoff=0.6)
    return close[0] if close else ""


def check(pages: dict[str, PageRecord], corpus: Corpus, settings: Settings,
          generated: dict[str, str] | None = None, docs_dir: Path | None = None,
          root: Path | None = None) -> Report:
    diags: list[Diagnostic] = []
    cited_by: dict[tuple[str, str], list[Reference]] = {}
    all_pages = set(pages) | set(settings.generated_pages)
    all_pages |= {p[:-3] + ".en.md" for p in settings.generated_pages}

    def add(rec_or_path, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        level = settings.level(code)
        if level is Severity.OFF:
            return
        shown = rec_or_path.shown if isinstance(rec_or_path, PageRecord) else rec_or_path
        diags.append(Diagnostic(shown, line, col, code, message, hint, level))

    for rec in pages.values():
        for d in rec.diags:
            add(rec, d.line, d.col, d.code, d.message, d.hint)
        if rec.meta_ok:
            if not rec.kind:
                add(rec, 1, 1, "KIND_MISSING", "front matter has no kind",
                    f"add kind: one of {', '.join(settings.kinds)}")
            elif rec.kind not in settings.kinds:
                near = _near(rec.kind, settings.kinds)
                add(rec, 2, 1, "UNKNOWN_KIND", f"unknown kind {rec.kind!r}",
                    f"did you mean {near}?" if near else f"one of {', '.join(settings.kinds)}")
            fm = rec.meta.get("provisions", [])
            if fm is not None and not isinstance(fm, list):
                add(rec, 2, 1, "PROVISIONS_INVALID", "provisions must be a list such as [\"2.5\"]")
            else:
                for pid in rec.provisions:
                    slug, _, bare = pid.rpartition(":")
                    seed = corpus.resolve(slug)
                    if seed is None or seed.doc.get(bare) is None:
                        near = _near(bare, seed.doc.all_ids()) if seed else ""
                        add(rec, 2, 1, "PROVISIONS_INVALID", f"front matter names unknown provision {pid!r}",
                            f"did you mean {near}?" if near else "")
        for bad in rec.malformed:
            add(rec, bad.line, bad.col, "MALFORMED_CITATION", f"malformed citation {bad.raw.strip()!r}",
                "write §2.5 (item) or §2.5.3 (sentence), no space after §, no trailing '.'")
        item_of_task = {}
        for task in rec.tasks:
            for c in task.citations:
                item_of_task[c.start] = task.item_id
        # Asked once per page, not once per citation (a 100x handbook has 80 000 citations).
        kind, title = rec.kind, rec.title
        records_refs = kind != "source" and not rec.path.endswith(".en.md")
        for cit in rec.citations:
            seed = corpus.resolve(cit.doc)
            if seed is None:
                near = _near(cit.doc, list(corpus.seeds))
                add(rec, cit.line, cit.col, "UNKNOWN_DOCUMENT", f"{cit.raw}: no document {cit.doc!r} in seeds/",
                    f"did you mean §{near}:{cit.id}?" if near else f"documents: {', '.join(corpus.seeds)}")
                continue
            if seed.doc.get(cit.id) is None:
                near = _near(cit.id, seed.doc.all_ids())
                prefix = f"{cit.doc}:" if cit.doc else ""
                add(rec, cit.line, cit.col, "UNKNOWN_PROVISION",
                    f"{cit.raw}: {seed.slug} has no provision {cit.id}",
                    f"did you mean §{prefix}{near}?" if near else "")
                continue
            if records_refs:
                cited_by.setdefault((seed.slug, cit.id), []).append(
                    Reference(rec.path, kind, title, cit.line, item_of_task.get(cit.start, "")))
        # Links and anchors.
        for link in rec.links:
            if link.external:
                continue
            target = link.page or rec.path
            if link.page and link.page not in all_pages:
                if link.page.endswith(".md") or not (docs_dir and (docs_dir / link.page).exists()):
                    if not _generated_asset(link.page, settings):
                        near = _near(link.page, sorted(all_pages))
                        add(rec, link.line, link.col, "LINK_MISSING_PAGE", f"link to missing page {link.target!r}",
                            f"did you mean {near}?" if near else "")
                continue
            if link.anchor and target in pages:
                anchors = pages[target].anchors
                if link.anchor not in anchors:
                    near = _near(link.anchor, list(anchors))
                    add(rec, link.line, link.col, "LINK_MISSING_ANCHOR",
                        f"link {link.target!r}: {target} has no anchor #{link.anchor}",
                        f"did you mean #{near}?" if near else "")
        _check_duplicate_ids(rec, add)
        if rec.kind != "source":  # generated source pages are checked against the splitter instead
            for d in check_safety(rec, settings.allowed_html):
                add(rec, d.line, d.col, d.code, d.message, d.hint)
        if rec.kind in settings.citing_kinds and not rec.citations:
            add(rec, 1, 1, "NO_CITATION", f"{rec.kind} page cites no provision",
                "cite what the page implements, e.g. （§2.5.3）")
        if rec.kind == "checklist":
            _check_tasks(rec, add)
    _check_coverage(corpus, cited_by, add, root)
    if settings.nav_pages is not None:
        listed = set(settings.nav_pages)
        for rel, rec in pages.items():
            if rel not in listed and not rel.endswith(".en.md") and rec.kind != "snippet":
                add(rec, 1, 1, "NOT_IN_NAV", f"{rel} is not in the nav of mkdocs.yml", "add it under nav:")
        for rel in settings.nav_pages:
            if rel not in all_pages:
                add("mkdocs.yml", 1, 1, "NAV_MISSING_PAGE", f"nav lists {rel}, which does not exist")
    if generated is not None and docs_dir is not None:
        for d in check_pages(docs_dir, generated):
            add(d.path, d.line, d.col, d.code, d.message, d.hint)
    if settings.translations and docs_dir is not None:
        from scripts.translate import check_translations

        for d in check_translations(pages, docs_dir, corpus):
            add(_shown(Path(d.path), root) if d.path.startswith("/") else d.path, d.line, d.col, d.code,
                d.message, d.hint)
    return Report(corpus, pages, sorted(set(diags)), cited_by)


def _generated_asset(path: str, settings: Settings) -> bool:
    """Downloads made by the build (PDF, .docx) do not exist in docs/ before it runs."""
    return path.startswith("downloads/")


def _check_duplicate_ids(rec: PageRecord, add) -> None:
    for line, col, ident, first in rec.duplicate_ids:
        add(rec, line, col, "DUPLICATE_ANCHOR", f"id {ident!r} is defined twice (first on line {first})")


def _check_tasks(rec: PageRecord, add) -> None:
    seen: dict[str, int] = {}
    for task in rec.tasks:
        if not task.item_id:
            add(rec, task.line, task.col, "CHECKLIST_ITEM_ID", "checklist item has no ID",
                "start the item with its ID, e.g. - [ ] [2.5-03] …")
        elif not ITEM_ID_FORM.match(task.item_id):
            add(rec, task.line, task.col, "CHECKLIST_ITEM_ID", f"malformed item ID [{task.item_id}]",
                "write [<item>-<two digits>], e.g. [2.5-03]")
        elif task.item_id in seen:
            add(rec, task.line, task.col, "CHECKLIST_ITEM_ID",
                f"item ID [{task.item_id}] is used twice (first on line {seen[task.item_id]})",
                "IDs are never reused: give the new item the next free number")
        else:
            seen[task.item_id] = task.line
        if not task.citations:
            add(rec, task.line, task.col, "CHECKLIST_ITEM_NO_CITATION", "checklist item cites no provision",
                "end the item with the sentence it implements, e.g. （§2.5.3）")


def _shown(path: Path, root: Path | None) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix() if root else path.as_posix()
    except ValueError:
        return path.as_posix()


def _check_coverage(corpus: Corpus, cited_by, add, root: Path | None) -> None:
    def kinds_citing(slug: str, ids: list[str]) -> set[str]:
        return {ref.kind for i in ids for ref in cited_by.get((slug, i), [])}

    def checklist_item_refs(slug: str, ids: list[str]) -> bool:
        return any(ref.kind == "checklist" and ref.item_id for i in ids for ref in cited_by.get((slug, i), []))

    for seed in corpus.seeds.values():
        src = _shown(seed.path, root)
        for prov in seed.doc.provisions.values():
            if prov.kind == "part" or not prov.sentences:
                continue
            ids = [prov.id] + [s.id for s in prov.sentences]
            if "guidance" not in kinds_citing(seed.slug, ids):
                add(src, prov.line, prov.col, "COVERAGE_GUIDANCE", f"no guidance page cites §{prov.id}",
                    "cite it (or its sentences) from the guidance page for this item")
            if prov.kind == "item" and not checklist_item_refs(seed.slug, ids):
                add(src, prov.line, prov.col, "COVERAGE_CHECKLIST", f"no checklist item cites §{prov.id}",
                    "add a checklist item citing one of its sentences")
            for s in prov.sentences:
                if "guidance" not in kinds_citing(seed.slug, [s.id]):
                    add(src, s.line, s.col, "COVERAGE_SENTENCE", f"no guidance page cites sentence §{s.id}")


CACHE = Path(".cache") / "handbook" / "check-records.pickle"


def run(root: Path, cache: bool = False) -> Report:
    """Collect and check a handbook rooted at `root` (with docs/, seeds/, mkdocs.yml).

    With `cache`, page records of unchanged pages come from root/.cache/handbook/ (the
    checks themselves always run in full)."""
    settings, config_diags = load_settings(root / "mkdocs.yml")
    corpus = load_corpus(root / "seeds")
    docs_dir = root / "docs"
    pages = collect_docs(docs_dir, cache=root / CACHE if cache else None)
    report = check(pages, corpus, settings, render_corpus(corpus), docs_dir, root)
    report.diags = sorted(set(report.diags + config_diags))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("--root", default=".", help="the handbook repository (default: .)")
    parser.add_argument("--no-cache", action="store_true",
                        help=f"read every page afresh (default: reuse records of unchanged pages from {CACHE})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    # The records are ~10 objects per citation and link and hold no cycles worth collecting in a
    # run of seconds; the cyclic collector walking them again and again cost a third of the time.
    gc.disable()
    try:
        report = run(Path(args.root), cache=not args.no_cache)
    except DiagnosticError as exc:
        sys.stdout.write(render(exc.diags, args.format))
        return 1
    sys.stdout.write(render(report.diags, args.format))
    errors = len(report.errors)
    warnings = len(report.diags) - errors
    sys.stderr.write(f"checked {len(report.pages)} pages in {time.perf_counter() - started:.2f}s: "
                     f"{errors} errors, {warnings} warnings\n")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
