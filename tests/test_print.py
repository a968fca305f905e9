"""What trainers print: the A4 print layout in Chromium, the PDFs and the Word templates."""
from __future__ import annotations

import subprocess

import docx
import pytest

CHECKLIST = "checklists/2-5/"
ITEM_TEXT = "摸清本辖区“妇女之家”的数量、场地和使用情况"


def test_print_layout_hides_chrome_and_keeps_items_whole(page, site_url):
    page.goto(site_url + CHECKLIST)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".checklist-tools", ".downloads"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".print-meta").is_visible()
    meta = page.locator(".print-meta").inner_text()
    assert "§2.5" in meta and CHECKLIST in meta
    assert page.locator(".signoff").is_visible() and "检查人" in page.locator(".signoff").inner_text()
    item = page.locator("li.task-list-item").first
    assert item.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    # the box is drawn (a border), and printed empty even when ticked on screen
    box = item.locator(".task-list-indicator")
    border = box.evaluate("e => getComputedStyle(e, '::before').borderTopWidth")
    assert border not in ("0px", "")
    item.locator("input").check(force=True)
    assert box.evaluate("e => getComputedStyle(e, '::before').backgroundColor") == "rgb(255, 255, 255)"
    assert page.locator(".item-id").first.is_visible()


# Every layout shift of the page's own content (.md-content) from the first paint on, as Chromium counts them for
# Cumulative Layout Shift. Material's header moves a pixel once as its language menu is set up: not ours to test.
SHIFTS = """window.__shifts = [];
const inContent = n => { const e = n && (n.nodeType === 1 ? n : n.parentElement); return !!(e && e.closest(".md-content")); };
new PerformanceObserver(list => list.getEntries().forEach(e => {
    if (e.sources.some(s => inContent(s.node))) window.__shifts.push(
        {value: e.value, moved: e.sources.map(s => s.node ? (s.node.className || s.node.nodeName) : "")});
})).observe({type: "layout-shift", buffered: true});"""


SOURCE = "source/shunyi-women-social-management/part-2/"


@pytest.mark.parametrize("path", [CHECKLIST, "en/" + CHECKLIST, "checklists/print-all/", "guidance/2-5/", SOURCE,
                                  "en/" + SOURCE])
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_a_page_does_not_move_when_its_scripts_fill_it_in(browser, site_url, path, viewport):
    """What scripts add after the first paint: a checklist's tools (ticks done, clear), every page's offline line
    ("saving the handbook…", then its date), a text's sentence numbers and its numbers switch. Their boxes are in
    the page from the start, their size kept (a sentence's number is shown by the stylesheet until its button takes
    the same box), so what a cadre has started reading on her phone does not jump down under her thumb. Web Vitals
    calls a page good below 0.1; a source page scored 0.2 before.

    A returning reader: on the first visit to a text the switch's hint (what the numbers are for) pushes the text
    down once. Laid over the text instead, it hid what was under it (a reference a test hovered)."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.add_init_script(SHIFTS)
    page.add_init_script("localStorage.setItem('handbook:source:hint', 'seen')")
    page.goto(site_url + path)
    if "checklists/" in path:
        page.locator(".checklist-status").wait_for()
        tools = page.locator(".checklist-tools")
        assert tools.count() == 1 and tools.evaluate("e => e.nextElementSibling !== null")
    if "source/" in path:
        page.locator(".sid-toggle").wait_for()
        assert page.locator(".sid-hint").count() == 0
    page.locator(".offline-state--ready").wait_for()  # the worker saved the site: the line said so twice
    page.wait_for_timeout(300)  # shifts are reported a frame or two after they happen
    shifts = page.evaluate("window.__shifts")
    context.close()
    # A heading's number becoming a button moves the rest of the heading by a fraction of a pixel (0.001).
    assert sum(s["value"] for s in shifts) < 0.005, shifts


@pytest.mark.parametrize("path", [SOURCE, "en/" + SOURCE])
def test_a_reader_who_hid_the_numbers_never_sees_them_come_and_go(browser, site_url, path):
    """Her choice is read before the first paint (docs/assets/reading-prefs.js), so the numbers the stylesheet
    would show until the script runs are never shown, and the text does not move when they would have gone."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.add_init_script(SHIFTS)
    page.add_init_script("localStorage.setItem('handbook:source:hint', 'seen');"
                         "localStorage.setItem('handbook:source:numbers', 'hidden')")
    page.goto(site_url + path)
    page.locator(".sid-toggle[aria-pressed=false]").wait_for()
    page.locator(".offline-state--ready").wait_for()
    page.wait_for_timeout(300)
    shifts = page.evaluate("window.__shifts")
    hidden = page.evaluate("document.documentElement.classList.contains('sids-hidden')")
    visible = page.locator("button.sid-btn:visible").count()
    context.close()
    assert hidden and visible == 0
    assert sum(s["value"] for s in shifts) < 0.005, shifts


