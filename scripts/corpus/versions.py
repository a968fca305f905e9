"""Versions of a policy: the current text, every earlier one byte for byte, and what changed between them.

`seeds/<slug>.txt` is always the current version. Earlier ones are kept, byte for byte, as
`seeds/versions/<slug>/v1.txt`, `v2.txt`…, and `seeds/versions/<slug>/versions.yml` records each
version's label, date and status (现行 / 已修订 / 废止; "unknown" where nobody knows). A policy
with no such file has one version, v1, dated as its metadata says.

Where the record says "unknown", a version's date is what its own 题注 says (scripts/corpus/caption.py):
the date of its last 通过, 修正 or 修订 (the act that made this text); its 施行 date, when the 题注 gives
one, is shown beside it. Nothing else is guessed.

`python -m scripts.versions add` (scripts/operations/versions.py) makes a new text current.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.core.diagnostics import Diagnostic, DiagnosticError
from scripts.core.yamlio import load_yaml
from scripts.corpus.align import Alignment, align, load_overrides
from scripts.corpus.caption import Event, parse_caption
from scripts.corpus.compare import Comparison, compare
from scripts.corpus.split import Document, split_file

STATUSES = ("现行", "已修订", "废止", "unknown")
CURRENT, REVISED = "现行", "已修订"
# The acts of a 题注 that make a text: its date is the last of them.
MAKING_ACTS = ("通过", "修正", "修订")
EFFECTIVE_ACT = "施行"


@dataclass(frozen=True)
class Version:
    label: str  # v1, v2, …
    date: str  # YYYY-MM-DD, or "unknown"
    status: str  # 现行 | 已修订 | 废止 | unknown
    path: Path  # its text, byte for byte
    act: str = ""  # 通过 | 修正 | 修订: what its 题注 says was done on `date`; "" when it does not say
    effective: str = "unknown"  # its 施行 date, when its 题注 gives one

    @property
    def number(self) -> int:
        return int(self.label[1:])


def making_event(doc: Document) -> Event | None:
    """The 题注's last 通过, 修正 or 修订: the act that made this text (None without a 题注 saying so)."""
    events = [e for e in parse_caption(doc.caption).events if e.kind in MAKING_ACTS] if doc.caption else []
    return events[-1] if events else None


def event_position(doc: Document, event: Event) -> tuple[int, int]:
    """Line and column of a 题注 clause in the text, for messages that point at it."""
    start = next((p.start for p in doc.pieces if p.role == "caption"), 0)
    at = doc.text.find(event.text, start)
    at = at if at >= 0 else start
    return doc.text.count("\n", 0, at) + 1, at - (doc.text.rfind("\n", 0, at) + 1) + 1


def dated(version: Version, doc: Document) -> Version:
    """The version with what its 题注 says: its date where the record does not know it, the act, 施行."""
    made = making_event(doc)
    effective = [e.date for e in parse_caption(doc.caption).events if e.kind == EFFECTIVE_ACT] if doc.caption else []
    date, act = version.date, ""
    if made is not None and date in ("unknown", made.date):
        date, act = made.date, made.kind
    after = [d for d in effective if date == "unknown" or d >= date]
    return Version(version.label, date, version.status, version.path, act, after[-1] if after else "unknown")


def folder(seeds_dir: Path, slug: str) -> Path:
    return seeds_dir / "versions" / slug


def overrides_path(seeds_dir: Path, slug: str, old: str, new: str) -> Path:
    """Alignment decisions a person made for one pair of versions (`old ID: new ID`, or null)."""
    return folder(seeds_dir, slug) / f"align-{old}-{new}.yml"


def load_versions(seeds_dir: Path, slug: str, meta: dict | None = None, current_doc: Document | None = None
                  ) -> list[Version]:
    """Every version of a policy, oldest first; the last is the current one (seeds/<slug>.txt).

    `current_doc`: the current text, split already (its 题注 dates it)."""
    path = folder(seeds_dir, slug) / "versions.yml"
    current = seeds_dir / f"{slug}.txt"

    def read(version: Version) -> Version:
        if not version.path.exists():
            raise DiagnosticError([Diagnostic(str(path), 1, 1, "VERSION_INPUT",
                                              f"{version.label}'s text {version.path.name} is missing",
                                              f"every version but the last is kept as {version.path.parent}/vN.txt")])
        doc = current_doc if current_doc is not None and version.path == current else document_of(version)
        return dated(version, doc)

    if not path.exists():
        meta = meta or {}
        return [read(Version("v1", str(meta.get("date", "unknown")), str(meta.get("status", "unknown")), current))]
    try:
        rows = load_yaml(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise DiagnosticError([Diagnostic(str(path), 1, 1, "VERSION_INPUT", f"bad YAML: {exc}")]) from None
    out = []
    for i, row in enumerate(rows, 1):
        last = i == len(rows)
        out.append(read(Version(f"v{i}", str(row.get("date", "unknown")), str(row.get("status", "unknown")),
                                current if last else folder(seeds_dir, slug) / f"v{i}.txt")))
    return out


def _stamp(path: Path) -> tuple:
    """What identifies a file's content cheaply: the checker asks about every citation, so no read per ask."""
    st = path.stat()
    return str(path), st.st_size, st.st_mtime_ns


@functools.lru_cache(maxsize=64)
def _split_cached(stamp: tuple) -> Document:
    return split_file(stamp[0])


def document_of(version: Version) -> Document:
    """A version's split text, split once while the file stays the same."""
    return _split_cached(_stamp(version.path))


@functools.lru_cache(maxsize=256)
def _align_cached(old: tuple, new: tuple, overrides: tuple | None) -> Alignment:
    return align(_split_cached(old), _split_cached(new), load_overrides(Path(overrides[0])) if overrides else {})


def alignment(seeds_dir: Path, slug: str, old: Version, new: Version) -> Alignment:
    """What changed from one version to another (with that pair's overrides, if a person wrote any)."""
    over = overrides_path(seeds_dir, slug, old.label, new.label)
    return _align_cached(_stamp(old.path), _stamp(new.path), _stamp(over) if over.exists() else None)


@functools.lru_cache(maxsize=64)
def _compare_cached(old: tuple, new: tuple, overrides: tuple | None) -> Comparison:
    decided = load_overrides(Path(overrides[0])) if overrides else {}
    return compare(_split_cached(old), _split_cached(new), _align_cached(old, new, overrides), decided)


def comparison(seeds_dir: Path, slug: str, old: Version, new: Version) -> Comparison:
    """The comparison table of two versions, unit by unit (scripts/corpus/compare.py)."""
    over = overrides_path(seeds_dir, slug, old.label, new.label)
    return _compare_cached(_stamp(old.path), _stamp(new.path), _stamp(over) if over.exists() else None)
