"""The traceability matrix and provisions.json: reports over the checker's records."""
from __future__ import annotations

import html
import json
import posixpath

from scripts.checks.checker import Reference, Report
from scripts.checks.revisions import behind, pending
from scripts.core.paths import page_url, relative_url
from scripts.render.changes import last_changed
from scripts.render.markup import md_text
from scripts.render.stash import Stash

COLUMNS = {"zh": [("guidance", "解读"), ("checklist", "清单条目"), ("template", "模板")],
           "en": [("guidance", "Guidance"), ("checklist", "Checklist items"), ("template", "Templates")]}
TEXT = {
    "zh": {"changed": "最近修改", "unreviewed": "待复核的页面", "original": "原文未改",
           "gap": "缺口", "sentences": "句子覆盖", "provision": "条款",
           "uncited": "全文 {n} 个条款都还没有解读、清单条目或模板引用，全部是**缺口**（[阅读原文]({url})）。",
           "head":
           "---\nkind: matrix\nprovisions: []\ntitle: 追溯矩阵\nsearch:\n  exclude: true\n---\n\n# 追溯矩阵\n\n"
           "每一条原文由哪些解读、清单条目和模板落实。数字是引用它（或它的句子）的页面或条目数；"
           "**缺口**表示还没有任何内容落实它。\n\n"},
    "en": {"changed": "Last changed", "unreviewed": "Pages to re-check", "original": "unchanged",
           "gap": "gap", "sentences": "Sentences covered", "provision": "Provision",
           "uncited": "None of its {n} provisions is cited by guidance, a checklist item or a template yet: all are "
                      "**gaps** ([read the text]({url})).",
           "head":
           "---\nkind: matrix\nprovisions: []\ntitle: Traceability matrix\nsearch:\n  exclude: true\n---\n\n# Traceability matrix {#追溯矩阵}\n\n"
           "Which guidance pages, checklist items and templates put each provision into practice. Numbers count the "
           "pages or items citing it (or its sentences); **gap** marks a provision nothing implements yet.\n\n"},
}


def _links(refs: list[Reference], kind: str, here: str, directory_urls: bool) -> tuple[int, str]:
    """How many pages (or checklist items) implement a provision, and their links as a list for one table cell.

    A list, not links joined by 、: in a narrow cell each link wrapped onto its own line with a lone 、 between.
    """
    pages: dict[str, list[Reference]] = {}
    for ref in refs:
        if ref.kind == kind:
            pages.setdefault(ref.page, []).append(ref)
    if kind == "checklist":
        items = sorted({r.item_id for rs in pages.values() for r in rs if r.item_id})
        cells = [_link(i, here, page, directory_urls) for page, rs in sorted(pages.items())
                 for i in sorted({r.item_id for r in rs if r.item_id})]
        return len(items), _cell_list(cells, "matrix-ids")
    cells = [_link(rs[0].title, here, page, directory_urls) for page, rs in sorted(pages.items())]
    return len(pages), _cell_list(cells, "matrix-pages")


def _link(text: str, here: str, page: str, directory_urls: bool) -> str:
    return f'<a href="{html.escape(relative_url(here, page, directory_urls))}">{_text(text)}</a>'


def _text(text: str) -> str:
    return html.escape(text, quote=False)


def _cell_list(links: list[str], cls: str) -> str:
    return f'<ul class="matrix-list {cls}">' + "".join(f"<li>{link}</li>" for link in links) + "</ul>"


def _table(head: list[str], rows: list[list[str]]) -> str:
    """A table as Python-Markdown's table extension writes one (cells are HTML)."""
    def row(cells: list[str], tag: str) -> str:
        return "<tr>\n" + "".join(f"<{tag}>{c}</{tag}>\n" for c in cells) + "</tr>\n"

    return ("<table>\n<thead>\n" + row(head, "th") + "</thead>\n<tbody>\n"
            + "".join(row(r, "td") for r in rows) + "</tbody>\n</table>")


