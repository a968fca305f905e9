"""Generated source pages are never edited by hand: the committed ones must be what the splitter makes now."""
from __future__ import annotations

from pathlib import Path

from scripts.core.diagnostics import Diagnostic
from scripts.core.paths import SOURCE_DIR


def check_pages(docs_dir: Path, pages: dict[str, str]) -> list[Diagnostic]:
    """Generated pages that are missing, stale, edited by hand, or left over from a removed seed."""
    diags = []
    for rel, text in pages.items():
        path = docs_dir / rel
        shown = f"{docs_dir.name}/{rel}" if docs_dir.name else rel
        if not path.exists():
            diags.append(Diagnostic(shown, 1, 1, "GENERATED_MISSING", "generated source page is missing",
                                    "run make generate"))
            continue
        current = path.read_text(encoding="utf-8")
        if current != text:
            a, b = current.splitlines(), text.splitlines()
            line = next((i + 1 for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)) + 1)
            diags.append(Diagnostic(shown, line, 1, "GENERATED_EDITED",
                                    "generated source page differs from what scripts/render/source.py produces",
                                    "never edit it by hand; change the seed or the splitter and run make generate"))
    source_root = docs_dir / SOURCE_DIR
    if source_root.exists():
        for path in sorted(source_root.rglob("*.md")):
            rel = path.relative_to(docs_dir).as_posix()
            if rel not in pages:
                diags.append(Diagnostic(f"{docs_dir.name}/{rel}", 1, 1, "GENERATED_STRAY",
                                        "page under docs/source/ that no seed produces",
                                        "remove it, or add its seed to seeds/"))
    return diags
