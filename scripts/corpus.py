"""The seeds of a handbook: every policy text in seeds/ with its metadata and provisions.

Each `seeds/<slug>.txt` is one document; `seeds/<slug>.yml` beside it holds what is known of it.
The first document in file-name order is the default one, cited without a prefix (`§2.5`);
others are cited as `§<slug>:2.5`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.collect import load_yaml
from scripts.diagnostics import Diagnostic, DiagnosticError
from scripts.split import Document, split_file

SOURCE_DIR = "source"  # where the generated source pages live inside docs/


@dataclass
class Seed:
    slug: str
    path: Path
    meta: dict
    doc: Document

    def part_of(self, pid: str) -> str:
        """The part a provision or sentence belongs to: `2.5.3` → `2`, `2.1-3` → `2`."""
        return pid.split(".")[0].split("-")[0]

    def page_of(self, pid: str) -> str:
        """docs-relative path of the source page that shows a provision."""
        return f"{SOURCE_DIR}/{self.slug}/part-{self.part_of(pid)}.md"

    @property
    def index_page(self) -> str:
        return f"{SOURCE_DIR}/{self.slug}/index.md"


@dataclass
class Corpus:
    seeds: dict[str, Seed] = field(default_factory=dict)

    @property
    def default(self) -> Seed:
        return next(iter(self.seeds.values()))

    def resolve(self, slug: str | None) -> Seed | None:
        return self.default if not slug else self.seeds.get(slug)


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


def load_corpus(seeds_dir: Path | str) -> Corpus:
    seeds_dir = Path(seeds_dir)
    corpus = Corpus()
    diags: list[Diagnostic] = []
    paths = sorted(seeds_dir.glob("*.txt"))
    if not paths:
        raise DiagnosticError([Diagnostic(str(seeds_dir), 1, 1, "SEED_MISSING", "no *.txt policy text in seeds/")])
    for path in paths:
        try:
            doc = split_file(path, path.stem)
            corpus.seeds[path.stem] = Seed(path.stem, path, load_meta(path.with_suffix(".yml")), doc)
        except DiagnosticError as exc:
            diags.extend(exc.diags)
    if diags:
        raise DiagnosticError(diags)
    return corpus
