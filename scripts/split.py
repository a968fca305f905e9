"""Split a Chinese policy text into provisions and sentences, and print them with their IDs.

Usage: python -m scripts.split SEED.txt [--format text|json]

The rules are scripts/corpus/split.py (the splitter) and scripts/corpus/numbering.py (the table of
numbering styles); docs/contributing.md (编号规则) describes them for people.
"""
from __future__ import annotations

import argparse
import json
import sys

from scripts.core.diagnostics import DiagnosticError, render
from scripts.corpus.split import rows, split_file

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.split", description=__doc__.split("\n\n")[0])
    parser.add_argument("seed", nargs="+", help="policy text files (UTF-8)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    status = 0
    for seed in args.seed:
        try:
            doc = split_file(seed)
        except DiagnosticError as exc:
            sys.stderr.write(render(exc.diags))
            status = 1
            continue
        for row in rows(doc):
            if args.format == "json":
                print(json.dumps(row, ensure_ascii=False))
            else:
                print(f"{seed}:{row['line']}:{row['col']}\t{row['id']}\t{row['kind']}\t{row['text']}")
    return status


if __name__ == "__main__":
    sys.exit(main())
