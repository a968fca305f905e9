"""Everything a build knows about the handbook before it renders a page: one typed record, made once.

The MkDocs hook calls `analyse` when an input changed and reads the record while pages render;
nothing here depends on MkDocs, so another generator could call it the same way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scripts import check as checker
from scripts.check import Report, Settings
from scripts.collect import PageRecord
from scripts.corpus import Corpus
from scripts.generated import GENERATED_PAGES
from scripts.glossary import load_glossary
from scripts.translate import SUFFIX, counterpart, load_source_translation


@dataclass
class Analysis:
    report: Report
    settings: Settings
    docs_dir: Path
    translations: dict = field(default_factory=dict)  # slug → SourceTranslation (or None)
    glossary: dict = field(default_factory=dict)  # "zh" / "en" → terms
    titles_en: dict[str, str] = field(default_factory=dict)  # Chinese page → its English title
    generated: dict[str, str] = field(default_factory=dict)  # docs-relative path → Markdown

    @property
    def corpus(self) -> Corpus:
        return self.report.corpus

    @property
    def pages(self) -> dict[str, PageRecord]:
        return self.report.pages


def analyse(root: Path, docs_dir: Path, config_path: Path, directory_urls: bool, cache: bool = True) -> Analysis:
    """Check the handbook (raises DiagnosticError when a seed cannot be split) and make the generated pages.

    The caller decides what to do with the report's errors; the generated pages are made anyway."""
    report = checker.run(root, cache=cache, docs_dir=docs_dir, config_path=config_path)
    corpus = report.corpus
    settings, _ = checker.load_settings(config_path, corpus)
    analysis = Analysis(report, settings, docs_dir)
    analysis.translations = {slug: load_source_translation(seed)[0] for slug, seed in corpus.seeds.items()}
    analysis.glossary = {lg: load_glossary(docs_dir, lg) for lg in ("zh", "en")}
    analysis.titles_en = {counterpart(rel): rec.title for rel, rec in report.pages.items() if rel.endswith(SUFFIX)}
    for path, render in ((p, GENERATED_PAGES[p]) for p in settings.generated_pages):
        analysis.generated[path] = render(analysis, "zh", directory_urls)
        analysis.generated[path[:-3] + SUFFIX] = render(analysis, "en", directory_urls)
    return analysis
