"""In Chromium: a sentence anchor lands on the exact text; citation previews on hover and tap."""
from __future__ import annotations

from conftest import SEED
from scripts.corpus.split import split_file


def test_sentence_anchor_shows_exact_text(page, html_url):
    page.goto(html_url + "source/shunyi-women-social-management/part-2/#2.5.3")
    target = page.locator(":target")
    assert target.get_attribute("data-provision") == "2.5.3"
    assert target.inner_text() == split_file(SEED).sentences["2.5.3"].text
    assert target.is_visible()
    assert page.errors == []


def test_citation_preview_on_hover(page, html_url):
    page.goto(html_url + "guidance/2-5/")
    link = page.locator('a.cite[data-provision="2.5.3"]').first
    link.hover()
    box = page.locator(".cite-preview")
    box.wait_for(state="visible")
    assert split_file(SEED).sentences["2.5.3"].text in box.inner_text()
    assert page.errors == []


def test_citation_preview_on_tap(phone, html_url):
    pg = phone
    pg.goto(html_url + "guidance/2-5/")
    link = pg.locator('a.cite[data-provision="2.5.3"]').first
    link.scroll_into_view_if_needed()
    link.tap()
    pg.locator(".cite-preview").wait_for(state="visible")
    assert pg.url.endswith("/guidance/2-5/")  # the first tap previews, it does not navigate
