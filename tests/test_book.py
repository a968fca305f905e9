"""The whole handbook as one PDF per language (scripts/book.py): structure, links, text, fonts, reproducibility."""
from __future__ import annotations

import functools
import html
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pydyf
import pytest

from conftest import ROOT, run
from scripts.core.config import Config
from scripts.publish import book

pypdf = pytest.importorskip("pypdf")
SOURCE = "source/shunyi-women-social-management/part-2"
LANGS = {"zh": "downloads/handbook.pdf", "en": "en/downloads/handbook.pdf"}
TOC_LINE = re.compile(r"^(.+?) ?\.{4,} ?(\d+)$")


def reader(built_site: Path, lang: str = "zh"):
    return pypdf.PdfReader(built_site / LANGS[lang])


def text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """pdftotext's text of pages first to last (1-based), or of the whole PDF, each page ending in a form feed."""
    pages = _pages_text(str(pdf), *_version(pdf))
    return "".join(page + "\f" for page in pages[(first or 1) - 1:(last or first or len(pages))])


def _version(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=8)
def _pages_text(pdf: str, *version) -> list[str]:
    """One pdftotext run per PDF (and version of it), where the tests asked for a page at a time (~60 runs)."""
    whole = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True, check=True).stdout
    return whole.split("\f")[:-1]


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def outline(pdf, items=None, depth=1) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) of every bookmark, in order."""
    out = []
    for item in pdf.outline if items is None else items:
        if isinstance(item, list):
            out.extend(outline(pdf, item, depth + 1))
        else:
            out.append((depth, item.title, pdf.get_destination_page_number(item) + 1))
    return out


def sentence(built_site: Path, sid: str) -> str:
    page = (built_site / SOURCE / "index.html").read_text(encoding="utf-8")
    found = re.search(rf'<span class="sentence" id="{re.escape(sid)}"[^>]*>(.*?)</span>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def links(pdf) -> list[tuple[int, dict]]:
    return [(n, a.get_object()) for n, page in enumerate(pdf.pages, 1) for a in (page.get("/Annots") or [])
            if a.get_object().get("/Subtype") == "/Link"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_outline_has_every_part_page_and_provision_in_nav_order(built_site, lang):
    pdf = reader(built_site, lang)
    marks = outline(pdf)
    config = book.load_config(ROOT / "mkdocs.yml")
    parts = book.parts(config, lang)
    top = [title for level, title, _ in marks if level == 1]
    # After the table of contents, one bookmark per nav part; a part that is one page shows the page's title.
    assert len(top) == len(parts) + 1
    assert [t for t, p in zip(top[1:], parts) if not p.single] == [p.title for p in parts if not p.single]
    pages = [m for m in marks if m[0] == 2 or (m[0] == 1 and m[1] in {t for t, p in zip(top[1:], parts) if p.single})]
    assert len(pages) == sum(len(p.pages) for p in parts)
    numbers = [n for _, _, n in pages]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)  # every page starts its own sheet
    assert len(pdf.pages) >= len(pages) + 2  # and the cover and contents come first
    built = (built_site / ("en/" if lang == "en" else "") / SOURCE / "index.html").read_text(encoding="utf-8")
    provisions = re.findall(r'<section class="provision provision-(?:item|intro)"[^>]*? data-provision="([^"]+)"', built)
    level3 = [title for level, title, _ in marks if level == 3]
    assert provisions and all(any(t.startswith(f"{p} ") for t in level3) for p in provisions)


def test_checklists_each_start_on_their_own_page(built_site):
    pdf = reader(built_site)
    marks = outline(pdf)
    checklists = [(title, n) for level, title, n in marks if level == 2 and title.startswith("清单 ")]
    assert len(checklists) == len(list((ROOT / "docs/checklists").glob("[0-9]*-*[0-9].md")))
    for title, n in checklists:
        first_item = title.split()[1] + "-01"  # 清单 2.5 … → 2.5-01
        assert first_item not in text(built_site / LANGS["zh"], n - 1), f"{title} shares page {n - 1}"
        assert first_item in text(built_site / LANGS["zh"], n)


def test_a_citation_links_to_the_page_of_the_cited_sentence_inside_the_pdf(built_site):
    pdf = reader(built_site)
    dest = f"p-{SOURCE.replace('/', '-')}--2.5.3"
    cites = [(n, a) for n, a in links(pdf) if a.get("/Dest") == dest]
    assert len(cites) >= 2  # guidance, checklist and template pages cite 2.5.3
    target = pdf.get_destination_page_number(pdf.named_destinations[dest]) + 1
    # The source text there shows the sentence with its ID, as the website's anchor does.
    assert "2.5.3" + squeeze(sentence(built_site, "2.5.3"))[:40] in squeeze(text(built_site / LANGS["zh"], target))
    # No link leaves the PDF for a web address or a file of the build folder.
    assert not [a for _, a in links(pdf) if "/A" in a and a["/A"].get("/S") == "/URI"]


def test_glossary_terms_link_to_their_entry(built_site):
    pdf = reader(built_site)
    dest = "p-glossary--妇女之家"
    assert any(a.get("/Dest") == dest for _, a in links(pdf))
    target = pdf.get_destination_page_number(pdf.named_destinations[dest]) + 1
    page = text(built_site / LANGS["zh"], target)
    assert "妇女之家" in page and "释义" in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_of_contents_page_numbers_are_where_the_headings_are(built_site, lang):
    pdf = reader(built_site, lang)
    marks = outline(pdf)
    first_part = [n for level, _, n in marks if level == 1][1]
    lines = [line.strip() for line in text(built_site / LANGS[lang], 2, first_part - 1).splitlines()]
    heading = marks[0][1]  # 目录 / Contents, also the running header of these pages
    toc, pending = [], ""
    for line in lines:
        if not line or line == heading or re.fullmatch(r"\d+ / \d+", line):
            continue
        found = TOC_LINE.match(f"{pending} {line}".strip())  # a long title wraps onto the next line
        pending = "" if found else f"{pending} {line}".strip()
        if found:
            toc.append((found.group(1), int(found.group(2))))
    where = {}
    for level, title, n in marks:
        if level <= 2:
            where.setdefault(squeeze(title), n)
    assert len(toc) >= len([m for m in marks if m[0] <= 2]) - 1  # every part and page (not the contents itself)
    for title, n in toc:
        assert where.get(squeeze(title)) == n, f"contents say {title!r} is on page {n}"
        assert squeeze(title)[:12] in squeeze(text(built_site / LANGS[lang], n))


def test_text_is_extractable_in_reading_order(built_site):
    whole = squeeze(text(built_site / LANGS["zh"]))
    s2, s3 = (squeeze(sentence(built_site, sid)) for sid in ("2.5.2", "2.5.3"))
    assert s2 in whole and s3 in whole  # no broken CJK: the sentences come out whole
    assert whole.index(s2) < whole.index(s3)
    first, second = whole.index("2.5-01摸清本辖区"), whole.index("2.5-02对照党委政府")
    assert first < second


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fonts_are_embedded_real_fonts_and_the_pdf_is_tagged_a4_and_small(built_site, lang):
    pdf_path = built_site / LANGS[lang]
    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and "Type 3" not in fonts
    assert all(re.search(r"\byes\s+yes\s+yes\b", row) for row in rows), fonts  # embedded, subset, with a ToUnicode map
    pdf = pypdf.PdfReader(pdf_path)
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == lang
    width, height = (round(float(v) * 25.4 / 72) for v in pdf.pages[0].mediabox[2:])
    assert (width, height) == (210, 297)
    # The CJK font is embedded as a subset of the glyphs used, not as the whole 5 MB file.
    assert pdf_path.stat().st_size < 2_500_000



def test_the_offline_bundle_and_the_home_page_offer_the_books(built_site, bundle_zip):
    bundle = zipfile.ZipFile(bundle_zip)
    top = bundle.namelist()[0].split("/")[0]  # the bundle unpacks into one folder
    assert {f"{top}/{pdf}" for pdf in LANGS.values()} <= set(bundle.namelist())
    for home in ("index.html", "en/index.html"):
        assert 'href="downloads/handbook.pdf"' in (built_site / home).read_text(encoding="utf-8")
        assert 'href="downloads/handbook.pdf"' in bundle.read(f"{top}/{home}").decode("utf-8")


def test_a_page_added_to_the_nav_is_in_the_book_and_leave_out_is_honoured():
    config = {"nav": [{"首页": "index.md"}, {"解读": ["guidance/a.md", "guidance/b.md"]}, {"术语": "glossary.md"},
                      {"另一份文件": ["other/index.md"]}],
              "extra": {"handbook": {"book": {"leave_out": ["index.md", "guidance/b.md"]}}},
              "plugins": [{"i18n": {"languages": [{"locale": "en", "nav_translations": {"解读": "Guidance"}}]}}]}
    config = Config(Path("mkdocs.yml"), config, "")
    assert book.parts(config, "zh") == [book.Part("解读", ("guidance/a.md",), False),
                                        book.Part("术语", ("glossary.md",), True),
                                        book.Part("另一份文件", ("other/index.md",), False)]
    assert book.parts(config, "en")[0].title == "Guidance"


@pytest.mark.parametrize("href, expected", [
    ("../../source/doc/part-2/#2.5.3", "#p-source-doc-part-2--2.5.3"),  # a citation
    ("../../glossary/#%E5%A6%87%E5%A5%B3", "#p-glossary--妇女"),  # percent-encoded anchors are decoded
    ("../2-1/", "#p-guidance-2-1"),  # another page: its start
    ("#怎么做", "#p-guidance-2-5--怎么做"),  # same page
    ("../../downloads/checklists/2-5.pdf", None),  # nothing to go to on paper
    ("../../contributing/", None),  # a page the book leaves out
    ("https://example.org/x", "https://example.org/x"),
    ("file:///etc/passwd", None),
])
def test_links_resolve_inside_the_book(href, expected):
    keys = {u: book.page_key(u) for u in ("guidance/2-5/", "guidance/2-1/", "source/doc/part-2/", "glossary/")}
    assert book.resolve(href, "guidance/2-5/", keys) == expected


def test_ids_are_prefixed_by_page_so_two_pages_may_share_an_anchor():
    keys = {"a/": "p-a", "b/": "p-b"}
    one = book.rewrite('<h2 id="原文">原文</h2><a href="../b/#原文">x</a>', "a/", keys)
    two = book.rewrite('<h2 id="原文">原文</h2>', "b/", keys)
    assert 'id="p-a--原文"' in one and 'href="#p-b--原文"' in one and 'id="p-b--原文"' in two


def test_the_book_keeps_only_the_ids_its_links_go_to():
    """WeasyPrint lays out in time that grows with the square of the anchors (every id is one): the book keeps the
    ids a link goes to, from another page or the same one, and drops the rest."""
    keys = {"a/": "p-a", "b/": "p-b"}
    linked: set[str] = set()
    one = book.rewrite('<h2 id="原文">原文</h2><a href="../b/#第二句">x</a><a href="#原文">y</a>', "a/", keys, linked)
    two = book.rewrite('<p><span class="sentence" id="第一句">一。</span><span id="第二句">二。</span></p>', "b/", keys,
                       linked)
    assert linked == {"p-b--第二句", "p-a--原文"}
    assert book.keep_linked_ids(two, linked) == '<p><span class="sentence">一。</span><span id="p-b--第二句">二。</span></p>'
    assert book.keep_linked_ids(one, linked) == one


def test_a_page_missing_from_the_built_site_is_a_diagnostic_not_a_traceback(tmp_path):
    result = run(sys.executable, "-m", "scripts.book", str(tmp_path))
    assert result.returncode == 1
    assert re.fullmatch(r"\S+index\.html:1:1: BOOK_PAGE_MISSING source/\S+ is in the nav but not in the built "
                        r"site \(hint: build the site first with mkdocs build\)\n", result.stderr), result.stderr


def test_an_unreadable_config_is_a_diagnostic(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("nav: [\n", encoding="utf-8")
    result = run(sys.executable, "-m", "scripts.book", str(tmp_path), "--config", str(config))
    assert result.returncode == 1 and re.match(rf"{re.escape(str(config))}:\d+:\d+: CONFIG cannot read", result.stderr)
    assert "Traceback" not in result.stderr


def test_print_this_section_gives_a_guidance_page_with_its_checklist_and_templates(built_site, tmp_path):
    out = tmp_path / "2-5.pdf"
    result = run(sys.executable, "-m", "scripts.book", str(built_site), "--section", "guidance/2-5.md",
                 "--out", str(out))
    assert result.returncode == 0, result.stderr
    pdf = pypdf.PdfReader(out)
    titles = [(level, title) for level, title, _ in outline(pdf)]
    guidance = (built_site / "guidance/2-5/index.html").read_text(encoding="utf-8")
    start, end = book._element(guidance, "article", "md-content__inner")
    templates = re.findall(r'href="\.\./\.\./templates/([^"/]+)/"', guidance[start:end])
    assert titles[:4] == [(1, "目录"), (1, "2.5 创新工作活动载体"), (1, "清单"), (2, "清单 2.5 创新工作活动载体")]
    assert titles[4] == (1, "模板") and len(titles[5:]) == len(set(templates)) >= 1
    assert any(a.get("/Dest") == "p-checklists-2-5" for _, a in links(pdf))  # the guidance links to its checklist


def test_print_this_section_of_a_page_not_in_the_book_is_a_diagnostic(tmp_path):
    result = run(sys.executable, "-m", "scripts.book", str(tmp_path), "--section", "guidance/9-9.md",
                 "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    assert result.stderr.startswith("guidance/9-9.md:1:1: BOOK_SECTION_UNKNOWN guidance/9-9.md is not a page")


def test_fonts_are_subset_by_harfbuzz_and_by_fonttools_where_harfbuzz_gives_up(monkeypatch, tmp_path):
    """HarfBuzz subsets a book's fonts (0.02 s a font); where it leaves a font whole, as Debian 12's does for a book
    with ~1,000 Chinese characters, fontTools subsets it (~1 s): either way the PDF holds a subset, not 5 MB."""
    from weasyprint.pdf import fonts

    used = []
    fonttools = fonts.Font._fonttools_subset
    monkeypatch.setattr(fonts.Font, "_fonttools_subset", lambda font, *args: used.append(font) or fonttools(font, *args))
    document = "<!doctype html><html lang=zh><head><title>x</title></head><body><p>妇女权益保障，家庭教育促进。</p></body></html>"
    first = book.render(document, tmp_path)
    assert used == [] and len(first) < 100_000
    monkeypatch.setattr(fonts.Font, "_harfbuzz_subset", lambda font, *args: None)  # leaves the font whole
    second = book.render(document, tmp_path)
    assert len(used) == 1 and len(second) < 100_000


def test_a_tagged_books_page_references_are_made_once_for_its_pages(tmp_path):
    """WeasyPrint's tagging asks for the references of every page once per tagged element; the book gives it the
    same references, made once for a set of pages (pydyf made them anew each time: pages × elements)."""
    pdf = pydyf.PDF()
    pages = [pydyf.Dictionary({"Type": "/Page"}) for _ in range(3)]
    for page in pages:
        pdf.add_page(page)
    refs = book._page_references(pdf)
    assert refs == tuple(f"{page.number} 0 R".encode("ascii") for page in pages)
    assert book._page_references(pdf) is refs  # asked again: not made anew
    pages.append(pydyf.Dictionary({"Type": "/Page"}))
    pdf.add_page(pages[-1])
    assert book._page_references(pdf) == tuple(f"{page.number} 0 R".encode("ascii") for page in pages)
    # A tagged render asks through it, and its PDF links each tagged element to its page.
    document = "<!doctype html><html lang=zh><head><title>x</title></head><body><h1>标题</h1><p>正文。</p></body></html>"
    data = book.render(document, tmp_path)
    assert pydyf.PDF.page_references.fget is book._page_references
    root = pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
