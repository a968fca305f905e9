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
import posixpath
from pathlib import Path

from scripts.core.yamlio import front_matter
from scripts.pages.collect import heading_plain_text, slugify
from scripts.render.markup import md_text
from scripts.core.paths import CHANGES_PAGE, SOURCE_DIR, SUFFIX, asset_url, text_download
from scripts.corpus.seeds import Corpus, Seed
from scripts.corpus.references import resolve
from scripts.corpus.translation import load_source_translation, translation_path
from scripts.render.changes import TEXT, became, notes, render_changes, when
from scripts.render.cite import preview
from scripts.corpus.position import position_label
from scripts.corpus.versions import document_of
from scripts.corpus.split import GROUP_KINDS, Page, Provision, Sentence

GENERATOR = "scripts/render/source.py"
# What a reader is told about a text, in her words; the file's hash and what nobody knows stay in the
# metadata file and provisions.json, not on the page.
META_LABELS = {
    # The 题注's dates (scripts/corpus/caption.py) in the order a law site lists them.
    "zh": [("issuing_body", "发文机关"), ("date", "成文日期"), ("document_number", "文号"), ("adopted", "通过日期"),
           ("approved", "批准日期"), ("amended", "修正日期"), ("revised", "修订日期"), ("promulgated", "公布日期"),
           ("effective", "施行日期"), ("status", "效力状态"), ("source", "来源"), ("added", "收录日期")],
    "en": [("issuing_body", "Issuing body"), ("date", "Date"), ("document_number", "Document number"),
           ("adopted", "Adopted"), ("approved", "Approved"), ("amended", "Amended"), ("revised", "Revised"),
           ("promulgated", "Promulgated"), ("effective", "In force from"), ("status", "Status"), ("source", "Source"),
           ("added", "Added to the handbook")],
}
INFO_HEAD = {"zh": ("## 文件信息\n\n", "| 项目 | 内容 |\n| --- | --- |\n", "（{}）"),
             "en": ("## About the document {#文件信息}\n\n", "| Item | Value |\n| --- | --- |\n", " ({})")}


def _info_table(seed: Seed, lang: str) -> str:
    """What is known of the text, as a table; nothing when nothing is known."""
    heading, head, note_form = INFO_HEAD[lang]
    rows = []
    for key, label in META_LABELS[lang]:
        value = seed.meta.get(f"{key}_en") if lang == "en" else None
        value = value or seed.meta.get(key) or "unknown"
        if isinstance(value, list):  # a law amended or approved more than once
            value = ("、" if lang == "zh" else ", ").join(str(v) for v in value if v != "unknown") or "unknown"
        value = str(value)
        note = seed.meta.get(f"{key}_note_en" if lang == "en" else f"{key}_note")
        if value == "unknown":  # a note may still tell the reader what the text itself says
            if note:
                rows.append(f"| {label} | {md_text(str(note))} |\n")
            continue
        rows.append(f"| {label} | {md_text(value + (note_form.format(note) if note else ''))} |\n")
    return heading + head + "".join(rows) + "\n" if rows else ""


def seed_path(path: Path) -> str:
    """A seed file's path from the repository root (seeds/x.txt, seeds/versions/x/v1.txt)."""
    parts = path.parts
    at = len(parts) - 1 - parts[::-1].index("seeds") if "seeds" in parts else len(parts) - 1
    return "/".join(parts[at:])


def _front_matter(seed: Seed, title: str, provisions: list[str], lang: str = "zh", version=None) -> str:
    """The page's front matter, written by a YAML writer: a title is stored exactly as the text has it.

    `version`: an earlier version's page, kept out of search and cited by no page's coverage."""
    data = {"kind": "source"}
    if lang == "en":
        tr_path = translation_path(seed)
        data.update(translation=f"seeds/{tr_path.name}",
                    translation_sha256=hashlib.sha256(tr_path.read_bytes()).hexdigest(), lang="en")
    data.update(generated_by=GENERATOR, seed=seed_path(seed.path),
                seed_sha256=hashlib.sha256(seed.path.read_bytes()).hexdigest(), document=seed.slug,
                provisions=[] if version else provisions, title=title)
    if version:
        data.update(version=version.label, search={"exclude": True})
    return front_matter(data) + "\n" + _notice(seed, lang)


