"""MkDocs hooks for the handbook. They only route: all logic lives in scripts/.

mkdocs-static-i18n builds the site once per language (Chinese first, then English
into en/), so every event here runs once per language; `_lang` says which.
"""
from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.core.buildinfo import build_info, last_changed_all  # noqa: E402
from scripts.core.collector import before_exit, tune_for_build  # noqa: E402
from scripts.core.diagnostics import DiagnosticError  # noqa: E402
from scripts.core.findings import read_baseline, select, warning_lines  # noqa: E402
from scripts.core.paths import BASELINE, SUFFIX, relative_url  # noqa: E402
from scripts.corpus import nav as navigation  # noqa: E402
from scripts.corpus.seeds import load_corpus  # noqa: E402
from scripts.corpus.synonyms import search_table, table_path  # noqa: E402
from scripts.dev.preview import watch_natively  # noqa: E402
from scripts.publish.csp import add_meta as add_csp_meta  # noqa: E402
from scripts.publish.pwa import page_settings as app_settings  # noqa: E402
from scripts.publish.search_index import (SegmentationUnavailable, VocabularyJob, build as build_search,  # noqa: E402
                                          page_entry, plain, sections as search_sections,
                                          write as write_search)
from scripts.render.analysis import CACHE, SPLIT_CACHE, Analysis, analyse  # noqa: E402
from scripts.render.backlinks import add_backlinks  # noqa: E402
from scripts.render.cite import transform  # noqa: E402
from scripts.render.cjk_breaks import CjkBreaksExtension  # noqa: E402
from scripts.render.editions import Edition  # noqa: E402
from scripts.render.markup import html_title, nav_titles  # noqa: E402
from scripts.render.matrix import provisions_json  # noqa: E402
from scripts.render.nav_cache import NavCache  # noqa: E402
from scripts.render.stale import with_notice as with_stale_notice  # noqa: E402
from scripts.render.stash import Stash  # noqa: E402
from scripts.render.template_cache import CompiledTemplates  # noqa: E402
from scripts.render.tooltips import annotate  # noqa: E402

log = logging.getLogger("mkdocs.hooks.handbook")


@dataclass
class _State:
    """What the hook keeps between events (and between the two languages' builds)."""

    fingerprint: tuple | None = None  # the inputs `analysis` was made from
    analysis: Analysis | None = None
    vocabulary: VocabularyJob | None = None  # search words being cut on the other core
    vocabulary_words: list | None = None
    updated: dict[str, str] | None = None  # page → date of its last commit
    sections: dict[str, dict[str, list]] = field(default_factory=dict)  # language → URL → search sections
    search_pages: dict[str, dict] = field(default_factory=dict)  # language → URL → page_entry()
    dirty: bool = False  # `make serve` (properdocs serve --dirty): only edited pages are rendered again
    context: tuple[str, dict] = ("", {})  # what pages render from besides their Markdown (_context)
    previous: tuple[str, dict] = ("", {})  # the same, for the pages the last build wrote
    rendered: dict[str, str] = field(default_factory=dict)  # generated page's address → what it was rendered from
    provisions: tuple = (None, "")  # provisions.json, and the context and settings it was made from
    stashes: dict[int, Stash] = field(default_factory=dict)  # page being rendered → its citations' HTML
    command: str = ""  # build or serve
    edition: Edition | None = None  # the English edition being built by a second process


_state = _State()


# Material's templates compiled once per process and kept on disk between builds (scripts/render/template_cache.py).
_templates = CompiledTemplates()


def on_env(env, config, files, **kwargs):
    _templates.directory = _root(config) / CACHE.parent / "templates"
    env.bytecode_cache = _templates
    # Every build makes a new environment, so a template cannot change while this one lives; without this,
    # each of the ~6,000 includes of a build checks its file's mtime on disk again.
    env.auto_reload = False
    env.globals["handbook_nav"] = NavCache(env.filters["url"])
    return env


# `make serve` rebuilds with --dirty: only the pages whose Markdown changed (and the generated ones,
# which hold backlinks and the matrix) are rendered again. MkDocs warns about that on every rebuild,
# which strict mode would count as a failure; the preview keeps strict for everything else.
class _DirtyNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def on_startup(command, dirty, **kwargs):
    tune_for_build()  # fewer full collections of a heap that only grows (scripts/core/collector.py)
    _state.dirty = command == "serve" and dirty
    _state.command = "" if dirty else command
    if _state.dirty:
        for name in ("mkdocs.commands.build", "properdocs.commands.build"):
            logging.getLogger(name).addFilter(_DirtyNotice())


