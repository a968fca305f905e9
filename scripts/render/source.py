"""Render the source pages: the policy text, verbatim, one page per part.

Writes docs/source/<slug>/index.md (title, what is known of the document, contents)
and one page per part (`part-<N>.md`), per chapter (`chapter-<N>.md`), or one page for the
articles of a text without chapters (`articles.md`), where every provision is a <section>
and every sentence a <span>, each with an `id` anchor and a `data-provision` attribute.

The pages are committed, so that a reviewer sees in a pull request exactly which
text and which IDs a change to the splitter or a seed produces, and so that links
from guidance pages resolve when Markdown is read on a code-hosting site. `--check`
(and the checker, and the build) fail when a committed page differs from what the
splitter produces now: generated files are never edited by hand.
"""
from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from scripts.pages.collect import heading_plain_text, slugify
from scripts.core.paths import CHANGES_PAGE, SOURCE_DIR, SUFFIX, asset_url, text_download
from scripts.corpus.seeds import Corpus, Seed
from scripts.corpus.translation import load_source_translation, translation_path
from scripts.render.changes import TEXT, notes, render_changes, when
from scripts.corpus.position import position_label
from scripts.corpus.versions import document_of
from scripts.corpus.split import Page, Provision, Sentence

GENERATOR = "scripts/render_source.py"
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")
META_LABELS = [
    ("title", "标题"),
    ("issuing_body", "发文机关"),
    ("date", "成文日期"),
    ("document_number", "文号"),
    ("status", "效力状态"),
    ("source", "来源"),
    ("added", "收录日期"),
    ("sha256", "SHA-256"),
]


def md_escape(text: str) -> str:
    return MD_SPECIAL.sub(r"\\\1", text)


def seed_path(path: Path) -> str:
    """A seed file's path from the repository root (seeds/x.txt, seeds/versions/x/v1.txt)."""
    parts = path.parts
    at = len(parts) - 1 - parts[::-1].index("seeds") if "seeds" in parts else len(parts) - 1
    return "/".join(parts[at:])


def _front_matter(seed: Seed, title: str, provisions: list[str]) -> str:
    sha = hashlib.sha256(seed.path.read_bytes()).hexdigest()
    ids = ", ".join(f'"{p}"' for p in provisions)
    return (
        "---\n"
        "kind: source\n"
        f"generated_by: {GENERATOR}\n"
        f"seed: {seed_path(seed.path)}\n"
        f"seed_sha256: {sha}\n"
        f"document: {seed.slug}\n"
        f"provisions: [{ids}]\n"
        f'title: "{title}"\n'
        "---\n\n"
    )


def _notice(seed: Seed) -> str:
    return (
        '!!! info "原文照录"\n'
        f"    本页由 `{GENERATOR}` 从 `seeds/{seed.path.name}` 自动生成，逐字照录原文，未作任何改动。"
        "每一句都有编号，可以直接链接。请勿手工编辑本页。\n\n"
    )


def _sentences_html(seed: Seed, sentences: list[Sentence], lang: str = "zh", tr=None) -> str:
    """Sentences as raw HTML paragraphs, verbatim (or their translation): a new paragraph at each line break."""
    paras: list[list[Sentence]] = [[]]
    previous_end = None
    for s in sentences:
        if previous_end is not None and "\n" in seed.doc.text[previous_end:s.start]:
            paras.append([])
        paras[-1].append(s)
        previous_end = s.start + len(s.text)
    if lang == "en":
        return "".join(
            '<p class="provision-text">' + " ".join(_en_sentence(seed, s, tr) for s in para) + "</p>\n\n"
            for para in paras if para)
    return "".join(
        '<p class="provision-text">' + "".join(
            f'<span class="sentence" id="{s.id}" data-provision="{s.id}"{_position(seed, s.id, "zh")}>'
            f'{html.escape(s.text, quote=False)}</span>'
            for s in para) + "</p>\n\n"
        for para in paras if para)