def _notice(seed: Seed, lang: str = "zh") -> str:
    """Who made the page and from what: for whoever opens the Markdown, not for readers (a comment)."""
    source = f"seeds/{translation_path(seed).name}" if lang == "en" else seed_path(seed.path)
    return (f"<!-- Generated by `make generate` ({GENERATOR}) from {source}. Do not edit this page: "
            "change the seed, its translation or the splitter, and run make generate. -->\n\n")


def _sentences_html(seed: Seed, sentences: list[Sentence], lang: str = "zh", tr=None, links=None) -> str:
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
            f'{_linked(s, (links or {}).get(s.id, []))}</span>'
            for s in para) + "</p>\n\n"
        for para in paras if para)


def _linked(s: Sentence, links: list[tuple[int, int, str]]) -> str:
    """A sentence's text, verbatim, with its references to provisions (本法第十二条, 前款 …) as links."""
    out, pos = [], 0
    for start, end, anchor in links:
        out.append(html.escape(s.text[pos:start], quote=False))
        out.append(anchor + html.escape(s.text[start:end], quote=False) + "</a>")
        pos = end
    out.append(html.escape(s.text[pos:], quote=False))
    return "".join(out)


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


def _body(seed: Seed, prov: Provision, depth: int, lang: str = "zh", tr=None, marks: dict | None = None,
          links=None) -> str:
    """A provision's own sentences and its children's sections, in the order of the text."""
    out, run = [], []
    for x in seed.doc.flow(prov.id):
        if isinstance(x, Sentence):
            run.append(x)
            continue
        if run:
            out.append(_sentences_html(seed, run, lang, tr, links))
            run = []
        out.append(_section(seed, x, depth, lang, tr, marks, links))
    if run:
        out.append(_sentences_html(seed, run, lang, tr, links))
    return "".join(out)


# Groups (编, 章, 节, 附则) are read by their own heading (第二章　建设与管理); their IDs (ch2) are for links.
UNNUMBERED_HEADINGS = GROUP_KINDS


def _section(seed: Seed, prov: Provision, depth: int, lang: str = "zh", tr=None, marks: dict | None = None,
             links=None) -> str:
    if prov.kind == "article":
        return _article(seed, prov, depth, lang, tr, marks, links)
    zh_label = md_text(prov.heading or prov.label)
    zh_label = zh_label if prov.kind in UNNUMBERED_HEADINGS else f"{prov.id} {zh_label}"
    out = [f'<section class="provision provision-{prov.kind}" id="{prov.id}" data-provision="{prov.id}"'
           f'{_position(seed, prov.id, lang)} markdown>\n\n']
    if lang == "en":
        en_label = tr.headings.get(prov.id) or tr.labels.get(prov.id) or prov.id
        out.append(f"{'#' * min(depth, 6)} {prov.id} {md_text(en_label)} {{#{_zh_anchor(zh_label)}}}\n\n")
    else:
        out.append(f"{'#' * min(depth, 6)} {zh_label}\n\n")
    if marks and prov.id in marks:  # the latest version changed or added it: say so, with the diff a click away
        out.append(revision_note(*marks[prov.id], lang))
    out.append(_body(seed, prov, depth + 1, lang, tr, marks, links))
    out.append("</section>\n\n")
    return "".join(out)


# ---------------------------------------------------------------- statute reading
# An article reads as official publications print it: 第十二条 in bold at the start of its first paragraph,
# its 款 as paragraphs without headings, 项 and 目 indented under them. The article's heading (one line the
# page's table of contents lists with the article's first words) carries the article's ID as its anchor;
# every 款, 项 and 目 is an element with its own ID, so every link (citations, search results) lands on it.

TOC_WORDS = 14  # characters of an article's first words in the page's table of contents
NOT_IN_ATTRIBUTE = str.maketrans("", "", '"{}<>&\\`')


def _first_words(seed: Seed, prov: Provision, lang: str, tr) -> str:
    sentences = [s for d in seed.doc.descendants(prov.id) for s in d.sentences]
    text = "".join((tr.sentences.get(s.id, "") if lang == "en" and tr else s.text) for s in sentences[:1])
    text = " ".join(text.split()).translate(NOT_IN_ATTRIBUTE)
    return text if len(text) <= TOC_WORDS * (3 if lang == "en" else 1) else text[: TOC_WORDS * (3 if lang == "en" else 1)] + "…"


