"""A library to search: a copy of the handbook with the synthetic texts of tests/fixtures/search-library.

Usage: python -m scripts.dev.search_library DEST   (then mkdocs build -f DEST/mkdocs.yml)

The texts are added as a maintainer adds them (python -m scripts.policy add, python -m
scripts.versions add), and the folder's synonym table replaces the handbook's. The tests and
bench (make bench-search) build it to search a library, not one opinion: a regulation with two
versions, another regulation and a second opinion beside the handbook's own text, with what cadres
type for them (家暴, 低保, 五保户 …). Its evaluation set is the folder's queries.yml.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.core.paths import ROOT
from scripts.corpus.synonyms import DEFAULT_TABLE
from scripts.dev.handbook_copy import copy_handbook

FIXTURE = ROOT / "tests" / "fixtures" / "search-library"
QUERIES = FIXTURE / "queries.yml"
# The commands, in order: (verb, slug, text[, date of the version]). The date is the one the
# version's own 题注 gives for its amendment.
STEPS = [
    ("policy", "example-assistance", "example-assistance-v1.txt"),
    ("versions", "example-assistance", "example-assistance-v2.txt", "2021-06-24"),
    ("policy", "example-women", "example-women.txt"),
    ("policy", "example-opinion", "example-opinion.txt"),
]


def make_library(dest: Path, env: dict | None = None) -> Path:
    """The handbook copied to `dest` with the fixture texts added and the fixture's synonym table."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    copy_handbook(dest)
    shutil.copy(FIXTURE / DEFAULT_TABLE, dest / DEFAULT_TABLE)
    for verb, slug, text, *date in STEPS:
        args = ["add", slug, str(FIXTURE / text), *date] if verb == "versions" else ["add", str(FIXTURE / text), slug]
        result = subprocess.run([sys.executable, "-m", f"scripts.{verb}", "--root", str(dest), *args], cwd=ROOT,
                                capture_output=True, text=True, env=env)
        if result.returncode != 0:
            raise RuntimeError(f"scripts.{verb} {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.dev.search_library", description=__doc__.split("\n\n")[0])
    parser.add_argument("dest")
    args = parser.parse_args(argv)
    make_library(Path(args.dest))
    print(f"wrote {args.dest}: build it with mkdocs build -f {args.dest}/mkdocs.yml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
