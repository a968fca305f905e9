"""The 版本对照 page of a policy (a 修改前后对照表 per pair of versions), and the notes on its source pages.

For each pair of consecutive versions, newest first, the page has the summary counts, the terms
the new version renamed (scripts/corpus/renames.py) and the comparison table: two columns, 修改前 |
修改后, one row per article (公文: per part and item) in the new text's order, removed ones where they
stood (scripts/corpus/compare.py). Changed words are marked word by word (scripts/corpus/words.py):
deleted ones in <del>, inserted ones in <ins>, both bold, as the NPC's tables mark them. Each row
has a stable anchor, `{new version}-{new ID}` (`v2-14`), a removed one `{new version}-removed-{old ID}`.
Rows whose wording did not change (renumbered only, or untouched) are in the table too; the page's
script (docs/assets/handbook.js) hides them behind a switch, so without a script every row shows.

The notes: each current unit the latest version changed or added says so ("本条于 2021-06-24 修改"),
linking to its row; each unit of an earlier version's pages says what it is now ("现为第十七条，已修改"),
linking to that article. Everything here is generated with the source pages (scripts/render/source.py).
"""
from __future__ import annotations

import html
import posixpath
from typing import NamedTuple

from scripts.core.paths import CHANGES_PAGE
from scripts.corpus.align import Alignment
from scripts.corpus.compare import HEADING_KINDS, Comparison, Row, Unit
from scripts.corpus.position import position_label
from scripts.corpus.seeds import Seed
from scripts.corpus.split import Document
from scripts.corpus.versions import Version, alignment, comparison, document_of
from scripts.corpus.words import BREAK, word_diff
from scripts.render.markup import md_text

TEXT = {
    "zh": {"title": "版本对照", "changed": "修改", "added": "新增", "removed": "删除", "moved": "只改了编号",
           "unchanged": "未变", "note": "本条于{when}修改", "note_added": "本条于{when}新增",
           "unknown": "日期不详", "unknown_cell": "日期不详", "was": "原为", "now": "现为",
           "intro": "《{title}》各版本之间的改动，按条逐一对照（修改前后对照表）。修改的词语加粗："
                    "删去的划线，新增的加下划线。默认只列出文字有改动的条文，按钮可以显示全部条文。",
           "versions_head": ("版本", "日期", "施行日期", "状态"),
           "by_sentence": "按句：", "by_unit": "按条：",
           "before": "修改前", "after": "修改后", "caption": "修改前后对照表：{old} → {new}",
           "renames": "改称的词语", "renames_intro": "本次修改在全文中统一改称下列词语：",
           "renames_head": "| 原称 | 现称 | 处数 |\n| --- | --- | --- |\n",
           "show_all": "显示全部 {n} 条（含未修改和只改了编号的）",
           "none_left": "（新增）", "none_right": "（删去）", "sep": "、", "arrow": " → "},
    "en": {"title": "Changes between versions", "changed": "Changed", "added": "Added", "removed": "Removed",
           "moved": "Renumbered only", "unchanged": "unchanged", "note": "Changed {when}", "note_added": "Added {when}",
           "unknown": "on an unknown date", "unknown_cell": "unknown", "was": "was", "now": "now",
           "intro": "What changed between the versions of the text, article by article (a before-and-after "
                    "table, as legislatures publish them). The text is the Chinese original; changed words are in "
                    "bold: deleted ones struck through, inserted ones underlined. Only articles whose wording "
                    "changed are listed at first; a button shows them all.",
           "versions_head": ("Version", "Date", "In force from", "Status"),
           "by_sentence": "By sentence: ", "by_unit": "By article: ",
           "before": "Before", "after": "After", "caption": "Before and after: {old} → {new}",
           "renames": "Renamed terms", "renames_intro": "This version renames these terms throughout the text:",
           "renames_head": "| Former name | New name | Occurrences |\n| --- | --- | --- |\n",
           "show_all": "Show all {n} rows (with unchanged and renumbered ones)",
           "none_left": "(new)", "none_right": "(removed)", "sep": ", ", "arrow": " → "},
}
# What a row did, as its badge says it; and, in the summary, how the rows of each kind are counted.
ROW_TEXT = {
    "zh": {"changed": "修改", "added": "新增", "removed": "删去", "split": "一条拆为几条", "merged": "几条合为一条",
           "regrouped": "几条重新组合", "moved": "只改了编号", "unchanged": "未改"},
    "en": {"changed": "changed", "added": "added", "removed": "removed", "split": "split", "merged": "merged",
           "regrouped": "regrouped", "moved": "renumbered only", "unchanged": "unchanged"},
}
UNIT_NOUN = {"article": "条", "outline": "项"}
ACT_EN = {"通过": "adopted", "修正": "amended", "修订": "revised"}
STATUS_EN = {"现行": "in force", "已修订": "revised", "废止": "repealed", "unknown": "unknown"}
# How an earlier version's unit is told what it is now, by the kind of its row to the current text.
BECAME = {
    "zh": {"unchanged": "现行文本同条，文字未改", "moved": "现为{now}，文字未改", "changed": "现为{now}，已修改",
           "removed": "现行文本已删去本条"},
    "en": {"unchanged": "Unchanged in the text in force", "moved": "Now {now}, wording unchanged",
           "changed": "Now {now}, reworded", "removed": "Removed from the text in force"},
}
# A number that stands before its text with a full-width space, as the text prints it (第十二条　……);
# a 公文's 三要 and 二、 run straight on.
SPACED = frozenset({"article"}) | (HEADING_KINDS - {"part"})
CHANGES_LINK = f"{CHANGES_PAGE}.md"  # the 版本对照 page, beside the current pages


