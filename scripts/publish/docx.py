"""Export implementation templates as editable Word files (.docx), from the same Markdown as the site;
and each policy text as a Word file to annotate, its lines verbatim, its headings as Word headings.

Understands the small vocabulary templates are written in (docs/contributing.md):
headings, paragraphs, lists, pipe tables, **bold**, links (kept as text), citations
(kept as text), admonitions (a shaded note), `{{______}}` blanks and `{{area N}}` boxes.
The same commit gives byte-identical files: fixed timestamps from SOURCE_DATE_EPOCH.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from scripts.core.paths import LANGS, download, lang_of, language_tree, text_download
from scripts.corpus.seeds import Corpus, Seed
from scripts.core.yamlio import FRONT_MATTER
from scripts.pages.collect import HEADING, collect_docs, heading_parts

INLINE = re.compile(r"(\*\*.+?\*\*|\{\{_{2,}\}\}|!?\[[^\]]*\]\([^)]*\)|\\.)")
TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?P<mark>[-*+]|\d+\.)\s+(?P<text>.*)$")
ADMONITION = re.compile(r'^!!!\s+\w+(?:\s+"(?P<title>[^"]*)")?\s*$')
AREA = re.compile(r"^\s*\{\{area (\d{1,2})\}\}\s*$")
FONTS = {"zh": ("SimSun", "SimHei"), "en": ("Calibri", "Calibri")}


def _east_asian(run_or_style, font: str) -> None:
    rpr = run_or_style.element.get_or_add_rPr() if hasattr(run_or_style, "element") else run_or_style
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), font)


def _style_document(doc, lang: str) -> None:
    body, heading = FONTS[lang]
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri" if lang == "en" else "SimSun"
    normal.font.size = Pt(11)
    _east_asian(normal.element.get_or_add_rPr(), body)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        st = doc.styles[name]
        st.font.color.rgb = RGBColor(0, 0, 0)
        _east_asian(st.element.get_or_add_rPr(), heading)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)


def _add_inline(par, text: str) -> None:
    for piece in INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**"):
            par.add_run(piece[2:-2]).bold = True
        elif piece.startswith("{{"):
            blank = par.add_run("\u3000" * max(2, (len(piece) - 4) // 2 + 1))
            blank.underline = True
        elif piece.startswith("[") or piece.startswith("!["):
            par.add_run(re.match(r"!?\[([^\]]*)\]", piece).group(1))
        elif piece.startswith("\\") and len(piece) == 2:
            par.add_run(piece[1])
        else:
            par.add_run(piece)


def _shade(cell_or_par, fill: str = "F2F2F2") -> None:
    props = cell_or_par._tc.get_or_add_tcPr() if hasattr(cell_or_par, "_tc") else cell_or_par._p.get_or_add_pPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    props.append(shd)


def _row_height(row, cm: float) -> None:
    row.height = Cm(cm)


def _table(doc, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, cells in enumerate(rows):
        row = table.add_row()
        for j in range(width):
            par = row.cells[j].paragraphs[0]
            _add_inline(par, cells[j].strip() if j < len(cells) else "")
            if i == 0:
                for run in par.runs:
                    run.bold = True
                _shade(row.cells[j])
        if i and not any(c.strip() for c in cells):
            _row_height(row, 0.9)  # an empty row is a line to fill in by hand


def _area(doc, lines: int) -> None:
    table = doc.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    _row_height(table.rows[0], 0.75 * max(1, min(lines, 10)))


def markdown_to_docx(text: str, lang: str = "zh"):
    """A python-docx Document for one template page's Markdown."""
    doc = Document()
    _style_document(doc, lang)
    m = FRONT_MATTER.match(text)
    lines = text[m.end():].splitlines() if m else text.splitlines()
    i = 0
    para: list[str] = []

    def flush() -> None:
        if para:
            _add_inline(doc.add_paragraph(), " ".join(p.strip() for p in para) if lang == "en" else
                        "".join(p.strip() for p in para))
            para.clear()

    while i < len(lines):
        line = lines[i]
        if not line.strip():
            flush()
            i += 1
            continue
        h = HEADING.match(line)
        if h and not h["indent"]:
            flush()
            level = len(h["hashes"])
            _add_inline(doc.add_heading(level=0 if level == 1 else min(level - 1, 3)), heading_parts(h["text"])[0])
            i += 1
            continue
        a = ADMONITION.match(line)
        if a:
            flush()
            note = doc.add_paragraph()
            _shade(note)
            note.add_run((a["title"] or "") + ("：" if lang == "zh" else ": ")).bold = True
            i += 1
            body: list[str] = []
            while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                body.append(lines[i][4:])
                i += 1
            for chunk in "\n".join(body).strip().split("\n\n"):
                for ln in chunk.splitlines():
                    li = LIST_ITEM.match(ln)
                    p = doc.add_paragraph(style="List Bullet" if li else None)
                    _shade(p)
                    _add_inline(p, li["text"] if li else ln.strip())
            continue
        if TABLE_ROW.match(line):
            flush()
            rows = []
            while i < len(lines) and TABLE_ROW.match(lines[i]):
                if not TABLE_RULE.match(lines[i]):
                    rows.append(TABLE_ROW.match(lines[i]).group(1).split("|"))
                i += 1
            _table(doc, rows)
            continue
        ar = AREA.match(line)
        if ar:
            flush()
            _area(doc, int(ar.group(1)))
            i += 1
            continue
        li = LIST_ITEM.match(line)
        if li and not line.startswith("    "):
            flush()
            style = "List Number" if li["mark"][0].isdigit() else "List Bullet"
            _add_inline(doc.add_paragraph(style=style), li["text"])
            i += 1
            continue
        para.append(line)
        i += 1
    flush()
    return doc


