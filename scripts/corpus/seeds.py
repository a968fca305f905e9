"""The seeds of a handbook: every policy text in seeds/ with its metadata and provisions.

Each `seeds/<slug>.txt` is one document; `seeds/<slug>.yml` beside it holds what is known of it.
A bare citation (`§2.5`) means the document of the page it stands on: the page's front matter
`document: <slug>`, else the handbook's default document (the one whose metadata says
`default: true`, or the only one). Any page cites any document as `§<slug>:2.5`.

Per-document settings in `seeds/<slug>.yml`: `coverage: warning` makes the document's coverage
gaps (and a missing English translation of its text) warnings instead of errors, for a policy
that was just added and has no guidance yet; `coverage: error` (the default) makes them errors.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.core.diagnostics import Diagnostic, DiagnosticError, Severity
from scripts.core.paths import SOURCE_DIR
from scripts.core.yamlio import load_yaml
from scripts.corpus.renames import Rename, load as load_renames
from scripts.corpus.split import Document, split_cache_file, split_file
from scripts.corpus.versions import Version, document_of, load_versions

@dataclass
class Seed:
    slug: str
    path: Path
    meta: dict
    doc: Document
    versions: list[Version] = field(default_factory=list)  # oldest first; the last is the current text
    renames: list[Rename] = field(default_factory=list)  # terms its versions renamed (scripts/corpus/renames.py)

    def page_of(self, pid: str) -> str:
        """docs-relative path of the source page that shows a provision or sentence."""
        return f"{SOURCE_DIR}/{self.slug}/{self.doc.page_of(pid)}.md"

    def page_paths(self) -> list[str]:
        """Every source page of the document, index first (docs-relative)."""
        return [self.index_page] + [f"{SOURCE_DIR}/{self.slug}/{p.key}.md" for p in self.doc.pages()]

    def version(self, label: str) -> Version | None:
        return next((v for v in self.versions if v.label == label), None)

    def doc_at(self, label: str) -> Document | None:
        """The text of a version (`""`: the current one); None when the policy has no such version."""
        if not label or label == self.versions[-1].label:
            return self.doc
        version = self.version(label)
        return document_of(version) if version is not None else None

    def page_at(self, label: str, pid: str) -> str:
        """docs-relative path of the page showing a provision in a version (an earlier one: source/<slug>/v1/…)."""
        if not label or label == self.versions[-1].label:
            return self.page_of(pid)
        return f"{SOURCE_DIR}/{self.slug}/{label}/{self.doc_at(label).page_of(pid)}.md"

    @property
    def index_page(self) -> str:
        return f"{SOURCE_DIR}/{self.slug}/index.md"

    @property
    def short_title(self) -> str:
        """How pages name the document when they cite more than one: 《short_title》 from its metadata."""
        return str(self.meta.get("short_title") or self.doc.title or self.slug)

    @property
    def coverage(self) -> Severity:
        """How gaps in this document's coverage are reported (`coverage:` in its metadata)."""
        value = str(self.meta.get("coverage", "error"))
        return Severity.WARNING if value in ("warning", "warn") else Severity.ERROR


@dataclass
class Corpus:
    seeds: dict[str, Seed] = field(default_factory=dict)
    default_slug: str = ""

    @property
    def default(self) -> Seed:
        return self.seeds[self.default_slug] if self.default_slug else next(iter(self.seeds.values()))

    def resolve(self, slug: str | None, page_doc: str | None = None) -> Seed | None:
        """The document a citation names: its slug, else the page's document, else the default."""
        if slug:
            return self.seeds.get(slug)
        if page_doc and page_doc in self.seeds:
            return self.seeds[page_doc]
        return self.default

    def cite_form(self, slug: str, pid: str, page_doc: str | None = None) -> str:
        """The citation a reviewer writes for a provision, from a page of `page_doc`."""
        here = page_doc if page_doc in self.seeds else self.default.slug
        return f"§{pid}" if slug == here else f"§{slug}:{pid}"


def load_meta(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DiagnosticError([Diagnostic(str(path), line, col, "SEED_META", f"bad YAML: {getattr(exc, 'problem', exc)}")]) from None
    if not isinstance(data, dict):
        raise DiagnosticError([Diagnostic(str(path), 1, 1, "SEED_META", "metadata must be a mapping")])
    return data


def load_corpus(seeds_dir: Path | str, cache: Path | None = None) -> Corpus:
    """Every policy text of seeds/, split (with `cache`, a folder: read back when split before; see split_file)."""
    seeds_dir = Path(seeds_dir)
    corpus = Corpus()
    diags: list[Diagnostic] = []
    paths = sorted(seeds_dir.glob("*.txt"))
    if not paths:
        raise DiagnosticError([Diagnostic(str(seeds_dir), 1, 1, "SEED_MISSING", "no *.txt policy text in seeds/")])
    for path in paths:
        try:
            doc = split_file(path, path.stem, cache)
            meta = load_meta(path.with_suffix(".yml"))
            versions = load_versions(seeds_dir, path.stem, meta, doc)
            renames = load_renames(seeds_dir, path.stem, [v.label for v in versions])
            corpus.seeds[path.stem] = Seed(path.stem, path, meta, doc, versions, renames)
        except DiagnosticError as exc:
            diags.extend(exc.diags)
    if diags:
        raise DiagnosticError(diags)
    if cache is not None and cache.is_dir():  # a text taken out of seeds/ leaves no file behind
        kept = {split_cache_file(cache, path, path.stem) for path in paths}
        for stale in set(cache.glob("*.pickle")) - kept:
            stale.unlink(missing_ok=True)
    defaults = [slug for slug, seed in corpus.seeds.items() if seed.meta.get("default") is True]
    if len(defaults) > 1 or (len(corpus.seeds) > 1 and not defaults):
        where = corpus.seeds[defaults[1]].path.with_suffix(".yml") if len(defaults) > 1 else seeds_dir
        raise DiagnosticError([Diagnostic(str(where), 1, 1, "SEED_DEFAULT",
                                          f"{len(corpus.seeds)} policies and {len(defaults)} marked default: true",
                                          "exactly one seeds/<slug>.yml says default: true; bare citations "
                                          "(§2.5) on pages without document: mean that policy")])
    corpus.default_slug = defaults[0] if defaults else next(iter(corpus.seeds))
    return corpus
