"""One definition of each rule: codes, generated pages, citing kinds, the nav's source section, backlinks."""
from __future__ import annotations

import re

from conftest import ROOT
from scripts.render.backlinks import add_backlinks
from scripts.checks.checker import Reference, Report
from scripts.render.analysis import load_settings
from scripts.core.codes import INFO, table_markdown
from scripts.pages.collect import collect_page
from scripts.corpus.seeds import load_corpus
from scripts.render.generated import GENERATED_PAGES
from scripts.corpus.nav import expand

# Upper-case names that are settings, not diagnostic codes.
NOT_CODES = {"HANDBOOK_SEARCH", "PAGE_CHECKS", "HANDBOOK_CHECKS", "NO_MKDOCS_2_WARNING", "SOURCE_DATE_EPOCH", "PYTHONHASHSEED", "SITE_DIR"}


def test_every_code_the_scripts_report_is_defined_once_with_its_meaning():
    used = set()
    for path in sorted((ROOT / "scripts").rglob("*.py")) + [ROOT / "overrides" / "hooks" / "handbook.py"]:
        text = path.read_text("utf-8")
        used |= set(re.findall(r'"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)"', text))
        used |= set(re.findall(r":1:1: ([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+) ", text))
    assert sorted(used - NOT_CODES - set(INFO)) == []
    for name, info in INFO.items():
        assert info.summary and info.zh and info.en, name


def test_the_contributors_table_is_generated_from_the_codes():
    for lang, page in (("zh", "contributing.md"), ("en", "contributing.en.md")):
        text = (ROOT / "docs" / page).read_text("utf-8")
        assert "[[codes]]" in text and "| `NUMBER_GAP` |" not in text  # not kept by hand
        table = table_markdown(lang)
        assert all(f"| `{name}` |" in table for name in INFO)


def test_severity_settings_are_checked_against_the_codes(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  handbook:\n    severity:\n      NO_CITATON: warning\n      NO_CITATION: loud\n", "utf-8")
    settings, diags = load_settings(config)
    assert [(d.line, d.code, d.message) for d in diags] == [
        (4, "CONFIG", "severity names an unknown code 'NO_CITATON'"),
        (5, "CONFIG", "severity of NO_CITATION must be error, warning or off, not 'loud'")]
    assert diags[0].hint == "did you mean NO_CITATION?"


def test_generated_pages_come_from_one_table():
    settings, _ = load_settings(ROOT / "mkdocs.yml")
    assert settings.generated_pages == list(GENERATED_PAGES)
    assert "generated_pages" not in (ROOT / "mkdocs.yml").read_text("utf-8")


def test_the_nav_source_entry_expands_to_every_policys_pages():
    corpus = load_corpus(ROOT / "seeds")
    nav = expand([{"首页": "index.md"}, {"原文": "source/"}, {"解读": ["guidance/index.md"]}], corpus)
    assert nav[1] == {"原文": ["source/index.md",  # the library, a generated page
                              "source/shunyi-women-social-management/index.md",
                              "source/shunyi-women-social-management/part-1.md",
                              "source/shunyi-women-social-management/part-2.md",
                              "source/shunyi-women-social-management/part-3.md"]}
    assert nav[0] == {"首页": "index.md"} and nav[2] == {"解读": ["guidance/index.md"]}
    settings, _ = load_settings(ROOT / "mkdocs.yml", corpus)
    assert "source/shunyi-women-social-management/part-2.md" in settings.nav_pages


def test_backlinks_list_citing_pages_in_the_order_of_the_citing_kinds():
    corpus = load_corpus(ROOT / "seeds")
    slug = corpus.default.slug
    rec = collect_page(f"source/{slug}/part-2.md", f"---\nkind: source\ndocument: {slug}\n---\n")
    refs = {(slug, "2.5.3"): [Reference("templates/t.md", "template", "模板甲", 3),
                              Reference("guidance/2-5.md", "guidance", "解读 2.5", 9),
                              Reference("checklists/2-5.md", "checklist", "清单 2.5", 4, "2.5-01")]}
    report = Report(corpus, {rec.path: rec}, [], refs)
    html = ('<section class="provision provision-item" id="2.5" data-provision="2.5">\n<h2 id="x">2.5</h2>\n'
            '<p class="provision-text"><span id="2.5.3">…</span></p>\n</section>')
    out = add_backlinks(html, rec, report, "zh", True, ["guidance", "checklist", "template"])
    kinds = re.findall(r'<span class="backlink-kind">(\w+)</span>', out)
    assert kinds == ["解读", "清单", "模板"]
    assert 'href="../../../guidance/2-5/"' in out and "怎么落实 §2.5：" in out
    reordered = add_backlinks(html, rec, report, "en", True, ["template", "guidance"])
    assert re.findall(r'<span class="backlink-kind">(\w+)</span>', reordered) == ["Template", "Guidance"]


def test_a_handbook_may_choose_which_generated_pages_it_builds_from_the_table(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  handbook:\n    generated_pages: [matrix.md, matrix.html]\n", "utf-8")
    settings, diags = load_settings(config)
    assert settings.generated_pages == ["matrix.md"]
    assert [(d.line, d.code) for d in diags] == [(3, "CONFIG")]
    assert "matrix.html" in diags[0].message and "checklists/print-all.md" in diags[0].hint
