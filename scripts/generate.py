"""Write the generated source pages: every policy text, verbatim, as pages with an ID on every sentence.

Usage: python -m scripts.generate [--check] [--docs DIR] [--seeds DIR]     (make generate)

`--check` writes nothing and fails when a committed page differs from what the splitter makes now
(the build and the checker fail the same way): generated files are never edited by hand.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.checks.generated import check_pages
from scripts.core.diagnostics import DiagnosticError, render
from scripts.corpus.seeds import load_corpus
from scripts.render.source import render_corpus, write_pages

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report pages that differ; write nothing")
    parser.add_argument("--docs", default="docs")
    parser.add_argument("--seeds", default="seeds")
    args = parser.parse_args(argv)
    try:
        pages = render_corpus(load_corpus(args.seeds))
    except DiagnosticError as exc:
        sys.stderr.write(render(exc.diags))
        return 1
    docs = Path(args.docs)
    if args.check:
        diags = check_pages(docs, pages)
        sys.stderr.write(render(diags))
        return 1 if diags else 0
    for rel in write_pages(docs, pages):
        print(f"wrote {args.docs}/{rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
