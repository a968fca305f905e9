"""The navigation's source-text section, made from seeds/: adding a policy never means editing mkdocs.yml.

In mkdocs.yml the entry `- 原文: source/` stands for every policy's source pages. With one policy
they are listed directly under it (index, then one page per part or chapter); with several, each
policy is a section of its own, titled with its short title, the default policy first. The hook
expands the entry before MkDocs reads the nav, and the checker expands it the same way, so the
nav the site shows and the nav the checker checks are one.
"""
from __future__ import annotations

from scripts.corpus import SOURCE_DIR, Corpus

MARKER = f"{SOURCE_DIR}/"


def source_entries(corpus: Corpus) -> list:
    seeds = sorted(corpus.seeds.values(), key=lambda s: (s.slug != corpus.default.slug, s.slug))
    if len(seeds) == 1:
        return list(seeds[0].page_paths())
    return [{seed.short_title: list(seed.page_paths())} for seed in seeds]


def expand(nav, corpus: Corpus):
    """The nav with every `source/` entry replaced by the policies' pages (other entries untouched)."""
    if isinstance(nav, list):
        return [expand(item, corpus) for item in nav]
    if isinstance(nav, dict):
        return {title: (source_entries(corpus) if value == MARKER else expand(value, corpus))
                for title, value in nav.items()}
    return nav
