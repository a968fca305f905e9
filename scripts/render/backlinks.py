"""Backlinks on source pages: under each provision, the guidance, checklists and templates that put it into practice.

A pure function over a rendered source page's HTML and the checker's citation records; the build
calls it for every source page (both languages). The kinds listed, and their order, are the
handbook's citing kinds (`extra.handbook.citing_kinds`).
"""
from __future__ import annotations

import html
import re

from scripts.checks.checker import Report
from scripts.core.paths import counterpart, logical, relative_url
from scripts.pages.collect import PageRecord

SECTION = re.compile(
    r'(<section class="provision[^"]*"[^>]*?\sid="(?P<id>[^"]+)"[^>]*>\s*'
    r'<h\d[^>]*>.*?</h\d>\s*(?:<p class="provision-text">.*?</p>\s*)*)', re.S)
LABELS = {
    "zh": {"guidance": "解读", "checklist": "清单", "template": "模板", "title": "怎么落实 §{id}："},
    "en": {"guidance": "Guidance", "checklist": "Checklist", "template": "Template",
           "title": "Putting §{id} into practice:"},
}


def add_backlinks(html_text: str, rec: PageRecord, report: Report, lang: str, directory_urls: bool,
                  citing_kinds: list[str]) -> str:
    """The source page's HTML with a list of citing pages after each provision's own text."""
    slug = rec.document
    if slug not in report.corpus.seeds or rec.meta.get("version"):
        return html_text  # an earlier version's page: the handbook puts the current text into practice
    labels = LABELS[lang]
    here = logical(rec.path)
    pages = report.pages

    def title(ref) -> str:
        if lang == "en" and counterpart(ref.page) in pages:
            return pages[counterpart(ref.page)].title
        return ref.title

    def add(m: re.Match) -> str:
        pid = m["id"]
        by_page = {}
        for ref in report.references(slug, pid, deep=False):
            if ref.kind in citing_kinds:
                by_page.setdefault(ref.page, ref)
        if not by_page:
            return m.group(0)
        caption = labels["title"].format(id=pid)
        links = "".join(
            f'<li><a href="{relative_url(here, ref.page, directory_urls)}">'
            f'<span class="backlink-kind">{labels.get(ref.kind, ref.kind)}</span>{html.escape(title(ref))}</a></li>'
            for ref in sorted(by_page.values(), key=lambda r: (citing_kinds.index(r.kind), r.page)))
        return (m.group(0) + f'<aside class="backlinks" aria-label="{caption}">'
                f'<span class="backlinks-title">{caption}</span><ul>{links}</ul></aside>')

    return SECTION.sub(add, html_text)