class Mark(NamedTuple):
    """A note on a source page's unit: what happened to it, in which version, and where the link goes."""

    kind: str  # changed | added (current pages); became (an earlier version's pages)
    version: Version
    href: str  # the link's target, relative to the page: changes.md#v2-14, ../chapter-4.md#17
    now: str = ""  # an earlier version's unit: the sentence that says what it is now


def pairs(seed: Seed) -> list[tuple[Version, Version, Alignment]]:
    """Each consecutive pair of versions with what changed between them, oldest first."""
    vs = seed.versions
    return [(vs[i - 1], vs[i], alignment(seed.path.parent, seed.slug, vs[i - 1], vs[i])) for i in range(1, len(vs))]


def tables(seed: Seed) -> list[tuple[Version, Version, Comparison]]:
    """Each consecutive pair of versions with its comparison table, oldest first."""
    vs = seed.versions
    return [(vs[i - 1], vs[i], comparison(seed.path.parent, seed.slug, vs[i - 1], vs[i])) for i in range(1, len(vs))]


def when(version: Version, lang: str) -> str:
    if version.date == "unknown":
        return f"{version.label}（{TEXT[lang]['unknown']}）" if lang == "zh" else f"in {version.label} ({TEXT[lang]['unknown']})"
    return version.date if lang == "zh" else f"on {version.date}"


def anchor(version: Version, pid: str) -> str:
    return f"{version.label}-{pid}"


def row_anchor(version: Version, row: Row) -> str:
    """A row's anchor on the 版本对照 page: `v2-14`, or `v2-removed-7` for a removed unit."""
    return anchor(version, row.new[0] if row.new else f"removed-{row.old[0]}")


def notes(seed: Seed) -> dict[str, Mark]:
    """Current units the latest version changed or added: ID → its note, linking to its own row."""
    if len(seed.versions) < 2:
        return {}
    _, new, table = tables(seed)[-1]
    out: dict[str, Mark] = {}
    for row in table.rows:
        if not row.shown or not row.new or table.heading(row):
            continue
        for nid in row.new:
            out[nid] = Mark("added" if row.kind == "added" else "changed", new, f"{CHANGES_LINK}#{anchor(new, nid)}")
    return out