STALE_NOTE = {"changed": "The Chinese of this sentence has changed; this translation is of the earlier wording.",
              "added": "Not translated yet; the Chinese is shown."}


def _en_sentence(seed: Seed, s: Sentence, tr) -> str:
    """A sentence of the English edition; one whose Chinese changed since the translation says so."""
    text = tr.sentences.get(s.id, "")
    if s.id not in tr.stale:
        return (f'<span class="sentence" id="{s.id}" data-provision="{s.id}"{_position(seed, s.id, "en")} lang="en">'
                f'{html.escape(text, quote=False)}</span>')
    kind = "changed" if text else "added"
    shown, lang = (text, "en") if text else (s.text, "zh")
    return (f'<span class="sentence stale-translation" id="{s.id}" data-provision="{s.id}"{_position(seed, s.id, "en")}'
            f' lang="{lang}">{html.escape(shown, quote=False)}</span>'
            f'<small class="stale-note">[{STALE_NOTE[kind]}]</small>')


def _position(seed: Seed, pid: str, lang: str) -> str:
    """The place in words (第二部分第五项第三句), which the page's cite popover copies; see scripts/position.py."""
    return f' data-position="{html.escape(position_label(seed.doc, pid, lang))}"'


def _doc_attrs(seed: Seed, title: str, cite_slug: str) -> str:
    """The document a source page shows, and the slug a reviewer cites it by (§<slug>:2.5), if any.

    The § sign itself is left to the script: the checker reads every § in a page as a citation."""
    return f' data-doc="{seed.slug}" data-doc-title="{html.escape(title)}" data-cite-slug="{cite_slug}"'


def _body(seed: Seed, prov: Provision, depth: int, lang: str = "zh", tr=None, marks: dict | None = None) -> str:
    """A provision's own sentences and its children's sections, in the order of the text."""
    out, run = [], []
    for x in seed.doc.flow(prov.id):
        if isinstance(x, Sentence):
            run.append(x)
            continue
        if run:
            out.append(_sentences_html(seed, run, lang, tr))
            run = []
        out.append(_section(seed, x, depth, lang, tr, marks))
    if run:
        out.append(_sentences_html(seed, run, lang, tr))
    return "".join(out)


# Chapters and sections are read by their own heading (第二章　建设与管理); their IDs (ch2) are for links.
UNNUMBERED_HEADINGS = ("chapter", "section")


def _section(seed: Seed, prov: Provision, depth: int, lang: str = "zh", tr=None, marks: dict | None = None) -> str:
    zh_label = md_escape(prov.heading or prov.label)
    zh_label = zh_label if prov.kind in UNNUMBERED_HEADINGS else f"{prov.id} {zh_label}"
    out = [f'<section class="provision provision-{prov.kind}" id="{prov.id}" data-provision="{prov.id}"'
           f'{_position(seed, prov.id, lang)} markdown>\n\n']
    if lang == "en":
        en_label = tr.headings.get(prov.id) or tr.labels.get(prov.id) or prov.id
        out.append(f"{'#' * min(depth, 6)} {prov.id} {md_escape(en_label)} {{#{_zh_anchor(zh_label)}}}\n\n")
    else:
        out.append(f"{'#' * min(depth, 6)} {zh_label}\n\n")
    if marks and prov.id in marks:  # the latest version changed or added it: say so, with the diff a click away
        out.append(revision_note(*marks[prov.id], lang))
    out.append(_body(seed, prov, depth + 1, lang, tr, marks))
    out.append("</section>\n\n")
    return "".join(out)


def page_title(seed: Seed, page: Page) -> str:
    """A source page's title: the part's or chapter's heading; 正文 for the articles of a text without chapters."""
    if page.key == "articles":
        first, last = seed.doc.provisions[page.top[0]], seed.doc.provisions[page.top[-1]]
        return f"正文（{first.marker}至{last.marker}）" if first is not last else f"正文（{first.marker}）"
    top = seed.doc.provisions[page.top[0]]
    return top.heading or f"{top.id}（{'导语' if top.id == '0' else top.label}）"


