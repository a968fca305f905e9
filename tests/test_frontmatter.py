"""Hostile front matter: the checker stays fast, small and terse whatever a page's YAML holds.

Each fixture is the checker's base tree with one page replaced; the checker runs in a subprocess
under a 500 MB address-space limit, as a careless or hostile pull request would make CI run it.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ENV, ROOT, run
from scripts.core.frontmatter import MAX_BYTES, read

FIXTURES = Path(__file__).parent / "fixtures" / "frontmatter"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
MEMORY_LIMIT = 500 * 1024 * 1024


def make_tree(case: str, dest: Path) -> Path:
    shutil.copytree(Path(__file__).parent / "fixtures" / "check" / "base", dest)
    shutil.copytree(FIXTURES / case / "overlay", dest, dirs_exist_ok=True)
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    result = run(sys.executable, "-m", "scripts.generate", "--docs", str(dest / "docs"),
                 "--seeds", str(dest / "seeds"))
    assert result.returncode == 0, result.stderr
    return dest


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("case", CASES)
def test_hostile_front_matter_is_reported_quickly_and_briefly(case, tmp_path):
    tree = make_tree(case, tmp_path / "t")
    started = time.monotonic()
    try:
        result = subprocess.run([sys.executable, "-m", "scripts.check", "--root", str(tree), "--no-cache"],
                                cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120,
                                preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case}: the checker ran for more than 120 s")
    elapsed = time.monotonic() - started
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 1, result.stderr[-2000:]
    assert elapsed < 30, f"{case}: {elapsed:.1f} s"
    assert len(result.stdout) < 4000
    assert all(len(line) <= 600 for line in result.stdout.splitlines())
    golden = FIXTURES / case / "expected.txt"
    if UPDATE:
        golden.write_text(result.stdout, "utf-8")
    assert result.stdout == golden.read_text("utf-8")


def test_anchor_without_alias_is_refused_at_its_position():
    data, problems = read("kind: guidance\ntitle: &t x\n")
    assert data is None
    assert [(p.line, p.col) for p in problems] == [(2, 8)]
    assert "anchor" in problems[0].message


def test_oversized_front_matter_is_refused_before_parsing():
    text = "kind: guidance\ndescription: " + "x" * MAX_BYTES + "\n"
    started = time.monotonic()
    data, problems = read(text)
    assert data is None and time.monotonic() - started < 1
    assert problems[0].message.startswith("front matter is ") and len(problems[0].message) < 200


def test_ordinary_front_matter_reads_as_before():
    data, problems = read('kind: guidance\nprovisions: ["2.5", 3]\ntitle: "2.5 创新工作活动载体 * & x"\n')
    assert problems == []
    assert data == {"kind": "guidance", "provisions": ["2.5", 3], "title": "2.5 创新工作活动载体 * & x"}


def test_every_diagnostic_message_is_bounded():
    from scripts.core.diagnostics import Diagnostic

    d = Diagnostic("p.md", 1, 1, "X", "m" * 100_000, "h" * 100_000)
    assert len(d.human()) < 1000 and d.message.endswith("…") and d.hint.endswith("…")
