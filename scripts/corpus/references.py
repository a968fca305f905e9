"""References inside the texts: 本法第十二条, 前款, 本条第二款, 第二十条至第二十三条, 《…条例》第十条.

Laws cite themselves and each other in a few fixed forms. This module finds them in an article-style text
(the sentences, never the 题注 or the title) and says what each one means: the provision it names in the same
text, or a text of the handbook named by its title, short title, alias or the whole an excerpt is taken from.
A reference to a text the handbook does not hold stays text. The renderer turns each resolved reference into a
link with the cited text as its preview; the checker reports one that names a provision that does not exist.

Forms read (statutes also cite without 本法: a bare 第十二条 in a law means the law's own article):
- 本法/本条例/本办法/本规定/本细则/本决定/本章程/本规则 + 第X条[之一][第Y款][第（Z）项|第Z项][第N目], or bare 第X条…;
- 本条第Y款[第Z项], 本款第Z项, 前款[第Z项], 前两款, 前三款 (relative to the sentence's article and 款);
- 第X条至第Y条: each end is a reference of its own;
- 《title》[第X条…]: another text (or this one) by title; without an article it names the whole text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.core.ids import article_id, provision_of
from scripts.core.numerals import CLASS, NUMBER, to_int
from scripts.corpus.seeds import Corpus
from scripts.corpus.split import Document

SELF = r"本(?:法|条例|办法|规定|细则|决定|章程|规则|准则)"


def _article(tag: str) -> str:
    """第X条[之一][第Y款][第（Z）项][第N目], its groups named with `tag` (a pattern may hold it twice)."""
    return (rf"第(?P<art{tag}>{NUMBER})条(?:之(?P<zhi{tag}>{CLASS}))?(?:第(?P<kuan{tag}>{NUMBER})款)?"
            rf"(?:第[（(]?(?P<xiang{tag}>{NUMBER})[）)]?项)?(?:第(?P<mu{tag}>{NUMBER})目)?")


REFERENCE = re.compile(
    rf"(?P<title>《(?P<name>[^《》\n]{{1,60}})》)(?:{_article('t')})?"
    rf"|(?P<self>{SELF})?{_article('')}"
    rf"|(?P<this>本条)第(?P<tkuan>{NUMBER})款(?:第[（(]?(?P<txiang>{NUMBER})[）)]?项)?"
    rf"|(?P<here>本款)第[（(]?(?P<hxiang>{NUMBER})[）)]?项"
    rf"|(?P<prev>前(?P<count>[两三]?)款)(?:第[（(]?(?P<pxiang>{NUMBER})[）)]?项)?")
COUNTS = {"": 1, "两": 2, "三": 3}
# How the national laws' titles are shortened when cited: 《中华人民共和国妇女权益保障法》 → 《妇女权益保障法》.
NATIONAL = "中华人民共和国"


@dataclass(frozen=True)
class Reference:
    sentence: str  # the ID of the sentence it stands in
    start: int  # offsets within the sentence's text
    end: int
    text: str  # as written
    title: str  # the title it names (《…》), "" for the text itself
    target: str  # the provision it names ("" for a whole text)
    line: int  # in the seed
    col: int


def _number(text: str | None) -> int | None:
    try:
        return to_int(text) if text else None
    except ValueError:
        return None


def _provision(art: str, kuan: int | None, xiang: int | None, mu: int | None) -> str:
    """第十二条第一款第（三）项 → 12.1-3; a 项 with no 款 named is in the first 款, as ids.reader_to_id reads it."""
    if kuan is None and xiang is None:
        return art
    pid = f"{art}.{kuan or 1}"
    if xiang is not None:
        pid += f"-{xiang}"
        if mu is not None:
            pid += f"-{mu}"
    return pid


def find(doc: Document) -> list[Reference]:
    """Every reference in the sentences of an article-style text (a 公文 outline cites nothing this way)."""
    if doc.shape != "article":
        return []
    out = []
    for sid, sentence in doc.sentences.items():
        here = provision_of(sid)  # 12.2 or 12.1-3
        article, _, rest = here.partition(".")
        clause = int(rest.split("-")[0]) if rest else 0
        for m in REFERENCE.finditer(sentence.text):
            target, title = "", ""
            if m["title"] is not None:
                title = m["name"]
                if m["artt"]:
                    art = _number(m["artt"])
                    if art is None:
                        continue
                    target = _provision(article_id(art, _number(m["zhit"]) or 0), _number(m["kuant"]),
                                        _number(m["xiangt"]), _number(m["mut"]))
            elif m["art"] is not None:
                art = _number(m["art"])
                if art is None or (m["zhi"] and _number(m["zhi"]) is None):
                    continue
                target = _provision(article_id(art, _number(m["zhi"]) or 0), _number(m["kuan"]),
                                    _number(m["xiang"]), _number(m["mu"]))
            elif m["this"]:
                target = _provision(article, _number(m["tkuan"]), _number(m["txiang"]), None)
            elif m["here"]:
                target = _provision(article, clause or 1, _number(m["hxiang"]), None)
            elif m["prev"]:
                back = COUNTS[m["count"]]
                if clause - back < 1:
                    continue  # 前款 in an article's first 款 names nothing this module can find
                target = _provision(article, clause - back, _number(m["pxiang"]), None)
            else:
                continue
            line, col = sentence.line, sentence.col + m.start()
            if "\n" in sentence.text[:m.start()]:
                before = sentence.text[:m.start()]
                line, col = sentence.line + before.count("\n"), m.start() - before.rfind("\n")
            out.append(Reference(sid, m.start(), m.end(), m.group(0), title, target, line, col))
    return out


def titles_of(title: str, meta: dict) -> set[str]:
    """The titles a text is cited by: its own, its short title, its aliases, the whole an excerpt is taken from,
    and a national law's title without 中华人民共和国."""
    names = {title, str(meta.get("title") or ""), str(meta.get("short_title") or "")}
    aliases = meta.get("aliases") or []
    names |= {str(a) for a in (aliases if isinstance(aliases, list) else [aliases])}
    whole = meta.get("excerpt_of")
    if whole and whole != "unknown":
        names.add(str(whole))
    names |= {n[len(NATIONAL):] for n in names if n.startswith(NATIONAL)}
    return {n for n in names if n and n != "unknown"}


