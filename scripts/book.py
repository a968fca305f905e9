"""Print the whole handbook as one book (one A4 PDF per language), or one section of it.

Usage: python -m scripts.book SITE_DIR [--config mkdocs.yml] [--lang zh] [--lang en]
       python -m scripts.book SITE_DIR --section guidance/2-5.md --out 2-5.pdf [--lang en]
       python -m scripts.book SITE_DIR --text SLUG [--text SLUG …]   (a policy text's own book, downloads/texts/)

The build runs the first form as one of its steps (scripts/publish/pipeline.py); how the book is
made: scripts/publish/book.py.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from scripts.core.paths import LANGS, ROOT
from scripts.publish.book import BookError, write_books, write_section, write_text_books


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.book", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", help="the built site directory")
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"))
    parser.add_argument("--lang", action="append", choices=LANGS, help="only this language (repeatable)")
    parser.add_argument("--section", metavar="PAGE", help="print this section only: a nav page (e.g. guidance/2-5.md) "
                        "with the checklists and templates it links to, into --out, in the first --lang")
    parser.add_argument("--out", help="where --section writes its PDF")
    parser.add_argument("--text", action="append", metavar="SLUG",
                        help="the book of this policy text, with the pages citing it (repeatable; the build makes all)")
    args = parser.parse_args(argv)
    if args.section and not args.out:
        parser.error("--section needs --out")
    started = time.perf_counter()
    try:
        if args.text:
            books = write_text_books(Path(args.site), Path(args.config), set(args.text))
            for b in books:
                print(f"wrote {b.path}: {b.pages} pages, {b.path.stat().st_size / 1e6:.1f} MB, {b.seconds:.1f} s")
            return 0
        if args.section:
            written = [write_section(Path(args.site), Path(args.config), args.section, (args.lang or ["zh"])[0],
                                     Path(args.out))]
        else:
            written = write_books(Path(args.site), Path(args.config), tuple(args.lang or LANGS))
    except BookError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    sizes = ", ".join(f"{p} {p.stat().st_size / 1e6:.1f} MB" for p in written)
    print(f"wrote {len(written)} books in {time.perf_counter() - started:.0f} s: {sizes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
