"""Align two versions of a policy: which provisions and sentences were added, removed, changed or moved.

Usage: python -m scripts.align OLD.txt NEW.txt [--overrides FILE] [--format text|json]

How sentences and provisions are matched: scripts/corpus/align.py.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from scripts.core.diagnostics import DiagnosticError, render
from scripts.corpus.align import align, load_overrides
from scripts.corpus.split import split_file

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.align", description=__doc__.split("\n\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--overrides", help="YAML mapping old IDs to new IDs (null: removed)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    try:
        old, new = split_file(args.old), split_file(args.new)
        result = align(old, new, load_overrides(Path(args.overrides) if args.overrides else None))
    except DiagnosticError as exc:
        sys.stderr.write(render(exc.diags))
        return 1
    for c in result.changes:
        if args.format == "json":
            print(json.dumps(asdict(c), ensure_ascii=False))
        elif c.kind != "unchanged":
            print(f"{c.kind:9} {c.unit:9} {c.old or '-':>10} → {c.new or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
