"""Turn citations (`§2.5.3`), embeds (`[[§2.5]]`) and checklist item IDs into HTML inside Markdown.

The output is still Markdown (with inline and block HTML), so any Markdown renderer
can take it from here. Positions come from scripts.collect, so code spans and code
blocks are left alone exactly where the checker leaves them alone.
"""
from __future__ import annotations

import html
import re

from scripts.core.codes import table_markdown
from scripts.core.paths import asset_url, download, logical, relative_url
from scripts.render.library import library_markdown
from scripts.pages.collect import ITEM_ID, Citation, PageRecord, block_name, mask_code
from scripts.core.ids import ITEM_ID_FORM
from scripts.corpus.seeds import Corpus
from scripts.corpus.split import Sentence
from scripts.render.stash import Stash, on_heading_line, usable
from scripts.render.updates import latest_markdown

PREVIEW_CHARS = 160
# A reference inside a source text (本法第十二条) names the page it points to; the build writes its address.
REF_LINK = re.compile(r'data-ref-page="(?P<page>[^"]+)" data-ref-anchor="(?P<anchor>[^"]*)"')
# A source page's text is raw HTML (a provision's <div> with its <p> of sentences, or a run of <p>), a block from
# its first line to the next blank one: Python-Markdown reads a text of 150 articles tag by tag with html.parser
# (twice: MkDocs looks for ids, md_in_html for the block's end) only to write it out as it is. The build hands it
# a token instead and puts the block back after it (scripts/render/stash.py).
TEXT_BLOCK = re.compile(r'^(?:<div class="provision |<p class="provision-text">)[^\n]*(?:\n[^\n]+)*', re.M)


def stash_text_blocks(markdown: str, stash: Stash) -> str:
    """A source page's Markdown with every block of the text as a block token."""
    return TEXT_BLOCK.sub(lambda m: stash.put_block(m[0]), markdown)


FIELD = re.compile(r"\{\{(_{2,})\}\}")
AREA = re.compile(r"^(?P<indent>[ \t]*)\{\{area (?P<n>\d{1,2})\}\}[ \t]*$", re.M)


def field_html(underscores: int, lang: str = "zh") -> str:
    """A blank to write on; its printed width follows the number of underscores."""
    size = "s" if underscores <= 6 else "m" if underscores <= 12 else "l"
    label = "fill in" if lang == "en" else "填写"
    return f'<span class="field field-{size}" role="img" aria-label="{label}"></span>'


def area_html(lines: int, lang: str = "zh") -> str:
    label = "space to write" if lang == "en" else "填写区"
    n = max(1, min(lines, 10))
    return f'<div class="field-area field-area-{n}" role="img" aria-label="{label}"></div>'


def _shorten(text: str, limit: int, ellipsis: str) -> str:
    return text if len(text) <= limit else text[:limit] + ellipsis


def preview(corpus: Corpus, doc_slug: str, pid: str, translations: dict | None = None, page_doc: str = "",
            version: str = "") -> str:
    """The text a citation shows on hover or tap: a sentence whole, a larger provision shortened.

    With translations (English pages) it is the English text; the Chinese goes in a second attribute.
    `version`: an earlier version cited on purpose (§slug@v1:12): its text, which has no translation.
    """
    seed = corpus.resolve(doc_slug, page_doc)
    tr = (translations or {}).get(seed.slug)
    if translations is not None and not version:
        return _shorten(tr.text_of(seed, pid) if tr else "", PREVIEW_CHARS * 3, "…")
    doc = seed.doc_at(version)
    node = doc.get(pid)
    text = node.text if isinstance(node, Sentence) else doc.text_of(pid).replace("\n", " ")
    return _shorten(text, PREVIEW_CHARS, "……")