def became(seed: Seed, version: Version, lang: str = "zh") -> dict[str, Mark]:
    """An earlier version's units: ID → what it is in the current text, linking to it there.

    Its links are relative to the earlier version's pages (source/<slug>/v1/…)."""
    current = seed.versions[-1]
    table = comparison(seed.path.parent, seed.slug, version, current)
    now_doc = seed.doc
    out: dict[str, Mark] = {}
    for row in table.rows:
        if not row.old or table.heading(row):
            continue
        kind = {"split": "changed", "merged": "changed", "regrouped": "changed"}.get(row.kind, row.kind)
        labels = TEXT[lang]["sep"].join(position_label(now_doc, n, lang) for n in row.new)
        text = BECAME[lang][kind].format(now=labels)
        href = (f"../{posixpath.basename(seed.page_of(row.new[0]))}#{row.new[0]}" if row.new
                else f"../{CHANGES_LINK}")
        for oid in row.old:
            out[oid] = Mark("became", current, href, text)
    return out


# ---------------------------------------------------------------- the page


def _version_rows(seed: Seed, lang: str) -> str:
    t = TEXT[lang]
    # The 施行日期 column only when some version's date of entry into force is known: a column that
    # says 日期不详 on every row tells the reader nothing.
    effective_known = any(v.effective != "unknown" for v in seed.versions)
    head = [c for i, c in enumerate(t["versions_head"]) if i != 2 or effective_known]
    rows = []
    for v in seed.versions:
        date = v.date if v.date != "unknown" else t["unknown_cell"]
        if v.act and v.date != "unknown":
            date += f"（{v.act}）" if lang == "zh" else f" ({ACT_EN.get(v.act, v.act)})"
        effective = v.effective if v.effective != "unknown" else t["unknown_cell"]
        status = v.status if lang == "zh" else STATUS_EN.get(v.status, v.status)
        cells = [v.label, md_text(date), *([md_text(effective)] if effective_known else []), md_text(status)]
        rows.append("| " + " | ".join(cells) + " |\n")
    return "| " + " | ".join(head) + " |\n" + "| --- " * len(head) + "|\n" + "".join(rows) + "\n"


def _sentence_summary(changes: Alignment, lang: str) -> str:
    t, counts = TEXT[lang], changes.summary()
    if lang == "zh":
        return (t["by_sentence"] + "、".join(f"{t[k]} {counts[k]} 句" for k in ("changed", "added", "removed", "moved"))
                + f"；{t['unchanged']} {counts['unchanged']} 句。")
    return (t["by_sentence"] + ", ".join(f"{t[k].lower()} {counts[k]}" for k in ("changed", "added", "removed", "moved"))
            + f"; {t['unchanged']} {counts['unchanged']}.")


def _unit_summary(table: Comparison, doc: Document, lang: str) -> str:
    counts: dict[str, int] = {}
    for row in table.rows:
        if not table.heading(row):
            counts[row.kind] = counts.get(row.kind, 0) + 1
    shown = [k for k in ROW_TEXT[lang] if k != "unchanged" and counts.get(k)]
    words = ROW_TEXT[lang]
    if lang == "zh":
        noun = UNIT_NOUN.get(doc.shape, "项")
        by = TEXT[lang]["by_unit"] if doc.shape == "article" else "按项："
        return by + "、".join(f"{words[k]} {counts[k]} {noun if k not in ('split', 'merged', 'regrouped') else '处'}"
                              for k in shown) + f"；未改 {counts.get('unchanged', 0)} {noun}。"
    by = TEXT[lang]["by_unit"] if doc.shape == "article" else "By item: "
    return by + ", ".join(f"{words[k]} {counts[k]}" for k in shown) + f"; unchanged {counts.get('unchanged', 0)}."


