"""Versions of a policy: the current text, every earlier one byte for byte, and what changed between them.

`seeds/<slug>.txt` is always the current version. Earlier ones are kept, byte for byte, as
`seeds/versions/<slug>/v1.txt`, `v2.txt`…, and `seeds/versions/<slug>/versions.yml` records each
version's label, date and status (现行 / 已修订 / 废止; "unknown" where nobody knows). A policy
with no such file has one version, v1, dated as its metadata says.

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
from scripts.corpus.split import Document, split_file

STATUSES = ("现行", "已修订", "废止", "unknown")
CURRENT, REVISED = "现行", "已修订"


@dataclass(frozen=True)
class Version:
    label: str  # v1, v2, …
    date: str  # YYYY-MM-DD, or "unknown"
    status: str  # 现行 | 已修订 | 废止 | unknown
    path: Path  # its text, byte for byte

    @property
    def number(self) -> int:
        return int(self.label[1:])


def folder(seeds_dir: Path, slug: str) -> Path:
    return seeds_dir / "versions" / slug


def overrides_path(seeds_dir: Path, slug: str, old: str, new: str) -> Path:
    """Alignment decisions a person made for one pair of versions (`old ID: new ID`, or null)."""
    return folder(seeds_dir, slug) / f"align-{old}-{new}.yml"


def load_versions(seeds_dir: Path, slug: str, meta: dict | None = None) -> list[Version]:
    """Every version of a policy, oldest first; the last is the current one (seeds/<slug>.txt)."""
    path = folder(seeds_dir, slug) / "versions.yml"
    current = seeds_dir / f"{slug}.txt"
    if not path.exists():
        meta = meta or {}
        return [Version("v1", str(meta.get("date", "unknown")), str(meta.get("status", "unknown")), current)]
    try:
        rows = load_yaml(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise DiagnosticError([Diagnostic(str(path), 1, 1, "VERSION_INPUT", f"bad YAML: {exc}")]) from None
    out = []
    for i, row in enumerate(rows, 1):
        last = i == len(rows)
        out.append(Version(f"v{i}", str(row.get("date", "unknown")), str(row.get("status", "unknown")),
                           current if last else folder(seeds_dir, slug) / f"v{i}.txt"))
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
