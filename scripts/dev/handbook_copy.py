"""A copy of the handbook to change and build in isolation (tests, bench, the search library fixture).

The sources are copied, with Python's compiled modules (__pycache__/): each command run in a copy would compile
the scripts package again otherwise, and a stale one is never used (Python compares it with the source's time,
which the copy keeps). With `tools`, what `make build` installed beside them (node_modules: Workbox for
the service worker) is linked, so that the copy runs every step of the pipeline as the handbook does; a
copy that is itself copied or walked whole (most tests) leaves it out.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from scripts.core.paths import ROOT

SOURCES = ("docs", "overrides", "seeds", "scripts")
FILES = ("mkdocs.yml", "synonyms.yml")
TOOLS = ("node_modules",)


def copy_handbook(dest: Path, sources: tuple[str, ...] = SOURCES, tools: bool = False) -> Path:
    """The handbook's `sources` and top-level files copied to `dest` (no build output), its tools linked."""
    for name in sources:
        shutil.copytree(ROOT / name, dest / name)
    for name in FILES:
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, dest / name)
    for name in TOOLS if tools else ():
        if (ROOT / name).is_dir() and not (dest / name).exists():
            (dest / name).symlink_to(ROOT / name, target_is_directory=True)
    return dest