def _renames(seed: Seed, new: Version, lang: str) -> str:
    found = [r for r in seed.renames if r.version == new.label]
    if not found:
        return ""
    t = TEXT[lang]
    rows = "".join(f"| {md_text(r.old)} | {md_text(r.new)} | {r.count} |\n" for r in found)
    return f"### {t['renames']} {{#{new.label}-renames}}\n\n{t['renames_intro']}\n\n{t['renames_head']}{rows}\n"


def _side_paragraphs(ops: list[tuple[str, str]], skip: str, mark: str) -> list[list[tuple[str, str]]]:
    """One side of a diff as paragraphs of (tag, text) runs: tag "" for common text, `mark` for its changes."""
    paras: list[list[tuple[str, str]]] = [[]]
    for op, text in ops:
        if op == skip:
            continue
        tag = "" if op == "=" else mark
        for i, piece in enumerate(text.split(BREAK)):
            if i:
                paras.append([])
            if piece:
                paras[-1].append((tag, piece))
    return paras


def _runs_html(runs: list[tuple[str, str]]) -> str:
    return "".join(html.escape(text, quote=False) if not tag else f"<{tag}>{html.escape(text, quote=False)}</{tag}>"
                   for tag, text in runs)


def _attr(name: str, value: str) -> str:
    return f' {name}="{html.escape(value)}"' if value else ""


def _unit_html(unit: Unit, paras: list[list[tuple[str, str]]], ident: str = "") -> str:
    number = ""
    if unit.marker:
        number = f'<span class="revision-number">{html.escape(unit.marker, quote=False)}</span>'
        number += "\u3000" if unit.kind in SPACED else ""
    cls = _attr("class", "revision-heading" if unit.heading else "")
    body = "".join(f"<p{cls}>{number if i == 0 else ''}{_runs_html(p)}</p>" for i, p in enumerate(paras or [[]]))
    return f'<div class="revision-unit"{_attr("id", ident)}>{body}</div>'


def _cells(row: Row, table: Comparison, new: Version, keep: tuple[str, ...], lang: str) -> tuple[str, str]:
    """The two cells of a row, its changes marked word by word."""
    olds, news = [table.old[o] for o in row.old], [table.new[n] for n in row.new]
    old_text = BREAK.join(p for u in olds for p in u.paragraphs)
    new_text = BREAK.join(p for u in news for p in u.paragraphs)
    if not olds:
        ops = [("+", new_text)]
    elif not news:
        ops = [("-", old_text)]
    else:
        ops = word_diff(old_text, new_text, keep)
    left, right = _side_paragraphs(ops, "+", "del"), _side_paragraphs(ops, "-", "ins")
    t = TEXT[lang]

    def cell(units: list[Unit], paras: list, empty: str, ids: bool) -> str:
        if not units:
            return f'<p class="revision-none"{_attr("lang", "en" if lang == "en" else "")}>{empty}</p>'
        out, at = [], 0
        for i, u in enumerate(units):
            n = len(u.paragraphs)
            # Every new unit after the first of its row gets an anchor of its own (the row has the first's).
            out.append(_unit_html(u, paras[at:at + n], anchor(new, u.id) if ids and i else ""))
            at += n
        return "".join(out)

    return cell(olds, left, t["none_left"], False), cell(news, right, t["none_right"], True)


def _label(row: Row, old_doc: Document, new_doc: Document, lang: str) -> str:
    """第十二条 → 第十四条 (the numbers of both sides; one when they are the same)."""
    t = TEXT[lang]
    before = t["sep"].join(position_label(old_doc, o, lang) for o in row.old)
    after = t["sep"].join(position_label(new_doc, n, lang) for n in row.new)
    label = f"{before}{t['arrow']}{after}" if before and after and before != after else after or before
    return label[:1].upper() + label[1:]


