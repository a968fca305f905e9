"""Adding and removing a policy: one command each, refused input changes nothing, and an added
article-style policy is split, rendered, cited, searched and in the matrix like the first one."""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, mkdocs_build, run, search_box, serve

ARTICLE = ROOT / "tests" / "fixtures" / "split" / "article" / "input.txt"
SLUG = "zhendi-banfa"


def tree_state(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
            and ".cache" not in p.parts}


def policy(root: Path, *args: str):
    return run(sys.executable, "-m", "scripts.policy", "--root", str(root), *args, cwd=root)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "p")


@pytest.mark.parametrize("make_input, slug, code, where", [
    (lambda d: d / "missing.txt", "new-policy", "POLICY_INPUT", "missing.txt:1:1"),
    (lambda d: (d / "gbk.txt").write_bytes("标题\n一、正文".encode("gb18030")) and d / "gbk.txt", "new-policy",
     "SEED_ENCODING", "gbk.txt:1:1"),
    (lambda d: (d / "gap.txt").write_text("标题\n一、甲\n三、丙\n", "utf-8") and d / "gap.txt", "new-policy",
     "NUMBER_GAP", "gap.txt:3:1"),
    (lambda d: ARTICLE, "Bad_Slug", "POLICY_INPUT", "Bad_Slug:1:1"),
    (lambda d: ARTICLE, "shunyi-women-social-management", "POLICY_INPUT", "shunyi-women-social-management.txt:1:1"),
])
def test_bad_input_is_refused_with_a_location_and_changes_nothing(project, tmp_path, make_input, slug, code, where):
    before = tree_state(project)
    seed = make_input(tmp_path)
    result = policy(project, "add", str(seed), slug)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert f"{where}: {code} " in first, first
    assert "(hint:" in first or code in ("SEED_ENCODING", "NUMBER_GAP")
    assert tree_state(project) == before


def test_remove_refuses_unknown_default_and_cited_policies(project):
    assert "no policy named 'nope'" in policy(project, "remove", "nope").stderr
    default = policy(project, "remove", "shunyi-women-social-management")
    assert default.returncode == 1 and "default policy" in default.stderr
    assert policy(project, "add", str(ARTICLE), SLUG).returncode == 0
    page = project / "docs" / "guidance" / "2-5.md"
    page.write_text(page.read_text("utf-8") + "\n另见阵地的条件（§zhendi-banfa:第四条）。\n", "utf-8")
    before = tree_state(project)
    cited = policy(project, "remove", SLUG)
    assert cited.returncode == 1
    line = len(page.read_text("utf-8").splitlines())
    assert cited.stderr.startswith(f"docs/guidance/2-5.md:{line}:9: POLICY_INPUT §zhendi-banfa:第四条 cites {SLUG}")
    assert tree_state(project) == before


@pytest.mark.build
def test_an_added_article_style_policy_builds_is_cited_searched_and_in_the_matrix_then_goes(project, tmp_path, page):
    before = tree_state(project)
    added = policy(project, "add", str(ARTICLE), SLUG)
    assert added.returncode == 0, added.stderr
    meta = (project / "seeds" / f"{SLUG}.yml").read_text("utf-8")
    assert "coverage: warning" in meta and "date: unknown" in meta
    assert (project / "seeds" / f"{SLUG}.txt").read_bytes() == ARTICLE.read_bytes()

    # A guidance page cites its 第四条 the way a reader writes it (and the English page is re-stamped).
    guidance = project / "docs" / "guidance" / "2-5.md"
    original = guidance.read_text("utf-8")
    guidance.write_text(original + "\n阵地要具备的条件，另见《管理办法》（§zhendi-banfa:第四条）。\n", "utf-8")
    en = project / "docs" / "guidance" / "2-5.en.md"
    en_original = en.read_text("utf-8")
    assert run(sys.executable, "-m", "scripts.translate", "stamp", "docs/guidance/2-5.en.md", cwd=project).returncode == 0

    check = run(sys.executable, "-m", "scripts.check", "--root", str(project), "--verbose", cwd=ROOT)
    assert check.returncode == 0, check.stdout
    assert f"COVERAGE_GUIDANCE [warning] no guidance page cites §{SLUG}:4.1-1" in check.stdout
    site = tmp_path / "site"
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.stderr[-3000:]

    html = (site / "guidance" / "2-5" / "index.html").read_text("utf-8")
    assert f'href="../../source/{SLUG}/chapter-2/#4"' in html
    assert "《某市妇女儿童活动阵地管理办法》§第四条" in html  # the page cites two policies: it says which
    chapter = (site / "source" / SLUG / "chapter-2" / "index.html").read_text("utf-8")
    assert 'id="4.1-2"' in chapter and "（二）有管理制度，包括：" in chapter
    assert "阵地应当具备下列条件" in (site / "en" / "source" / SLUG / "chapter-2" / "index.html").read_text("utf-8")
    assert "Not translated yet" in (site / "en" / "source" / SLUG / "chapter-2" / "index.html").read_text("utf-8")
    matrix = (site / "matrix" / "index.html").read_text("utf-8")
    assert f"§{SLUG}:4.1-2" in matrix and "某市妇女儿童活动阵地管理办法" in matrix
    records = {(r["document"], r["id"]): r for r in json.loads((site / "provisions.json").read_text("utf-8"))["provisions"]}
    assert "guidance/2-5/" in records[(SLUG, "4")]["cited_by"]
    assert f"source/{SLUG}/" in (site / "index.html").read_text("utf-8")  # home page and nav

    # The real search box finds the new text.
    gen = serve(site)
    url = next(gen)
    try:
        hits = [r["href"] for r in search_box(page, url, "就近就便")]
        assert any(f"source/{SLUG}/chapter-2/" in h for h in hits[:3]), hits
    finally:
        gen.close()

    # Taken out again: first the citation, then the policy; the tree is as it was.
    guidance.write_text(original, "utf-8")
    en.write_text(en_original, "utf-8")
    removed = policy(project, "remove", SLUG)
    assert removed.returncode == 0, removed.stderr
    assert tree_state(project) == before
    again = tmp_path / "site2"
    assert mkdocs_build(project, again).returncode == 0
    assert SLUG not in (again / "matrix" / "index.html").read_text("utf-8")
    assert not (again / "source" / SLUG).exists()


