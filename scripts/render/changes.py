"""The 版本对照 page of a policy, and the "本条于 <date> 修改" notes on its current source pages.

Both are generated with the source pages (scripts/render/source.py) from the policy's versions
(scripts/corpus/versions.py) and their alignment (scripts/corpus/align.py); nothing here is written by hand.
"""
from __future__ import annotations

import html

from scripts.corpus.align import Alignment, diff
from scripts.render.markup import md_text
from scripts.corpus.seeds import Seed
from scripts.corpus.versions import Version, alignment

TEXT = {
    "zh": {"title": "版本对照", "changed": "修改", "added": "新增", "removed": "删除", "moved": "只改了编号",
           "unchanged": "未变", "note": "本条于{when}修改", "note_added": "本条于{when}新增",
           "unknown": "日期不详", "was": "原为", "now": "现为"},
    "en": {"title": "Changes between versions", "changed": "Changed", "added": "Added", "removed": "Removed",
           "moved": "Renumbered only", "unchanged": "unchanged", "note": "Changed {when}", "note_added": "Added {when}",
           "unknown": "on an unknown date", "was": "was", "now": "now"},
}


def pairs(seed: Seed) -> list[tuple[Version, Version, Alignment]]:
    """Each consecutive pair of versions with what changed between them, oldest first."""
    vs = seed.versions
    return [(vs[i - 1], vs[i], alignment(seed.path.parent, seed.slug, vs[i - 1], vs[i])) for i in range(1, len(vs))]


def when(version: Version, lang: str) -> str:
    if version.date == "unknown":
        return f"{version.label}（{TEXT[lang]['unknown']}）" if lang == "zh" else f"in {version.label} ({TEXT[lang]['unknown']})"
    return version.date if lang == "zh" else f"on {version.date}"


def anchor(version: Version, pid: str) -> str:
    return f"{version.label}-{pid}"


def notes(seed: Seed) -> dict[str, tuple[str, Version]]:
    """Current provisions the latest version changed or added: ID → ("changed" | "added", that version)."""
    if len(seed.versions) < 2:
        return {}
    _, new, changes = pairs(seed)[-1]
    return {c.new: (c.kind, new) for c in changes.changes
            if c.unit == "provision" and c.kind in ("changed", "added") and c.new}


def diff_html(old: str, new: str) -> str:
    """A character-level diff: deleted text struck through, inserted text underlined."""
    out = []
    for op, text in diff(old, new):
        text = html.escape(text, quote=False)
        out.append(text if op == "=" else f"<del>{text}</del>" if op == "-" else f"<ins>{text}</ins>")
    return "".join(out)


def render_changes(seed: Seed, front_matter: str, lang: str = "zh") -> str:
    """The 版本对照 page: for each new version, every sentence changed, added, removed or renumbered."""
    t = TEXT[lang]
    out = [front_matter, f"# {t['title']}\n\n"]
    if lang == "zh":
        out.append(f"《{md_text(seed.doc.title)}》各版本之间的改动，逐句列出。"
                   "删去的文字划线，新增的文字加下划线。\n\n")
    else:
        out.append("Every sentence changed, added, removed or renumbered between versions of the text. Deleted words are struck through, inserted words underlined.\n\n")
    rows = [f"| {v.label} | {v.date if v.date != 'unknown' else t['unknown']} | {v.status} |\n" for v in seed.versions]
    head = "| 版本 | 日期 | 状态 |\n| --- | --- | --- |\n" if lang == "zh" else "| Version | Date | Status |\n| --- | --- | --- |\n"
    out.append(head + "".join(rows) + "\n")
    for old, new, changes in reversed(pairs(seed)):
        counts = changes.summary()
        out.append(f'<section class="revision" id="{anchor(new, "")[:-1]}" markdown>\n\n')
        out.append(f"## {old.label} → {new.label}\n\n")
        summary = "、".join(f"{t[k]} {counts[k]} 句" for k in ("changed", "added", "removed", "moved")) if lang == "zh" \
            else ", ".join(f"{t[k].lower()} {counts[k]}" for k in ("changed", "added", "removed", "moved"))
        out.append(f"{summary}{'；' if lang == 'zh' else '; '}{t['unchanged']} {counts['unchanged']}"
                   f"{' 句。' if lang == 'zh' else '.'}\n\n")
        sentences = [c for c in changes.changes if c.unit == "sentence" and c.kind != "unchanged"]
        for kind in ("changed", "added", "removed", "moved"):
            group = [c for c in sentences if c.kind == kind]
            if not group:
                continue
            out.append(f"### {t[kind]}\n\n")
            for c in group:
                ident = c.new or f"removed-{c.old}"
                label = (f"{c.old} → {c.new}" if c.old and c.new and c.old != c.new else (c.new or c.old))
                if kind == "changed":
                    body = diff_html(c.old_text, c.new_text)
                elif kind == "added":
                    body = f"<ins>{html.escape(c.new_text, quote=False)}</ins>"
                elif kind == "removed":
                    body = f"<del>{html.escape(c.old_text, quote=False)}</del>"
                else:
                    body = html.escape(c.new_text, quote=False)
                out.append(f'<p class="revision-item" id="{anchor(new, ident)}"><span class="sid">{label}</span>'
                           f"{body}</p>\n\n")
        out.append("</section>\n\n")
    return "".join(out).rstrip("\n") + "\n"


def last_changed(seed: Seed) -> dict[str, Version]:
    """Current provision ID → the version in which it last changed (or was added); none for the original wording."""
    steps = pairs(seed)
    result: dict[str, Version] = {}
    for i, (_, new, changes) in enumerate(steps):
        touched = {c.new for c in changes.changes if c.unit == "provision" and c.kind in ("changed", "added") and c.new}
        for _, _, later in steps[i + 1:]:  # follow them through later renumberings to today's IDs
            forward = later.old_to_new()
            touched = {forward[t].new for t in touched if t in forward and forward[t].new}
        for pid in touched:
            result[pid] = new
    return result
