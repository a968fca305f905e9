"""Print the whole handbook as one book: one A4 PDF per language, for phones and for printing.

Reads the built site's pages in the order of mkdocs.yml's nav (the pages listed under
extra.handbook.book.leave_out stay out), joins their content into one HTML document with a cover
and a table of contents, and prints it with WeasyPrint (CSS Paged Media: page numbers in the
table of contents, running headers, PDF bookmarks, links inside the PDF, tagged PDF).
Writes SITE_DIR/downloads/handbook.pdf and SITE_DIR/en/downloads/handbook.pdf. With --section,
"print this section": one page with the checklists and templates it links to, as one PDF.
`write_text_books` makes the same kind of book for each policy text, offered from the text's
landing page (downloads/texts/<slug>.pdf): a cover with what is known of the text, its verbatim
pages with sentence numbers, then the guidance, checklists and templates that cite it.

The book is made from the built pages, not from the Markdown, because the build is where
citations, glossary terms, checklist boxes and template fields become HTML: reading the
Markdown again would mean a second renderer that could disagree with the site.
Every id is prefixed with its page's key, since two pages may use the same anchor, and every
link to a page in the book becomes a link inside the PDF. The same commit gives the same bytes:
the dates come from SOURCE_DATE_EPOCH and the PDF carries no random identifier.
"""
from __future__ import annotations

import functools
import html
import logging
import multiprocessing
import os
import posixpath
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pydyf

from scripts.core.buildinfo import build_info
from scripts.core.config import DEFAULT_CITING_KINDS, Config, nav_pages, read_config
from scripts.core.diagnostics import DiagnosticError
from scripts.core.htmlwalk import Token, start_tag, tokens
from scripts.core.paths import BOOK, DOCS_DIR, LANGS, SUFFIX, language_tree, page_url, text_download
from scripts.corpus import nav as navigation
from scripts.corpus.caption import KINDS as CAPTION_KINDS
from scripts.corpus.seeds import Corpus, Seed, load_corpus
from scripts.corpus.translation import load_source_translation
from scripts.pages.collect import PageRecord, collect_docs
from scripts.render.source import META_LABELS

STYLESHEET = Path(__file__).with_name("book.css")
# Site chrome that means nothing on paper: permalinks, download buttons (an element and all it holds).
DROP = {("a", "headerlink"), ("div", "downloads")}
WORDS = {
    "zh": {"toc": "目录", "version": "手册版本", "status": "本手册是编写者为方便基层落实而写的参考材料，不是官方文件；原文是唯一的依据。"},
    "en": {"toc": "Contents", "version": "Handbook version",
           "status": "Unofficial guidance and an unofficial translation. The Chinese source text is authoritative."},
}
# A text's book: its cover says what is known of the text, and that what is not known is not guessed.
TEXT_WORDS = {
    "zh": {"unknown": "不详", "version": "版本", "subtitle": "原文及引用它的解读、清单和模板",
           "status": "原文逐字照录，每句标有编号；解读、清单和模板是编写者为方便基层落实而写的参考材料，不是文件本身的规定。"
                     "原文没有写明的信息记为“不详”，不作推测。"},
    "en": {"unknown": "unknown", "version": "Version",
           "subtitle": "Source text, with the guidance, checklists and templates that cite it",
           "status": "Unofficial translation of the source text, sentence by sentence, with unofficial guidance. "
                     "The Chinese text is authoritative. What the text does not state is recorded as unknown, not guessed."},
}
# What the cover of a text's book lists, with the landing page's labels; here what is unknown says so.
COVER_FACTS = ("issuing_body", "date", "document_number", "status", "added")
# The dates its 题注 states (scripts/corpus/caption.py), shown only when it states them.
CAPTION_LABELS = {"zh": {key: word for word, key in CAPTION_KINDS.items()},
                  "en": {"adopted": "Adopted", "amended": "Amended", "revised": "Revised", "promulgated": "Promulgated",
                         "effective": "In force from", "approved": "Approved"}}


class BookError(Exception):
    """A page the book needs is missing or unreadable; the message is a path:line:col diagnostic."""


@dataclass(frozen=True)
class Part:
    title: str  # the nav section's title, in the book's language
    pages: tuple[str, ...]  # docs-relative Markdown paths, in nav order
    single: bool  # a nav entry that is one page (术语, 追溯矩阵): the page is the part


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...] = ()  # label, value: what is known of a text
    notes: tuple[str, ...] = ()  # the boxed paragraphs at the foot of the cover