def render_page(seed: Seed, page: Page, cite_slug: str = "", marks: dict | None = None) -> str:
    ids = [i for top in page.top for i in [top] + [p.id for p in seed.doc.descendants(top)]]
    heading = page_title(seed, page)
    out = [_front_matter(seed, heading.replace('"', "'"), ids)]
    doc = _doc_attrs(seed, seed.doc.title, cite_slug)
    if page.key == "articles":
        out.append(f'<div class="source-doc"{doc} markdown>\n\n')
        out.append(f"# {md_escape(heading)}\n\n")
        out.append(_notice(seed))
        out.extend(_section(seed, seed.doc.provisions[top], 2, marks=marks) for top in page.top)
        return "".join(out).rstrip("\n") + "\n\n</div>\n"
    part = seed.doc.provisions[page.top[0]]
    out.append(f'<section class="provision provision-{part.kind}" id="{part.id}" data-provision="{part.id}"'
               f'{_position(seed, part.id, "zh")}{doc} markdown>\n\n')
    out.append(f"# {md_escape(heading)}\n\n")
    out.append(_notice(seed))
    out.append(_body(seed, part, 2, marks=marks))
    out.append("</section>\n")
    return "".join(out)


def render_index(seed: Seed, downloads: bool = True) -> str:
    """A text's landing page; `downloads`: offer its PDF and Word file (the current version's only)."""
    doc = seed.doc
    out = [_front_matter(seed, doc.title.replace('"', "'"), [])]
    out.append(f"# {md_escape(doc.title)}\n\n")
    out.append(_notice(seed))
    if doc.addressee:
        out.append(f'<p class="addressee">{html.escape(doc.addressee, quote=False)}</p>\n\n')
    if downloads:
        out.append(text_downloads(seed, "zh"))
    out.append("## 文件信息\n\n")
    out.append("原文没有写明的信息记为“不详”，不作推测。\n\n| 项目 | 内容 |\n| --- | --- |\n")
    for key, label in META_LABELS:
        value = str(seed.meta.get(key, "unknown"))
        shown = "不详" if value == "unknown" else value
        note = seed.meta.get(f"{key}_note")
        if note:
            shown += f"（{note}）"
        out.append(f"| {label} | {md_escape(shown)} |\n")
    out.append("\n## 目录\n\n")
    for page in doc.pages():
        out.append(f"- [{md_escape(page_title(seed, page))}]({page.key}.md)\n")
    attachments = [doc.text[p.start:p.end] for p in doc.pieces if p.role == "attachment"]
    if attachments:
        out.append("\n## 附件\n\n原文所列附件（本手册只收正文，附件内容未收录）：\n\n")
        out.extend(f'<p class="attachment">{html.escape(a, quote=False)}</p>\n' for a in attachments)
    closing = [doc.text[p.start:p.end] for p in doc.pieces if p.role == "closing"]
    if closing:
        out.append("\n")
        out.extend(f'<p class="closing">{html.escape(c, quote=False)}</p>\n' for c in closing)
    return "".join(out)


TEXT_DOWNLOAD_LABELS = {"zh": ("下载 PDF（原文及引用它的解读、清单、模板）", "下载 Word（原文，可批注）"),
                        "en": ("Download PDF (the text with the guidance, checklists and templates citing it)",
                               "Download Word (the Chinese text, to annotate)")}


def text_downloads(seed: Seed, lang: str) -> str:
    """The text's own PDF and Word file (scripts/publish/book.py, docx.py), offered from its landing page.

    Raw HTML: the files are made after the pages, so a Markdown link would be one MkDocs cannot find."""
    links = "".join(f'<a class="md-button" href="{asset_url(seed.index_page, text_download(seed.slug, ext), True)}" '
                    f'download>{html.escape(label)}</a>'
                    for ext, label in zip(("pdf", "docx"), TEXT_DOWNLOAD_LABELS[lang]))
    return f'<div class="downloads">{links}</div>\n\n'


