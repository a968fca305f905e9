"""The traceability matrix and provisions.json: reports over the checker's records.

Usage: python -m scripts.matrix [--json]   (prints the matrix Markdown, or provisions.json)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from scripts.check import Reference, Report, run
from scripts.cite import page_url

COLUMNS = [("guidance", "解读"), ("checklist", "清单条目"), ("template", "模板")]


def _links(refs: list[Reference], kind: str, here: str) -> tuple[int, str]:
    pages: dict[str, list[Reference]] = {}
    for ref in refs:
        if ref.kind == kind:
            pages.setdefault(ref.page, []).append(ref)
    if kind == "checklist":
        items = sorted({r.item_id for rs in pages.values() for r in rs if r.item_id})
        cells = [f"[{i}]({_rel(here, page)})" for page, rs in sorted(pages.items())
                 for i in sorted({r.item_id for r in rs if r.item_id})]
        return len(items), "、".join(cells)
    cells = [f"[{rs[0].title}]({_rel(here, page)})" for page, rs in sorted(pages.items())]
    return len(pages), "、".join(cells)


def _rel(here: str, target: str) -> str:
    import posixpath
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def matrix_markdown(report: Report, here: str = "matrix.md") -> str:
    out = [
        "---\nkind: matrix\nprovisions: []\ntitle: 追溯矩阵\n---\n\n# 追溯矩阵\n\n",
        "每一条原文由哪些解读、清单条目和模板落实。数字是引用它（或它的句子）的页面或条目数；",
        "**缺口**表示还没有任何内容落实它。本页在构建时由 `scripts/matrix.py` 生成。\n\n",
    ]
    for slug, seed in report.corpus.seeds.items():
        out.append(f"## {seed.doc.title}\n\n")
        out.append("| 条款 | " + " | ".join(label for _, label in COLUMNS) + " | 句子覆盖 |\n")
        out.append("| --- " * (len(COLUMNS) + 2) + "|\n")
        for prov in seed.doc.provisions.values():
            if prov.kind == "part":
                continue
            refs = report.references(slug, prov.id)
            cells = []
            for kind, _ in COLUMNS:
                n, links = _links(refs, kind, here)
                cells.append(f"{n}：{links}" if n else ("**缺口**" if kind != "template" else "—"))
            covered = sum(1 for s in prov.sentences
                          if any(r.kind == "guidance" for r in report.cited_by.get((slug, s.id), [])))
            total = len(prov.sentences)
            mark = "" if covered == total else " **缺口**"
            cite = f"§{prov.id}" if slug == report.corpus.default.slug else f"§{slug}:{prov.id}"
            out.append(f"| {cite} {prov.label} | " + " | ".join(cells) + f" | {covered}/{total}{mark} |\n")
        out.append("\n")
    return "".join(out)


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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    report = run(Path("."))
    sys.stdout.write(provisions_json(report) if "--json" in argv else matrix_markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