@dataclass(frozen=True)
class Page:
    key: str  # prefix of every id of this page in the book
    url: str  # site-relative URL, e.g. guidance/2-5/
    title: str
    body: str  # the page's article, ids prefixed and links resolved


def load_config(path: Path) -> Config:
    """mkdocs.yml, with the nav's source section expanded to every policy's pages (scripts/corpus/nav.py)."""
    try:
        config = read_config(path)
        nav = navigation.expand(config.nav or [], load_corpus(path.parent / "seeds"))
    except DiagnosticError as exc:
        raise BookError(exc.diags[0].human()) from None
    return replace(config, data={**config.data, "nav": nav})


def parts(config: Config, lang: str) -> list[Part]:
    """The book's parts in nav order; another policy or page added to the nav appears in the book."""
    leave_out = set((config.handbook.get("book") or {}).get("leave_out") or [])
    names = config.language(lang).get("nav_translations") or {}
    out = []
    for entry in config.nav or []:
        items = entry.items() if isinstance(entry, dict) else [("", entry)]
        for title, value in items:
            pages = tuple(p for p in nav_pages(value) if p not in leave_out)
            if pages:
                out.append(Part(names.get(title, title), pages, isinstance(value, str)))
    return out


def page_key(url: str) -> str:
    return "p-" + (url.strip("/").replace("/", "-") or "home")


def _classes(token: Token) -> set[str]:
    return set(token.attr("class").split())


def _element(text: str, tag: str, cls: str) -> tuple[int, int] | None:
    """Where the content of the first <tag class="… cls …"> of a page starts and ends (its own tags excluded)."""
    depth, start = 0, None
    for token in tokens(text):
        if token.tag != tag:
            continue
        if token.kind == "start" and not token.void:
            if start is None and cls in _classes(token):
                start, depth = token.end, 0
            depth += 1 if start is not None else 0
        elif token.kind == "end" and start is not None:
            depth -= 1
            if depth == 0:
                return start, token.start
    return None


def _walk(fragment: str, edit_start=None) -> str:
    """The fragment without the site chrome of DROP; `edit_start(token)` may rewrite a start tag (or None)."""
    out, dropping = [], []  # the tags of the elements being dropped, innermost last
    for token in tokens(fragment):
        raw = fragment[token.start:token.end]
        if dropping:
            if token.kind == "start" and not token.void and token.tag == dropping[-1][0]:
                dropping[-1][1] += 1
            elif token.kind == "end" and token.tag == dropping[-1][0]:
                dropping[-1][1] -= 1
                if dropping[-1][1] == 0:
                    dropping.pop()
            continue
        if token.kind == "start" and any((token.tag, c) in DROP for c in _classes(token)):
            if not token.void:
                dropping.append([token.tag, 1])
            continue
        if token.kind == "start" and edit_start is not None:
            raw = edit_start(token) or raw
        out.append(raw)
    return "".join(out)


def _text(fragment: str) -> str:
    """What a reader sees of a fragment: its text without the site chrome, entities decoded."""
    kept = _walk(fragment)
    return html.unescape("".join(kept[t.start:t.end] for t in tokens(kept) if t.kind == "data")).strip()


def _links(fragment: str) -> list[str]:
    return [t.attr("href") for t in tokens(fragment) if t.kind == "start" and t.tag == "a" and t.attr("href")]


def resolve(href: str, here: str, keys: dict[str, str]) -> str | None:
    """Where a link of the page at `here` points in the book: `#key--id`, the href itself, or None (drop it)."""
    parts_ = urlsplit(href)
    if parts_.scheme or parts_.netloc:
        return href if parts_.scheme in ("http", "https", "mailto") else None
    if not parts_.path:
        target = here
    else:
        target = posixpath.normpath(posixpath.join(here, unquote(parts_.path)))
        target = "" if target == "." else target.strip("/") + "/"
        if target.endswith("index.html/"):
            target = target[: -len("index.html/")]
    key = keys.get(target)
    if key is None:
        return None  # a download, the home page or a page the book leaves out: nothing to go to on paper
    return f"#{key}--{unquote(parts_.fragment)}" if parts_.fragment else f"#{key}"