def _pdf(path, *args) -> str:
    return subprocess.run([*args, str(path), "-"] if args[0] == "pdftotext" else [*args, str(path)],
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("rel", ["downloads/checklists/2-5.pdf", "downloads/templates/rights-case-ledger.pdf",
                                 "en/downloads/checklists/2-5.pdf"])
def test_pdfs_embed_a_cjk_font_and_hold_text(built_site, rel):
    pdf = built_site / rel
    fonts = _pdf(pdf, "pdffonts")
    assert "WenQuanYiMicroHei" in fonts and "CID TrueType" in fonts
    assert "Type 3" not in fonts
    text = _pdf(pdf, "pdftotext")
    assert ("2.5-01" in text) if "checklists" in rel else ("个案登记表" in text)
    if rel == "downloads/checklists/2-5.pdf":
        assert ITEM_TEXT in text.replace("\n", "")
    pages = int(next(ln.split()[-1] for ln in _pdf(pdf, "pdfinfo").splitlines() if ln.startswith("Pages:")))
    assert 1 <= pages <= 4
    assert b"file://" not in pdf.read_bytes()  # no path of the build machine inside the PDF


def test_combined_checklist_pdf(built_site):
    pdf = built_site / "downloads/checklists/all.pdf"
    pages = int(next(ln.split()[-1] for ln in _pdf(pdf, "pdfinfo").splitlines() if ln.startswith("Pages:")))
    assert pages >= 12  # one sheet (or more) per checklist
    text = _pdf(pdf, "pdftotext")
    assert all(f"{i}-01" in text for i in ("2.1", "2.7", "3.1", "3.5"))


def test_no_blank_trailing_page(built_site):
    pdf = built_site / "downloads/checklists/2-5.pdf"
    pages = _pdf(pdf, "pdftotext").split("\f")
    assert pages[-1].strip() == "" and all(p.strip() for p in pages[:-1])


def test_word_templates_open_and_hold_their_fields(built_site):
    document = docx.Document(str(built_site / "downloads/templates/rights-case-ledger.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "维权个案登记台账" in text and "当事人姓名" in text
    assert any(r.underline for p in document.paragraphs for r in p.runs)  # blanks to write on
    assert document.tables and any(len(t.rows) >= 6 for t in document.tables)
    english = docx.Document(str(built_site / "en/downloads/templates/rights-case-ledger.docx"))
    assert english.paragraphs[0].text


def test_download_buttons_lead_to_files(built_site):
    page = (built_site / "templates/rights-case-ledger/index.html").read_text("utf-8")
    assert 'href="../../downloads/templates/rights-case-ledger.pdf"' in page
    assert 'href="../../downloads/templates/rights-case-ledger.docx"' in page
    assert (built_site / "downloads/templates/rights-case-ledger.docx").exists()


def test_ticks_are_remembered_and_cleared(page, site_url):
    page.goto(site_url + CHECKLIST)
    # The script puts its bar (status, clear button) above the list once the page is read; a click aimed
    # before that lands where the box was (the suite failed so once, on a loaded machine).
    page.locator(".checklist-status").wait_for()
    first = page.locator("li.task-list-item input").first
    first.check(force=True)
    page.reload()
    assert page.locator("li.task-list-item input").first.is_checked()
    assert "1/" in page.locator(".checklist-status").inner_text()
    page.locator(".checklist-clear").click()
    page.reload()
    assert not page.locator("li.task-list-item input").first.is_checked()
