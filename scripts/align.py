"""Align two versions of a policy: which provisions and sentences were added, removed, changed or moved.

Usage: python -m scripts.align OLD.txt NEW.txt [--overrides FILE] [--format text|json] [--articles]

How sentences and provisions are matched: scripts/corpus/align.py. `--articles` prints the rows of the
comparison table instead (scripts/corpus/compare.py): article by article (公文: part and item) in the new
text's order, with what happened to each (changed, added, removed, split, merged, moved …).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from scripts.core.diagnostics import DiagnosticError, render
from scripts.corpus.align import align, load_overrides
from scripts.corpus.compare import compare
from scripts.corpus.split import split_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.align", description=__doc__.split("\n\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--overrides", help="YAML mapping old IDs to new IDs (null: removed)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--articles", action="store_true", help="the comparison table's rows, article by article")
    args = parser.parse_args(argv)
    try:
        old, new = split_file(args.old), split_file(args.new)
        overrides = load_overrides(Path(args.overrides) if args.overrides else None)
        result = align(old, new, overrides)
    except DiagnosticError as exc:
        sys.stderr.write(render(exc.diags))
        return 1
    if args.articles:
        for row in compare(old, new, result, overrides).rows:
            if args.format == "json":
                print(json.dumps(asdict(row), ensure_ascii=False))
            elif row.kind != "unchanged":
                print(f"{row.kind:9} {', '.join(row.old) or '-':>10} → {', '.join(row.new) or '-'}")
        return 0
    for c in result.changes:
        if args.format == "json":
            print(json.dumps(asdict(c), ensure_ascii=False))
        elif c.kind != "unchanged":
            print(f"{c.kind:9} {c.unit:9} {c.old or '-':>10} → {c.new or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
