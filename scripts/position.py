"""Where a provision or sentence stands in its document, in words: 第二部分第五项第三句.

Usage: python -m scripts.position SEED.txt ID [--lang zh|en]
"""
from __future__ import annotations

import argparse
import sys

from scripts.core.diagnostics import Diagnostic, DiagnosticError, render
from scripts.corpus.position import position_label
from scripts.corpus.split import split_file

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.position", description=__doc__.split("\n\n")[0])
    parser.add_argument("seed")
    parser.add_argument("id")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = parser.parse_args(argv)
    try:
        doc = split_file(args.seed)
    except DiagnosticError as exc:
        sys.stderr.write(render(exc.diags))
        return 1
    if doc.get(args.id) is None:
        sys.stderr.write(render([Diagnostic(args.seed, 1, 1, "UNKNOWN_ID", f"no provision or sentence {args.id}",
                                            "IDs read like 2.5 or 2.5.3; python -m scripts.split lists them")]))
        return 1
    print(position_label(doc, args.id, args.lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
