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
from scripts.corpus.position import position_label
from scripts.pages.collect import PageRecord

SECTION = re.compile(
    r'(<section class="provision[^"]*"[^>]*?\sid="(?P<id>[^"]+)"[^>]*>\s*'
    r'<h\d[^>]*>.*?</h\d>\s*(?:<p class="provision-text">.*?</p>\s*)*)', re.S)
# An article of a statute (scripts/render/source.py, statute reading): the list follows the whole article and
# names what cites the article or any of its 款, 项 and 目.
STATUTE = re.compile(r'(<section class="provision provision-article statute"[^>]*?\sdata-provision="(?P<id>[^"]+)"'
                     r'[^>]*>.*?)(?=</section>)', re.S)
LABELS = {
    "zh": {"guidance": "解读", "checklist": "清单", "template": "模板", "title": "怎么落实 §{id}：",
           "title_statute": "怎么落实{where}：", "within": "引用本条的条款："},
    "en": {"guidance": "Guidance", "checklist": "Checklist", "template": "Template",
           "title": "Putting §{id} into practice:", "title_statute": "Putting {where} into practice:",
           "within": "Provisions that refer to this article:"},
}


def add_backlinks(html_text: str, rec: PageRecord, report: Report, lang: str, directory_urls: bool,
                  citing_kinds: list[str], cited_within: dict | None = None) -> str:
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

    def add(m: re.Match, deep: bool = False) -> str:
        pid = m["id"]
        within = _within(pid) if deep else ""
        by_page = {}
        for ref in report.references(slug, pid, deep=deep):
            if ref.kind in citing_kinds:
                by_page.setdefault(ref.page, ref)
        if not by_page:
            return m.group(0) + within
        caption = (labels["title_statute"].format(where=position_label(report.corpus.seeds[slug].doc, pid, lang))
                   if deep else labels["title"].format(id=pid))
        links = "".join(
            f'<li><a href="{relative_url(here, ref.page, directory_urls)}">'
            f'<span class="backlink-kind">{labels.get(ref.kind, ref.kind)}</span>{html.escape(title(ref))}</a></li>'
            for ref in sorted(by_page.values(), key=lambda r: (citing_kinds.index(r.kind), r.page)))
        return (m.group(0) + within + f'<aside class="backlinks" aria-label="{caption}">'
                f'<span class="backlinks-title">{caption}</span><ul>{links}</ul></aside>')

    def _within(article: str) -> str:
        """The articles of the texts that refer to this one (本法第十二条 in 第三十六条), as law sites list them."""
        seen, items = set(), []
        for r in (cited_within or {}).get((slug, article), []):
            source = report.corpus.seeds[r.source]
            from_article = r.ref.sentence.split(".")[0]
            if (r.source, from_article) in seen or (r.source == slug and from_article == article):
                continue
            seen.add((r.source, from_article))
            where = position_label(source.doc, from_article, lang)
            name = where if r.source == slug else f"《{source.doc.title}》{where}"
            href = relative_url(here, source.page_of(from_article), directory_urls) + "#" + from_article
            items.append(f'<li><a href="{href}">{html.escape(name)}</a></li>')
        if not items:
            return ""
        caption = labels["within"]
        return (f'<aside class="backlinks backlinks-within" aria-label="{caption}">'
                f'<span class="backlinks-title">{caption}</span><ul>{"".join(items)}</ul></aside>')

    html_text = STATUTE.sub(lambda m: add(m, deep=True), html_text)
    return SECTION.sub(add, html_text)


