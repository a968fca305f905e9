"""In Chromium: reading and citing the source (issue 18).

Sentence numbers on the source pages, the popover that copies a link, a citation or the text with its
reference (over http with the Clipboard API, from the unzipped bundle with the fallback), the switch that
hides the numbers, print, and the traceability matrix at phone width.
"""
from __future__ import annotations

import re
import zipfile

import pytest

from conftest import ENV, SEED, copy_project, generator_build, open_page, run
from scripts.corpus.split import split_file
from test_gates import axe

PART2 = "source/shunyi-women-social-management/part-2/"
TITLE = "关于妇联组织参与社会管理及其创新推进社会建设工作的意见"


@pytest.fixture
def clip_page(browser):
    """A desktop page allowed to use the clipboard, as a reader's browser asks for it."""
    yield from open_page(browser, permissions=["clipboard-read", "clipboard-write"])


def _clipboard(pg) -> str:
    return pg.evaluate("navigator.clipboard.readText()")


def _copied(pg, expected: str) -> None:
    pg.wait_for_function("t => document.querySelector('.cite-status').textContent.includes(t)", arg=expected)


def test_number_of_a_sentence_is_visible_and_the_text_stays_verbatim(page, site_url):
    page.goto(site_url + PART2)
    number = page.locator('button.sid-btn[data-target="2.5.3"]')
    assert number.is_visible()
    assert number.inner_text() == "2.5.3"
    assert number.get_attribute("aria-label").startswith("2.5.3 第二部分第五项第三句")
    assert page.locator('span.sentence[id="2.5.3"]').inner_text() == split_file(SEED).sentences["2.5.3"].text
    # a provision's number in its heading is the same kind of button
    assert page.locator('section[id="2.5"] > h2 > button.pid-btn').inner_text() == "2.5"
    assert page.errors == []


def test_mouse_copies_link_citation_and_text_with_reference(clip_page, site_url):
    pg = clip_page
    pg.goto(site_url + PART2)
    pg.locator('button.sid-btn[data-target="2.5.3"]').click()
    menu = pg.locator(".cite-menu")
    assert "§2.5.3" in menu.inner_text() and "第二部分第五项第三句" in menu.inner_text()
    menu.get_by_text("复制链接").click()
    _copied(pg, "已复制链接")
    assert _clipboard(pg) == site_url + PART2 + "#2.5.3"
    menu.get_by_text("复制审稿用编号 §2.5.3").click()
    _copied(pg, "已复制编号")
    assert _clipboard(pg) == "§2.5.3"
    menu.get_by_text("复制出处和链接").click()
    _copied(pg, "已复制出处和链接")
    assert _clipboard(pg) == f"《{TITLE}》第二部分第五项第三句 {site_url}{PART2}#2.5.3"
    menu.get_by_text("复制原文和出处").click()
    _copied(pg, "已复制原文和出处")
    text = split_file(SEED).sentences["2.5.3"].text
    assert _clipboard(pg) == f"{text}——《{TITLE}》第二部分第五项第三句"
    pg.mouse.click(5, 400)  # a click elsewhere closes the popover
    assert menu.count() == 0
    assert pg.errors == []


def test_keyboard_opens_the_popover_copies_and_returns(clip_page, site_url):
    pg = clip_page
    pg.goto(site_url + PART2)
    number = pg.locator('button.sid-btn[data-target="2.5.3"]')
    number.focus()
    pg.keyboard.press("Enter")
    # The reader's form first: where it comes from, in words, and its link.
    assert pg.evaluate("document.activeElement.textContent") == "复制出处和链接"
    assert number.get_attribute("aria-expanded") == "true"
    pg.keyboard.press("Enter")
    _copied(pg, "已复制出处和链接")
    assert _clipboard(pg).startswith(f"《{TITLE}》第二部分第五项第三句 ") and _clipboard(pg).endswith("#2.5.3")
    for _ in range(3):
        pg.keyboard.press("Tab")
    pg.keyboard.press("Enter")
    _copied(pg, "已复制编号")
    assert _clipboard(pg) == "§2.5.3"
    pg.keyboard.press("Escape")
    assert pg.locator(".cite-menu").count() == 0
    assert pg.evaluate("document.activeElement.getAttribute('data-target')") == "2.5.3"
    # a provision's number, by keyboard too
    pg.locator('section[id="2.5"] > h2 > button.pid-btn').focus()
    pg.keyboard.press("Space")
    for _ in range(3):
        pg.keyboard.press("Tab")
    pg.keyboard.press("Enter")
    _copied(pg, "已复制编号")
    assert _clipboard(pg) == "§2.5"