def _article(seed: Seed, prov: Provision, depth: int, lang: str, tr, marks: dict | None, links=None) -> str:
    heading = prov.heading if lang == "zh" else (tr.headings.get(prov.id) or f"Article {prov.id}")
    label = f"{heading} {_first_words(seed, prov, lang, tr)}".translate(NOT_IN_ATTRIBUTE).strip()
    out = [f'<section class="provision provision-article statute" data-provision="{prov.id}"'
           f'{_position(seed, prov.id, lang)} markdown>\n\n',
           f"{'#' * min(depth, 6)} {md_text(heading)} {{#{prov.id} .article-head data-toc-label=\"{label}\"}}\n\n"]
    if marks and prov.id in marks:  # the latest version changed or added it: say so, with the diff a click away
        out.append(revision_note(*marks[prov.id], lang))
    out.append("".join(_unit(seed, seed.doc.provisions[c], lang, tr, links) for c in prov.children))
    out.append("\n</section>\n\n")
    return "".join(out)


def _unit(seed: Seed, prov: Provision, lang: str, tr, links=None) -> str:
    """A 款, 项 or 目 of an article: its paragraphs, then what it holds, indented (raw HTML, no heading)."""
    out, run = [], []
    for x in seed.doc.flow(prov.id):
        if isinstance(x, Sentence):
            run.append(x)
            continue
        if run:
            out.append(_sentences_html(seed, run, lang, tr, links))
            run = []
        out.append(_unit(seed, x, lang, tr, links))
    if run:
        out.append(_sentences_html(seed, run, lang, tr, links))
    return (f'<div class="provision provision-{prov.kind}" id="{prov.id}" data-provision="{prov.id}"'
            f'{_position(seed, prov.id, lang)}>\n' + "".join(out).replace("\n\n", "\n") + "</div>\n")


def _listed(seed: Seed, page: Page) -> bool:
    """A page that lists articles (a text without chapters, or what stands directly in a 编), not one unit."""
    return seed.doc.provisions[page.top[0]].kind not in GROUP_KINDS | {"part"}


def _heads(seed: Seed, page: Page, lang: str = "zh", tr=None) -> str:
    """The headings of the 编 (and 分编) that open on this page, above its own (第五编　婚姻家庭)."""
    out = []
    for pid in page.heads:
        prov = seed.doc.provisions[pid]
        label = prov.heading if lang == "zh" else (tr.headings.get(pid) or prov.heading)
        out.append(f'<p class="provision-group provision-{prov.kind}" id="{pid}" data-provision="{pid}"'
                   f'{_position(seed, pid, lang)}>{html.escape(label, quote=False)}</p>\n\n')
    return "".join(out)


def page_title(seed: Seed, page: Page) -> str:
    """A source page's title: the part's or chapter's heading; 正文 for the articles of a text without chapters."""
    if _listed(seed, page):
        if page.groups:  # what stands directly in a 编: named by the 编
            return seed.doc.provisions[page.groups[-1]].heading
        first, last = seed.doc.provisions[page.top[0]], seed.doc.provisions[page.top[-1]]
        return f"正文（{first.marker}至{last.marker}）" if first is not last else f"正文（{first.marker}）"
    top = seed.doc.provisions[page.top[0]]
    return top.heading or f"{top.id}（{'导语' if top.id == '0' else top.label}）"


# The box of the sentence-numbers switch, under a text page's title: docs/assets/handbook.js fills it. In the page
# from the start, its height kept by the stylesheet, so the text does not move down when the script runs.
SWITCH_BOX = '<div class="sid-tools"></div>\n\n'


def render_page(seed: Seed, page: Page, cite_slug: str = "", marks: dict | None = None, version=None,
                links=None) -> str:
    ids = list(page.heads) + [i for top in page.top for i in [top] + [p.id for p in seed.doc.descendants(top)]]
    heading = page_title(seed, page)
    out = [_front_matter(seed, heading, ids, version=version)]
    doc = _doc_attrs(seed, seed.doc.title, cite_slug)
    if _listed(seed, page):
        out.append(f'<div class="source-doc"{doc} markdown>\n\n')
        out.append(_heads(seed, page))
        out.append(f"# {md_text(heading)}\n\n{SWITCH_BOX}")
        out.append(_old_banner(version) if version else _revised(seed, seed.page_of(page.top[0])))
        out.extend(_section(seed, seed.doc.provisions[top], 2, marks=marks, links=links) for top in page.top)
        return "".join(out).rstrip("\n") + "\n\n</div>\n"
    part = seed.doc.provisions[page.top[0]]
    out.append(f'<section class="provision provision-{part.kind}" id="{part.id}" data-provision="{part.id}"'
               f'{_position(seed, part.id, "zh")}{doc} markdown>\n\n')
    out.append(_heads(seed, page))
    out.append(f"# {md_text(heading)}\n\n{SWITCH_BOX}")
    out.append(_old_banner(version) if version else _revised(seed, seed.page_of(page.top[0])))
    out.append(_body(seed, part, 2, marks=marks, links=links))
    out.append("</section>\n")
    return "".join(out)


