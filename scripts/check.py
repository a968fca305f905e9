"""Check every cross-reference of the handbook: citations, links, anchors, front matter, coverage, nav.

Usage: python -m scripts.check [--format text|json|github] [--root DIR] [--no-cache]

Prints `path:line:col: CODE message (hint: …)` per problem; exits 1 if any problem is an error,
0 when clean. Severity per code comes from mkdocs.yml (`extra.handbook.severity`), never from
code. The build runs the same checks through its hook, so the build and this command print the
same messages. What each check does: scripts/checks/checker.py; every code: scripts/core/codes.py.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

from scripts.core.diagnostics import FORMATS, DiagnosticError, render
from scripts.render.analysis import CACHE, run_checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("--root", default=".", help="the handbook repository (default: .)")
    parser.add_argument("--no-cache", action="store_true",
                        help=f"read every page afresh (default: reuse records of unchanged pages from {CACHE})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    # The records are ~10 objects per citation and link and hold no cycles worth collecting in a
    # run of seconds; the cyclic collector walking them again and again cost a third of the time.
    gc.disable()
    try:
        report = run_checks(Path(args.root), cache=not args.no_cache)
    except DiagnosticError as exc:
        sys.stdout.write(render(exc.diags, args.format))
        return 1
    sys.stdout.write(render(report.diags, args.format))
    errors = len(report.errors)
    warnings = len(report.diags) - errors
    sys.stderr.write(f"checked {len(report.pages)} pages in {time.perf_counter() - started:.2f}s: "
                     f"{errors} errors, {warnings} warnings\n")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