def rewrite(article: str, url: str, keys: dict[str, str], linked: set[str] | None = None) -> str:
    """A page's article for the book: ids prefixed with the page's key (two pages may share an anchor), links
    into the book made links inside the PDF, the site's chrome dropped. `linked` collects the ids those links go to."""
    key = keys[url]

    def edit(token: Token) -> str | None:
        has_id = any(k == "id" for k, _ in token.attrs)
        href = token.attr("href") if token.tag == "a" else ""
        if not has_id and not href:
            return None
        attrs = []
        for name, value in token.attrs:
            if name == "id":
                attrs.append((name, f"{key}--{value}"))
            elif name == "href" and token.tag == "a":
                target = resolve(value, url, keys)
                if target is not None:
                    attrs.append((name, target))
                    if linked is not None and target.startswith("#"):
                        linked.add(target[1:])
            else:
                attrs.append((name, value))
        return start_tag(token.tag, attrs)

    return _walk(article, edit)


def keep_linked_ids(body: str, linked: set[str]) -> str:
    """The body with only the ids a link of the book goes to. WeasyPrint makes every id an anchor and, laying out
    each page, compares the page's anchors with a list of every anchor before it (layout/page.py, make_page): time
    in anchors squared. A page's headings, sentences and provisions all have ids, and a book links to few of them:
    the English book of a 50-text library had 37,802 ids, 4,318 of them linked, and took 133.7 s to lay out with
    them all, 102.0 s with the linked ones alone (finding them costs 0.7 s more in assembling it). An id nothing
    links to does nothing on paper: the 1x books have the same pages and text as before."""
    def edit(token: Token) -> str | None:
        kept = [(k, v) for k, v in token.attrs if k != "id" or v in linked]
        return None if len(kept) == len(token.attrs) else start_tag(token.tag, kept)

    return _walk(body, edit)


def read_pages(site: Path, book_parts: list[Part], lang: str) -> list[list[Page]]:
    prefix = "en/" if lang == "en" else ""
    urls = {rel: prefix + page_url(rel, True) for part in book_parts for rel in part.pages}
    keys = {url: page_key(url[len(prefix):]) for url in urls.values()}
    out, linked = [], set()
    for part in book_parts:
        pages = []
        for rel in part.pages:
            path = site / urls[rel] / "index.html"
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                raise BookError(f"{path}:1:1: BOOK_PAGE_MISSING {rel} is in the nav but not in the built site "
                                "(hint: build the site first with mkdocs build)") from None
            where = _element(text, "article", "md-content__inner")
            article = text[where[0]:where[1]] if where else ""
            heading = next((t for t in tokens(article) if t.kind == "start" and t.tag == "h1"), None)
            if heading is None:
                raise BookError(f"{path}:1:1: BOOK_PAGE_UNREADABLE no <article> with an <h1> "
                                "(hint: is this a page built with the handbook's theme?)")
            h1 = article[heading.end:article.index("</h1>", heading.end)]
            pages.append(Page(keys[urls[rel]], urls[rel], _text(h1), rewrite(article, urls[rel], keys, linked)))
        out.append(pages)
    return [[replace(page, body=keep_linked_ids(page.body, linked)) for page in pages] for pages in out]


def section_parts(config: Config, site: Path, lang: str, rel: str, kinds: dict[str, str]) -> list[Part]:
    """"Print this section": one page of the book with the checklists and templates it links to, in nav order."""
    book_parts = parts(config, lang)
    home = next((part for part in book_parts if rel in part.pages), None)
    if home is None:
        raise BookError(f"{rel}:1:1: BOOK_SECTION_UNKNOWN {rel} is not a page of the book "
                        "(hint: a docs-relative path from mkdocs.yml's nav, e.g. guidance/2-5.md)")
    prefix = "en/" if lang == "en" else ""
    urls = {p: prefix + page_url(p, True) for part in book_parts for p in part.pages}
    keys = {url: page_key(url[len(prefix):]) for url in urls.values()}
    path = site / urls[rel] / "index.html"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    where = _element(text, "article", "md-content__inner")
    if not where:
        raise BookError(f"{path}:1:1: BOOK_PAGE_MISSING {rel} is in the nav but not in the built site "
                        "(hint: build the site first with mkdocs build)")
    linked = {resolve(h, urls[rel], keys) for h in _links(text[where[0]:where[1]])}
    out = [Part(home.title, (rel,), True)]
    for part in book_parts:
        pages = tuple(p for p in part.pages if p != rel and kinds.get(p) in ("checklist", "template")
                      and f"#{keys[urls[p]]}" in linked)
        if pages:
            out.append(Part(part.title, pages, False))
    return out