def _en_front_matter(seed: Seed, title: str, provisions: list[str]) -> str:
    tr_path = translation_path(seed)
    base = _front_matter(seed, title.replace('"', "'"), provisions)
    extra = (f"translation: seeds/{tr_path.name}\n"
             f"translation_sha256: {hashlib.sha256(tr_path.read_bytes()).hexdigest()}\nlang: en\n")
    return base.replace("kind: source\n", "kind: source\n" + extra, 1)


EN_NOTICE = (
    '!!! warning "Unofficial translation"\n'
    "    Generated by `{gen}` from `seeds/{tr}`, an unofficial English translation made for this handbook. "
    "The Chinese text is authoritative; switch the language to 中文 to read it. Sentence numbers are the same "
    "in both languages. Do not edit this page by hand.\n\n"
)


def _zh_anchor(label: str) -> str:
    return slugify(heading_plain_text(label))


def render_page_en(seed: Seed, page: Page, tr, cite_slug: str = "", marks: dict | None = None) -> str:
    ids = [i for top in page.top for i in [top] + [p.id for p in seed.doc.descendants(top)]]
    zh_heading = page_title(seed, page)
    heading = tr.headings.get(page.top[0]) or page.top[0] if page.key != "articles" else "Articles"
    out = [_en_front_matter(seed, heading, ids)]
    notice = EN_NOTICE.format(gen=GENERATOR, tr=translation_path(seed).name)
    doc = _doc_attrs(seed, tr.title or seed.doc.title, cite_slug)
    if page.key == "articles":
        out.append(f'<div class="source-doc"{doc} markdown>\n\n')
        out.append(f"# {md_escape(heading)} {{#{_zh_anchor(md_escape(zh_heading))}}}\n\n")
        out.append(notice)
        out.extend(_section(seed, seed.doc.provisions[top], 2, "en", tr, marks) for top in page.top)
        return "".join(out).rstrip("\n") + "\n\n</div>\n"
    part = seed.doc.provisions[page.top[0]]
    out.append(f'<section class="provision provision-{part.kind}" id="{part.id}" data-provision="{part.id}"'
               f'{_position(seed, part.id, "en")}{doc} markdown>\n\n')
    out.append(f"# {md_escape(heading)} {{#{_zh_anchor(md_escape(zh_heading))}}}\n\n")
    out.append(notice)
    out.append(_body(seed, part, 2, "en", tr, marks))
    out.append("</section>\n")
    return "".join(out)


EN_META_LABELS = [("title", "Title"), ("issuing_body", "Issuing body"), ("date", "Date"),
                  ("document_number", "Document number"), ("status", "Status"), ("source", "Source"),
                  ("added", "Added to the handbook"), ("sha256", "SHA-256")]


def render_index_en(seed: Seed, tr) -> str:
    out = [_en_front_matter(seed, tr.title or seed.doc.title, [])]
    out.append(f"# {md_escape(tr.title or seed.doc.title)} {{#{_zh_anchor(md_escape(seed.doc.title))}}}\n\n")
    out.append(EN_NOTICE.format(gen=GENERATOR, tr=translation_path(seed).name))
    out.append("Chinese title: " + md_escape(seed.doc.title) + "\n\n")
    out.append(text_downloads(seed, "en"))
    out.append("## About the document {#文件信息}\n\n")
    out.append("What the text does not state is recorded as unknown, not guessed.\n\n| Item | Value |\n| --- | --- |\n")
    for key, label in EN_META_LABELS:
        value = str(seed.meta.get(f"{key}_en") or seed.meta.get(key, "unknown"))
        note = seed.meta.get(f"{key}_note_en")
        out.append(f"| {label} | {md_escape(value + (f' ({note})' if note else ''))} |\n")
    out.append("\n## Contents {#目录}\n\n")
    for page in seed.doc.pages():
        title = tr.headings.get(page.top[0]) or page.top[0] if page.key != "articles" else "Articles"
        out.append(f"- [{md_escape(title)}]({page.key}.md)\n")
    return "".join(out)