def citation_html(corpus: Corpus, cit: Citation, page: str, directory_urls: bool, label: str | None = None,
                  translations: dict | None = None, page_doc: str = "", name_docs: bool = False) -> str:
    """A citation as a link to the cited sentence (of the version it names), with its text for the preview.

    `name_docs`: the page cites more than one policy, so each citation says which (《short title》§2.5)."""
    seed = corpus.resolve(cit.doc, page_doc)
    href = relative_url(page, seed.page_at(cit.version, cit.id), directory_urls) + "#" + cit.id
    zh = html.escape(preview(corpus, cit.doc, cit.id, page_doc=page_doc, version=cit.version))
    named = f"《{seed.short_title}》{cit.version}§{cit.raw[1:].rpartition(':')[2]}"
    shown = html.escape(label or (named if name_docs else cit.raw))
    if translations is None:
        return (f'<a class="cite" href="{href}" data-provision="{cit.id}" data-doc="{seed.slug}" '
                f'data-cite-text="{zh}">{shown}</a>')
    en = html.escape(preview(corpus, cit.doc, cit.id, translations, page_doc, cit.version))
    return (f'<a class="cite" href="{href}" data-provision="{cit.id}" data-doc="{seed.slug}" '
            f'data-cite-text="{en}" data-cite-zh="{zh}">{shown}</a>')


def embed_html(corpus: Corpus, citations: tuple[Citation, ...], page: str, directory_urls: bool,
               translations: dict | None = None, page_doc: str = "") -> str:
    """A quote block of the verbatim text of the embedded provisions, each sentence marked with its ID.

    On English pages: the English translation, then the Chinese original under it.
    """
    paras = []
    for cit in citations:
        seed = corpus.resolve(cit.doc, page_doc)
        doc = seed.doc_at(cit.version)
        node = doc.get(cit.id)
        sentences = [node] if isinstance(node, Sentence) else (
            list(node.sentences) + [s for d in doc.descendants(cit.id) for s in d.sentences])
        heading = "" if isinstance(node, Sentence) or not node.heading else (
            f'<strong>{html.escape(node.heading)}</strong>')
        body = "".join(
            f'<span class="quote-sentence" data-provision="{s.id}"><span class="sid">{s.id}</span>'
            f"{html.escape(s.text, quote=False)}</span>" for s in sentences)
        if translations is None or cit.version:  # an earlier version's text has no translation
            lang_attr = "" if translations is None else ' lang="zh"'
            paras.append(f"<p{lang_attr}>{heading}{body}</p>")
            continue
        tr = translations.get(seed.slug)
        en_heading = "" if isinstance(node, Sentence) or not node.heading or not tr else (
            f"<strong>{html.escape(tr.headings.get(node.id, ''))}</strong> ")
        en_body = " ".join(
            f'<span class="quote-sentence" data-provision="{s.id}"><span class="sid">{s.id}</span>'
            f"{html.escape(tr.sentences.get(s.id, '') if tr else '', quote=False)}</span>" for s in sentences)
        paras.append(f'<p lang="en">{en_heading}{en_body}</p>'
                     f'<p class="source-quote-zh" lang="zh"><span class="zh-label">中文原文</span>{heading}{body}</p>')
    sep = ", " if translations is not None else "、"
    links = sep.join(citation_html(corpus, c, page, directory_urls, translations=translations, page_doc=page_doc)
                     for c in citations)
    ids = " ".join(c.id for c in citations)
    label = "— Source text (unofficial translation)" if translations is not None else "—— 原文"
    return (f'<blockquote class="source-quote" data-provision="{ids}">'
            + "".join(paras)
            + f'<p class="source-quote-cite">{label} {links}</p></blockquote>')


DOWNLOAD_LABELS = {"zh": ("下载 PDF（A4）", "下载 Word（可编辑）"), "en": ("Download PDF (A4)", "Download Word (editable)")}


# The box a checklist's tools (ticks done, clear) go in, in the page from the start: docs/assets/handbook.js fills it
# and the stylesheet keeps its height, so the list does not move down when the script runs.
TOOLS_BOX = '<div class="checklist-tools"></div>\n\n'


def downloads_html(page: str, kind: str, directory_urls: bool, lang: str) -> str:
    """Download buttons for a checklist or template; the files are made after the site is built."""
    pdf_label, docx_label = DOWNLOAD_LABELS[lang]
    links = [f'<a class="md-button" href="{asset_url(page, download(kind, page, "pdf"), directory_urls)}" '
             f'download>{pdf_label}</a>']
    if kind == "template":
        links.append(f'<a class="md-button" href="{asset_url(page, download(kind, page, "docx"), directory_urls)}"'
                     f' download>{docx_label}</a>')
    return '<div class="downloads">' + " ".join(links) + "</div>"


def item_id_html(item_id: str) -> str:
    return f'<span class="item-id" data-item="{html.escape(item_id)}">{html.escape(item_id)}</span> '


