"""Quotations followed by a citation must be the cited text, word for word (QUOTE_MISMATCH).

What counts (docs/contributing.md, 引用原文):
- a quotation is text between “ and ”, 「 and 」, or a pair of straight " on one line;
- it is checked when a bracket （…）/(…) that holds only citations (§2.2.3、§2.2.4) follows it
  in the same sentence (before 。！？, a . ! ? and a space, or the end of the line): the
  sentence says where its quotations come from, whether the bracket stands right after the
  closing mark (“……”（§2.5.3）) or at the end of the sentence;
- a quotation that is a glossary term or one of its other spellings (“妇女之家”, "two
  committees", "Women's Homes") names something and is not checked: TERM_VARIANT checks names;
- it must occur in one of the cited provisions: a sentence, or the whole text of an item or
  part (its sentences and its sub-items). Chinese quotations are compared with the seed,
  English ones (on *.en.md pages) with the source translation `seeds/<slug>.en.yml`; a
  quotation in Chinese characters on an English page is compared with the seed. A citation of an
  earlier version (§slug@v1:12) is compared with that version's text.
- …… / … / ... inside a quotation marks an omission: the pieces must occur in order.
- Compared after removing quotation marks (nested quotes may be written either way), Markdown
  emphasis, spaces, and the translator's bracketed Chinese glosses in English ("Women's Home
  (妇女之家)"); English compares case-insensitively. Nothing else is forgiven: a page that
  paraphrases drops the quotation marks.
Code spans and blocks, raw HTML tags and link targets are ignored.
"""
from __future__ import annotations

import difflib
import re

from scripts.checks.revisions import current_id
from scripts.corpus.translation import load_source_translation
from scripts.pages.collect import PageRecord
from scripts.pages.glossary import parse_glossary
from scripts.corpus.seeds import Corpus
from scripts.core.diagnostics import Diagnostic, line_col

ELLIPSIS = re.compile(r"……|…|\.\.\.")
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
GLOSS = re.compile(r"\s*[（(][^（）()]*[\u3400-\u9fff][^（）()]*[）)]")
DROP = re.compile(r"[“”‘’「」『』\"*_\s]")
HINT_CHARS = 160


def _normal(text: str, english: bool) -> str:
    if english:
        text = GLOSS.sub("", text).replace("’", "'").lower()
    return DROP.sub("", text)


def occurs(quote: str, cited: str, english: bool) -> bool:
    """The quotation, its omissions allowed, is in the cited text."""
    hay = _normal(cited, english)
    pos = 0
    for piece in ELLIPSIS.split(quote):
        piece = _normal(piece, english).strip(",.;:，。；：、")
        if not piece:
            continue
        i = hay.find(piece, pos)
        if i < 0:
            return False
        pos = i + len(piece)
    return True


def _cited_texts(corpus: Corpus, translations: dict, slug: str, pid: str, english: bool,
                 rec: PageRecord | None = None, version: str = "") -> list[str]:
    seed = corpus.resolve(slug, rec.document if rec else "")
    if seed is not None and rec is not None and not version:  # a page checked against an earlier version
        pid = current_id(rec, seed, pid) or pid                # cites in its numbering
    doc = seed.doc_at(version) if seed is not None else None
    if doc is None or doc.get(pid) is None:
        return []  # UNKNOWN_DOCUMENT / UNKNOWN_VERSION / UNKNOWN_PROVISION say so
    node = doc.provisions.get(pid)
    ids = [pid] + ([s.id for s in node.sentences] if node else [])
    if not english or version:  # an earlier version has no translation: its Chinese is what is quoted
        return [doc.text_of(i) for i in ids]
    tr = translations.get(seed.slug)
    if tr is None:
        return []  # no source translation: TRANSLATION_MISSING says so
    return [t for t in (tr.text_of(seed, i) for i in ids) if t]


def _overlap(quote: str, text: str, english: bool) -> tuple[int, int]:
    a, b = _normal(quote, english), _normal(text, english)
    run = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size
    return run, -len(text)


def _window(quote: str, text: str) -> str:
    """The part of a long cited text around where the quotation best matches it."""
    text, width = " ".join(text.split()), _limit(text)
    if len(text) <= width:
        return text
    a, b = quote.lower(), text.lower()
    at = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).b
    start = max(0, min(at - width // 3, len(text) - width))
    return ("…" if start else "") + text[start:start + width] + ("…" if start + width < len(text) else "")


def _name_key(text: str) -> str:
    return GLOSS.sub("", text).strip().lower().replace("’", "'").removesuffix("s")


def _glossary_names(pages: dict[str, PageRecord]) -> set[str]:
    names = set()
    for rel, lang in (("glossary.md", "zh"), ("glossary.en.md", "en")):
        if rel in pages:
            for term in parse_glossary(pages[rel].text, lang):
                names.update(_name_key(f) for f in term.forms)
    return names


def _limit(text: str) -> int:
    # A Chinese character is as wide as two Latin ones in a terminal.
    return HINT_CHARS // 2 if CJK.search(text) else HINT_CHARS


def _bounded(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def check_quotations(pages: dict[str, PageRecord], corpus: Corpus, translations: dict | None = None) -> list[Diagnostic]:
    """QUOTE_MISMATCH for every quotation that is not in the text it cites.

    `translations` maps a seed slug to its SourceTranslation (scripts/corpus/translation.py); English pages
    are compared with it."""
    if translations is None:
        translations = {slug: load_source_translation(seed)[0] for slug, seed in corpus.seeds.items()}
    names = _glossary_names(pages)
    diags = []
    for rec in pages.values():
        if rec.kind == "source" or not rec.meta_ok:
            continue
        en_page = rec.path.endswith(".en.md")
        for q in rec.quotations:
            if _name_key(q.text) in names:
                continue
            english = en_page and (bool(LATIN.search(q.text)) or not CJK.search(q.text))
            texts = [t for slug, pid, version in q.cited
                     for t in _cited_texts(corpus, translations, slug, pid, english, rec, version)]
            if not texts or any(occurs(q.text, t, english) for t in texts):
                continue
            line, col = line_col(rec.text, q.start)
            where = "、".join(f"§{slug}{'@' + version if version else ''}{':' if slug else ''}{pid}"
                             for slug, pid, version in q.cited)
            source = "the source translation" if english else "the text"
            # The cited sentence that shares the longest run with the quotation is what was meant.
            shown = _window(q.text, max(texts, key=lambda t: _overlap(q.text, t, english)))
            diags.append(Diagnostic(
                rec.shown, line, col, "QUOTE_MISMATCH",
                f"quotation {_bounded(q.text, _limit(q.text) // 2)!r} is not in {where} of {source}",
                f"{where} reads: {shown}; quote it word for word, or drop the quotation marks"))
    return diags
