"""The search synonym table as data: read and checked at its line and column, refused by the build when wrong.

Malformed entries and unused ones have golden checker fixtures (tests/fixtures/check/synonym_*);
what the search does with the table is in test_search_worker.py and, in Chromium, test_search.py.
"""
from __future__ import annotations

import pytest

import sys

from conftest import ROOT, copy_project, mkdocs_build, run
from scripts.corpus.seeds import load_corpus
from scripts.corpus.synonyms import load_synonyms, search_table
from scripts.dev.search_library import FIXTURE, make_library


def check(tree, *args):
    return run(sys.executable, "-m", "scripts.check", "--root", str(tree), *args, cwd=ROOT)


def test_a_table_that_is_not_yaml_is_reported_where_it_breaks(tmp_path):
    table = tmp_path / "synonyms.yml"
    table.write_text("- query: 家暴\n  terms: [家庭暴力\n- query: 低保\n", "utf-8")
    entries, diags = load_synonyms(table, "synonyms.yml")
    assert entries == []
    assert [(d.line, d.col, d.code) for d in diags] == [(3, 8, "SYNONYM_INPUT")]


def test_the_handbooks_table_and_the_librarys_are_clean():
    entries, diags = load_synonyms(ROOT / "synonyms.yml", "synonyms.yml")
    assert entries and diags == []
    entries, diags = load_synonyms(FIXTURE / "synonyms.yml", "synonyms.yml")
    assert len(entries) >= 18 and diags == []


def test_every_entry_of_the_librarys_table_finds_something_in_the_library(tmp_path):
    library = make_library(tmp_path / "lib")
    result = check(library)
    assert "SYNONYM" not in result.stdout, result.stdout
    # The same table against the handbook alone: the entries for the library's laws find nothing there.
    alone = copy_project(tmp_path / "alone")
    (alone / "synonyms.yml").write_text((FIXTURE / "synonyms.yml").read_text("utf-8"), "utf-8")
    unused = [line for line in check(alone).stdout.splitlines() if " SYNONYM_UNUSED " in line]
    assert any(line.startswith("synonyms.yml:") and "家暴 → 家庭暴力" in line for line in unused)


def test_a_term_a_new_version_renamed_is_searched_as_its_former_name(tmp_path):
    """versions add wrote renames.yml; search reads it without anyone copying it into the table."""
    library = make_library(tmp_path / "lib")
    corpus = load_corpus(library / "seeds")
    found = {e.queries: e for e in search_table(library, None, corpus) if e.kind == "renamed"}
    assert {q: (e.terms, e.note) for q, e in found.items()} == {
        ("低收入困难家庭",): (("最低生活保障边缘家庭",),
                       "《示例市社会救助条例》2021-06-24修正后改称“最低生活保障边缘家庭”，原称“低收入困难家庭”。"),
        ("支出型贫困家庭",): (("刚性支出困难家庭",),
                       "《示例市社会救助条例》2021-06-24修正后改称“刚性支出困难家庭”，原称“支出型贫困家庭”。")}
    # An entry a person wrote for the old name wins: it is applied once, with that person's words.
    table = library / "synonyms.yml"
    table.write_text(table.read_text("utf-8") + "- query: 低收入困难家庭\n  terms: [最低生活保障边缘家庭]\n"
                     "  kind: renamed\n  note: 现称最低生活保障边缘家庭。\n", "utf-8")
    mine = [e for e in search_table(library, None, corpus) if "低收入困难家庭" in e.queries]
    assert [(e.note, e.kind) for e in mine] == [("现称最低生活保障边缘家庭。", "renamed")]


def test_a_table_named_in_mkdocs_yml_must_exist(tmp_path):
    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  handbook:\n", "  handbook:\n    synonyms: search/words.yml\n", 1),
                      "utf-8")
    result = check(project)
    assert result.returncode == 1
    assert "search/words.yml:1:1: SYNONYM_INPUT the synonym table named in mkdocs.yml does not exist" in result.stdout


@pytest.mark.build
def test_the_build_refuses_a_table_with_an_error(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "synonyms.yml").write_text("- query: 两癌\n  terms: [宫颈癌]\n- query: 家暴\n  terms: [家庭暴利]\n", "utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "synonyms.yml:4:10: SYNONYM_UNUSED 家暴 → 家庭暴利" in build.stderr