def on_shutdown(**kwargs):
    before_exit()  # the end of the process: its heap is not collected again (scripts/core/collector.py)


def on_serve(server, config, builder, **kwargs):
    return watch_natively(server)  # an edit is heard when it is saved, not at the next poll (scripts/dev/preview.py)


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _lang(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or "zh"


# Material segments Chinese only when jieba imports, and says nothing when it does not.
# Runs before mkdocs-static-i18n's on_config, which reads the nav: the source section is expanded first.
@event_priority(100)
def on_config(config, **kwargs):
    try:
        import jieba  # noqa: F401
    except ImportError:
        raise PluginError("Chinese search needs jieba, which is not installed: run make build "
                          "(or pip install -r requirements.txt). Refusing to build an unsearchable site.")
    _state.updated = None  # commit dates are read again by each build (mkdocs serve rebuilds)
    # mkdocs-static-i18n sets each page's language switcher as an attribute of `extra`, which the theme reads
    # before the item it resets for each language: the English 404 page offered the last Chinese page rendered.
    vars(config.extra).pop("alternate", None)
    try:
        corpus = load_corpus(_root(config) / "seeds", _root(config) / SPLIT_CACHE)
    except DiagnosticError as exc:
        _fail(exc.diags, "seeds/")
    # `- 原文: source/` in the nav stands for every policy's pages (scripts/corpus/nav.py).
    # Titles in the nav are printed as HTML by the theme: a policy's title is text (scripts/render/markup.py).
    config["nav"] = nav_titles(navigation.expand(config["nav"], corpus)) if config["nav"] else config["nav"]
    # HANDBOOK_SEARCH=material keeps Material's own lunr search, to measure it against ours (scripts/dev/bench.py).
    config.extra["handbook_search"] = os.environ.get("HANDBOOK_SEARCH", "handbook")
    if config.extra["handbook_search"] != "material":
        # Our search index cuts Chinese itself (scripts/publish/search_index.py) and drops the zero-width spaces
        # Material's search plugin puts between jieba's words; that segmentation ran jieba over every
        # section of every page, a third of the build, for text nobody reads.
        import material.plugins.search.plugin as material_search
        material_search.jieba = None
    # A line break inside Chinese text would show as a space. Registered here, not in mkdocs.yml, which
    # loads extensions before this hook has put scripts/ on the path.
    if not any(isinstance(ext, CjkBreaksExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(CjkBreaksExtension())
    info = build_info(_root(config))
    # Readers see the version and date only when they are known (a copy outside git has neither).
    config.extra["handbook_build"] = {k: ("" if v == "unknown" else v) for k, v in
                                      (("version", info.version), ("date", info.date))}
    # The offline bundle's own pages do not offer the bundle for download (it is not inside itself),
    # nor are they an installable app: they link no manifest, so docs/assets/pwa.js registers no worker.
    config.extra["handbook_offline"] = os.environ.get("OFFLINE", "").lower() == "true"
    try:
        config.extra["handbook_app"] = app_settings(Path(config.docs_dir))
    except DiagnosticError as exc:
        _fail(exc.diags, "docs/assets/")
    return config


def _fail(diags, where: str):
    for d in diags:
        log.error(d.human())
    raise PluginError(f"{len(diags)} error(s) in {where}")


# Check every reference before any page renders: a broken handbook never builds.
# Runs after mkdocs-static-i18n (-100), which rebuilds the file list from disk and would drop in-memory pages.
@event_priority(-110)
def on_files(files, config, **kwargs):
    lang = _lang(config)
    key = _fingerprint(config)
    # mkdocs-static-i18n runs a whole build per language; the handbook's records, report and generated
    # pages are the same for both, so the second language reuses them while no input has changed.
    if _state.fingerprint != key:
        _state.fingerprint = None
        try:
            _state.analysis = analyse(_root(config), Path(config.docs_dir), Path(config.config_file_path),
                                      config.use_directory_urls)
        except DiagnosticError as exc:
            _fail(exc.diags, "seeds/")
        _report(_state.analysis.report, _root(config))  # raises on errors, so a failed analysis is never reused
        _state.fingerprint = key
        _state.previous, _state.context = _state.context, _context(_state.analysis, key)
        _start_vocabulary(config)
    for f in files:
        rec = _state.analysis.pages.get(f.src_uri)
        if _state.dirty and rec is not None:
            _render_if_context_changed(f, rec)
        if rec is not None and rec.draft:
            # Not published: left out of `mkdocs build` (and so of the nav and search); `mkdocs serve`
            # previews it under MkDocs' DRAFT mark while it is written.
            f.inclusion = InclusionLevel.DRAFT
    for src, content in _state.analysis.generated.items():
        if src.endswith(SUFFIX) != (lang == "en"):
            continue
        base = src[: -len(SUFFIX)] + ".md" if src.endswith(SUFFIX) else src
        f = _generated_page(config, base, content, lang)
        if _state.dirty:
            _render_if_changed(f, content, config, _state.analysis.stashes.get(src))
        files.append(f)
    return files


def _digest(data) -> str:
    return hashlib.sha256(repr(data).encode("utf-8")).hexdigest()


def _context(analysis: Analysis, fingerprint: tuple) -> tuple[str, dict]:
    """What pages show besides their own Markdown, in two parts: what every page may show (the texts a
    citation previews, the glossary's tooltips, references inside the texts, English titles, the
    settings) and who cites each provision (the backlinks on the texts' pages; not at which line, which
    an edit above a citation changes), per text."""
    inputs = [entry for entry in fingerprint if isinstance(entry, tuple) and not entry[0].endswith(".md")]
    every_page = (inputs, analysis.glossary, sorted(analysis.referenced.items()), sorted(analysis.titles_en.items()))
    cited: dict[str, list] = {}
    for (slug, pid), refs in sorted(analysis.report.cited_by.items()):
        cited.setdefault(slug, []).append((pid, sorted((r.page, r.kind, r.title, r.item_id) for r in refs)))
    return _digest(every_page), {slug: _digest(refs) for slug, refs in cited.items()}


def _render_if_context_changed(f: File, rec) -> None:
    """In a dirty preview, a page whose Markdown did not change is still rendered again when what it
    shows beside it did: every page when the texts, the glossary or the settings changed, a policy
    text's pages when a citation of it was added or removed."""
    (every_page, cited), (before, cited_before) = _state.context, _state.previous
    if every_page != before or (rec.kind == "source" and cited.get(rec.document) != cited_before.get(rec.document)):
        f.is_modified = lambda: True


def _render_if_changed(f: File, content: str, config, stash: Stash | None) -> None:
    """In a dirty preview, a generated page (the matrix, the library, print-all …) is rendered again only
    when its Markdown or what it shows beside it changed."""
    key = _digest((_state.context, content, stash.items if stash else None))
    if _state.rendered.get(f.dest_uri) == key and os.path.isfile(os.path.join(config.site_dir, f.dest_uri)):
        f.is_modified = lambda: False  # what `--dirty` asks of a page; a generated one always says True
    _state.rendered[f.dest_uri] = key


def _fingerprint(config) -> tuple:
    """Every input of the analysis, by name, size and modification time (a stat per file, no reads)."""
    root = _root(config)
    table = table_path(root, (config.extra.get("handbook") or {}).get("synonyms"))
    paths = [Path(config.config_file_path), *sorted((root / "seeds").glob("*")),
             *sorted(Path(config.docs_dir).rglob("*.md")), *([table] if table.exists() else [])]
    settings = (config.use_directory_urls, config.extra.get("handbook_search"))  # generated links depend on them
    return settings + tuple((str(p), st.st_size, st.st_mtime_ns) for p in paths for st in [p.stat()])


def _start_vocabulary(config) -> None:
    """Cut the Chinese pages into words for the search index on the other core while pages render."""
    if config.extra.get("handbook_search") == "material":
        return
    if _state.dirty and _state.vocabulary_words is not None:
        # Previewing an edit: the words of the first build serve (cutting them again takes a second,
        # and a new word of the edit is still found, only cut as jieba cuts it by default).
        return
    _cancel_vocabulary()
    _state.vocabulary_words = None
    analysis = _state.analysis
    zh_pages = [rec.text for rel, rec in sorted(analysis.pages.items()) if not rel.endswith(SUFFIX) and not rec.draft]
    zh_pages += [text for src, text in sorted(analysis.generated.items()) if not src.endswith(SUFFIX)]
    terms = [form for term in analysis.glossary["zh"] for form in term.forms]
    try:
        _state.vocabulary = VocabularyJob(zh_pages, terms, (_root(config) / CACHE).parent)
    except OSError as exc:  # a read-only checkout: the index builds its vocabulary in this process instead
        log.info(f"search vocabulary computed in-process ({exc})")


def _cancel_vocabulary() -> None:
    job, _state.vocabulary = _state.vocabulary, None
    if job is not None:
        job.cancel()


def on_build_error(error, **kwargs):
    _cancel_vocabulary()
    edition, _state.edition = _state.edition, None
    if edition is not None:
        edition.cancel()
    _state.stashes.clear()
    _state.rendered.clear()  # a page recorded before the error may not have been written: the next
    _state.context = ("", {})  # preview renders every page again


def _report(report, root: Path) -> None:
    """Errors in full, warnings summarised as the checker prints them (scripts/core/findings.py)."""
    try:
        view = select(report.diags, read_baseline(root / BASELINE))
    except DiagnosticError as exc:
        _fail(exc.diags, BASELINE)
    for d in view.errors:
        log.error(d.human())
    # A warning is shown, not counted: under --strict MkDocs fails on any logged warning, and a
    # warning (a stale translation, by default) must never hold back a build or the preview.
    for line in warning_lines(view):
        log.info(line)
    if report.errors:
        raise PluginError(f"{len(report.errors)} handbook error(s); run make check for the same list")


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


FALLBACK_BANNER = (
    '!!! warning "Not translated yet"\n'
    "    This page has no English translation yet, so the Chinese original is shown. "
    "See the [translation status]({status}).\n\n"
)


def _record(page):
    """The checker's record of a page, or None for pages that are not the handbook's (generated ones)."""
    return _state.analysis.pages.get(page.file.src_uri) if _state.analysis else None


# Once the Chinese build has its pages and navigation, a second process builds the English edition beside it
# (scripts/render/editions.py); `make serve` keeps one process, which renders only what an edit touched.
@event_priority(-110)  # after mkdocs-static-i18n's (-100)
def on_nav(nav, config, files, **kwargs):
    i18n = config.plugins.get("i18n")
    if _state.command == "build" and i18n is not None and not i18n.building and _state.edition is None:
        others = [lang for lang in i18n.build_languages if lang != _lang(config)]

        def payload() -> dict:
            return {lang: (_state.sections.get(lang, {}), _state.search_pages.get(lang, {})) for lang in others}

        def receive(built: dict) -> None:
            for lang, (sections, pages) in built.items():
                _state.sections[lang], _state.search_pages[lang] = sections, pages

        def in_child() -> None:
            _state.vocabulary = None  # the parent's job: the child must neither wait for it nor cancel it

        # While it waits for the English edition, the parent makes provisions.json.
        _state.edition = Edition.start(config, i18n, payload, receive, in_child, meanwhile=lambda: _provisions(config))
    return nav


def on_page_markdown(markdown, page, config, files, **kwargs):
    # Every page's title is text: the theme prints it as HTML in the nav, <title>, header and footer.
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = html_title(page.meta["title"])
    rec = _record(page)
    if rec is None:
        return markdown
    analysis = _state.analysis
    lang = _lang(config)
    page.meta["handbook_updated"] = _updated(config, page.file.abs_src_path)
    translations = analysis.translations if lang == "en" else None
    # Citations and a text's blocks reach Markdown as tokens; their HTML goes back in on_page_content.
    stash = _state.stashes[id(page)] = Stash()
    out = transform(rec, analysis.corpus, config.use_directory_urls, translations, stash)
    out = with_stale_notice(out, rec, Path(config.docs_dir), config.use_directory_urls)
    if lang == "en" and not rec.path.endswith(SUFFIX):
        status = posixpath.relpath("translations.md", posixpath.dirname(rec.path) or ".")
        out = FALLBACK_BANNER.format(status=status) + out
    return out


def _updated(config, path: str | None) -> str:
    if _state.updated is None:  # one git log for every page, shared by both languages
        _state.updated = last_changed_all(_root(config), Path(config.docs_dir))
    return _state.updated.get(str(Path(path).resolve()), "") if path else ""


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

    return add_csp_meta(ROOT_RELATIVE_SWITCH.sub(relative, output))


# 404.html is a theme template, not a page: it gets its Content-Security-Policy here.
def on_post_template(output_content, template_name, config, **kwargs):
    return add_csp_meta(output_content) if template_name.endswith(".html") else output_content


# Glossary terms in running text get their definition; source pages also list what implements each provision.
def on_page_content(html_text, page, config, files, **kwargs):
    rec = _record(page)
    stash = _state.stashes.pop(id(page), None) if rec is not None else _generated_stash(page, config)
    if stash is not None:
        html_text = stash.restore(html_text)
        if rec is not None and rec.kind == "source":
            page.present_anchor_ids |= stash.anchor_ids()
    if rec is None:
        return html_text
    analysis = _state.analysis
    lang = _lang(config)
    if rec.kind != "glossary":
        here = rec.path[: -len(SUFFIX)] + ".md" if rec.path.endswith(SUFFIX) else rec.path
        to_glossary = relative_url(here, "glossary.md", config.use_directory_urls)
        text_lang = "en" if rec.path.endswith(SUFFIX) or (lang == "en" and rec.kind == "source") else "zh"
        html_text = annotate(html_text, analysis.glossary[text_lang], lambda t: f"{to_glossary}#{t.anchor}", text_lang)
    if rec.kind == "source":
        html_text = add_backlinks(html_text, rec, analysis.report, lang, config.use_directory_urls,
                                  analysis.settings.citing_kinds, analysis.referenced)
    return html_text


def _generated_stash(page, config) -> Stash | None:
    """What a generated page (the matrix …) kept out of its Markdown; its File is named without .en."""
    if _state.analysis is None:
        return None
    src = page.file.src_uri
    return _state.analysis.stashes.get(src if _lang(config) == "zh" else src[:-3] + SUFFIX)


def on_pre_build(config, **kwargs):
    if not _state.dirty:  # each language's build indexes its own pages; a dirty rebuild only the edited ones
        _state.sections[_lang(config)] = {}
        _state.search_pages[_lang(config)] = {}


# The handbook's search index is cut from each rendered page here (scripts/search_index.sections),
# before Material's search plugin (priority 0) would cut the same page again for an index that the
# build replaces anyway: the page is then marked excluded for Material's plugin only.
@event_priority(100)
def on_page_context(context, page, config, nav, **kwargs):
    if config.extra.get("handbook_search") == "material":
        return context
    search = page.meta.get("search") or {}
    if not search.get("exclude"):
        title = plain(str(page.meta.get("title", page.title)))  # titles are escaped HTML by now
        lang = _lang(config)
        _state.sections.setdefault(lang, {})[page.url] = search_sections(page.url, page.content or "", title)
        # Results name the nav section a page is under (解读, 清单 …) and the policy text a source page shows.
        label = plain(str(page.ancestors[-1].title)) if page.ancestors else ""
        doc = page.meta.get("document", "") if page.meta.get("kind") == "source" else ""
        _state.search_pages.setdefault(lang, {})[page.url] = page_entry(title, label or "", str(doc or ""))
    page.meta["search"] = {**search, "exclude": True}
    return context


def _provisions(config) -> str:
    """provisions.json. The texts, and which pages cite each provision, are all it holds: it is made again only when
    either changed (the context's digests), e.g. not by a preview rebuild after editing a guidance page's wording."""
    key = (_state.context, config.use_directory_urls)
    if not (_state.context[0] and _state.provisions[0] == key):
        _state.provisions = (key, provisions_json(_state.analysis.report, config.use_directory_urls))
    return _state.provisions[1]


def _synonyms(config) -> list:
    """What search applies: the synonym table and the names a new version replaced (scripts/corpus/synonyms.py)."""
    settings = _state.analysis.settings if _state.analysis else None
    return search_table(_root(config), settings.synonyms if settings else None,
                        _state.analysis.corpus if _state.analysis else None)


# Runs after mkdocs-static-i18n (-100) has built every other language.
@event_priority(-120)
def on_post_build(config, **kwargs):
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a nested per-language build; the outer build finishes the site

    edition, _state.edition = _state.edition, None
    if edition is not None:
        edition.restore()
    site = Path(config.site_dir)
    if _state.analysis is not None:
        (site / "provisions.json").write_text(_provisions(config), encoding="utf-8")
    if config.extra.get("handbook_search") == "material":
        return
    try:
        job, _state.vocabulary = _state.vocabulary, None
        if job is not None:  # kept while the pages stay the same (mkdocs serve rebuilds after a theme edit)
            _state.vocabulary_words = job.result()
        synonyms = _synonyms(config)
        sections = {lang: [s for page in pages.values() for s in page] for lang, pages in _state.sections.items()}
        write_search(site, build_search(site, Path(config.docs_dir), _state.vocabulary_words, sections,
                                        _state.search_pages, synonyms))
    except SegmentationUnavailable as exc:
        raise PluginError(f"{exc}; refusing to build an unsearchable site")
