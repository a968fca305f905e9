"""List every heading's anchor of Markdown pages, as the site will make them (for translators).

Usage: python -m scripts.collect PAGE.md …

An English page keeps the Chinese page's anchors (`## What to do {#怎么做}`); this prints them.
"""
from __future__ import annotations

import sys
from pathlib import Path

from scripts.core.diagnostics import line_col
from scripts.pages.collect import HEADING, collect_page, mask_code

def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(__doc__)
        return 2
    for name in argv:
        path = Path(name)
        rec = collect_page(path.name, path.read_text(encoding="utf-8"), name)
        masked = mask_code(rec.text)
        for m in HEADING.finditer(masked, rec.body_start):
            line, _ = line_col(rec.text, m.start())
            anchor = next(a for a, ln in rec.anchors.items() if ln == line)
            print(f"{name}:{line}\t#{anchor}\t{m.group(0).strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