def handbook_cover(config: Config, lang: str) -> Cover:
    """The whole handbook's cover: the site's name and description, and what it is not."""
    language = config.language(lang)
    return Cover(language.get("site_name") or config.data.get("site_name", ""),
                 language.get("site_description") or config.data.get("site_description", ""),
                 notes=(WORDS[lang]["status"], language.get("copyright") or config.data.get("copyright", "")))


def assemble(config: Config, site: Path, lang: str, version: str, date: str, epoch: int,
             book_parts: list[Part] | None = None, cover: Cover | None = None) -> str:
    """The whole book as one HTML document: cover, table of contents, then every part in nav order."""
    words = WORDS[lang]
    cover = cover or handbook_cover(config, lang)
    title, subtitle = cover.title, cover.subtitle
    book_parts = parts(config, lang) if book_parts is None else book_parts
    pages = read_pages(site, book_parts, lang)
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))
    e = html.escape
    facts = "".join(f"<tr><th>{e(label)}</th><td>{e(value)}</td></tr>" for label, value in cover.facts)
    out = [f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{e(title)}</title>',
           f'<meta name="description" content="{e(subtitle)}">',
           f'<meta name="dcterms.created" content="{stamp}"><meta name="dcterms.modified" content="{stamp}">',
           '</head><body>',
           f'<section class="cover"><h1 class="cover-title">{e(title)}</h1><p class="cover-subtitle">{e(subtitle)}</p>',
           *([f'<table class="cover-facts">{facts}</table>'] if facts else []),
           f'<p class="cover-version">{words["version"]} {e(version)} · {e(date)}</p>',
           '<div class="cover-status">' + "".join(f"<p>{e(n)}</p>" for n in cover.notes) + '</div></section>',
           f'<nav class="toc" aria-label="{words["toc"]}"><h1 class="toc-title">{words["toc"]}</h1><ol>']
    for n, (part, part_pages) in enumerate(zip(book_parts, pages), 1):
        if part.single:
            # The page is the part: its own title (术语表) is what the bookmark shows too.
            out.append(f'<li class="toc-part"><a href="#{part_pages[0].key}">{e(part_pages[0].title)}</a></li>')
            continue
        out.append(f'<li class="toc-part"><a href="#part-{n}">{e(part.title)}</a><ol>')
        out.extend(f'<li><a href="#{p.key}">{e(p.title)}</a></li>' for p in part_pages)
        out.append("</ol></li>")
    out.append("</ol></nav>")
    for n, (part, part_pages) in enumerate(zip(book_parts, pages), 1):
        single = " single" if part.single else ""
        out.append(f'<div class="book-part{single}" id="part-{n}" data-part="{e(part.title)}">')
        if not part.single:
            out.append(f'<h1 class="part-title">{e(part.title)}</h1>')
        for page in part_pages:
            out.append(f'<section class="book-page md-typeset" id="{page.key}" data-title="{e(page.title)}">'
                       f"{page.body}</section>")
        out.append("</div>")
    out.append("</body></html>\n")
    return "\n".join(out)


def _refuse(url: str, timeout: int = 10, ssl_context=None, http_headers=None):
    raise ValueError(f"{url}: the book loads nothing (offline build)")


class _KnownFallback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Using fontTools instead of HarfBuzz-Subset")
                    or message.startswith("Unable to subset") and message.endswith("with HarfBuzz"))


def _subset(font, fonts, to_unicode, hinting) -> None:
    """WeasyPrint's font subsetting (Font.subset), HarfBuzz first and fontTools where HarfBuzz gives up.

    Debian 12's HarfBuzz fails to subset WenQuanYi Micro Hei for a book with ~1,000 of its characters (the whole
    handbook, the opinion's own book) and WeasyPrint then embeds the whole 5 MB font; fontTools subsets it (Chinese
    book 3.2 MB → 1.0 MB) but takes ~1 s a font, where HarfBuzz takes 0.02 s: most of a short text's book."""
    if not to_unicode:
        return
    whole = font.file_content
    if fonts.harfbuzz_subset is not None and fonts.harfbuzz.hb_version_atleast(4, 1, 0):
        font._harfbuzz_subset(to_unicode, hinting)
    if font.file_content is whole:  # HarfBuzz is missing or left the font whole
        font._fonttools_subset(to_unicode, hinting)


