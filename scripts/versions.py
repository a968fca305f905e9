"""Add a new version of a policy: the new text becomes current, the old one is kept byte for byte.

Usage: python -m scripts.versions add SLUG NEW.txt [YYYY-MM-DD]   (make add-version SLUG=… SEED=… [DATE=…])

The date may be left out when the new text's 题注 says when it was adopted or amended; when both
are given they must agree.

The checker then points at every citation the new version moved, reworded or removed, and
`python -m scripts.review rewrite` / `stamp` bring the pages up to date (docs/contributing.md, 新版本来了).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.core.diagnostics import DiagnosticError, render
from scripts.operations.versions import add


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.versions", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".")
    sub = parser.add_subparsers(dest="verb", required=True)
    p_add = sub.add_parser("add", help="make a new text the current version of a policy")
    p_add.add_argument("slug")
    p_add.add_argument("seed")
    p_add.add_argument("date", nargs="?", default="",
                       help="YYYY-MM-DD; optional when the text's 题注 dates it (then it must agree)")
    args = parser.parse_args(argv)
    root = Path(args.root)
    try:
        written = add(root, args.slug.strip(), Path(args.seed), args.date.strip() or None)
    except DiagnosticError as exc:
        sys.stderr.write(render(exc.diags))
        return 1
    for path in written:
        print(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}")
    print("next: make check lists every citation the new version affects; python -m scripts.review rewrite "
          "renumbers moved ones (docs/contributing.md, 新版本来了)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