def _epoch() -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else 315532800  # 1980-01-01, the earliest a zip can hold


def deterministic_bytes(doc, title: str) -> bytes:
    """Save with fixed metadata and fixed zip timestamps, so the same input gives the same bytes."""
    when = dt.datetime.fromtimestamp(max(_epoch(), 315532800), dt.timezone.utc).replace(tzinfo=None)
    props = doc.core_properties
    props.created = props.modified = when
    props.last_printed = when
    props.author = props.last_modified_by = ""
    props.title = title
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            zout.writestr(fixed, zin.read(info.filename))
    return out.getvalue()


def export(docs_dir: Path, out_dir: Path) -> list[Path]:
    """One .docx per template page, per language: out_dir/templates/<slug>.docx, out_dir/en/templates/…"""
    written = []
    for rel, rec in sorted(collect_docs(docs_dir).items()):
        if rec.kind != "template" or rec.draft:
            continue
        lang = lang_of(rel)
        target = language_tree(out_dir, lang) / download(rec.kind, rel, "docx")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(deterministic_bytes(markdown_to_docx(rec.text, lang), rec.title))
        written.append(target)
    return written


# Provisions whose line is a heading of the text, by rank: a 公文's parts (一、…), a code's 编 and 分编,
# chapters (and an unnumbered 附则 beside them), sections. The ranks a text has become Word's heading
# levels from 1, so a law without 编 has its chapters at level 1. Every other line is a paragraph.
HEADING_RANKS = {"part": 0, "book": 0, "subbook": 1, "chapter": 2, "supplementary": 2, "section": 3}
LINE_END = re.compile(r"\r\n|\n|\r")  # as the splitter counts lines


def text_to_docx(seed: Seed):
    """A python-docx Document of a policy text: every line verbatim, its title and headings as Word's."""
    doc = Document()
    _style_document(doc, "zh")
    heads = [p for p in seed.doc.provisions.values() if p.heading and p.kind in HEADING_RANKS]
    ranks = sorted({HEADING_RANKS[p.kind] for p in heads})
    levels = {p.line: ranks.index(HEADING_RANKS[p.kind]) + 1 for p in heads}
    for n, line in enumerate(LINE_END.split(seed.doc.text), 1):
        if not line.strip():
            continue
        if n == 1 and line.strip() == seed.doc.title.strip():
            doc.add_heading(line, level=0)
        elif n in levels:
            doc.add_heading(line, level=levels[n])
        else:
            doc.add_paragraph(line)
    return doc


def export_texts(corpus: Corpus, site: Path) -> list[Path]:
    """downloads/texts/<slug>.docx in each language tree (the verbatim text is the Chinese in both)."""
    written = []
    for slug, seed in sorted(corpus.seeds.items()):
        data = deterministic_bytes(text_to_docx(seed), seed.doc.title)
        for lang in LANGS:
            target = language_tree(site, lang) / text_download(slug, "docx")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.append(target)
    return written