def render_index(seed: Seed, version=None) -> str:
    """A text's landing page (of an earlier `version`: its own); the current one offers its PDF and Word file."""
    doc = seed.doc
    out = [_front_matter(seed, doc.title, [], version=version)]
    out.append(f"# {md_text(doc.title)}\n\n")
    out.append(_old_banner(version))
    if version is None:
        out.append(_revised(seed, seed.index_page))
    if doc.caption:  # the 题注: shown under the title, never cited
        out.append(_caption(doc.caption))
    if doc.addressee:
        out.append(f'<p class="addressee">{html.escape(doc.addressee, quote=False)}</p>\n\n')
    if version is None:
        out.append(text_downloads(seed, "zh"))
    out.append(_info_table(seed, "zh"))
    if version is None:
        out.append(_versions(seed))
    out.append("## 目录\n\n")
    out.append(_contents(seed, lambda page: page_title(seed, page), lambda pid: doc.provisions[pid].heading))
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


def _caption(caption: str) -> str:
    return '<p class="caption">' + "<br>".join(html.escape(line, quote=False) for line in caption.splitlines()) + "</p>\n\n"


def _contents(seed: Seed, title_of, heading_of) -> str:
    """The index's list of pages; in a code each 编 (and 分编) is an item holding its chapters."""
    out = []
    for page in seed.doc.pages():
        depth = len(page.groups)
        for i, pid in enumerate(page.heads):
            out.append("    " * (depth - len(page.heads) + i) + f"- {md_text(heading_of(pid))}\n")
        out.append("    " * depth + f"- [{md_text(title_of(page))}]({page.key}.md)\n")
    return "".join(out)


EN_NOTICE = (
    '!!! warning "Unofficial translation"\n'
    "    An unofficial English translation made for this handbook. The Chinese text is authoritative; switch "
    "the language to 中文 to read it. Sentence numbers are the same in both languages.\n\n"
)


def _zh_anchor(label: str) -> str:
    return slugify(heading_plain_text(label))


def _en_title(seed: Seed, page: Page, tr) -> str:
    if _listed(seed, page):
        return tr.headings.get(page.groups[-1]) or page.groups[-1] if page.groups else "Articles"
    return tr.headings.get(page.top[0]) or page.top[0]


def render_page_en(seed: Seed, page: Page, tr, cite_slug: str = "", marks: dict | None = None) -> str:
    ids = list(page.heads) + [i for top in page.top for i in [top] + [p.id for p in seed.doc.descendants(top)]]
    zh_heading = page_title(seed, page)
    heading = _en_title(seed, page, tr)
    out = [_front_matter(seed, heading, ids, "en")]
    notice = EN_NOTICE
    doc = _doc_attrs(seed, tr.title or seed.doc.title, cite_slug)
    if _listed(seed, page):
        out.append(f'<div class="source-doc"{doc} markdown>\n\n')
        out.append(_heads(seed, page, "en", tr))
        out.append(f"# {md_text(heading)} {{#{_zh_anchor(md_text(zh_heading))}}}\n\n{SWITCH_BOX}")
        out.append(notice)
        out.extend(_section(seed, seed.doc.provisions[top], 2, "en", tr, marks) for top in page.top)
        return "".join(out).rstrip("\n") + "\n\n</div>\n"
    part = seed.doc.provisions[page.top[0]]
    out.append(f'<section class="provision provision-{part.kind}" id="{part.id}" data-provision="{part.id}"'
               f'{_position(seed, part.id, "en")}{doc} markdown>\n\n')
    out.append(_heads(seed, page, "en", tr))
    out.append(f"# {md_text(heading)} {{#{_zh_anchor(md_text(zh_heading))}}}\n\n{SWITCH_BOX}")
    out.append(notice)
    out.append(_body(seed, part, 2, "en", tr, marks))
    out.append("</section>\n")
    return "".join(out)