def test_english_page_cites_the_same_sentence(clip_page, site_url):
    pg = clip_page
    pg.goto(site_url + "en/" + PART2)
    pg.locator('button.sid-btn[data-target="2.5.3"]').click()
    pg.locator(".cite-menu").get_by_text("Copy citation for reviewers §2.5.3").click()
    _copied(pg, "Citation copied")
    assert _clipboard(pg) == "§2.5.3"
    pg.locator(".cite-menu").get_by_text("Copy text with reference").click()
    _copied(pg, "Text with reference copied")
    assert _clipboard(pg).endswith(", part II, item 5, sentence 3 (unofficial translation)")
    pg.locator(".cite-menu").get_by_text("Copy link").click()
    _copied(pg, "Link copied")
    assert _clipboard(pg) == site_url + "en/" + PART2 + "#2.5.3"


def test_switch_hides_numbers_across_a_reload_and_print_shows_them(page, site_url):
    page.goto(site_url + PART2)
    number = page.locator('button.sid-btn[data-target="2.5.3"]')
    toggle = page.locator("button.sid-toggle")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert not number.is_visible()
    page.reload()
    assert page.locator("button.sid-toggle").get_attribute("aria-pressed") == "false"
    assert not number.is_visible()
    page.emulate_media(media="print")
    assert number.is_visible()  # printed pages always carry the numbers
    assert not page.locator("button.sid-toggle").is_visible()
    page.emulate_media(media="screen")
    page.locator("button.sid-toggle").click()
    page.reload()
    assert number.is_visible()


# The fallback: no Clipboard API (as from disk in some browsers); the copy event shows what was copied.
NO_CLIPBOARD = """
Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});
window.__copied = [];
document.addEventListener('copy', e => {
  const t = e.target.closest ? e.target.closest('textarea') : null;
  window.__copied.push(t ? t.value.substring(t.selectionStart, t.selectionEnd) : String(getSelection()));
});
"""


def test_offline_bundle_copies_with_the_fallback(browser, bundle_zip, tmp_path):
    with zipfile.ZipFile(bundle_zip) as zf:
        zf.extractall(tmp_path)
    (top,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    url = (top / "source/shunyi-women-social-management/part-2.html").as_uri()
    context = browser.new_context()
    context.add_init_script(NO_CLIPBOARD)
    pg = context.new_page()
    pg.goto(url)
    pg.locator('button.sid-btn[data-target="2.5.3"]').click()
    # The handbook has no published address (site_url): the link is the file's, and the label says so.
    pg.locator(".cite-menu").get_by_text("复制链接（这是本机文件的地址，只能在这台电脑上打开）").click()
    _copied(pg, "已复制链接")
    pg.locator(".cite-menu").get_by_text("复制审稿用编号 §2.5.3").click()
    _copied(pg, "已复制编号")
    assert pg.evaluate("window.__copied") == [url + "#2.5.3", "§2.5.3"]
    # Where even execCommand fails, the text is shown selected for copying by hand.
    pg.evaluate("document.execCommand = () => false")
    pg.locator(".cite-menu").get_by_text("复制审稿用编号 §2.5.3").click()
    box = pg.locator(".cite-menu textarea.cite-menu-manual")
    box.wait_for()
    assert box.input_value() == "§2.5.3"
    assert pg.evaluate("[document.activeElement.selectionStart, document.activeElement.selectionEnd]") == [0, 6]
    context.close()


QUIET = """() => new Promise(done => {
    let quiet = 0, y = scrollY;
    const frame = () => {
        const still = scrollY === y && document.getAnimations().every(a => a.playState !== "running");
        y = scrollY;
        quiet = still ? quiet + 1 : 0;
        if (quiet >= 10) done(true); else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
})"""


@pytest.mark.parametrize("path", [PART2, "en/" + PART2])
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_source_page_with_numbers_and_popover_passes_axe(browser, site_url, path, viewport):
    # axe-core is injected by the test; the page's own CSP (a meta tag) would block it.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    pg = context.new_page()
    assert axe(pg, site_url + path) == []
    pg.locator('button.sid-btn[data-target="2.5.3"]').click()
    pg.locator(".cite-menu").wait_for()
    # Clicking scrolled the page: let Material's header finish its cross-fade before contrast is measured. The fade
    # starts a frame or more after the scroll, so "no animation now" is not enough (it failed so once, mid-fade, in a
    # clean-clone run): wait for ten frames in a row with neither scrolling nor an animation running.
    pg.wait_for_function(QUIET)
    found = pg.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                        ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"])["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in found
            if v["impact"] in ("serious", "critical")] == []
    context.close()


