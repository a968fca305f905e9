"""MkDocs hooks for the handbook. They only route: all logic lives in scripts/."""
from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts import check as checker  # noqa: E402
from scripts.cite import relative_url, transform  # noqa: E402
from scripts.collect import collect_docs  # noqa: E402
from scripts.corpus import load_corpus  # noqa: E402
from scripts.diagnostics import DiagnosticError, Severity  # noqa: E402
from scripts.matrix import matrix_markdown, provisions_json  # noqa: E402
from scripts.render_source import render_corpus  # noqa: E402
from scripts.printall import print_all_markdown  # noqa: E402

log = logging.getLogger("mkdocs.hooks.handbook")
_state: dict = {}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


# Material segments Chinese only when jieba imports, and says nothing when it does not.
def on_config(config, **kwargs):
    try:
        import jieba  # noqa: F401
    except ImportError:
        raise PluginError("Chinese search needs jieba, which is not installed: run make build "
                          "(or pip install -r requirements.txt). Refusing to build an unsearchable site.")
    _state.clear()
    return config


# Check every reference before any page renders: a broken handbook never builds.
def on_files(files, config, **kwargs):
    root = _root(config)
    docs_dir = Path(config.docs_dir)
    try:
        corpus = load_corpus(root / "seeds")
    except DiagnosticError as exc:
        for d in exc.diags:
            log.error(d.human())
        raise PluginError(f"{len(exc.diags)} error(s) in seeds/")
    settings, config_diags = checker.load_settings(Path(config.config_file_path))
    pages = collect_docs(docs_dir, shown_prefix=_shown_prefix(root, docs_dir))
    report = checker.check(pages, corpus, settings, render_corpus(corpus), docs_dir, root)
    report.diags = sorted(set(report.diags + config_diags))
    for d in report.diags:
        (log.error if d.severity is Severity.ERROR else log.warning)(d.human())
    if report.errors:
        raise PluginError(f"{len(report.errors)} handbook error(s); run make check for the same list")
    _state.update(report=report, corpus=corpus, pages=pages)
    generated = {
        "matrix.md": matrix_markdown(report),
        "checklists/print-all.md": print_all_markdown(report, config.use_directory_urls),
    }
    for src, content in generated.items():
        if src in settings.generated_pages and files.get_file_from_path(src) is None:
            files.append(File.generated(config, src, content=content))
    return files


def _shown_prefix(root: Path, docs_dir: Path) -> str:
    try:
        return docs_dir.resolve().relative_to(root).as_posix()
    except ValueError:
        return docs_dir.as_posix()


def on_page_markdown(markdown, page, config, files, **kwargs):
    rec = _state.get("pages", {}).get(page.file.src_uri)
    if rec is None:
        return markdown
    return transform(rec, _state["corpus"], config.use_directory_urls)


SECTION = re.compile(
    r'(<section class="provision[^"]*"[^>]*?\sid="(?P<id>[^"]+)"[^>]*>\s*'
    r'<h\d[^>]*>.*?</h\d>\s*(?:<p class="provision-text">.*?</p>\s*)*)', re.S)
KIND_LABELS = {"guidance": "解读", "checklist": "清单", "template": "模板"}


# Each provision on a source page lists the pages that put it into practice.
def on_page_content(html, page, config, files, **kwargs):
    rec = _state.get("pages", {}).get(page.file.src_uri)
    if rec is None or rec.kind != "source":
        return html
    report = _state["report"]
    slug = rec.meta.get("document", "")

    def add(m: re.Match) -> str:
        pid = m["id"]
        refs = report.references(slug, pid, deep=False) if slug in report.corpus.seeds else []
        by_page = {}
        for ref in refs:
            if ref.kind in KIND_LABELS:
                by_page.setdefault(ref.page, ref)
        if not by_page:
            return m.group(0)
        links = "".join(
            f'<li><a href="{relative_url(page.file.src_uri, ref.page, config.use_directory_urls)}">'
            f'<span class="backlink-kind">{KIND_LABELS[ref.kind]}</span>{_escape(ref.title)}</a></li>'
            for ref in sorted(by_page.values(), key=lambda r: (list(KIND_LABELS).index(r.kind), r.page)))
        return (m.group(0) + f'<aside class="backlinks" aria-label="落实 {pid} 的内容">'
                f'<span class="backlinks-title">怎么落实 §{pid}：</span><ul>{links}</ul></aside>')

    return SECTION.sub(add, html)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def on_post_build(config, **kwargs):
    report = _state.get("report")
    if report is not None:
        (Path(config.site_dir) / "provisions.json").write_text(
            provisions_json(report, config.use_directory_urls), encoding="utf-8")
