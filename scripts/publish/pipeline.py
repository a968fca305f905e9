"""The build, step by step: one ordered table that `make build`, the tests and bench all run.

Each step is a row: its name, what it makes, and the function that makes it. A step gets the
`Build` (where the handbook is and where its outputs go) and returns one line saying what it
wrote; it raises `StepFailed` with diagnostics when it cannot. A new output format is one
function and one row here (and its path in scripts/core/paths.py if pages link to it).

The HTML build runs MkDocs in a process of its own (and the offline bundle a second one with
Material's offline plugin): the hook keeps state between events, and a build must not inherit
another's.
"""
from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from scripts.core.browser import headless
from scripts.core.config import generator_build, read_config
from scripts.core.diagnostics import Diagnostic, DiagnosticError
from scripts.core.paths import BUNDLE_NAME, SOURCE_DIR
from scripts.corpus.seeds import load_corpus
from scripts.publish import bundle, csp, docx, html_safety, pdf, pwa, stamp
from scripts.publish.book import BookError, write_books, write_text_books
from scripts.render.analysis import GENERATED_CACHE, SPLIT_CACHE, check_generated
from scripts.render.cjk_breaks import check_site


@dataclass(frozen=True)
class Build:
    root: Path  # the handbook: docs/, seeds/, mkdocs.yml
    site: Path  # the built site
    dist: Path  # the offline bundle's folder
    work: Path  # scratch space for the offline build
    chromium: str = field(default_factory=headless)

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def docs(self) -> Path:
        return self.root / "docs"


class StepFailed(Exception):
    def __init__(self, step: str, diags: list[Diagnostic] | None = None, message: str = ""):
        super().__init__(message or f"{step} failed")
        self.step = step
        self.diags = diags or []
        self.message = message


@dataclass(frozen=True)
class Step:
    name: str
    makes: str  # one line, for --help and the log
    run: Callable[[Build], str]


def _generated(b: Build) -> str:
    # The checker's own question, asked through its cache: the html step's hook asks it again a moment later, and
    # at 50 texts rendering every text's pages to compare them takes two seconds (scripts/render/analysis.py).
    try:
        corpus = load_corpus(b.root / "seeds", b.root / SPLIT_CACHE)
    except DiagnosticError as exc:
        raise StepFailed("generated", exc.diags) from None
    diags = check_generated(b.docs, corpus, b.root / GENERATED_CACHE)
    if diags:
        raise StepFailed("generated", diags)
    pages = sum(1 for _ in (b.docs / SOURCE_DIR).rglob("*.md"))  # with no diagnostic, every page the splitter makes
    return f"{pages} generated source pages are what the splitter makes"


def _html(b: Build) -> str:
    result = subprocess.run(generator_build(b.config, b.site, "--clean"), cwd=b.root)
    if result.returncode != 0:
        raise StepFailed("html", message=f"the site build failed (exit {result.returncode}); see the lines above")
    return f"{sum(1 for _ in b.site.rglob('*.html'))} pages in {b.site}"


def _built(b: Build, step: str) -> None:
    if not b.site.is_dir():
        raise StepFailed(step, [Diagnostic(b.site.as_posix(), 1, 1, "BUILD_NO_SITE", "no built site here",
                                           "run the html step first: python -m scripts.build --steps html")])


def _html_safety(b: Build) -> str:
    _built(b, "html_safety")
    try:
        allowed = html_safety.theme_allowed(read_config(b.config))
    except DiagnosticError as exc:
        raise StepFailed("html_safety", exc.diags) from None
    diags = html_safety.scan_site(b.site, allowed, _shown(b.site))
    if diags:
        raise StepFailed("html_safety", diags)
    return f"{sum(1 for _ in b.site.rglob('*.html'))} pages scanned, nothing unsafe"


def _cjk_spacing(b: Build) -> str:
    _built(b, "cjk_spacing")
    diags = check_site(b.site)
    if diags:
        raise StepFailed("cjk_spacing", diags)
    return "no line break or space between Chinese characters in any page"


def _docx(b: Build) -> str:
    written = docx.export(b.docs, b.site)
    return f"{len(written)} Word files"


def _pdf(b: Build) -> str:
    _built(b, "pdf")
    if not Path(b.chromium).exists():
        raise StepFailed("pdf", [Diagnostic(b.chromium, 1, 1, "PDF_NO_BROWSER", "Chromium is needed to print PDFs",
                                            "make system-deps installs Debian's chromium")])
    try:
        written = pdf.export(b.site, b.docs, b.chromium)
    except FileNotFoundError as exc:
        raise StepFailed("pdf", message=str(exc)) from None
    return f"{len(written)} PDFs ({sum(p.stat().st_size for p in written) / 1e6:.1f} MB)"


def _book(b: Build) -> str:
    _built(b, "book")
    try:
        written = write_books(b.site, b.config)
    except BookError as exc:
        raise StepFailed("book", message=str(exc)) from None
    return "books " + ", ".join(f"{p.relative_to(b.site)} {p.stat().st_size / 1e6:.1f} MB" for p in written)