def render_seed(seed: Seed, default: bool = True) -> dict[str, str]:
    """docs-relative path → page text, for one seed (English pages too, once it is translated).

    `default`: the handbook's default document, cited without its slug (§2.5, not §<slug>:2.5)."""
    cite_slug = "" if default else seed.slug
    marks = notes(seed)
    pages = {seed.index_page: render_index(seed)}
    for page in seed.doc.pages():
        pages[seed.page_of(page.top[0])] = render_page(seed, page, cite_slug, marks)
    tr, _ = load_source_translation(seed)
    if tr is not None:
        pages[seed.index_page[:-3] + SUFFIX] = render_index_en(seed, tr)
        for page in seed.doc.pages():
            pages[seed.page_of(page.top[0])[:-3] + SUFFIX] = render_page_en(seed, page, tr, cite_slug, marks)
    if len(seed.versions) > 1:
        pages.update(render_versions(seed, cite_slug))
    return pages


def revision_note(kind: str, version, lang: str) -> str:
    """ "本条于 2026-12-01 修改", linking to the 版本对照 page (a Markdown link, so the build resolves it)."""
    label = TEXT[lang]["note" if kind == "changed" else "note_added"].format(when=when(version, lang))
    return f"[{label}](changes.md#{version.label}){{ .revision-note }}\n\n"


OLD_BANNER = {
    "zh": ('!!! warning "旧版本：{label}（{date}，{status}）"\n'
           "    这是本文件的旧版本，不是现行文本。现行文本见[这里](../index.md)，"
           "两版的差别见[版本对照](../changes.md)。本页不进入搜索。\n\n"),
}


def render_versions(seed: Seed, cite_slug: str) -> dict[str, str]:
    """The 版本对照 page and every earlier version's pages, at their own stable addresses (source/<slug>/v1/…)."""
    folder = f"{SOURCE_DIR}/{seed.slug}"
    head = (f"---\nkind: source\ngenerated_by: {GENERATOR}\ndocument: {seed.slug}\nprovisions: []\n"
            f'title: "{TEXT["zh"]["title"]}"\nsearch:\n  exclude: true\n---\n\n')
    pages = {f"{folder}/{CHANGES_PAGE}.md": render_changes(seed, head, "zh")}
    for version in seed.versions[:-1]:
        old = Seed(seed.slug, version.path, seed.meta, document_of(version), [])
        banner = OLD_BANNER["zh"].format(label=version.label, status=version.status,
                                         date=version.date if version.date != "unknown" else "日期不详")
        extra = f"version: {version.label}\nsearch:\n  exclude: true\n"
        for rel, text in [(f"{folder}/{version.label}/index.md", render_index(old, downloads=False))] + [
                (f"{folder}/{version.label}/{page.key}.md", render_page(old, page, cite_slug))
                for page in old.doc.pages()]:
            text = re.sub(r"^provisions: \[.*\]$", "provisions: []", text, count=1, flags=re.M)
            text = text.replace("\n---\n\n", f"\n{extra}---\n\n", 1)
            # The banner after the page's title; old pages link to the current ones, never the reverse.
            text = re.sub(r"^(# .*\n\n)", lambda m: m.group(1) + banner, text, count=1, flags=re.M)
            pages[rel] = text
    return pages


def render_corpus(corpus: Corpus) -> dict[str, str]:
    pages: dict[str, str] = {}
    for seed in corpus.seeds.values():
        pages.update(render_seed(seed, default=seed.slug == corpus.default.slug))
    return pages


def write_pages(docs_dir: Path, pages: dict[str, str]) -> list[str]:
    """Write pages whose content changed; return their paths."""
    changed = []
    for rel, text in pages.items():
        path = docs_dir / rel
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        changed.append(rel)
    return changed
