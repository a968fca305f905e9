"""The cross-reference checker: one fixture tree per error code, each with its exact expected output."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build, run

FIXTURES = Path(__file__).parent / "fixtures" / "check"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "base")
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def make_tree(case: str, dest: Path) -> Path:
    """The base fixture, the case's overlay on top, the real seed and its generated source pages."""
    shutil.copytree(FIXTURES / "base", dest)
    overlay = FIXTURES / case / "overlay"
    if overlay.exists():
        shutil.copytree(overlay, dest, dirs_exist_ok=True)
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    result = run(sys.executable, "-m", "scripts.render_source", "--docs", str(dest / "docs"),
                 "--seeds", str(dest / "seeds"))
    assert result.returncode == 0, result.stderr
    if case == "generated_edited":
        page = dest / "docs/source/shunyi-women-social-management/part-2.md"
        page.write_text(page.read_text("utf-8").replace("建好、管好、用好", "建好、用好"), "utf-8")
    return dest


def check(tree: Path, *args: str):
    return run(sys.executable, "-m", "scripts.check", "--root", str(tree), *args, cwd=ROOT)


def test_base_fixture_is_clean(tmp_path):
    result = check(make_tree("base", tmp_path / "t"))
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


@pytest.mark.parametrize("case", CASES)
def test_case_matches_golden_output(case, tmp_path):
    result = check(make_tree(case, tmp_path / "t"))
    golden = FIXTURES / case / "expected.txt"
    if UPDATE:
        golden.write_text(result.stdout, "utf-8")
    assert result.stdout == golden.read_text("utf-8")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    code = case.upper().removesuffix("_FRAMES")  # each fixture is named after the code it plants
    assert code in result.stdout or case in ("coverage",)


def test_json_and_github_formats(tmp_path):
    tree = make_tree("unknown_provision", tmp_path / "t")
    rows = [json.loads(line) for line in check(tree, "--format", "json").stdout.splitlines()]
    assert rows[0] == {"code": "UNKNOWN_PROVISION", "col": 5, "hint": "", "line": 8,
                       "message": "§9.9: shunyi-women-social-management has no provision 9.9",
                       "path": "docs/guidance/2-5.md", "severity": "error"}
    github = check(tree, "--format", "github").stdout.splitlines()
    assert github[0].startswith("::error file=docs/guidance/2-5.md,line=8,col=5::UNKNOWN_PROVISION §9.9")


def test_real_docs_pass_clean():
    result = run(sys.executable, "-m", "scripts.check", cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_severity_is_configuration(tmp_path):
    tree = make_tree("no_citation", tmp_path / "t")
    config = tree / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("COVERAGE_SENTENCE: off", "COVERAGE_SENTENCE: off\n      NO_CITATION: warning"), "utf-8")
    result = check(tree)
    assert result.returncode == 0
    assert "NO_CITATION" in result.stdout


@pytest.mark.parametrize("garbage", [b"\xff\xfe\x00bad", b"---\n: : :\n---\n", b"---\nkind: [\n", b"\x00" * 10])
def test_no_traceback_on_garbage(tmp_path, garbage):
    tree = make_tree("base", tmp_path / "t")
    (tree / "docs/guidance/2-5.md").write_bytes(garbage)
    result = check(tree)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout.startswith("docs/guidance/2-5.md:")


def test_build_fails_with_the_checkers_message(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs/guidance/2-5.md"
    page.write_text(page.read_text("utf-8") + "\n另见（§9.9）。\n", "utf-8")
    expected = check(project).stdout.strip()
    assert "UNKNOWN_PROVISION" in expected
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    for line in expected.splitlines():
        assert line in build.stderr