# Every rendered line of every matrix cell, by the position of each character on screen.
MATRIX_LINES = """() => {
  const lines = [];
  document.querySelectorAll('article table td').forEach(td => {
    const byTop = new Map();
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) {
        if (/\\s/.test(n.data[i])) continue;
        const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
        const rect = r.getClientRects()[0];
        if (!rect) continue;
        const top = Math.round(rect.top);
        byTop.set(top, (byTop.get(top) || '') + n.data[i]);
      }
    }
    byTop.forEach(t => lines.push(t));
  });
  return lines;
}"""


@pytest.mark.parametrize("path", ["matrix/", "en/matrix/"])
def test_matrix_at_phone_width_has_no_line_of_only_a_separator(phone, site_url, path):
    phone.goto(site_url + path)
    lines = phone.evaluate(MATRIX_LINES)
    assert len(lines) > 100
    assert [t for t in lines if re.fullmatch(r"[、，,;；]+", t)] == []
    assert "2.5-01" in lines  # checklist item IDs are never broken across lines


def test_on_a_phone_numbers_are_44px_targets_the_popover_leaves_the_sentence_visible_and_a_hint_explains_them(
        browser, site_url):
    pages = open_page(browser, has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    pg = next(pages)
    try:
        pg.goto(site_url + PART2)
        hint = pg.locator(".sid-hint")
        assert "点句子前面的编号" in hint.inner_text()
        number = pg.locator('button.sid-btn[data-target="2.5.3"]')
        number.scroll_into_view_if_needed()
        box = number.bounding_box()
        cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        # A tap anywhere in the 44 x 44 px around the number's centre reaches the number.
        for dx, dy in ((-21, 0), (21, 0), (0, -21), (0, 21)):
            assert pg.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('button.sid-btn')"
                               " ?.getAttribute('data-target')", [cx + dx, cy + dy]) == "2.5.3", (dx, dy)
        number.tap()
        menu = pg.locator(".cite-menu").bounding_box()
        for r in pg.evaluate("Array.from(document.getElementById('2.5.3').getClientRects())"
                             ".map(r => ({x: r.x, y: r.y, w: r.width, h: r.height}))"):
            overlap = not (menu["y"] >= r["y"] + r["h"] or menu["y"] + menu["height"] <= r["y"])
            assert not overlap, (menu, r)  # the sentence being cited stays in view
        pg.locator(".sid-hint-close").tap()
        pg.reload()
        assert pg.locator(".sid-hint").count() == 0  # dismissed once, remembered
        assert pg.errors == []
    finally:
        pages.close()


@pytest.mark.build
def test_a_link_copied_from_the_offline_bundle_is_the_published_address(browser, tmp_path):
    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace('site_url: ""', "site_url: https://handbook.example.org/hb/"),
                      "utf-8")
    site = tmp_path / "offline"
    built = run(*generator_build(config, site), cwd=project, env={**ENV, "OFFLINE": "true"})
    assert built.returncode == 0, built.stderr[-2000:]
    context = browser.new_context()
    context.add_init_script(NO_CLIPBOARD)
    pg = context.new_page()
    try:
        pg.goto((site / "source/shunyi-women-social-management/part-2.html").as_uri())
        pg.locator('button.sid-btn[data-target="2.5.3"]').click()
        pg.locator(".cite-menu").get_by_text("复制链接", exact=True).click()
        _copied(pg, "已复制链接")
        pg.locator(".cite-menu").get_by_text("复制出处和链接").click()
        _copied(pg, "已复制出处和链接")
        link = "https://handbook.example.org/hb/source/shunyi-women-social-management/part-2/#2.5.3"
        assert pg.evaluate("window.__copied") == [link, f"《{TITLE}》第二部分第五项第三句 {link}"]
    finally:
        context.close()