def title_index(corpus: Corpus) -> dict[str, str]:
    """Every title a text of the handbook is cited by → its slug (a title two texts share names neither)."""
    seen: dict[str, set[str]] = {}
    for slug, seed in corpus.seeds.items():
        for name in titles_of(seed.doc.title, seed.meta):
            seen.setdefault(name, set()).add(slug)
    return {name: next(iter(slugs)) for name, slugs in seen.items() if len(slugs) == 1}


@dataclass(frozen=True)
class Resolved:
    ref: Reference
    source: str  # the text it stands in
    slug: str  # the text it names
    target: str  # a provision of that text, "" for the whole text
    exists: bool  # whether that text has it (an excerpt lacks what lies outside it)


def resolve(corpus: Corpus, slug: str, index: dict[str, str] | None = None) -> list[Resolved]:
    """The references of one text that name a text of the handbook, with what each names."""
    index = title_index(corpus) if index is None else index
    out = []
    for ref in find(corpus.seeds[slug].doc):
        other = index.get(ref.title) if ref.title else slug
        if other is None:
            continue  # a text the handbook does not hold: it stays text
        doc = corpus.seeds[other].doc
        out.append(Resolved(ref, slug, other, ref.target, not ref.target or doc.get(ref.target) is not None))
    return out


def cited_within(corpus: Corpus) -> dict[tuple[str, str], list[Resolved]]:
    """(slug, article ID) → the references of the texts that name that article or any provision in it."""
    index = title_index(corpus)
    out: dict[tuple[str, str], list[Resolved]] = {}
    for slug in corpus.seeds:
        for r in resolve(corpus, slug, index):
            if r.exists and r.target:
                article = r.target.split(".")[0]
                out.setdefault((r.slug, article), []).append(r)
    return out
