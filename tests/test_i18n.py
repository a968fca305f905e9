"""The English edition: counterparts, the switcher, previews with the Chinese original, stale translations."""
from __future__ import annotations

import pytest

import re
import sys

from conftest import copy_project, generator_build, run


def test_every_page_has_a_current_translation():
    result = run(sys.executable, "-m", "scripts.translate", "status")
    assert result.returncode == 0
    states = {line.split()[0] for line in result.stdout.splitlines()}
    assert states <= {"current", "generated"}, result.stdout


def test_changing_a_chinese_page_makes_its_translation_stale(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs/guidance/2-5.md"
    page.write_text(page.read_text("utf-8") + "\n补充一句。\n", "utf-8")
    result = run(sys.executable, "-m", "scripts.check", "--root", str(project))
    assert result.returncode == 0  # a warning: the Chinese edit is not held back (tests/test_stale.py)
    assert re.search(r"^docs/guidance/2-5\.en\.md:1:1: TRANSLATION_STALE \[warning\] translates an older "
                     r"docs/guidance/2-5\.md ", result.stdout, re.M)
    stamp = run(sys.executable, "-m", "scripts.translate", "stamp", "docs/guidance/2-5.en.md", cwd=project)
    assert stamp.returncode == 0
    after = run(sys.executable, "-m", "scripts.check", "--root", str(project))
    assert after.returncode == 0 and "TRANSLATION_STALE" not in after.stdout


@pytest.mark.build
def test_missing_translation_is_reported_and_falls_back_with_a_banner(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "docs/guidance/2-5.en.md").unlink()
    result = run(sys.executable, "-m", "scripts.check", "--root", str(project))
    assert "docs/guidance/2-5.md:1:1: TRANSLATION_MISSING" in result.stdout
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("COVERAGE_SENTENCE: off", "COVERAGE_SENTENCE: off\n      TRANSLATION_MISSING: warning").replace("strict: true", "strict: false"), "utf-8")
    # strict is off in this copy: a missing translation is a warning here, to see the fallback page
    build = run(*generator_build(config, tmp_path / "site", strict=False), cwd=project)
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "site/en/guidance/2-5/index.html").read_text("utf-8")
    assert "Not translated yet" in page and "创新工作活动载体" in page


def test_english_pages_say_they_are_unofficial(built_site):
    page = (built_site / "en/guidance/2-5/index.html").read_text("utf-8")
    assert "Unofficial English translation" in page
    assert "Unofficial English translation" not in (built_site / "guidance/2-5/index.html").read_text("utf-8")


def test_ids_and_anchors_identical_in_both_languages(built_site):
    for rel in ("source/shunyi-women-social-management/part-2/index.html", "guidance/2-5/index.html",
                "checklists/2-5/index.html", "glossary/index.html"):
        zh = set(re.findall(r'\sid="([^"]+)"', (built_site / rel).read_text("utf-8")))
        en = set(re.findall(r'\sid="([^"]+)"', (built_site / "en" / rel).read_text("utf-8")))
        content = {i for i in zh if not i.startswith("__")}
        assert content <= en, (rel, sorted(content - en)[:5])


def test_english_citation_preview_shows_translation_and_original(page, site_url):
    page.goto(site_url + "en/guidance/2-5/")
    page.locator('a.cite[data-provision="2.5.3"]').first.hover()
    box = page.locator(".cite-preview")
    box.wait_for(state="visible")
    text = box.inner_text()
    assert "Women's Home" in text and "中文原文" in text and "妇女之家" in text


def _switch(page) -> None:
    """Open the language menu and choose English, as a reader does."""
    page.locator(".md-select").first.hover()
    with page.expect_navigation():
        page.locator('.md-select a[hreflang="en"]').click()


def test_switcher_leads_to_the_counterpart_page(page, site_url):
    for rel in ("guidance/2-5/", "checklists/2-5/"):
        page.goto(site_url + rel)
        _switch(page)
        assert page.url.split("#")[0] == site_url + "en/" + rel
        assert page.locator("html").get_attribute("lang") == "en"


def test_switcher_keeps_the_provision_on_source_pages(page, site_url):
    page.goto(site_url + "source/shunyi-women-social-management/part-2/#2.5.3")
    _switch(page)
    assert page.url == site_url + "en/source/shunyi-women-social-management/part-2/#2.5.3"
    target = page.locator(":target")
    assert target.get_attribute("data-provision") == "2.5.3"
    assert "Women's Home" in target.inner_text()
