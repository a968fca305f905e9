"""Everything a build knows about the handbook before it renders a page: one typed record, made once.

`run_checks` is the checker end to end (read the configuration and the seeds, collect the pages,
check them, and compare the committed source pages with what the splitter makes now); the check
command prints its report and the build refuses to render while it has errors. `analyse` adds
what the renderers read (translations, glossary, the generated pages). Nothing here depends on
MkDocs: the hook calls it when an input changed, and another generator could call it the same way.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from scripts.checks.checker import Report, check
from scripts.checks.generated import check_pages
from scripts.core import cachefile
from scripts.core.cachefile import code_digest
from scripts.core.config import Settings, nav_pages, read_config, settings as read_settings
from scripts.core.diagnostics import Diagnostic, DiagnosticError, errors_in
from scripts.core.forked import Forked
from scripts.core.paths import SOURCE_DIR, SUFFIX, counterpart
from scripts.corpus import nav as navigation
from scripts.corpus.references import cited_within
from scripts.corpus.seeds import Corpus, load_corpus
from scripts.corpus.synonyms import table_path
from scripts.corpus.translation import load_source_translation
from scripts.pages.collect import PageRecord, collect_docs, page_digest
from scripts.pages.glossary import load_glossary
from scripts.render.cite import BLOCKS
from scripts.render.generated import GENERATED_PAGES
from scripts.render.stash import Stash
from scripts.render.source import inputs_digest, render_corpus

CACHE = Path(".cache") / "handbook" / "check-records"  # a folder of bucket files (scripts/pages/collect.py)
GENERATED_CACHE = CACHE.with_name("generated-check.pickle")
SPLIT_CACHE = CACHE.with_name("split")  # a file per policy text (scripts/corpus/split.py)
FINDINGS_CACHE = CACHE.with_name("findings.pickle")  # the check command's last answer (check_findings)


@dataclass
class Analysis:
    report: Report
    settings: Settings
    docs_dir: Path
    translations: dict = field(default_factory=dict)  # slug → SourceTranslation (or None)
    glossary: dict = field(default_factory=dict)  # "zh" / "en" → terms
    titles_en: dict[str, str] = field(default_factory=dict)  # Chinese page → its English title
    generated: dict[str, str] = field(default_factory=dict)  # docs-relative path → Markdown
    stashes: dict[str, Stash] = field(default_factory=dict)  # docs-relative path → HTML kept out of its Markdown
    referenced: dict = field(default_factory=dict)  # (slug, article) → references inside the texts naming it

    @property
    def corpus(self) -> Corpus:
        return self.report.corpus

    @property
    def pages(self) -> dict[str, PageRecord]:
        return self.report.pages


def load_settings(config_path: Path, corpus: Corpus | None = None) -> tuple[Settings, list]:
    """The handbook's settings with the nav expanded to every policy's pages, and what is wrong in them."""
    try:
        config = read_config(config_path)
    except DiagnosticError as exc:
        return Settings(generated_pages=list(GENERATED_PAGES)), exc.diags
    out, diags = read_settings(config, GENERATED_PAGES)
    if config.nav is not None:
        nav = navigation.expand(config.nav, corpus) if corpus else config.nav
        out.nav_pages = nav_pages(nav)
    return out, diags


def run_checks(root: Path, cache: bool = False, docs_dir: Path | None = None,
               config_path: Path | None = None, jobs: int = 1, digests: dict[str, bytes] | None = None) -> Report:
    """Collect and check a handbook rooted at `root` (with docs/, seeds/, mkdocs.yml).

    With `cache`, the texts split before and the records of unchanged pages come from root/.cache/handbook/ (the
    checks themselves always run in full). The build passes its own docs_dir and config file. `jobs`: see collect_docs.
    `digests`: see collect_docs. Raises DiagnosticError when a seed cannot be split at all."""
    docs_dir = docs_dir or root / "docs"
    config_path = config_path or root / "mkdocs.yml"
    corpus = load_corpus(root / "seeds", root / SPLIT_CACHE if cache else None)
    settings, config_diags = load_settings(config_path, corpus)
    generated_args = (docs_dir, corpus, root / GENERATED_CACHE if cache else None)
    # With a second process, the generated pages (50 texts: two seconds of rendering) are checked beside the rest.
    generated_job = Forked(check_generated, *generated_args) if jobs > 1 else None
    pages = collect_docs(docs_dir, shown_prefix=_shown_prefix(root, docs_dir), cache=root / CACHE if cache else None,
                         jobs=jobs, digests=digests)
    report = check(pages, corpus, settings, docs_dir, root, blocks=BLOCKS)
    generated = settings.apply(generated_job.result() if generated_job else check_generated(*generated_args))
    report.diags = sorted(set(report.diags + generated + config_diags))
    return report


@dataclass(frozen=True)
class Findings:
    """What the check command reports: every diagnostic, and how many pages were checked."""
    diags: list[Diagnostic]
    pages: int

    @property
    def errors(self) -> list[Diagnostic]:
        return errors_in(self.diags)


def check_findings(root: Path, cache: bool = False, jobs: int = 1) -> Findings:
    """run_checks' diagnostics, for the check command. With `cache`, the last run's answer is given again while
    nothing it was worked out from has changed (inputs_key): a re-check with nothing changed then reads each file
    once and runs no check (at 100x, 0.65 s of checks from cached records before). Any change to a page, a seed,
    the configuration, the synonym table or the code checks again, with the records of the unchanged pages reused
    (and those pages not read again). The build never asks this: it needs the records themselves (analyse)."""
    # The key is made before checking: a file changed meanwhile is checked again next time.
    key, digests = inputs_key(root) if cache else (None, None)
    found = cachefile.load(root / FINDINGS_CACHE, key) if cache else cachefile.MISS
    if found is cachefile.MISS:
        report = run_checks(root, cache=cache, jobs=jobs, digests=digests)
        found = Findings(report.diags, len(report.pages))
        if cache:
            cachefile.save(root / FINDINGS_CACHE, key, found)
    return found


def inputs_key(root: Path) -> tuple[bytes, dict[str, bytes]]:
    """Everything run_checks reads, by content: every file under docs/ (a link to a file that is not a page
    checks only that it exists, but a page is read whole) and seeds/, mkdocs.yml and the synonym table it names,
    the code of the scripts package and the folder the handbook is in (diagnostics name files under it). And each
    page's page_digest, docs-relative, for collect_docs."""
    digest = hashlib.blake2b(code_digest(), digest_size=16)
    root = root.resolve()
    digest.update(str(root).encode("utf-8") + b"\0")
    settings, _ = load_settings(root / "mkdocs.yml")
    files = [str(root / "mkdocs.yml"), str(table_path(root, settings.synonyms))]
    for base in ("docs", "seeds"):
        for folder, dirs, names in os.walk(root / base, followlinks=True):
            dirs.sort()
            files += [os.path.join(folder, name) for name in sorted(names)]
    docs = str(root / "docs") + os.sep
    pages = {}
    for path in files:
        try:
            with open(path, "rb") as fh:
                content = page_digest(fh.read())
        except OSError:
            content = b"none"  # missing or unreadable: 4 bytes, where a hash is 16
        else:
            if path.startswith(docs) and path.endswith(".md"):
                pages[path[len(docs):].replace(os.sep, "/")] = content
        digest.update(path.encode("utf-8", "surrogateescape") + b"\0" + content)
    return digest.digest(), pages


