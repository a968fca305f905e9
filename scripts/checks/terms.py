"""One English rendering per term, one title per page (TERM_VARIANT).

The English glossary (`docs/glossary.en.md`) is the termbase. Its section `## Fixed English
renderings {#固定译名}` is a table, one row a term:

    | Chinese | English | Also used | Not used |
    | 坚强阵地 | strong base | | strong front |

"English" is the rendering, "Also used" lists accepted variants and "Not used" the rejected
ones (separated by commas). A row for a term that has a glossary entry must give the entry's
English name, so the entry and the table cannot disagree.

On English pages (`*.en.md`) every rejected rendering is reported where it occurs: a whole-word,
case-insensitive match outside code and outside the table itself. A rejected rendering inside
quotation marks is let through only when the source translation itself uses it (a verbatim
quotation is QUOTE_MISMATCH's business, not this check's).

Titles: a link to a guidance, checklist or template page whose text names a page (it starts with
the title's number, `模板：`/`Template: ` or `清单 `/`Checklist `) must give that page's title as
its front matter writes it, in either language, so the ways one page is cited cannot drift.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from scripts.core.paths import counterpart
from scripts.corpus.translation import load_source_translation
from scripts.pages.collect import PageRecord, mask_code, slugify
from scripts.pages.glossary import parse_glossary
from scripts.corpus.seeds import Corpus
from scripts.core.diagnostics import Diagnostic, line_col

GLOSSARY_EN = "glossary.en.md"
TERMBASE_HEADING = re.compile(r"^##[ \t]+.*\{#固定译名\}[ \t]*$", re.M)
NEXT_SECTION = re.compile(r"^##[ \t]", re.M)
ROW = re.compile(r"^\|(?P<cells>.*)\|[ \t]*$", re.M)
LINK_TARGET = re.compile(r"\]\([^)\n]*\)|^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
QUOTED = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")
TITLED_KINDS = ("guidance", "checklist", "template")
# Link texts that name a page: "2.5 …", "模板：…", "Template: …", "清单 2.5", "Checklist 2.5".
NAMES_PAGE = re.compile(r"^(?:\d+(?:\.\d+)?[ \t]|模板：|Template: |清单[ \t]|Checklist[ \t])")


@dataclass(frozen=True)
class TermRow:
    chinese: str
    english: str
    accepted: tuple[str, ...]
    rejected: tuple[str, ...]
    line: int


def _split(cell: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in cell.split(",") if c.strip() and c.strip() not in ("—", "-"))


def termbase_span(text: str) -> tuple[int, int] | None:
    m = TERMBASE_HEADING.search(text)
    if not m:
        return None
    nxt = NEXT_SECTION.search(text, m.end())
    return m.start(), nxt.start() if nxt else len(text)


def parse_termbase(text: str) -> list[TermRow]:
    span = termbase_span(text)
    if span is None:
        return []
    rows = []
    for m in ROW.finditer(text, *span):
        cells = [c.strip() for c in m["cells"].split("|")]
        if len(cells) < 4 or set(cells[0]) <= set("-: ") or cells[0] in ("Chinese", "中文"):
            continue
        rows.append(TermRow(cells[0], cells[1], _split(cells[2]), _split(cells[3]), line_col(text, m.start())[0]))
    return rows


def _pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.replace("’", "'").split()]
    return re.compile(r"(?<![\w'])" + r"\s+".join(words) + r"(?![\w'])", re.I)


def _source_english(corpus: Corpus) -> str:
    chunks = []
    for seed in corpus.seeds.values():
        tr = load_source_translation(seed)[0]
        if tr is not None:
            chunks += [tr.title, *tr.headings.values(), *tr.labels.values(), *tr.sentences.values()]
    return "\n".join(chunks).lower()


def check_terms(pages: dict[str, PageRecord], corpus: Corpus, source_english: str | None = None) -> list[Diagnostic]:
    """TERM_VARIANT for rejected renderings on English pages and for page titles cited otherwise."""
    diags: list[Diagnostic] = []
    glossary = pages.get(GLOSSARY_EN)
    rows = parse_termbase(glossary.text) if glossary else []
    if rows:
        diags += _check_rows_against_entries(glossary, rows)
        if source_english is None:
            source_english = _source_english(corpus)
        rejected = [(r, phrase, _pattern(phrase)) for r in rows for phrase in r.rejected]
        for rel, rec in sorted(pages.items()):
            if rel.endswith(".en.md") and rec.kind != "source" and rec.meta_ok:
                diags += _check_page_terms(rec, rejected, source_english)
    diags += _check_titles(pages)
    return diags


def _check_rows_against_entries(glossary: PageRecord, rows: list[TermRow]) -> list[Diagnostic]:
    entries = {term.anchor: term for term in parse_glossary(glossary.text, "en")}
    out = []
    for row in rows:
        entry = entries.get(slugify(row.chinese))
        if entry and entry.term.lower() != row.english.lower():
            out.append(Diagnostic(glossary.shown, row.line, 1, "TERM_VARIANT",
                                  f"{row.chinese} is rendered {row.english!r} here but {entry.term!r} in its entry",
                                  "give the entry and the row one rendering"))
    return out


def _check_page_terms(rec: PageRecord, rejected, source_english: str) -> list[Diagnostic]:
    masked = mask_code(rec.text)
    # File names are not prose: ../templates/appeal-register.md stays as it is.
    skip = [(0, rec.body_start)] + [(m.start(), m.end()) for m in LINK_TARGET.finditer(masked)]
    if rec.path == GLOSSARY_EN:
        span = termbase_span(rec.text)
        if span:
            skip.append(span)
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(masked, rec.body_start)]
    # A phrase whose first word the page does not hold cannot match: most pages hold none of them, and a
    # scan for a pattern that starts with a look-behind tries every position of the page.
    lowered = masked.casefold()
    out = []
    for row, phrase, pattern in rejected:
        if phrase.replace("’", "'").split()[0].casefold() not in lowered:
            continue
        for m in pattern.finditer(masked):
            if any(s <= m.start() < e for s, e in skip):
                continue
            if phrase.lower() in source_english and any(s < m.start() < e for s, e in quoted):
                continue
            line, col = line_col(rec.text, m.start())
            accepted = ", ".join(row.accepted)
            out.append(Diagnostic(rec.shown, line, col, "TERM_VARIANT",
                                  f"{' '.join(m.group(0).split())!r} is not used for {row.chinese}: write {row.english!r}",
                                  "the glossary's fixed renderings (glossary.en.md#固定译名)"
                                  + (f" also accept: {accepted}" if accepted else "")))
    return out


@functools.lru_cache(maxsize=None)  # asked once per link: the same few hundred titles, again and again
def _title_forms(title: str, kind: str) -> frozenset[str]:
    """The ways a page may be named: its title, with 模板：/Template: before it, or by number alone."""
    forms = {title, f"模板：{title}", f"Template: {title}"}
    words = title.split(" ")
    lead = 2 if kind == "checklist" else 1
    if len(words) > lead and re.fullmatch(r"\d+(?:\.\d+)?", words[lead - 1]):
        forms.add(" ".join(words[:lead]))  # "2.5", "清单 2.5", "Checklist 2.5"
        forms.add(" ".join(words[lead:]))  # the title without its number
    return frozenset(forms)


def _check_titles(pages: dict[str, PageRecord]) -> list[Diagnostic]:
    out = []
    for rel, rec in sorted(pages.items()):
        if rec.kind == "source" or not rec.links:
            continue
        english = rel.endswith(".en.md")
        for link in rec.links:
            if link.external or link.anchor or not link.page or link.image:
                continue
            # An English link names the English page; while that is missing there is no title to keep.
            target = pages.get(counterpart(link.page) if english else link.page)
            if target is None or target.kind not in TITLED_KINDS:
                continue
            text = link.text
            if text is None or (target.kind != "template" and not NAMES_PAGE.match(text)):
                continue
            if text in _title_forms(target.title, target.kind):
                continue
            title = target.title
            want = f"Template: {title}" if text.startswith("Template") else f"模板：{title}" if text.startswith("模板") else title
            out.append(Diagnostic(rec.shown, link.line, link.col, "TERM_VARIANT",
                                  f"link text {text!r} is not the title of {target.path}",
                                  f"write [{want}]({link.target}), or the number alone"))
    return out


