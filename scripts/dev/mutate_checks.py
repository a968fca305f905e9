"""Remove each rule of the checker in turn and see which golden fixtures notice: a fixture no rule fails is not a test.

Usage: python -m scripts.dev.mutate_checks [--case NAME]

A rule is one check function (scripts/checks/checker.py PAGE_CHECKS and HANDBOOK_CHECKS), one extractor of
the page reader (scripts/pages/collect.py EXTRACTORS) or the comparison of the generated source pages
(scripts/render/analysis.py). For every fixture under tests/fixtures/check/ the checker runs once as it is
(its output must equal the fixture's expected.txt) and once without each rule; the table says which removals
make the fixture's output differ. Every fixture must be failed by at least one removal, and every rule should be
caught by at least one fixture; both lists are printed, and the exit status is 1 when a fixture catches nothing.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from scripts.checks import checker
from scripts.core.diagnostics import render
from scripts.core.paths import ROOT
from scripts.corpus.seeds import load_corpus
from scripts.pages import collect
from scripts.render import analysis
from scripts.render.source import render_corpus, write_pages

FIXTURES = ROOT / "tests" / "fixtures" / "check"


def make_tree(case: str, dest: Path) -> Path:
    """What tests/test_check.py builds: the base fixture, the real seeds, the case's overlay and the pages."""
    shutil.copytree(FIXTURES / "base", dest)
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    overlay = FIXTURES / case / "overlay"
    if overlay.exists():
        shutil.copytree(overlay, dest, dirs_exist_ok=True)
    write_pages(dest / "docs", render_corpus(load_corpus(dest / "seeds")))
    edits = FIXTURES / case / "edits.yml"
    if edits.exists():
        for rel, pairs in yaml.safe_load(edits.read_text("utf-8")).items():
            page = dest / rel
            text = page.read_text("utf-8")
            for old, new in pairs:
                text = text.replace(old, new)
            page.write_text(text, "utf-8")
    return dest


def output(tree: Path) -> str:
    report = analysis.run_checks(tree, cache=False)
    return render(report.diags)


def rules() -> list[tuple[str, contextlib.AbstractContextManager]]:
    """(name, a context in which that rule is gone) for every rule."""
    out = []

    @contextlib.contextmanager
    def without(module, attr: str, item):
        saved = getattr(module, attr)
        setattr(module, attr, [x for x in saved if x is not item])
        try:
            yield
        finally:
            setattr(module, attr, saved)

    @contextlib.contextmanager
    def no_generated_check():
        saved = analysis.check_pages
        analysis.check_pages = lambda docs_dir, pages: []
        try:
            yield
        finally:
            analysis.check_pages = saved

    for fn in checker.PAGE_CHECKS:
        out.append((fn.__name__, lambda fn=fn: without(checker, "PAGE_CHECKS", fn)))
    for fn in checker.HANDBOOK_CHECKS:
        out.append((fn.__name__, lambda fn=fn: without(checker, "HANDBOOK_CHECKS", fn)))
    for fn in collect.EXTRACTORS:
        out.append((f"collect.{fn.__name__}", lambda fn=fn: without(collect, "EXTRACTORS", fn)))
    out.append(("generated source pages", no_generated_check))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.dev.mutate_checks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", help="only these fixtures")
    args = parser.parse_args(argv)
    cases = args.case or sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "base")
    caught: dict[str, list[str]] = {}
    blind: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            tree = make_tree(case, Path(tmp) / case)
            expected = (FIXTURES / case / "expected.txt").read_text("utf-8")
            with contextlib.redirect_stderr(io.StringIO()):
                base = output(tree)
            if base != expected:
                print(f"{case}: the checker as it is does not give expected.txt; run the golden test first")
                return 1
            failing = []
            for name, make in rules():
                with make(), contextlib.redirect_stderr(io.StringIO()):
                    if output(tree) != expected:
                        failing.append(name)
            for name in failing:
                caught.setdefault(name, []).append(case)
            print(f"{case:28} fails without: {', '.join(failing) or 'NOTHING'}")
            if not failing:
                blind.append(case)
    names = [name for name, _ in rules()]
    print(f"\n{len(cases) - len(blind)}/{len(cases)} fixtures fail when a rule they test is removed")
    uncaught = [n for n in names if n not in caught]
    print(f"{len(names) - len(uncaught)}/{len(names)} rules are caught by a fixture"
          + (f"; not caught: {', '.join(uncaught)}" if uncaught else ""))
    return 1 if blind else 0


if __name__ == "__main__":
    sys.exit(main())
