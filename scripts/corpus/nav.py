"""The navigation's source-text section, made from seeds/: adding a policy never means editing mkdocs.yml.

In mkdocs.yml the entry `- 原文: source/` stands for every policy's source pages. With one policy
they are listed directly under it (index, then one page per part or chapter); with several, each
policy is a section of its own, titled with its short title, the default policy first. In a code
each 编 (and 分编) is a section of its chapters, titled with its heading (第五编　婚姻家庭). The hook
expands the entry before MkDocs reads the nav, and the checker expands it the same way, so the
nav the site shows and the nav the checker checks are one.
"""
from __future__ import annotations

from scripts.core.paths import CHANGES_PAGE, LIBRARY_PAGE, SOURCE_DIR
from scripts.corpus.seeds import Corpus, Seed
from scripts.corpus.split import Document
from scripts.corpus.versions import document_of

MARKER = f"{SOURCE_DIR}/"


def page_entries(doc: Document, folder: str) -> list:
    """A text's pages in order, those of a 编 (and a 分编) in a section titled with its heading."""
    out: list = []
    open_groups: list[tuple[str, list]] = [("", out)]  # the sections open, outermost first
    for page in doc.pages():
        while len(open_groups) > 1 and (len(open_groups) - 1 > len(page.groups)
                                        or open_groups[-1][0] != page.groups[len(open_groups) - 2]):
            open_groups.pop()
        for group in page.groups[len(open_groups) - 1:]:
            entries: list = []
            open_groups[-1][1].append({doc.provisions[group].heading: entries})
            open_groups.append((group, entries))
        open_groups[-1][1].append(f"{folder}/{page.key}.md")
    return out


def policy_entries(seed: Seed) -> list:
    """A policy's pages: its index and parts; once revised, its 版本对照 page and each earlier version."""
    folder = f"{SOURCE_DIR}/{seed.slug}"
    entries: list = [seed.index_page] + page_entries(seed.doc, folder)
    if len(seed.versions) > 1:
        entries.append(f"{folder}/{CHANGES_PAGE}.md")
        for version in seed.versions[:-1]:
            doc = document_of(version)
            entries.append({f"{version.label}（{version.status}）": [f"{folder}/{version.label}/index.md"]
                            + page_entries(doc, f"{folder}/{version.label}")})
    return entries


def source_entries(corpus: Corpus) -> list:
    """The library page (every text with its metadata, scripts/render/library.py), then each text's pages."""
    seeds = sorted(corpus.seeds.values(), key=lambda s: (s.slug != corpus.default.slug, s.slug))
    if len(seeds) == 1:
        return [LIBRARY_PAGE] + policy_entries(seeds[0])
    return [LIBRARY_PAGE] + [{seed.short_title: policy_entries(seed)} for seed in seeds]


def expand(nav, corpus: Corpus):
    """The nav with every `source/` entry replaced by the policies' pages (other entries untouched)."""
    if isinstance(nav, list):
        return [expand(item, corpus) for item in nav]
    if isinstance(nav, dict):
        return {title: (source_entries(corpus) if value == MARKER else expand(value, corpus))
                for title, value in nav.items()}
    return nav