def _page_references(pdf) -> tuple[bytes, ...]:
    """pydyf.PDF.page_references, made once for a given set of pages. pydyf makes the tuple of every page's
    reference anew each time it is asked, and WeasyPrint's tagging (pdf/tags.py) asks once per tagged element: a
    tagged book took time in pages × elements (the 391-page English book of a 10-text library asked 55,851 times).
    The 1,328-page English book of a 50-text library went from 150.2 to 133.7 s with the references made once: the
    same references, the same PDF byte for byte."""
    kids = pdf.pages["Kids"]
    known = pdf.__dict__.get("_handbook_page_references")
    if known is None or known[0] is not kids or known[1] != len(kids):
        known = (kids, len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_handbook_page_references"] = known
    return known[2]


def render(document: str, base: Path) -> bytes:
    return render_counted(document, base)[0]


def render_counted(document: str, base: Path) -> tuple[bytes, int]:
    """The PDF of a book, and its number of pages (for the build's log)."""
    from weasyprint import CSS, HTML
    from weasyprint.pdf import fonts

    # WeasyPrint's warnings that HarfBuzz left a font whole, or is missing, are expected (_subset takes fontTools
    # then) and filtered; every other one still shows.
    fonts.Font.subset = functools.partialmethod(_subset, fonts)
    pydyf.PDF.page_references = property(_page_references)
    logger = logging.getLogger("weasyprint")
    if not any(isinstance(f, _KnownFallback) for f in logger.filters):
        logger.addFilter(_KnownFallback())

    counted: list[int] = []
    # pdf_identifier stays off: an /ID would be random or a hash of the run, not of the content.
    data = HTML(string=document, base_url=str(base), url_fetcher=_refuse).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))], pdf_tags=True, pdf_identifier=False,
        finisher=lambda doc, pdf: counted.append(len(doc.pages)))
    return data, counted[0]


def write_books(site: Path, config_path: Path, langs: tuple[str, ...] = LANGS) -> list[Path]:
    """One book per language. WeasyPrint lays out on one core; the languages are laid out side by side, one
    process each (the machine has two cores; the book was most of the build)."""
    config = load_config(config_path)
    info = build_info(config_path.resolve().parent)
    jobs = []
    for lang in langs:
        target = language_tree(site, lang) / BOOK
        target.parent.mkdir(parents=True, exist_ok=True)
        jobs.append((assemble(config, site, lang, info.version, info.date, info.epoch), target))
    for (_, target), data in zip(jobs, _in_parallel(_render_job, jobs)):
        target.write_bytes(data)
    return [target for _, target in jobs]


def _in_parallel(func, jobs: list) -> list:
    """func over the jobs, in order, one process per core: WeasyPrint lays out on one core, and the books
    were most of the build."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2:
        return [func(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(func, jobs))


def _render_job(job: tuple[str, Path]) -> bytes:
    document, target = job
    return render(document, target.parent)


def _render_text_job(job: tuple[str, Path]) -> tuple[bytes, int, float]:
    started = time.perf_counter()
    data, count = render_counted(job[0], job[1].parent)
    return data, count, time.perf_counter() - started


def write_section(site: Path, config_path: Path, rel: str, lang: str, out: Path) -> Path:
    config = load_config(config_path)
    info = build_info(config_path.resolve().parent)
    docs_dir = config_path.resolve().parent / (config.data.get("docs_dir") or "docs")
    kinds = {path: rec.kind for path, rec in collect_docs(docs_dir).items()}
    chosen = section_parts(config, site, lang, rel, kinds)
    document = assemble(config, site, lang, info.version, info.date, info.epoch, chosen)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(render(document, out.parent))
    return out


# ---------------------------------------------------------------- one book per policy text

@dataclass(frozen=True)
class TextBook:
    path: Path
    pages: int
    seconds: float


def _fact(seed: Seed, key: str, lang: str) -> str:
    value = str((seed.meta.get(f"{key}_en") if lang == "en" else None) or seed.meta.get(key, "unknown"))
    return TEXT_WORDS[lang]["unknown"] if value == "unknown" else value


def text_cover(seed: Seed, lang: str, title: str) -> Cover:
    """A text's cover: its title and what its metadata and versions say; unknown stays unknown."""
    words = TEXT_WORDS[lang]
    labels = dict(META_LABELS[lang])
    facts = [(labels[key], _fact(seed, key, lang)) for key in COVER_FACTS]
    for key, label in CAPTION_LABELS[lang].items():
        dates = seed.meta.get(key)
        if dates:
            facts.append((label, ("、" if lang == "zh" else ", ").join(map(str, dates if isinstance(dates, list) else [dates]))))
    if len(seed.versions) > 1:
        unknown = words["unknown"]
        facts += [(f"{words['version']} {v.label}",
                   f"{v.date if v.date != 'unknown' else unknown} · {v.status if v.status != 'unknown' else unknown}")
                  for v in seed.versions]
    return Cover(title, words["subtitle"], tuple(facts), (words["status"],))


