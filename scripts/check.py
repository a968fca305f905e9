"""Check every cross-reference of the handbook: citations, links, anchors, front matter, coverage, nav.

Usage: python -m scripts.check [--format text|json|github] [--verbose] [--changed-since REV]
                               [--baseline FILE | --no-baseline | --write-baseline] [--root DIR] [--no-cache]

Prints every error as `path:line:col: CODE message (hint: …)` and the warnings summarised, one
line per text (or page) and code with the first location and how many more (`--verbose`: every
warning). Warnings accepted in check-baseline.yml are left out (`--write-baseline` accepts the
current ones); `--changed-since origin/main` shows only the warnings about files changed since
then. `--format json` prints every diagnostic, one object a line, whatever the filters; `github`
prints annotations after the same filters as the text. Exits 1 if any problem is an error, 0 when
there is none. Severity per code comes from mkdocs.yml (`extra.handbook.severity`), never from
code. The build runs the same checks through its hook and prints the same summary. What each
check does: scripts/checks/checker.py; every code: scripts/core/codes.py; the summary, the
baseline and the changed files: scripts/core/findings.py.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

from scripts.core.diagnostics import FORMATS, DiagnosticError, errors_in, render
from scripts.core.findings import baseline_text, changed_files, github_lines, read_baseline, select, text_lines
from scripts.core.paths import BASELINE
from scripts.render.analysis import CACHE, check_findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("--root", default=".", help="the handbook repository (default: .)")
    parser.add_argument("--no-cache", action="store_true",
                        help=f"read every page afresh and check it all (default: reuse the records of unchanged pages "
                        f"from {CACHE}, and the last answer when nothing changed)")
    parser.add_argument("--verbose", "-v", action="store_true", help="every warning on its own line, not summarised")
    parser.add_argument("--changed-since", metavar="REV",
                        help="only warnings about files changed since REV (git diff --name-only), e.g. origin/main")
    accepted = parser.add_mutually_exclusive_group()
    accepted.add_argument("--baseline", metavar="FILE", help=f"accepted warnings (default: ROOT/{BASELINE} if present)")
    accepted.add_argument("--no-baseline", action="store_true", help="show accepted warnings too")
    accepted.add_argument("--write-baseline", action="store_true",
                          help="accept every current warning: write them to the baseline file (refused on errors)")
    args = parser.parse_args(argv)
    root = Path(args.root)
    baseline_path = Path(args.baseline) if args.baseline else root / BASELINE
    started = time.perf_counter()
    # The records are ~10 objects per citation and link and hold no cycles worth collecting in a
    # run of seconds; the cyclic collector walking them again and again cost a third of the time.
    gc.disable()
    try:
        # A second process checks the generated pages and reads half of the pages when many are new (run_checks):
        # this command runs no threads that a fork could break.
        report = check_findings(root, cache=not args.no_cache, jobs=min(2, os.cpu_count() or 1))
        if args.write_baseline:
            return _write_baseline(report.diags, baseline_path)
        baseline = None if args.no_baseline else read_baseline(baseline_path)
        changed = changed_files(root, args.changed_since) if args.changed_since else None
    except DiagnosticError as exc:
        sys.stdout.write(render(exc.diags, "github" if args.format == "github" else "text"))
        return 1
    if args.format == "json":
        sys.stdout.write(render(report.diags, "json"))
    else:
        view = select(report.diags, baseline, changed)
        lines = (github_lines if args.format == "github" else text_lines)(view, args.verbose)
        sys.stdout.write("".join(line + "\n" for line in lines))
    errors = len(report.errors)
    warnings = len(report.diags) - errors
    sys.stderr.write(f"checked {report.pages} pages in {time.perf_counter() - started:.2f}s: "
                     f"{errors} errors, {warnings} warnings\n")
    return 1 if errors else 0


def _write_baseline(diags, path: Path) -> int:
    errors = errors_in(diags)
    if errors:  # a baseline accepts warnings of a handbook that builds; it never hides an error
        sys.stdout.write(render(errors))
        sys.stderr.write(f"{len(errors)} errors: fix them first; {path} was not written\n")
        return 1
    path.write_text(baseline_text(diags), encoding="utf-8")
    sys.stderr.write(f"wrote {path}: {len(diags) - len(errors)} warnings accepted\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
