"""Add a policy to the handbook, or take one out again: one command each.

Usage: python -m scripts.policy add SEED.txt SLUG [--date YYYY-MM-DD]
                                                      (make add-policy SEED=path/to.txt SLUG=some-slug [DATE=…])
       python -m scripts.policy remove SLUG           (make remove-policy SLUG=some-slug)

What each does, and what it refuses: scripts/operations/policy.py.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.core.diagnostics import DiagnosticError, render
from scripts.operations.policy import add, remove


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.policy", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".", help="the handbook repository (default: .)")
    sub = parser.add_subparsers(dest="verb", required=True)
    p_add = sub.add_parser("add", help="add a policy text")
    p_add.add_argument("seed", help="the policy text, UTF-8")
    p_add.add_argument("slug", help="its short name in addresses and citations (§slug:2.5)")
    p_add.add_argument("--date", help="the day it is added to the handbook, YYYY-MM-DD (default: today)")
    p_rm = sub.add_parser("remove", help="remove a policy added with add")
    p_rm.add_argument("slug")
    args = parser.parse_args(argv)
    root = Path(args.root)
    try:
        if args.verb == "add":
            added = add(root, Path(args.seed), args.slug.strip(), args.date)
            for path in added.written:
                print(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}")
            for note in added.notes:
                print(note)
            print(f"added {args.slug}: cite it as §{args.slug}:<ID> (see docs/source/{args.slug}/); "
                  "its coverage gaps are warnings until seeds/" + args.slug + ".yml says coverage: error")
        else:
            removed, rewritten = remove(root, args.slug.strip())
            for path in removed:
                print(f"removed {path.relative_to(root) if path.is_relative_to(root) else path}")
            for path in rewritten:  # another text's page that linked to it
                print(f"rewrote {path.relative_to(root) if path.is_relative_to(root) else path}")
    except DiagnosticError as exc:
        sys.stderr.write(render(exc.diags))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