def _version_name(version: Version, lang: str) -> str:
    return f"{version.label}（{when(version, 'zh')}）" if lang == "zh" else \
        f"{version.label} ({version.date if version.date != 'unknown' else 'date unknown'})"


def _switch(table: Comparison, ident: str, lang: str) -> str:
    """The button that shows the rows whose wording did not change (handbook.js wires it; hidden without it)."""
    t = TEXT[lang]
    shown = sum(1 for r in table.rows if r.shown)
    if not shown or shown == len(table.rows):
        return ""
    label = t["show_all"].format(n=len(table.rows))
    return (f'<p class="revision-tools"><button type="button" class="revision-toggle" aria-pressed="false"'
            f'{_attr("aria-controls", ident)} hidden>{html.escape(label, quote=False)}</button></p>\n\n')


def _table(seed: Seed, old: Version, new: Version, table: Comparison, lang: str) -> str:
    t = TEXT[lang]
    old_doc = document_of(old)
    new_doc = seed.doc if new is seed.versions[-1] else document_of(new)
    keep = tuple(x for r in seed.renames if r.version == new.label for x in (r.old, r.new))
    ident = f"revision-table-{new.label}"
    # The text in the cells is Chinese on both pages; the English page's words around it are English.
    en = _attr("lang", "en" if lang == "en" else "")
    sep = "（{}）" if lang == "zh" else " ({})"
    caption = t["caption"].format(old=_version_name(old, lang), new=_version_name(new, lang))
    lines = [f'<table class="revision-table"{_attr("id", ident)}{_attr("lang", "zh" if lang == "en" else "")}>',
             f"<caption{en}>{html.escape(caption, quote=False)}</caption>",
             f'<thead{en}><tr><th scope="col">{t["before"]}{sep.format(old.label)}</th>'
             f'<th scope="col">{t["after"]}{sep.format(new.label)}</th></tr></thead>']
    for row in table.rows:
        left, right = _cells(row, table, new, keep, lang)
        cls = " ".join(["revision-row", f"revision-{row.kind}"] + (["revision-shown"] if row.shown else [])
                       + (["revision-group"] if table.heading(row) else []))
        label = html.escape(_label(row, old_doc, new_doc, lang), quote=False)
        lines.append(f'<tbody class="{cls}" id="{row_anchor(new, row)}">'
                     f'<tr class="revision-label"><th scope="rowgroup" colspan="2"{en}>{label}'
                     f'<span class="revision-kind">{ROW_TEXT[lang][row.kind]}</span></th></tr>'
                     f'<tr><td class="revision-old"{_attr("data-label", t["before"])}>{left}</td>'
                     f'<td class="revision-new"{_attr("data-label", t["after"])}>{right}</td></tr></tbody>')
    lines.append("</table>")
    return _switch(table, ident, lang) + "\n".join(lines) + "\n\n"


def render_changes(seed: Seed, front_matter: str, lang: str = "zh") -> str:
    """The 版本对照 page: per pair of versions, newest first, the summary and the comparison table."""
    t = TEXT[lang]
    out = [front_matter, f"# {t['title']}\n\n" if lang == "zh" else f"# {t['title']} {{#版本对照}}\n\n"]
    out.append(t["intro"].format(title=md_text(seed.doc.title)) + "\n\n")
    out.append(_version_rows(seed, lang))
    for (old, new, changes), (_, _, table) in reversed(list(zip(pairs(seed), tables(seed)))):
        out.append(f'<section class="revision" id="{new.label}" markdown>\n\n')
        out.append(f"## {old.label} → {new.label}\n\n")
        out.append(_sentence_summary(changes, lang) + "\n\n")
        doc = seed.doc if new is seed.versions[-1] else document_of(new)
        out.append(_unit_summary(table, doc, lang) + "\n\n")
        out.append(_renames(seed, new, lang))
        out.append(_table(seed, old, new, table, lang))
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
