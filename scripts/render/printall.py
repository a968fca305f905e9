"""The "print all checklists" page: every checklist in one document, one sheet each."""
from __future__ import annotations

import re
from pathlib import Path

from scripts.checks.checker import Report
from scripts.core.paths import SUFFIX, counterpart
from scripts.pages.collect import HEADING, heading_parts, heading_plain_text, slugify
from scripts.render.cite import TOOLS_BOX, transform


def _sheet_headings(body: str, stem: str) -> str:
    """One level down, and ids unique across sheets (every checklist has 准备 / 实施 / 检查评估)."""
    def sub(m: re.Match) -> str:
        if len(m["hashes"]) == 6 or m["indent"]:  # nothing below h6; an indented line is not a heading here
            return m.group(0)
        text, explicit = heading_parts(m["text"])
        anchor = explicit or slugify(heading_plain_text(text))
        return f"#{m['hashes']} {text} {{#{stem}-{anchor}}}"

    return HEADING.sub(sub, body)


def _page_key(path: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", path)]


TEXT = {
    "zh": ("全部清单（打印版）", "# 全部清单（打印版）\n\n"
           '<p class="print-hint">本页把全部检查清单合在一起，便于一次打印：每份清单另起一页。'
           "在浏览器里用“打印”即可，或下载各清单页上的 PDF。</p>\n\n"),
    "en": ("All checklists (print)", "# All checklists (print) {#全部清单打印版}\n\n"
           '<p class="print-hint">Every checklist in one document for printing, each on its own sheet. '
           "Use the browser's Print, or download the PDF on each checklist page.</p>\n\n"),
}


def print_all_markdown(report: Report, directory_urls: bool, lang: str = "zh", translations: dict | None = None) -> str:
    zh = [r for r in report.pages.values() if r.kind == "checklist" and not r.path.endswith(SUFFIX) and not r.draft]
    if lang == "en":
        zh = [report.pages.get(counterpart(r.path), r) for r in zh]
    checklists = sorted(zh, key=lambda r: _page_key(r.path))
    title, intro = TEXT[lang]
    # One box for the script's tools (ticks done, clear) above the first sheet, in the page from the start so the
    # sheets do not move down when it is filled (scripts/render/cite.py writes a checklist page's own).
    out = [intro, TOOLS_BOX]
    for rec in checklists:
        # Checklists live beside this page (checklists/), so their relative links stay valid here.
        body = transform(rec, report.corpus, directory_urls, translations if lang == "en" else None, tools=False)
        body = _sheet_headings(body, Path(rec.path).name.split(".")[0])
        ids = " ".join(rec.provisions)
        out.append(f'<section class="print-sheet" data-provision="{ids}" markdown>\n\n{body.strip()}\n\n</section>\n\n')
    return f"---\nkind: checklist-collection\nprovisions: []\ntitle: {title}\n---\n\n" + "".join(out)
