"""Build the handbook: the site, its downloads, the books and the offline bundle, step by step.

Usage: python -m scripts.build [--site site] [--dist dist] [--work build/offline] [--steps a,b] [--root .]
       [--timings FILE]                                                              (make build)

The steps, in order, are one table (scripts/publish/pipeline.py): `--steps html` builds the HTML
only, `--steps html_safety,book` re-runs two steps on a site built before. Each step prints what it
wrote and how long it took; a failed step prints `path:line:col: CODE message` lines and stops the
build with exit status 1. `--timings` writes each step's seconds as JSON (bench reads it).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scripts.core.diagnostics import render
from scripts.publish import stamp
from scripts.publish.pipeline import STEPS, Build, StepFailed, run


def main(argv: list[str] | None = None) -> int:
    steps = "\n".join(f"  {s.name:12} {s.makes}" for s in STEPS)
    parser = argparse.ArgumentParser(prog="python -m scripts.build", description=__doc__.split("\n\n")[0],
                                     epilog="steps:\n" + steps, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=".", help="the handbook (docs/, seeds/, mkdocs.yml)")
    parser.add_argument("--site", default=stamp.SITE)
    parser.add_argument("--dist", default=stamp.DIST)
    parser.add_argument("--work", default=stamp.WORK)
    parser.add_argument("--steps", help="comma-separated step names (default: all)")
    parser.add_argument("--timings", metavar="FILE", help="write each step's seconds as JSON")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    b = Build(root, Path(args.site).resolve(), Path(args.dist).resolve(), Path(args.work).resolve())
    names = [n.strip() for n in args.steps.split(",") if n.strip()] if args.steps else None
    try:
        result = run(b, names, log=lambda line: print(line, flush=True))
    except StepFailed as exc:
        sys.stderr.write(render(exc.diags))
        if exc.message:
            sys.stderr.write(f"{exc.message}\n")
        sys.stderr.write(f"build stopped at step {exc.step}\n")
        return 1
    if args.timings:
        Path(args.timings).write_text(json.dumps({t.step: round(t.seconds, 3) for t in result.timings}, indent=1) + "\n",
                                      encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
