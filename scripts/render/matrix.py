"""The traceability matrix and provisions.json: reports over the checker's records."""
from __future__ import annotations

import json
import posixpath
from dataclasses import replace

from scripts.checks.checker import Reference, Report
from scripts.checks.revisions import behind, pending
from scripts.core.paths import page_url
from scripts.render.changes import last_changed
from scripts.render.markup import md_text

COLUMNS = {"zh": [("guidance", "解读"), ("checklist", "清单条目"), ("template", "模板")],
           "en": [("guidance", "Guidance"), ("checklist", "Checklist items"), ("template", "Templates")]}
TEXT = {
    "zh": {"changed": "最近修改", "unreviewed": "待复核的页面", "original": "原文未改",
           "gap": "缺口", "sentences": "句子覆盖", "provision": "条款", "head":
           "---\nkind: matrix\nprovisions: []\ntitle: 追溯矩阵\nsearch:\n  exclude: true\n---\n\n# 追溯矩阵\n\n"
           "每一条原文由哪些解读、清单条目和模板落实。数字是引用它（或它的句子）的页面或条目数；"
           "**缺口**表示还没有任何内容落实它。\n\n"},
    "en": {"changed": "Last changed", "unreviewed": "Pages to re-check", "original": "unchanged",
           "gap": "gap", "sentences": "Sentences covered", "provision": "Provision", "head":
           "---\nkind: matrix\nprovisions: []\ntitle: Traceability matrix\nsearch:\n  exclude: true\n---\n\n# Traceability matrix {#追溯矩阵}\n\n"
           "Which guidance pages, checklist items and templates put each provision into practice. Numbers count the "
           "pages or items citing it (or its sentences); **gap** marks a provision nothing implements yet.\n\n"},
}


def _links(refs: list[Reference], kind: str, here: str) -> tuple[int, str]:
    """How many pages (or checklist items) implement a provision, and their links as a list for one table cell.

    A list, not links joined by 、: in a narrow cell each link wrapped onto its own line with a lone 、 between.
    """
    pages: dict[str, list[Reference]] = {}
    for ref in refs:
        if ref.kind == kind:
            pages.setdefault(ref.page, []).append(ref)
    if kind == "checklist":
        items = sorted({r.item_id for rs in pages.values() for r in rs if r.item_id})
        cells = [f"[{i}]({_rel(here, page)})" for page, rs in sorted(pages.items())
                 for i in sorted({r.item_id for r in rs if r.item_id})]
        return len(items), _cell_list(cells, "matrix-ids")
    cells = [f"[{md_text(rs[0].title)}]({_rel(here, page)})" for page, rs in sorted(pages.items())]
    return len(pages), _cell_list(cells, "matrix-pages")


def _cell_list(links: list[str], cls: str) -> str:
    # Inline HTML list tags around Markdown links: the links stay Markdown, so MkDocs resolves them.
    return f'<ul class="matrix-list {cls}">' + "".join(f"<li>{link}</li>" for link in links) + "</ul>"


def _rel(here: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


# The matrix is a table of every label: in search results it would outrank the pages it points to.
def matrix_markdown(report: Report, here: str = "matrix.md", lang: str = "zh", titles: dict | None = None) -> str:
    """titles: page → title in the page's language (English titles for the English matrix)."""
    t = TEXT[lang]
    columns = COLUMNS[lang]
    if titles:
        report = _retitled(report, titles)
    out = [t["head"]]
    for slug, seed in report.corpus.seeds.items():
        title = seed.meta.get("title_en", seed.doc.title) if lang == "en" else seed.doc.title
        out.append(f"## {md_text(title)}\n\n")
        revised = len(seed.versions) > 1  # a revised policy: when each provision last changed, and who must re-check
        changed = last_changed(seed) if revised else {}
        extra = f" | {t['changed']} | {t['unreviewed']}" if revised else ""
        out.append(f"| {t['provision']} | " + " | ".join(label for _, label in columns) + f" | {t['sentences']}{extra} |\n")
        out.append("| --- " * (len(columns) + 2 + (2 if revised else 0)) + "|\n")
        for prov in seed.doc.provisions.values():
            if prov.kind == "part":
                continue
            refs = report.references(slug, prov.id)
            cells = []
            for kind, _ in columns:
                n, links = _links(refs, kind, here)
                # Checklists exist for items only; an intro or a paragraph without one is no gap.
                expected = kind == "guidance" or (kind == "checklist" and prov.kind == "item")
                cells.append(f'<span class="matrix-count">{n}</span>{links}' if n
                             else (f"**{t['gap']}**" if expected else "—"))
            covered = sum(1 for s in prov.sentences
                          if any(r.kind == "guidance" for r in report.cited_by.get((slug, s.id), [])))
            total = len(prov.sentences)
            mark = "" if covered == total else f" **{t['gap']}**"
            cite = report.corpus.cite_form(slug, prov.id)
            label = md_text(prov.label) if lang == "zh" else ""
            tail = ""
            if revised:
                version = changed.get(prov.id)
                stamp = f"{version.label}（{version.date}）" if version and lang == "zh" else (
                    f"{version.label} ({version.date})" if version else t["original"])
                pending = sorted({r.page for r in refs if _unreviewed(report, slug, r, prov.id)})
                tail = f" | {stamp} | " + (_page_list(pending, here, report) if pending else "—")
            out.append(f"| {cite} {label} | " + " | ".join(cells) + f" | {covered}/{total}{mark}{tail} |\n")
        out.append("\n")
    return "".join(out)


def _unreviewed(report: Report, slug: str, ref: Reference, pid: str) -> bool:
    """The citing page has not been checked against the current text of this provision."""
    rec = report.pages.get(ref.page)
    seed = report.corpus.seeds[slug]
    return rec is not None and (behind(rec, seed) is not None or bool(
        pending(rec, seed) & ({pid} | {s.id for s in seed.doc.provisions[pid].sentences})))


def _page_list(pages: list[str], here: str, report: Report) -> str:
    return _cell_list([f"[{md_text(report.pages[p].title)}]({_rel(here, p)})" for p in pages], "matrix-pages")


def _retitled(report: Report, titles: dict) -> Report:
    cited = {k: [replace(r, title=titles.get(r.page, r.title)) for r in v] for k, v in report.cited_by.items()}
    return Report(report.corpus, report.pages, report.diags, cited)


def provisions_json(report: Report, directory_urls: bool = True) -> str:
    records = []
    for slug, seed in report.corpus.seeds.items():
        for pid in seed.doc.all_ids():
            node = seed.doc.get(pid)
            kind = getattr(node, "kind", "sentence")
            refs = report.cited_by.get((slug, pid), [])
            records.append({
                "document": slug,
                "id": pid,
                "kind": kind,
                "text": seed.doc.text_of(pid),
                "url": page_url(seed.page_of(pid), directory_urls) + "#" + pid,
                "cited_by": sorted({page_url(r.page, directory_urls) for r in refs}),
            })
    return json.dumps({"provisions": records}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
