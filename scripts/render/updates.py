"""The 更新记录 page (updates.md, both languages) and the home page's latest few (`[[updates]]`).

Each text added and each version made current, newest first (scripts/corpus/updates.py), with its
date, a link to the text and, for a version, to its 版本对照 page (source/<slug>/changes.md).
"""
from __future__ import annotations

import posixpath

from scripts.core.paths import CHANGES_PAGE, SOURCE_DIR
from scripts.core.yamlio import front_matter
from scripts.corpus.seeds import Corpus
from scripts.corpus.updates import ADDED, UNKNOWN, Update, updates
from scripts.render.markup import md_text

PAGE = "updates.md"
LATEST = 3  # how many the home page shows
TEXT = {
    "zh": {"title": "更新记录", "unknown": "日期不详", "added": "收录", "version": "{v} 成为现行文本",
           "changes": "版本对照", "all": "全部更新记录", "none": "还没有记录。",
           "cols": "| 日期 | 变化 | 文件 |\n| --- | --- | --- |\n",
           "intro": "本手册收录的政策文件有哪些变化，最新的在前：加入了哪份文件，哪份文件的新版本成为现行文本。"
                    "收录日期由 `make add-policy` 记在每份文件的说明文件（`seeds/<slug>.yml`）里，版本日期记在"
                    "版本记录（`seeds/versions/<slug>/versions.yml`）里；没有记录的写“日期不详”，不作推测。"
                    "本页在构建时生成。\n\n"},
    "en": {"title": "What changed", "unknown": "date unknown", "added": "Added", "version": "{v} made current",
           "changes": "changes between versions", "all": "Everything that changed", "none": "Nothing recorded yet.",
           "cols": "| Date | Change | Text |\n| --- | --- | --- |\n",
           "intro": "What changed in the texts this handbook holds, newest first: each text added and each new version "
                    "made current. `make add-policy` records the date a text is added in its metadata "
                    "(`seeds/<slug>.yml`); version dates are in its version record "
                    "(`seeds/versions/<slug>/versions.yml`). A date that was not recorded is shown as unknown, "
                    "never guessed. Generated at build time.\n\n"},
}


def _title(corpus: Corpus, slug: str, lang: str) -> str:
    seed = corpus.seeds[slug]
    return str((seed.meta.get("title_en") if lang == "en" else None) or seed.doc.title)


def _parts(corpus: Corpus, u: Update, here: str, lang: str, notes: bool = True) -> tuple[str, str, str]:
    """Date (with where it comes from), what happened and the text, as Markdown (links relative to `here`)."""
    words = TEXT[lang]
    folder = posixpath.relpath(f"{SOURCE_DIR}/{u.slug}", posixpath.dirname(here) or ".")
    note = (u.note_en if lang == "en" else u.note) if notes else ""
    date = words["unknown"] if u.date == UNKNOWN else u.date
    if note:
        date += f" ({note})" if lang == "en" else f"（{note}）"
    if u.kind == ADDED:
        change = words["added"]
    else:
        change = (words["version"].format(v=u.version)
                  + (f" ([{words['changes']}]({folder}/{CHANGES_PAGE}.md#{u.version}))" if lang == "en" else
                     f"（[{words['changes']}]({folder}/{CHANGES_PAGE}.md#{u.version})）"))
    title = md_text(_title(corpus, u.slug, lang))  # a title is data, shown as written
    return md_text(date), change, f"[{title if lang == 'en' else f'《{title}》'}]({folder}/index.md)"


def updates_markdown(corpus: Corpus, lang: str) -> str:
    """The whole record, as a page."""
    words = TEXT[lang]
    anchor = "" if lang == "zh" else " {#更新记录}"
    meta = {"kind": "status", "provisions": [], "title": words["title"], "search": {"exclude": True}}
    rows = "".join("| " + " | ".join(cell.replace("|", "\\|") for cell in _parts(corpus, u, PAGE, lang)) + " |\n"
                   for u in updates(corpus))
    return front_matter(meta) + f"\n# {words['title']}{anchor}\n\n" + words["intro"] + (
        words["cols"] + rows if rows else words["none"] + "\n")


def latest_markdown(corpus: Corpus, page: str, lang: str) -> str:
    """The home page's `[[updates]]`: the latest few, and a link to the whole record."""
    words = TEXT[lang]
    lines = []
    for u in updates(corpus)[:LATEST]:
        date, change, text = _parts(corpus, u, page, lang, notes=False)  # the whole record says where dates come from
        what = (f"{change}{text}" if u.kind == ADDED else f"{text}{change}") if lang == "zh" else \
            (f"{change}: {text}" if u.kind == ADDED else f"{text}: {change}")
        lines.append(f"- {date}：{what}\n" if lang == "zh" else f"- {date}: {what}\n")
    more = posixpath.relpath(PAGE, posixpath.dirname(page) or ".")
    return "".join(lines) + f"\n[{words['all']}]({more})\n"