def _text_docx(b: Build) -> str:
    try:
        written = docx.export_texts(load_corpus(b.root / "seeds", b.root / SPLIT_CACHE), b.site)
    except DiagnosticError as exc:
        raise StepFailed("text_docx", exc.diags) from None
    return f"{len(written)} Word files of the texts ({sum(p.stat().st_size for p in written) / 1e6:.1f} MB)"


def _text_pdf(b: Build) -> str:
    _built(b, "text_pdf")
    try:
        written = write_text_books(b.site, b.config)
    except BookError as exc:
        raise StepFailed("text_pdf", message=str(exc)) from None
    except DiagnosticError as exc:
        raise StepFailed("text_pdf", exc.diags) from None
    return "books of the texts " + ", ".join(
        f"{t.path.relative_to(b.site)} {t.pages} pages {t.path.stat().st_size / 1e6:.1f} MB {t.seconds:.1f} s"
        for t in written)


def _pwa(b: Build) -> str:
    _built(b, "pwa")
    try:
        offline = pwa.write(b.site, read_config(b.config), b.docs)
    except DiagnosticError as exc:
        raise StepFailed("pwa", exc.diags) from None
    saves = ", ".join(f"{lang} {size / 1e6:.1f} MB" for lang, size in offline.downloads.items())
    return (f"{pwa.WORKER} precaches {offline.files} files ({offline.bytes / 1e6:.1f} MB, both languages); "
            f"save for offline: {saves}")


def _csp(b: Build) -> str:
    _built(b, "csp")
    return csp.write(b.site)


def _bundle(b: Build) -> str:
    _built(b, "bundle")
    try:
        target, removed = bundle.bundle(b.site, b.dist, b.work, b.root)
    except bundle.BundleError as exc:
        raise StepFailed("bundle", message=str(exc)) from None
    return (f"{target} ({target.stat().st_size / 1e6:.1f} MB); left out: {', '.join(removed[:6])}"
            + (f" and {len(removed) - 6} more" if len(removed) > 6 else ""))


STEPS: list[Step] = [
    Step("generated", "check that docs/source/ is what the splitter makes of seeds/", _generated),
    Step("html", "the strict MkDocs build of both languages (it runs the checker first)", _html),
    Step("html_safety", "every built page read with an HTML parser: no script, handler or frame of ours", _html_safety),
    Step("cjk_spacing", "no soft line break or stray space between Chinese characters in any built page",
         _cjk_spacing),
    Step("docx", "every template as a Word file (downloads/templates/)", _docx),
    Step("pdf", "every checklist and template printed to A4 PDF with Chromium (downloads/)", _pdf),
    Step("book", "the whole handbook as one PDF per language with WeasyPrint (downloads/handbook.pdf)", _book),
    Step("text_pdf", "each policy text with the pages citing it as one PDF per language (downloads/texts/)",
         _text_pdf),
    Step("text_docx", "each policy text, verbatim with its headings, as a Word file (downloads/texts/)", _text_docx),
    Step("pwa", "the site as an app on a phone: a manifest per language and sw.js, Workbox's precache of every page,"
         " asset and search index (downloads when the reader saves them)", _pwa),
    Step("csp", "the Content-Security-Policy with the hashes of the theme's inline scripts (csp.txt, _headers)", _csp),
    Step("bundle", "the offline bundle (dist/…-offline.zip, also offered on the home page)", _bundle),
]
BY_NAME = {s.name: s for s in STEPS}
HTML_ONLY = ("generated", "html")


@dataclass
class Timing:
    step: str
    seconds: float
    summary: str = ""


@dataclass
class Run:
    timings: list[Timing] = field(default_factory=list)


def run(b: Build, names: list[str] | None = None, log: Callable[[str], None] | None = None) -> Run:
    """Run the steps (all, or those named, always in table order); raises StepFailed at the first failure."""
    unknown = [n for n in names or [] if n not in BY_NAME]
    if unknown:
        raise StepFailed(unknown[0], message=f"no step named {unknown[0]!r}; steps: {', '.join(BY_NAME)}")
    chosen = [s for s in STEPS if names is None or s.name in names]
    stamp.forget(b.work, b.site, b.dist)
    out = Run()
    for step in chosen:
        started = time.perf_counter()
        summary = step.run(b)
        out.timings.append(Timing(step.name, time.perf_counter() - started, summary))
        if log:
            log(f"{step.name}: {summary} ({out.timings[-1].seconds:.1f} s)")
    if names is None:  # a whole build: what it was made from and what it wrote (scripts/publish/stamp.py)
        made = sorted(b.dist.glob(f"{BUNDLE_NAME}-*-offline.zip"))
        if len(made) == 1:
            stamp.write(b.root, b.site, b.dist, b.work, made[0], b.chromium)
    return out


def _shown(site: Path) -> str:
    """The site as diagnostics name it: relative to where the build was started (site/…)."""
    return os.path.relpath(site, Path.cwd()) if site.is_relative_to(Path.cwd()) else site.as_posix()
