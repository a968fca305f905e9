"""MkDocs hooks for the handbook. They only route: all logic lives in scripts/.

mkdocs-static-i18n builds the site once per language (Chinese first, then English
into en/), so every event here runs once per language; `_lang` says which.
"""
from __future__ import annotations

import html
import logging
import os
import posixpath
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts import check as checker  # noqa: E402
from scripts.buildinfo import build_info, last_changed_all  # noqa: E402
from scripts.cjk_breaks import CjkBreaksExtension  # noqa: E402
from scripts.cite import relative_url, transform  # noqa: E402
from scripts.collect import collect_docs  # noqa: E402
from scripts.corpus import load_corpus  # noqa: E402
from scripts.diagnostics import DiagnosticError, Severity  # noqa: E402
from scripts.matrix import matrix_markdown, provisions_json  # noqa: E402
from scripts.printall import print_all_markdown  # noqa: E402
from scripts.render_source import render_corpus  # noqa: E402
from scripts.search_index import (SegmentationUnavailable, VocabularyJob, build as build_search, page_texts,  # noqa: E402
                                  sections as search_sections, write as write_search)
from scripts.glossary import load_glossary  # noqa: E402
from scripts.tooltips import annotate  # noqa: E402
from scripts.translate import SUFFIX, counterpart, load_source_translation, status_markdown  # noqa: E402