def codes_markdown(corpus: Corpus, page: str, lang: str) -> str:
    return table_markdown(lang)


# `[[name]]` on a line of its own: a block the build writes from one definition, not kept by hand.
BLOCKS = {"policies": library_markdown, "codes": codes_markdown, "updates": latest_markdown}


def transform(rec: PageRecord, corpus: Corpus, directory_urls: bool, translations: dict | None = None,
              stash: Stash | None = None, tools: bool = True) -> str:
    """The page's Markdown with embeds, citations and checklist item IDs rendered.

    Only references that resolve are rendered; the checker reports the rest, and the build
    stops on them before any page is rendered. `translations` (slug → SourceTranslation)
    makes previews and embeds English, for the English edition. With `stash`, a citation outside
    headings is a token in the Markdown and its HTML is kept in the stash (scripts/render/stash.py),
    for the caller to put back into the HTML.
    """
    page = logical(rec.path)  # a translation lives at its Chinese page's place in its own language tree
    text = rec.text
    edits: list[tuple[int, int, str]] = []
    embed_ranges = []
    doc = rec.document
    cited_docs = {corpus.resolve(c.doc, doc).slug for c in rec.citations if _resolves(corpus, c, doc)}
    lang = "en" if translations is not None else "zh"
    for emb in rec.embeds:
        name = block_name(rec, emb.start, emb.end) if not emb.citations else ""
        if name in BLOCKS:
            edits.append((emb.start, emb.end, BLOCKS[name](corpus, page, lang).rstrip("\n")))
        elif all(_resolves(corpus, c, doc) for c in emb.citations) and emb.citations:
            indent = re.match(r"[ \t]*", text[emb.start:emb.end]).group(0)
            edits.append((emb.start, emb.end,
                          indent + embed_html(corpus, emb.citations, page, directory_urls, translations, doc)))
        embed_ranges.append((emb.start, emb.end))
    keep = stash is not None and usable(text)
    for cit in rec.citations:
        if cit.context == "embed" or not _resolves(corpus, cit, doc):
            continue
        link = citation_html(corpus, cit, page, directory_urls, translations=translations, page_doc=doc,
                             name_docs=len(cited_docs) > 1)
        edits.append((cit.start, cit.end, stash.put(link) if keep and not on_heading_line(text, cit.start) else link))
    if rec.kind in ("checklist", "template"):
        h1 = re.search(r"^#[ \t].*$", text[rec.body_start:], re.M)
        if h1:
            end = rec.body_start + h1.end()
            # A checklist's tools box, under its downloads (`tools`: not on the print-all sheet, which has one box).
            box = "\n" + TOOLS_BOX if rec.kind == "checklist" and tools else ""
            edits.append((end, end, "\n\n" + downloads_html(page, rec.kind, directory_urls, lang) + "\n" + box))
    if rec.kind == "template":
        masked = mask_code(text)
        for m in FIELD.finditer(masked, rec.body_start):
            edits.append((m.start(), m.end(), field_html(len(m.group(1)), lang)))
        for m in AREA.finditer(masked, rec.body_start):
            edits.append((m.start(), m.end(), m["indent"] + area_html(int(m["n"]), lang)))
    if rec.kind == "checklist":
        for task in rec.tasks:
            m = ITEM_ID.match(task.text)
            if m and ITEM_ID_FORM.match(m["id"]):
                start = _offset(text, task.line, task.col)
                edits.append((start, start + m.end(), item_id_html(m["id"])))
    out = []
    pos = 0
    for start, end, new in sorted(edits):
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    body = "".join(out)[rec.body_start:]
    if rec.kind == "source":
        body = REF_LINK.sub(lambda m: 'href="' + relative_url(page, m["page"], directory_urls)
                            + (f'#{m["anchor"]}"' if m["anchor"] else '"'), body)
        if keep:
            body = stash_text_blocks(body, stash)
    return body


def _resolves(corpus: Corpus, cit: Citation, page_doc: str = "") -> bool:
    seed = corpus.resolve(cit.doc, page_doc)
    doc = seed.doc_at(cit.version) if seed is not None else None
    return doc is not None and doc.get(cit.id) is not None


def _offset(text: str, line: int, col: int) -> int:
    pos = 0
    for _ in range(line - 1):
        pos = text.index("\n", pos) + 1
    return pos + col - 1
