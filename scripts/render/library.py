"""The library: every text of the handbook with who issued it, what kind of text it is, its dates and whether it
is in force, grouped by kind, as the law sites list them (the home page's `[[policies]]` and the 文件库 page).

A text's kind is what its own title calls it (…法, …条例, …办法, …意见): the title's last word, read through
the table below, or `category:` in its metadata where a person knows better. Dates are those its metadata
records (from its 题注, or written by a person); status is its versions' (现行 / 已修订 / 废止) or its
metadata's. What nobody knows is left out of the row, never guessed.
"""
from __future__ import annotations

import posixpath

from scripts.corpus.seeds import Corpus, Seed
from scripts.core.paths import LIBRARY_PAGE
from scripts.core.yamlio import front_matter
from scripts.render.markup import md_text

# (group, English group, the words a title ends with): the first row whose word ends the title wins, so
# 办法 is read before 法.
CATEGORIES = [
    ("规定、办法、细则", "Rules and measures", ("办法", "规定", "细则", "规则", "准则", "标准")),
    ("法律", "Laws", ("法典", "法")),
    ("条例", "Regulations", ("条例",)),
    ("意见、通知、方案", "Opinions, notices and plans", ("意见", "通知", "方案", "决定", "纲要", "规划", "指引", "指南")),
]
OTHER = ("其他文件", "Other documents")
ORDER = [row[0] for row in CATEGORIES[1:2] + CATEGORIES[2:3] + CATEGORIES[0:1] + CATEGORIES[3:]] + [OTHER[0]]
DATE_KEYS = [("adopted", "通过", "adopted"), ("revised", "修订", "revised"), ("amended", "修正", "amended"),
             ("effective", "施行", "in force from"), ("date", "成文", "dated")]
TEXT = {
    "zh": {"issuer": "发文机关", "excerpt": "节选", "sentences": "共 {n} 句"},
    "en": {"issuer": "Issued by", "excerpt": "excerpt", "sentences": "{n} sentences"},
}
STATUS_EN = {"现行": "in force", "已修订": "revised", "废止": "repealed"}


def category(seed: Seed) -> tuple[str, str]:
    """(group, English group) of a text: its metadata's `category`, else what its title calls it."""
    given = seed.meta.get("category")
    if given and given != "unknown":
        return str(given), str(seed.meta.get("category_en") or given)
    title = seed.doc.title.split("（")[0].split("(")[0].strip()  # 示范民法典（婚姻家庭编节选） → 示范民法典
    return next(((group, en) for group, en, endings in CATEGORIES if title.endswith(endings)), OTHER)


def status(seed: Seed) -> str:
    if len(seed.versions) > 1:
        return seed.versions[-1].status
    value = str(seed.meta.get("status") or "unknown")
    return value


def dates(seed: Seed, lang: str) -> str:
    """Every date the metadata records of the text, oldest first: 2001-03-08 通过；2010-12-25 修正."""
    found = []
    for key, zh, en in DATE_KEYS:
        value = seed.meta.get(key)
        for v in value if isinstance(value, list) else [value]:
            if v and v != "unknown":
                found.append((str(v), f"{v} {zh}" if lang == "zh" else f"{en} {v}"))
    parts = [shown for _, shown in sorted(found)]
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


PAGE_TEXT = {
    "zh": ("文件库", "本手册收录的全部政策文件，按文种分组：谁发布、什么时候通过和修改、是否现行。"
           "没有写明的信息不填，不作推测。点文件名看原文（逐条编号，可以链接和引用）。"),
    "en": ("Library", "Every policy text in this handbook, grouped by kind: who issued it, when it was adopted and "
           "amended, whether it is in force. What a text does not state is left blank, not guessed. Follow a title "
           "for the text, numbered provision by provision."),
}


def library_page(analysis, lang: str, directory_urls: bool, stash=None) -> str:
    """The 文件库 page (a generated page, scripts/render/generated.py)."""
    title, intro = PAGE_TEXT[lang]
    anchor = "" if lang == "zh" else f" {{#{PAGE_TEXT['zh'][0]}}}"
    head = front_matter({"kind": "overview", "provisions": [], "title": title})
    return f"{head}\n# {title}{anchor}\n\n{intro}\n\n" + library_markdown(analysis.corpus, LIBRARY_PAGE, lang)


def library_markdown(corpus: Corpus, page: str, lang: str) -> str:
    """The texts grouped by kind: each its title (linked) and a line of what is known of it.

    A list, not a table: on a phone a table of four columns wraps every date over three lines."""
    t = TEXT[lang]
    groups: dict[str, list[Seed]] = {}
    names: dict[str, str] = {}
    for seed in sorted(corpus.seeds.values(), key=lambda s: (s.slug != corpus.default.slug, s.doc.title, s.slug)):
        group, en = category(seed)
        groups.setdefault(group, []).append(seed)
        names[group] = group if lang == "zh" else en
    out = []
    for group in sorted(groups, key=lambda g: (ORDER.index(g) if g in ORDER else len(ORDER), g)):
        out.append(f"**{md_text(names[group])}**\n\n")
        for seed in groups[group]:
            href = posixpath.relpath(seed.index_page, posixpath.dirname(page) or ".")
            title = (seed.meta.get("title_en") if lang == "en" else None) or seed.doc.title
            issuer = seed.meta.get("issuing_body_en" if lang == "en" else "issuing_body") or seed.meta.get("issuing_body")
            state = status(seed)
            known_issuer = issuer and issuer != "unknown"
            facts = [(f"{t['issuer']}：{issuer}" if lang == "zh" else f"{t['issuer']} {issuer}") if known_issuer else "",
                     dates(seed, lang),
                     "" if state == "unknown" else (STATUS_EN.get(state, state) if lang == "en" else state),
                     t["excerpt"].strip(" （）()") if seed.doc.excerpt else "",
                     t["sentences"].format(n=len(seed.doc.sentences))]
            meta = " · ".join(md_text(f) for f in facts if f)
            out.append(f'- [{md_text(title)}]({href})<br><span class="library-meta">{meta}</span>\n')
        out.append("\n")
    return "".join(out).rstrip("\n") + "\n"