def render_index_en(seed: Seed, tr) -> str:
    out = [_front_matter(seed, tr.title or seed.doc.title, [], "en")]
    out.append(f"# {md_text(tr.title or seed.doc.title)} {{#{_zh_anchor(md_text(seed.doc.title))}}}\n\n")
    out.append(EN_NOTICE)
    out.append("Chinese title: " + md_text(seed.doc.title) + "\n\n")
    if seed.doc.caption:
        out.append(_caption(seed.doc.caption).replace('<p class="caption">', '<p class="caption" lang="zh">', 1))
    out.append(text_downloads(seed, "en"))
    out.append(_info_table(seed, "en"))
    out.append("## Contents {#目录}\n\n")
    out.append(_contents(seed, lambda page: _en_title(seed, page, tr),
                         lambda pid: tr.headings.get(pid) or seed.doc.provisions[pid].heading))
    return "".join(out)


def render_seed(seed: Seed, default: bool = True, corpus: Corpus | None = None) -> dict[str, str]:
    """docs-relative path → page text, for one seed (English pages too, once it is translated).

    `default`: the handbook's default document, cited without its slug (§2.5, not §<slug>:2.5).
    `corpus`: the handbook the seed is in, for its references to other texts (本法第十二条 needs only the seed)."""
    cite_slug = "" if default else seed.slug
    marks = notes(seed)
    links = reference_links(seed, corpus or Corpus({seed.slug: seed}, seed.slug))
    pages = {seed.index_page: render_index(seed)}
    for page in seed.doc.pages():
        pages[seed.page_of(page.top[0])] = render_page(seed, page, cite_slug, marks, links=links)
    tr, _ = load_source_translation(seed)
    if tr is not None:
        pages[seed.index_page[:-3] + SUFFIX] = render_index_en(seed, tr)
        for page in seed.doc.pages():
            pages[seed.page_of(page.top[0])[:-3] + SUFFIX] = render_page_en(seed, page, tr, cite_slug, marks)
    if len(seed.versions) > 1:
        pages.update(render_versions(seed, cite_slug))
    return pages


def reference_links(seed: Seed, corpus: Corpus) -> dict[str, list[tuple[int, int, str]]]:
    """Sentence ID → its references as (start, end, opening <a> tag). The tag names the page it points to
    (data-ref-page) and the build writes its address in the site's URL scheme (scripts/render/cite.py); the
    preview is the text it names, as a citation's is."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for r in resolve(corpus, seed.slug):
        if not r.exists:
            continue  # the checker reports it (REFERENCE_UNKNOWN); the reader sees plain text
        target = corpus.seeds[r.slug]
        page = target.page_of(r.target) if r.target else target.index_page
        shown = preview(corpus, r.slug, r.target) if r.target else target.doc.title
        tag = (f'<a class="cite ref" data-ref-page="{page}" data-ref-anchor="{r.target}" '
               f'data-provision="{r.target}" data-doc="{r.slug}" data-cite-text="{html.escape(shown)}">')
        out.setdefault(r.ref.sentence, []).append((r.ref.start, r.ref.end, tag))
    return out


def revision_note(kind: str, version, href: str, now: str, lang: str) -> str:
    """ "本条于 2026-12-01 修改", linking to its row of the 版本对照 page; on an earlier version's page, what the
    unit is now ("现为第十七条，已修改"), linking to it. A Markdown link, so the build resolves it."""
    label = now or TEXT[lang]["note" if kind == "changed" else "note_added"].format(when=when(version, lang))
    return f"[{md_text(label)}]({href}){{ .revision-note }}\n\n"


OLD_BANNER = {
    "zh": ('!!! warning "旧版本：{label}（{date}，{status}）"\n'
           "    这是本文件的旧版本，不是现行文本。现行文本见[这里](../index.md)，"
           "两版的差别见[版本对照](../changes.md)。本页不进入搜索。\n\n"),
}


def render_versions(seed: Seed, cite_slug: str) -> dict[str, str]:
    """The 版本对照 page and every earlier version's pages, at their own stable addresses (source/<slug>/v1/…)."""
    folder = f"{SOURCE_DIR}/{seed.slug}"
    pages = {}
    for lang, rel in (("zh", f"{folder}/{CHANGES_PAGE}.md"), ("en", f"{folder}/{CHANGES_PAGE}{SUFFIX}")):
        head = front_matter({"kind": "source", "generated_by": GENERATOR, "document": seed.slug, "provisions": [],
                             "title": TEXT[lang]["title"], "search": {"exclude": True}}) + "\n"
        pages[rel] = render_changes(seed, head, lang)
    for version in seed.versions[:-1]:
        old = Seed(seed.slug, version.path, seed.meta, document_of(version), [])
        marks = became(seed, version)  # what each of its articles is now, linking there
        pages[f"{folder}/{version.label}/index.md"] = render_index(old, version)
        for page in old.doc.pages():
            pages[f"{folder}/{version.label}/{page.key}.md"] = render_page(old, page, cite_slug, marks, version)
    return pages


