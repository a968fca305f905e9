"""After a new version of a policy: which citations it makes wrong, and the commands that bring pages up to date.

Usage: python -m scripts.review rewrite            # every page: moved citations to their new IDs
       python -m scripts.review rewrite --rename 低收入困难家庭   # … and a rename the reviewer confirms
       python -m scripts.review stamp PAGE.md …    # a person has checked the page against the current text

Every page records, per policy, the version it was last checked against (`reviewed:` in its front
matter; a page without it was written against v1). Its citations of that policy are read in that
version's numbering. When the policy has a newer version, the checker reports, at each citation:

* CITATION_MOVED — the cited sentence or provision now has another ID (the hint names it);
* CITED_TEXT_CHANGED — its text changed (the hint shows how);
* CITED_PROVISION_REMOVED — it is gone.

`rewrite` turns moved citations into their new IDs in every page, records the page as read in the
current numbering, and lists under `changed_since_review:` the citations whose text changed, which
stay CITED_TEXT_CHANGED until a person checks them and runs `stamp`. `--rename OLD` (repeatable)
confirms a rename the new version made (seeds/versions/<slug>/renames.yml): the new name is written
wherever the checker reports TERM_RENAMED for OLD. A name that is no rename refuses the whole
command, changing nothing. It never runs in the build; its result is a diff to review. `stamp`
refuses a page that still cites a removed provision.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.checks.translations import file_sha256
from scripts.core.diagnostics import DiagnosticError, render
from scripts.core.paths import SUFFIX, counterpart
from scripts.corpus.seeds import load_corpus
from scripts.operations.review import bring_up_to_date, confirmed_renames
from scripts.operations.translate import stamp as stamp_translation
from scripts.pages.collect import collect_docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.review", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".")
    sub = parser.add_subparsers(dest="verb", required=True)
    p_rewrite = sub.add_parser("rewrite", help="moved citations to their new IDs, in every page")
    p_rewrite.add_argument("--rename", action="append", default=[], metavar="OLD",
                           help="a former name to replace by its new one wherever TERM_RENAMED reports it")
    p_stamp = sub.add_parser("stamp", help="record that a person checked these pages against the current text")
    p_stamp.add_argument("pages", nargs="+")
    args = parser.parse_args(argv)
    root = Path(args.root)
    try:
        corpus = load_corpus(root / "seeds")
        renames = confirmed_renames(corpus, getattr(args, "rename", []))
    except DiagnosticError as exc:
        sys.stderr.write(render(exc.diags))
        return 1
    docs_dir = root / "docs"
    pages = collect_docs(docs_dir, shown_prefix="docs")
    if args.verb == "rewrite":
        targets = [rec for rec in pages.values() if rec.kind != "source"]
    else:
        wanted = {Path(p).resolve() for p in args.pages}
        targets = [rec for rel, rec in pages.items() if (docs_dir / rel).resolve() in wanted]
        missing = wanted - {(docs_dir / rec.path).resolve() for rec in targets}
        if missing:
            sys.stderr.write("".join(f"{p}:1:1: VERSION_INPUT not a page under docs/\n" for p in sorted(missing)))
            return 1
    problems = []
    changed = 0
    # An English page that translated its Chinese page before gets the same mechanical rewrite,
    # so it still translates it afterwards: its translation stamp is renewed, not left stale.
    in_step = {rel for rel, rec in pages.items() if rel.endswith(SUFFIX) and counterpart(rel) in pages
               and rec.meta.get("source_sha256") == file_sha256(docs_dir / counterpart(rel))}
    written = set()
    for rec in targets:
        text, diags = bring_up_to_date(rec, corpus, stamp=args.verb == "stamp", renames=renames)
        problems += diags
        if not diags and text != rec.text:
            (docs_dir / rec.path).write_text(text, encoding="utf-8")
            written.add(rec.path)
            changed += 1
            print(f"{'stamped' if args.verb == 'stamp' else 'rewrote'} docs/{rec.path}")
    for rel in sorted(in_step):
        if rel in written or counterpart(rel) in written:
            stamp_translation(docs_dir / rel)
    sys.stderr.write(render(problems))
    print(f"{changed} page(s) changed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