def test_removing_a_revised_policy_takes_its_earlier_versions_too(project):
    """make remove-policy after make add-version left seeds/versions/<slug>/ behind (the earlier text and what was
    renamed): a text added again under the name came back with the old one's history. The tree is as it was."""
    before = tree_state(project)
    texts = ROOT / "tests" / "fixtures" / "library"
    assert policy(project, "add", str(texts / "reg-v1.txt"), "jiuzhu", "--date", "2026-03-02").returncode == 0
    revised = run(sys.executable, "-m", "scripts.versions", "--root", str(project), "add", "jiuzhu",
                  str(texts / "reg-v2.txt"), "2021-06-24", cwd=project)
    assert revised.returncode == 0, revised.stderr
    assert (project / "seeds" / "versions" / "jiuzhu" / "v1.txt").exists()
    removed = policy(project, "remove", "jiuzhu")
    assert removed.returncode == 0, removed.stderr
    assert tree_state(project) == before and not (project / "seeds" / "versions").exists()


def test_an_added_law_records_its_caption_dates_and_an_excerpt_as_a_note(project):
    fixtures = ROOT / "tests" / "fixtures" / "split"
    excerpt = policy(project, "add", str(fixtures / "code-excerpt-marriage" / "input.txt"), "marriage")
    assert excerpt.returncode == 0, excerpt.stderr
    note = f"{fixtures}/code-excerpt-marriage/input.txt:3:1: note: the text starts at 第五编、第一千零四十条"
    assert note in excerpt.stdout and excerpt.stderr == ""
    text = (project / "seeds" / "marriage.yml").read_text("utf-8")
    meta = yaml.safe_load(text)
    assert (meta["title"], meta["excerpt"], meta["excerpt_of"], meta["adopted"]) == (
        "示范民法典（婚姻家庭编节选）", True, "示范民法典", "2020-05-28")
    assert "# A new policy builds while it has no guidance yet" in text and meta["date"] == "unknown"
    whole = policy(project, "add", str(fixtures / "law-full" / "input.txt"), "women-law")
    assert whole.returncode == 0 and "note:" not in whole.stdout
    meta = yaml.safe_load((project / "seeds" / "women-law.yml").read_text("utf-8"))
    assert (meta["adopted"], meta["amended"], meta["revised"]) == ("2001-03-08", ["2010-12-25"], ["2022-10-28"])
    assert "excerpt" not in meta and "effective" not in meta
    assert (project / "docs" / "source" / "marriage" / "book-5-chapter-1.md").exists()


def test_make_targets_call_the_verb():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert 'scripts.policy add "$(SEED)" "$(SLUG)"' in makefile
    assert 'scripts.policy remove "$(SLUG)"' in makefile


@pytest.mark.build
def test_every_fixture_shape_splits_renders_checks_and_builds_as_a_policy(project, tmp_path):
    """A 3-level 实施方案, an article-style 办法, a run-in 一是… 通知 and the other split fixtures, side by side."""
    folders = sorted(p.parent.name for p in (ROOT / "tests" / "fixtures" / "split").glob("*/expected.jsonl")
                     if p.parent.name != "seed")
    assert {"outline-deep", "article", "run-in-notice"} <= set(folders)
    shapes = {folder: f"fixture-{folder}" for folder in folders}
    for folder, slug in shapes.items():
        added = policy(project, "add", str(ROOT / "tests" / "fixtures" / "split" / folder / "input.txt"), slug)
        assert added.returncode == 0, added.stderr
    check = run(sys.executable, "-m", "scripts.check", "--root", str(project), cwd=ROOT)
    assert check.returncode == 0, check.stdout
    assert " errors" in check.stderr and "0 errors" in check.stderr
    site = tmp_path / "site"
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.stderr[-3000:]
    from scripts.corpus.split import split_file

    for folder, slug in shapes.items():
        doc = split_file(ROOT / "tests" / "fixtures" / "split" / folder / "input.txt")
        pages = {p.key: (site / "source" / slug / p.key / "index.html").read_text("utf-8") for p in doc.pages()}
        for sid, sentence in doc.sentences.items():  # every sentence has its anchor on its page
            assert f'id="{sid}"' in pages[doc.page_of(sid)], (slug, sid)
