"""Record what an English page translates: the SHA-256 of its Chinese page, in its front matter."""
from __future__ import annotations

from pathlib import Path

from scripts.checks.translations import file_sha256
from scripts.core.paths import SUFFIX
from scripts.core.yamlio import set_front_matter


def stamp(path: Path) -> str:
    """Record the current hash of the Chinese page in the English page's front matter."""
    rel_zh = path.with_name(path.name[: -len(SUFFIX)] + ".md")
    digest = file_sha256(rel_zh)
    text = path.read_text(encoding="utf-8")
    path.write_text(set_front_matter(text, {"source_sha256": digest}), encoding="utf-8")
    return digest


