"""Print every checklist and template of the built site to A4 PDF with Chromium, plus one PDF of all checklists.

The PDFs come from the site's own print stylesheet, so print preview and the PDF agree.
Pages are opened from file:// with every other request refused: nothing is fetched.
Chromium stamps the time of printing into the PDF; those two dates are replaced by
SOURCE_DATE_EPOCH, and link targets (absolute file:// paths of the build folder) are dropped,
so that the same commit gives the same bytes wherever it is built.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from scripts.core.browser import RENDER_ARGS, headless
from scripts.core.paths import ALL_CHECKLISTS, LANGS, built_page, download, lang_of, language_tree
from scripts.pages.collect import collect_docs

FOOTER = {
    "zh": '<div style="font-family:\'WenQuanYi Micro Hei\';font-size:7pt;width:100%;text-align:center;color:#333">第 <span class="pageNumber"></span> 页，'
          '共 <span class="totalPages"></span> 页</div>',
    "en": '<div style="font-family:\'WenQuanYi Micro Hei\';font-size:7pt;width:100%;text-align:center;color:#333">Page <span class="pageNumber"></span> '
          'of <span class="totalPages"></span></div>',
}
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9+\-Z']+\)")


@dataclass(frozen=True)
class Job:
    html: Path  # the built page
    pdf: Path  # where its PDF goes
    lang: str


def jobs(docs_dir: Path, site: Path) -> list[Job]:
    out = []
    for rel, rec in sorted(collect_docs(docs_dir).items()):
        if rec.kind not in ("checklist", "template") or rec.draft:  # a draft is not in the site
            continue
        lang = lang_of(rel)
        out.append(Job(built_page(site, rel), language_tree(site, lang) / download(rec.kind, rel, "pdf"), lang))
    for lang in LANGS:
        tree = language_tree(site, lang)
        out.append(Job(tree / "checklists/print-all/index.html", tree / ALL_CHECKLISTS, lang))
    return out


def fix_dates(data: bytes, epoch: int) -> bytes:
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch)).encode()
    return PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp + b"+00'00')", data)


def export(site: Path, docs_dir: Path, chromium: str | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    epoch_env = os.environ.get("SOURCE_DATE_EPOCH", "")
    epoch = int(epoch_env) if epoch_env.isdigit() else 315532800
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium or headless(), args=RENDER_ARGS)
        context = browser.new_context()
        # Offline by construction: only file: URLs load.
        context.route(re.compile(r"^(?!file:).*"), lambda route: route.abort())
        page = context.new_page()
        for job in jobs(docs_dir, site):
            if not job.html.exists():
                raise FileNotFoundError(f"{job.html}: page to print is missing (build the site first)")
            page.goto(job.html.resolve().as_uri())
            page.emulate_media(media="print")
            # Chromium turns links into absolute file:///…/site/… URIs: the build's folder, useless to a reader
            # and different on every machine. Paper needs the text, so the link targets go.
            page.evaluate("document.querySelectorAll('a[href]').forEach(a => a.removeAttribute('href'))")
            data = page.pdf(format="A4", print_background=True, prefer_css_page_size=True,
                            display_header_footer=True, header_template="<span></span>",
                            footer_template=FOOTER[job.lang], margin={"top": "14mm", "bottom": "16mm",
                                                                      "left": "14mm", "right": "14mm"})
            job.pdf.parent.mkdir(parents=True, exist_ok=True)
            job.pdf.write_bytes(fix_dates(data, epoch))
            written.append(job.pdf)
        browser.close()
    return written
