"""The navigation's source-text section, made from seeds/: adding a policy never means editing mkdocs.yml.

In mkdocs.yml the entry `- 原文: source/` stands for every policy's source pages. With one policy
they are listed directly under it (index, then one page per part or chapter); with several, each
policy is a section of its own, titled with its short title, the default policy first. The hook
expands the entry before MkDocs reads the nav, and the checker expands it the same way, so the
nav the site shows and the nav the checker checks are one.
"""
from __future__ import annotations

from scripts.core.paths import CHANGES_PAGE, SOURCE_DIR
from scripts.corpus.seeds import Corpus, Seed
from scripts.corpus.versions import document_of

MARKER = f"{SOURCE_DIR}/"


def policy_entries(seed: Seed) -> list:
    """A policy's pages: its index and parts; once revised, its 版本对照 page and each earlier version."""
    entries: list = list(seed.page_paths())
    if len(seed.versions) > 1:
        folder = f"{SOURCE_DIR}/{seed.slug}"
        entries.append(f"{folder}/{CHANGES_PAGE}.md")
        for version in seed.versions[:-1]:
            doc = document_of(version)
            entries.append({f"{version.label}（{version.status}）": [f"{folder}/{version.label}/index.md"] + [
                f"{folder}/{version.label}/{page.key}.md" for page in doc.pages()]})
    return entries


def source_entries(corpus: Corpus) -> list:
    seeds = sorted(corpus.seeds.values(), key=lambda s: (s.slug != corpus.default.slug, s.slug))
    if len(seeds) == 1:
        return policy_entries(seeds[0])
    return [{seed.short_title: policy_entries(seed)} for seed in seeds]


def expand(nav, corpus: Corpus):
    """The nav with every `source/` entry replaced by the policies' pages (other entries untouched)."""
    if isinstance(nav, list):
        return [expand(item, corpus) for item in nav]
    if isinstance(nav, dict):
        return {title: (source_entries(corpus) if value == MARKER else expand(value, corpus))
                for title, value in nav.items()}
    return nav