def citing_pages(records: dict[str, PageRecord], corpus: Corpus, slug: str,
                 kinds: tuple[str, ...] = tuple(DEFAULT_CITING_KINDS)) -> set[str]:
    """The published Chinese pages of the citing kinds that cite a text (drafts are not published)."""
    out = set()
    for rel, rec in records.items():
        if rec.kind not in kinds or rel.endswith(SUFFIX) or rec.draft:
            continue
        for cit in rec.citations:
            seed = corpus.resolve(cit.doc, rec.document)
            if seed is not None and seed.slug == slug:
                out.add(rel)
                break
    return out


def text_parts(config: Config, seed: Seed, title: str, citing: set[str], lang: str) -> list[Part]:
    """The text's own pages (its landing page, then each part or chapter), then each nav section's pages
    that cite it, in nav order."""
    nav = parts(config, lang)
    # Under the nav's name for the source texts (原文), so the book reads like the site.
    heading = next((part.title for part in nav if seed.index_page in part.pages), title)
    out = [Part(heading, tuple(seed.page_paths()), False)]
    for part in nav:
        pages = tuple(p for p in part.pages if p in citing)
        if pages:
            out.append(Part(part.title, pages, False))
    return out


def write_text_books(site: Path, config_path: Path, slugs: set[str] | None = None) -> list[TextBook]:
    """downloads/texts/<slug>.pdf in each language tree (of every text, or of `slugs`): the English book
    where the text is translated; where it is not, the English edition (whose pages then show the
    Chinese) offers the Chinese book."""
    config = load_config(config_path)
    root = config_path.resolve().parent
    info = build_info(root)
    corpus = load_corpus(root / "seeds")
    records = collect_docs(root / (config.data.get("docs_dir") or DOCS_DIR))
    kinds = tuple(config.handbook.get("citing_kinds") or DEFAULT_CITING_KINDS)
    written = []
    unknown = sorted((slugs or set()) - set(corpus.seeds))
    if unknown:
        raise BookError(f"{unknown[0]}:1:1: BOOK_TEXT_UNKNOWN no policy text named {unknown[0]} "
                        f"(hint: texts: {', '.join(corpus.seeds)})")
    jobs, copies = [], []
    for slug, seed in sorted(corpus.seeds.items()):
        if slugs is not None and slug not in slugs:
            continue
        tr, _ = load_source_translation(seed)
        citing = citing_pages(records, corpus, slug, kinds)
        for lang in LANGS:
            target = language_tree(site, lang) / text_download(slug, "pdf")
            target.parent.mkdir(parents=True, exist_ok=True)
            if lang == "en" and tr is None:
                copies.append((language_tree(site, LANGS[0]) / text_download(slug, "pdf"), target))
                continue
            title = (tr.title if lang == "en" and tr.title else seed.doc.title)
            document = assemble(config, site, lang, info.version, info.date, info.epoch,
                                text_parts(config, seed, title, citing, lang), text_cover(seed, lang, title))
            jobs.append((document, target))
    for (_, target), (data, count, seconds) in zip(jobs, _in_parallel(_render_text_job, jobs)):
        target.write_bytes(data)
        written.append(TextBook(target, count, seconds))
    for source, target in copies:
        target.write_bytes(source.read_bytes())
    return written
