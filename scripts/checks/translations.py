"""Whether each English page is current: its Chinese page's SHA-256 against the one it recorded.

Every English page records which version of its Chinese page it translates: the SHA-256 of the
Chinese file in `source_sha256`. When the Chinese file changes, the checker reports the English
page as stale until a translator updates it and runs `python -m scripts.translate stamp`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from scripts.core.diagnostics import Diagnostic
from scripts.core.paths import SUFFIX, counterpart
from scripts.corpus.seeds import Corpus
from scripts.corpus.translation import load_source_translation
from scripts.pages.collect import PageRecord


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Status:
    page: str  # the Chinese page, docs-relative
    state: str  # current | stale | missing | generated
    recorded: str = ""
    actual: str = ""


def statuses(pages: dict[str, PageRecord], docs_dir: Path) -> list[Status]:
    out = []
    for rel, rec in sorted(pages.items()):
        if rel.endswith(SUFFIX) or rec.draft:  # a draft is translated once it is a page
            continue
        if rec.kind == "source" or rec.meta.get("generated_by"):
            out.append(Status(rel, "generated"))
            continue
        en = pages.get(counterpart(rel))
        actual = file_sha256(docs_dir / rel)
        if en is None:
            out.append(Status(rel, "missing", "", actual))
            continue
        recorded = str(en.meta.get("source_sha256") or "")
        out.append(Status(rel, "current" if recorded == actual else "stale", recorded, actual))
    return out


def check_translations(pages: dict[str, PageRecord], docs_dir: Path, corpus: Corpus) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    for st in statuses(pages, docs_dir):
        rec = pages[st.page]
        if st.state == "missing":
            diags.append(Diagnostic(rec.shown, 1, 1, "TRANSLATION_MISSING",
                                    f"no English translation (expected {counterpart(st.page)})",
                                    "translate it, then: python -m scripts.translate stamp "
                                    f"{rec.shown[:-3]}{SUFFIX}"))
        elif st.state == "stale":
            en = pages[counterpart(st.page)]
            recorded = st.recorded[:12] or "nothing"
            diags.append(Diagnostic(en.shown, 1, 1, "TRANSLATION_STALE",
                                    f"translates an older {rec.shown} (recorded {recorded}, now {st.actual[:12]})",
                                    f"update the translation from {rec.shown}, then run "
                                    f"python -m scripts.translate stamp {en.shown}"))
    for rel, rec in sorted(pages.items()):
        if not rel.endswith(SUFFIX):
            continue
        zh = pages.get(counterpart(rel))
        if zh is None:
            if not rec.meta.get("generated_by"):
                diags.append(Diagnostic(rec.shown, 1, 1, "TRANSLATION_ORPHAN",
                                        f"translation of {counterpart(rel)}, which does not exist"))
            continue
        missing = [a for a in zh.anchors if a not in rec.anchors]
        if missing and zh.kind != "source":
            diags.append(Diagnostic(rec.shown, 1, 1, "TRANSLATION_ANCHORS",
                                    f"{len(missing)} anchor(s) of {zh.shown} missing here: "
                                    + ", ".join(f"#{a}" for a in missing[:5]),
                                    "give each translated heading the Chinese anchor, e.g. ## What to do {#怎么做}"))
    for seed in corpus.seeds.values():
        diags.extend(load_source_translation(seed)[1])
    return diags