REVISED = {"zh": "本文件{when}修改，现行文本如下。[看改了什么]({changes})", 
           "en": "This text was revised {when}; the text in force is shown. [See what changed]({changes})"}
VERSIONS = {"zh": ("## 版本\n\n", "现行", "[原文]({href})", "[版本对照]({href})"),
            "en": ("## Versions {#版本}\n\n", "in force", "[text]({href})", "[changes]({href})")}


def _revised(seed: Seed, here: str, lang: str = "zh") -> str:
    """Under a revised text's title, on its current pages: that it was revised, when, and what changed."""
    if len(seed.versions) < 2:
        return ""
    changes = posixpath.relpath(f"{SOURCE_DIR}/{seed.slug}/{CHANGES_PAGE}.md", posixpath.dirname(here))
    return ('<p class="revised-note" markdown>' + REVISED[lang].format(when=when(seed.versions[-1], lang), changes=changes)
            + "</p>\n\n")


def _versions(seed: Seed, lang: str = "zh") -> str:
    """A revised text's landing page lists its versions, newest first, each with its date and status."""
    if len(seed.versions) < 2:
        return ""
    heading, current, text, compare = VERSIONS[lang]
    rows = []
    for v in reversed(seed.versions):
        date = v.date if v.date != "unknown" else TEXT[lang]["unknown"]
        link = "" if v is seed.versions[-1] else " · " + text.format(href=f"{v.label}/index.md")
        state = current if v is seed.versions[-1] else v.status
        rows.append(f"- {v.label}（{date}，{state}）{link}\n" if lang == "zh" else f"- {v.label} ({date}, {state}){link}\n")
    return heading + "".join(rows) + "\n" + compare.format(href=f"{CHANGES_PAGE}.md") + "\n\n"


def _old_banner(version) -> str:
    """After an earlier version's title: it is not the text in force; old pages link to current ones, never back."""
    if version is None:
        return ""
    date = version.date if version.date != "unknown" else "日期不详"
    return OLD_BANNER["zh"].format(label=version.label, status=version.status, date=date)


# The build renders the texts' pages once per language and `make serve` on every edit (2.7 s at 50
# texts) though they change only with seeds/: pages made from the same files are handed out again.
_RENDERED: dict[str, dict[str, str]] = {}


def inputs_digest(corpus: Corpus) -> str:
    """Every file the corpus was read from (texts, metadata, translations, versions), by content, and
    the seeds the corpus holds."""
    digest = hashlib.sha256()
    for folder in sorted({seed.path.parent for seed in corpus.seeds.values()}):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(f"{path}\0".encode("utf-8") + hashlib.sha256(path.read_bytes()).digest())
    # and what the corpus holds in memory, which an operation may have changed before writing it
    for slug, seed in sorted(corpus.seeds.items()):
        digest.update(repr((slug, seed.path, seed.meta, [v.label for v in seed.versions])).encode("utf-8"))
    digest.update(f"default={corpus.default.slug}".encode("utf-8"))
    return digest.hexdigest()


def render_corpus(corpus: Corpus) -> dict[str, str]:
    key = inputs_digest(corpus)
    if key not in _RENDERED:
        pages: dict[str, str] = {}
        for seed in corpus.seeds.values():
            pages.update(render_seed(seed, default=seed.slug == corpus.default.slug, corpus=corpus))
        _RENDERED.clear()  # one handbook per process
        _RENDERED[key] = pages
    return dict(_RENDERED[key])


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
