"""Translations: whether each English page is current, and recording what it translates.

Usage: python -m scripts.translate status          # one line per page: current | stale | missing
       python -m scripts.translate stamp PAGE.en.md  # after updating a translation: record what it translates

Every English page records which version of its Chinese page it translates: the SHA-256 of the
Chinese file in `source_sha256`. When the Chinese file changes, the checker reports the English
page as stale until a translator updates it and runs `stamp`. The policy text itself is
translated sentence by sentence in `seeds/<slug>.en.yml`, keyed by the same IDs as the Chinese.
"""
from __future__ import annotations

import sys
from pathlib import Path

from scripts.checks.translations import statuses
from scripts.core.paths import SUFFIX
from scripts.operations.translate import stamp
from scripts.pages.collect import collect_docs


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["stamp"] and len(argv) > 1:
        for name in argv[1:]:
            p = Path(name)
            if not name.endswith(SUFFIX) or not p.exists():
                sys.stderr.write(f"{name}:1:1: TRANSLATION_STAMP not an existing *{SUFFIX} page\n")
                return 1
            print(f"{name}: source_sha256 {stamp(p)[:12]}")
        return 0
    if argv[:1] == ["status"]:
        docs = Path("docs")
        for st in statuses(collect_docs(docs), docs):
            print(f"{st.state:9} docs/{st.page}")
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
