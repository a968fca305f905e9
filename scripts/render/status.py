"""The translation status page (translations.md): every Chinese page and the state of its English translation."""
from __future__ import annotations

from pathlib import Path

from scripts.checks.translations import Status, statuses
from scripts.corpus.seeds import Corpus
from scripts.corpus.translation import translation_path
from scripts.render.markup import md_text
from scripts.pages.collect import PageRecord


STATE_LABELS = {
    "zh": {"current": "最新", "stale": "已过期", "missing": "未翻译", "generated": "自动生成"},
    "en": {"current": "current", "stale": "stale", "missing": "missing", "generated": "generated"},
}


def status_markdown(pages: dict[str, PageRecord], docs_dir: Path, lang: str = "zh", corpus: Corpus | None = None) -> str:
    """The translation status page: every Chinese page and the state of its English translation.

    A policy whose text has no English translation yet (seeds/<slug>.en.yml) is listed as missing:
    its source pages show the Chinese text in the English edition, under a "not translated yet" banner."""
    labels = STATE_LABELS[lang]
    rows = statuses(pages, docs_dir)
    untranslated = {seed.slug for seed in (corpus.seeds.values() if corpus else []) if not translation_path(seed).exists()}
    rows = [Status(r.page, "missing") if r.state == "generated" and pages[r.page].document in untranslated else r
            for r in rows]
    counts = {state: sum(1 for r in rows if r.state == state) for state in labels}
    if lang == "zh":
        head = ("---\nkind: status\nprovisions: []\ntitle: 翻译状态\nsearch:\n  exclude: true\n---\n\n# 翻译状态\n\n"
                "每个中文页面的英文译本是否最新。英文页面记录它所翻译的中文文件的 SHA-256；"
                "中文页面改动后，英文页面就显示为“已过期”，直到译者更新译文并运行 "
                "`python -m scripts.translate stamp`。本页在构建时生成。\n\n")
        cols = "| 页面 | 状态 | 记录的版本 | 当前版本 |\n| --- | --- | --- | --- |\n"
    else:
        head = ("---\nkind: status\nprovisions: []\ntitle: Translation status\nsearch:\n  exclude: true\n---\n\n# Translation status {#翻译状态}\n\n"
                "Whether the English translation of each Chinese page is current. Each English page records the "
                "SHA-256 of the Chinese file it translates; when the Chinese page changes, the English page shows as "
                "stale until a translator updates it and runs `python -m scripts.translate stamp`. "
                "Generated at build time.\n\n")
        cols = "| Page | State | Recorded | Current |\n| --- | --- | --- | --- |\n"
    summary = "、".join(f"{labels[k]} {v}" for k, v in counts.items()) if lang == "zh" else \
        ", ".join(f"{v} {labels[k]}" for k, v in counts.items())
    body = "".join(
        f"| [{md_text(pages[r.page].title)}]({r.page}) | {labels[r.state]} | {r.recorded[:12] or '—'} | "
        f"{r.actual[:12] or '—'} |\n" for r in rows)
    return head + summary + "\n\n" + cols + body