# The matrix is a table of every label: in search results it would outrank the pages it points to.
# Its tables are HTML, kept out of Python-Markdown (scripts/render/stash.py): at 50 texts they are a
# megabyte, which Markdown's table extension took three seconds per language to read.
def matrix_markdown(report: Report, here: str = "matrix.md", lang: str = "zh", titles: dict | None = None,
                    directory_urls: bool = True, stash: Stash | None = None) -> str:
    """titles: page → title in the page's language (English titles for the English matrix)."""
    t = TEXT[lang]
    columns = COLUMNS[lang]
    if titles:
        report = _retitled(report, titles)
    gap = f"<strong>{_text(t['gap'])}</strong>"
    out = [t["head"]]
    for slug, seed in report.corpus.seeds.items():
        title = seed.meta.get("title_en", seed.doc.title) if lang == "en" else seed.doc.title
        out.append(f"## {md_text(title)}\n\n")
        provisions = [prov for prov in seed.doc.provisions.values() if prov.kind != "part"]
        if not any(report.cited_by.get((slug, pid)) for pid in seed.doc.all_ids()):
            # A text nothing cites yet (in a library, most laws and regulations): its table would be a row of
            # gaps per provision, 500 printed pages of them at 50 texts, saying no more than this line.
            url = posixpath.relpath(seed.index_page, posixpath.dirname(here) or ".")  # a Markdown link: MkDocs checks it
            out.append(t["uncited"].format(n=len(provisions), url=url) + "\n\n")
            continue
        revised = len(seed.versions) > 1  # a revised policy: when each provision last changed, and who must re-check
        changed = last_changed(seed) if revised else {}
        head = [t["provision"], *(label for _, label in columns), t["sentences"]]
        head += [t["changed"], t["unreviewed"]] if revised else []
        rows = []
        for prov in provisions:
            refs = report.references(slug, prov.id)
            cells = [_text(f"{report.corpus.cite_form(slug, prov.id)} {prov.label if lang == 'zh' else ''}".strip())]
            for kind, _ in columns:
                n, links = _links(refs, kind, here, directory_urls)
                # Checklists exist for items only; an intro or a paragraph without one is no gap.
                expected = kind == "guidance" or (kind == "checklist" and prov.kind == "item")
                cells.append(f'<span class="matrix-count">{n}</span>{links}' if n else (gap if expected else "—"))
            covered = sum(1 for s in prov.sentences
                          if any(r.kind == "guidance" for r in report.cited_by.get((slug, s.id), [])))
            total = len(prov.sentences)
            cells.append(f"{covered}/{total}" + ("" if covered == total else f" {gap}"))
            if revised:
                version = changed.get(prov.id)
                stamp = f"{version.label}（{version.date}）" if version and lang == "zh" else (
                    f"{version.label} ({version.date})" if version else t["original"])
                pending = sorted({r.page for r in refs if _unreviewed(report, slug, r, prov.id)})
                cells += [_text(stamp), _page_list(pending, here, report, directory_urls) if pending else "—"]
            rows.append(cells)
        table = _table(head, rows)
        out.append((stash.put_block(table) if stash is not None else table) + "\n\n")
    return "".join(out)


def _unreviewed(report: Report, slug: str, ref: Reference, pid: str) -> bool:
    """The citing page has not been checked against the current text of this provision."""
    rec = report.pages.get(ref.page)
    seed = report.corpus.seeds[slug]
    return rec is not None and (behind(rec, seed) is not None or bool(
        pending(rec, seed) & ({pid} | {s.id for s in seed.doc.provisions[pid].sentences})))


def _page_list(pages: list[str], here: str, report: Report, directory_urls: bool) -> str:
    return _cell_list([_link(report.pages[p].title, here, p, directory_urls) for p in pages], "matrix-pages")


def _retitled(report: Report, titles: dict) -> Report:
    cited = {k: [r._replace(title=titles.get(r.page, r.title)) for r in v] for k, v in report.cited_by.items()}
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
    # A provision a line: as easy to read and compare as the indented form, which only Python's slow encoder writes
    # (0.7 of 0.8 s at 50 texts, 30,000 provisions and sentences).
    line = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    return '{"provisions": [\n' + ",\n".join(map(line, records)) + "\n]}\n"
