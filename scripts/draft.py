"""Lay out draft guidance for a policy text: one page per chapter or part, marked as a draft.

Usage: python -m scripts.draft SLUG [--root .]        (make draft SLUG=some-slug)

Writes docs/guidance/<slug>/<chapter-N|part-N|articles>.md, each with the text, its articles listed
with their citations and the sections of a guidance page left to write, and `draft: true` in its
front matter: checked like any page, not published, not counted as coverage. Refuses, changing
nothing, when the pages exist. What it writes and how a draft becomes a page:
scripts/operations/drafts.py and docs/contributing.md (起草解读).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.core.diagnostics import DiagnosticError, render
from scripts.operations.drafts import write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.draft", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".", help="the handbook repository (default: .)")
    parser.add_argument("slug", help="the policy text, as added with make add-policy")
    args = parser.parse_args(argv)
    root = Path(args.root)
    try:
        written = write(root, args.slug.strip())
    except DiagnosticError as exc:
        sys.stderr.write(render(exc.diags))
        return 1
    for path in written:
        print(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}")
    print(f"{len(written)} draft pages of {args.slug}: write them, then remove draft: true, add each to the nav "
          "and translate it (docs/contributing.md, 起草解读)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