log = logging.getLogger("mkdocs.hooks.handbook")
_state: dict = {}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _lang(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or "zh"


# Material segments Chinese only when jieba imports, and says nothing when it does not.
def on_config(config, **kwargs):
    try:
        import jieba  # noqa: F401
    except ImportError:
        raise PluginError("Chinese search needs jieba, which is not installed: run make build "
                          "(or pip install -r requirements.txt). Refusing to build an unsearchable site.")
    _state.pop("updated", None)  # commit dates are read again by each build (mkdocs serve rebuilds)
    # HANDBOOK_SEARCH=material keeps Material's own lunr search, to measure it against ours (scripts/bench.py).
    config.extra["handbook_search"] = os.environ.get("HANDBOOK_SEARCH", "handbook")
    if config.extra["handbook_search"] != "material":
        # Our search index cuts Chinese itself (scripts/search_index.py) and drops the zero-width spaces
        # Material's search plugin puts between jieba's words; that segmentation ran jieba over every
        # section of every page, a third of the build, for text nobody reads.
        import material.plugins.search.plugin as material_search
        material_search.jieba = None
    # A line break inside Chinese text would show as a space. Registered here, not in mkdocs.yml, which
    # loads extensions before this hook has put scripts/ on the path.
    if not any(isinstance(ext, CjkBreaksExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(CjkBreaksExtension())
    info = build_info(_root(config))
    config.extra["handbook_build"] = {"version": info.version, "date": info.date}
    # The offline bundle's own pages do not offer the bundle for download (it is not inside itself).
    config.extra["handbook_offline"] = os.environ.get("OFFLINE", "").lower() == "true"
    return config


# Check every reference before any page renders: a broken handbook never builds.
# Runs after mkdocs-static-i18n (-100), which rebuilds the file list from disk and would drop in-memory pages.
@event_priority(-110)
def on_files(files, config, **kwargs):
    lang = _lang(config)
    key = _fingerprint(config)
    # mkdocs-static-i18n runs a whole build per language; the handbook's records, report and generated
    # pages are the same for both, so the second language reuses them while no input has changed.
    if _state.get("fingerprint") != key:
        _state.pop("fingerprint", None)
        _analyse(config)
        _report(_state["report"])  # raises on errors, so a failed analysis is never reused
        _state["fingerprint"] = key
        _start_vocabulary(config)
    settings = _state["settings"]
    for src, content in _state["generated"].items():
        base = src[: -len(SUFFIX)] + ".md" if src.endswith(SUFFIX) else src
        if base not in settings.generated_pages or (src != base) != (lang == "en"):
            continue
        files.append(_generated_page(config, base, content, lang))
    return files


def _fingerprint(config) -> tuple:
    """Every input of _analyse, by name, size and modification time (a stat per file, no reads)."""
    root = _root(config)
    paths = [Path(config.config_file_path), *sorted((root / "seeds").glob("*")),
             *sorted(Path(config.docs_dir).rglob("*.md"))]
    settings = (config.use_directory_urls, config.extra.get("handbook_search"))  # generated links depend on them
    return settings + tuple((str(p), st.st_size, st.st_mtime_ns) for p in paths for st in [p.stat()])


def _start_vocabulary(config) -> None:
    """Cut the Chinese pages into words for the search index on the other core while pages render."""
    _cancel_vocabulary()
    _state.pop("vocabulary_words", None)
    if config.extra.get("handbook_search") == "material":
        return
    zh_pages = [rec.text for rel, rec in sorted(_state["pages"].items()) if not rel.endswith(SUFFIX)]
    zh_pages += [text for src, text in sorted(_state["generated"].items()) if not src.endswith(SUFFIX)]
    terms = [form for term in _state["glossary"]["zh"] for form in term.forms]
    try:
        _state["vocabulary"] = VocabularyJob(page_texts(zh_pages), terms, (_root(config) / checker.CACHE).parent)
    except OSError as exc:  # a read-only checkout: the index builds its vocabulary in this process instead
        log.info(f"search vocabulary computed in-process ({exc})")


def _cancel_vocabulary() -> None:
    job = _state.pop("vocabulary", None)
    if job is not None:
        job.cancel()


def on_build_error(error, **kwargs):
    _cancel_vocabulary()


def _report(report) -> None:
    for d in report.diags:
        (log.error if d.severity is Severity.ERROR else log.warning)(d.human())
    if report.errors:
        raise PluginError(f"{len(report.errors)} handbook error(s); run make check for the same list")


def _analyse(config) -> None:
    root = _root(config)
    docs_dir = Path(config.docs_dir)
    try:
        corpus = load_corpus(root / "seeds")
    except DiagnosticError as exc:
        for d in exc.diags:
            log.error(d.human())
        raise PluginError(f"{len(exc.diags)} error(s) in seeds/")
    settings, config_diags = checker.load_settings(Path(config.config_file_path))
    # The checker's cache: `mkdocs serve` re-checks on every save, and only the saved page is read again.
    pages = collect_docs(docs_dir, shown_prefix=_shown_prefix(root, docs_dir), cache=root / checker.CACHE)
    report = checker.check(pages, corpus, settings, render_corpus(corpus), docs_dir, root)
    report.diags = sorted(set(report.diags + config_diags))
    translations = {slug: load_source_translation(seed)[0] for slug, seed in corpus.seeds.items()}
    glossary = {lg: load_glossary(docs_dir, lg) for lg in ("zh", "en")}
    titles_en = {rel: rec.title for rel, rec in pages.items() if rel.endswith(SUFFIX)}
    titles_en = {counterpart(rel): t for rel, t in titles_en.items()}
    generated = {
        "matrix.md": matrix_markdown(report),
        "matrix.en.md": matrix_markdown(report, lang="en", titles=titles_en),
        "checklists/print-all.md": print_all_markdown(report, config.use_directory_urls),
        "checklists/print-all.en.md": print_all_markdown(report, config.use_directory_urls, "en", translations),
        "translations.md": status_markdown(pages, docs_dir, "zh"),
        "translations.en.md": status_markdown(pages, docs_dir, "en"),
    }
    _state.update(report=report, corpus=corpus, pages=pages, translations=translations, glossary=glossary,
                  settings=settings, generated=generated)


def _generated_page(config, src: str, content: str, lang: str) -> File:
    """An in-memory page placed in the current language's tree, as mkdocs-static-i18n places files.

    Its counterpart in the other language is generated in that language's build; a stand-in File
    gives the language switcher its address (otherwise the switcher falls back to a root-relative /en/).
    """
    f = File.generated(config, src, content=content)
    other = File.generated(config, src, content="")
    if lang != "zh":
        f.dest_uri = f"{lang}/{f.dest_uri}"
    else:
        other.dest_uri = f"en/{other.dest_uri}"
    f.alternates = {lang: f, ("en" if lang == "zh" else "zh"): other}
    f.locale = f.locale_alternate_of = lang
    f.localization = None if lang == "zh" else lang
    f.norm_src_uri = src
    return f


def _shown_prefix(root: Path, docs_dir: Path) -> str:
    try:
        return docs_dir.resolve().relative_to(root).as_posix()
    except ValueError:
        return docs_dir.as_posix()


FALLBACK_BANNER = (
    '!!! warning "Not translated yet"\n'
    "    This page has no English translation yet, so the Chinese original is shown. "
    "See the [translation status]({status}).\n\n"
)


def on_page_markdown(markdown, page, config, files, **kwargs):
    rec = _state.get("pages", {}).get(page.file.src_uri)
    if rec is None:
        return markdown
    lang = _lang(config)
    page.meta["handbook_updated"] = _updated(config, page.file.abs_src_path)
    translations = _state["translations"] if lang == "en" else None
    out = transform(rec, _state["corpus"], config.use_directory_urls, translations)
    if lang == "en" and not rec.path.endswith(SUFFIX):
        status = posixpath.relpath("translations.md", posixpath.dirname(rec.path) or ".")
        out = FALLBACK_BANNER.format(status=status) + out
    return out


def _updated(config, path: str | None) -> str:
    if "updated" not in _state:  # one git log for every page, shared by both languages
        _state["updated"] = last_changed_all(_root(config), Path(config.docs_dir))
    return _state["updated"].get(str(Path(path).resolve()), "") if path else ""


# mkdocs-static-i18n leaves root-relative switcher links (/, /en/) on pages without a counterpart of
# their own, e.g. the home pages; those break from file:// and under a sub-path, so make them relative.
ROOT_RELATIVE_SWITCH = re.compile(r'<a href="(/[^"]*)" hreflang="')


def on_post_page(output, page, config, **kwargs):
    def relative(m: re.Match) -> str:
        target = m.group(1).lstrip("/")
        if not config.use_directory_urls and (target == "" or target.endswith("/")):
            target += "index.html"
        here = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url) + "/"
        rel = posixpath.relpath(target or ".", here.rstrip("/") or ".")
        if config.use_directory_urls and not rel.endswith(("/", ".html")):
            rel += "/"
        return f'<a href="{rel}" hreflang="'

    return ROOT_RELATIVE_SWITCH.sub(relative, output)


SECTION = re.compile(
    r'(<section class="provision[^"]*"[^>]*?\sid="(?P<id>[^"]+)"[^>]*>\s*'
    r'<h\d[^>]*>.*?</h\d>\s*(?:<p class="provision-text">.*?</p>\s*)*)', re.S)
KIND_LABELS = {
    "zh": {"guidance": "解读", "checklist": "清单", "template": "模板", "title": "怎么落实 §{id}："},
    "en": {"guidance": "Guidance", "checklist": "Checklist", "template": "Template", "title": "Putting §{id} into practice:"},
}


# Glossary terms in running text get their definition; source pages also list what implements each provision.
def on_page_content(html_text, page, config, files, **kwargs):
    rec = _state.get("pages", {}).get(page.file.src_uri)
    if rec is None:
        return html_text
    lang = _lang(config)
    if rec.kind != "glossary":
        here = rec.path[: -len(SUFFIX)] + ".md" if rec.path.endswith(SUFFIX) else rec.path
        to_glossary = relative_url(here, "glossary.md", config.use_directory_urls)
        text_lang = "en" if rec.path.endswith(SUFFIX) or (lang == "en" and rec.kind == "source") else "zh"
        html_text = annotate(html_text, _state["glossary"][text_lang], lambda t: f"{to_glossary}#{t.anchor}", text_lang)
    if rec.kind != "source":
        return html_text
    report = _state["report"]
    pages = _state["pages"]
    slug = rec.meta.get("document", "")
    lang = _lang(config)
    labels = KIND_LABELS[lang]
    here = rec.path[: -len(SUFFIX)] + ".md" if rec.path.endswith(SUFFIX) else rec.path

    def title(ref) -> str:
        if lang == "en" and counterpart(ref.page) in pages:
            return pages[counterpart(ref.page)].title
        return ref.title

    def add(m: re.Match) -> str:
        pid = m["id"]
        refs = report.references(slug, pid, deep=False) if slug in report.corpus.seeds else []
        by_page = {}
        for ref in refs:
            if ref.kind in ("guidance", "checklist", "template"):
                by_page.setdefault(ref.page, ref)
        if not by_page:
            return m.group(0)
        order = ["guidance", "checklist", "template"]
        links = "".join(
            f'<li><a href="{relative_url(here, ref.page, config.use_directory_urls)}">'
            f'<span class="backlink-kind">{labels[ref.kind]}</span>{html.escape(title(ref))}</a></li>'
            for ref in sorted(by_page.values(), key=lambda r: (order.index(r.kind), r.page)))
        return (m.group(0) + f'<aside class="backlinks" aria-label="{labels["title"].format(id=pid)}">'
                f'<span class="backlinks-title">{labels["title"].format(id=pid)}</span><ul>{links}</ul></aside>')

    return SECTION.sub(add, html_text)


def on_pre_build(config, **kwargs):
    _state.setdefault("sections", {})[_lang(config)] = []  # each language's build indexes its own pages


# The handbook's search index is cut from each rendered page here (scripts/search_index.sections),
# before Material's search plugin (priority 0) would cut the same page again for an index that the
# build replaces anyway: the page is then marked excluded for Material's plugin only.
@event_priority(100)
def on_page_context(context, page, config, nav, **kwargs):
    if config.extra.get("handbook_search") == "material":
        return context
    search = page.meta.get("search") or {}
    if not search.get("exclude"):
        title = str(page.meta.get("title", page.title))
        _state.setdefault("sections", {}).setdefault(_lang(config), []).extend(
            search_sections(page.url, page.content or "", title))
    page.meta["search"] = {**search, "exclude": True}
    return context


# Runs after mkdocs-static-i18n (-100) has built every other language.
@event_priority(-120)
def on_post_build(config, **kwargs):
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a nested per-language build; the outer build finishes the site

    report = _state.get("report")
    site = Path(config.site_dir)
    if report is not None:
        (site / "provisions.json").write_text(provisions_json(report, config.use_directory_urls), encoding="utf-8")
    if config.extra.get("handbook_search") == "material":
        return
    try:
        job = _state.pop("vocabulary", None)
        if job is not None:  # kept while the pages stay the same (mkdocs serve rebuilds after a theme edit)
            _state["vocabulary_words"] = job.result()
        vocab = _state.get("vocabulary_words")
        write_search(site, build_search(site, Path(config.docs_dir), vocab, _state.get("sections")))
    except SegmentationUnavailable as exc:
        raise PluginError(f"{exc}; refusing to build an unsearchable site")