def check_generated(docs_dir: Path, corpus: Corpus, cache: Path | None = None) -> list:
    """check_pages over every text's pages as the splitter makes them now, which at 50 texts is two seconds of
    rendering. With `cache` (a file) the answer is reused while nothing it depends on changed: the files of
    seeds/ (inputs_digest), the pages under docs/source/, and the code of the renderer and of the check."""
    if cache is None:
        return check_pages(docs_dir, render_corpus(corpus))
    digest = hashlib.blake2b(inputs_digest(corpus).encode() + str(docs_dir.resolve()).encode(), digest_size=16)
    digest.update(code_digest())
    for path in sorted((docs_dir / SOURCE_DIR).rglob("*.md")):
        digest.update(path.as_posix().encode() + b"\0" + hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    key = digest.digest()
    diags = cachefile.load(cache, key)
    if diags is cachefile.MISS:
        diags = check_pages(docs_dir, render_corpus(corpus))
        cachefile.save(cache, key, diags)
    return diags


def _shown_prefix(root: Path, docs_dir: Path) -> str:
    """How diagnostics name the docs folder: relative to the repository (docs/…)."""
    try:
        return docs_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return docs_dir.as_posix()


def analyse(root: Path, docs_dir: Path, config_path: Path, directory_urls: bool, cache: bool = True) -> Analysis:
    """Check the handbook (raises DiagnosticError when a seed cannot be split) and make the generated pages.

    The caller decides what to do with the report's errors; the generated pages are made anyway."""
    report = run_checks(root, cache=cache, docs_dir=docs_dir, config_path=config_path)
    corpus = report.corpus
    settings, _ = load_settings(config_path, corpus)
    analysis = Analysis(report, settings, docs_dir)
    analysis.translations = {slug: load_source_translation(seed)[0] for slug, seed in corpus.seeds.items()}
    analysis.glossary = {lg: load_glossary(docs_dir, lg) for lg in ("zh", "en")}
    analysis.referenced = cited_within(corpus)
    analysis.titles_en = {counterpart(rel): rec.title for rel, rec in report.pages.items() if rel.endswith(SUFFIX)}
    for path, render in ((p, GENERATED_PAGES[p]) for p in settings.generated_pages):
        for lang, src in (("zh", path), ("en", path[:-3] + SUFFIX)):
            stash = analysis.stashes[src] = Stash()
            analysis.generated[src] = render(analysis, lang, directory_urls, stash)
    return analysis
