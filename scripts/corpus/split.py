"""Split a Chinese policy text into provisions and sentences with stable IDs.

Usage: python -m scripts.split SEED.txt [--format text|json]

The numbering styles the splitter reads are one table (scripts/corpus/numbering.py): each row
is a marker pattern, an ordinal converter, a nesting level and what follows from the marker
(it may run on inside a paragraph, it numbers through the text, it only groups, it opens 款 …).
The walk below reads those columns and never a style's name; its state is one record (_State).
Adding a style is a row and a fixture under tests/fixtures/split/.

Two shapes of text:

* 公文 outline (意见, 通知, 实施方案): `一、` / `（一）` / `1.` / `（1）` / `①` to any depth, and
  enumerations `一要` / `一是` / `第一，` on their own lines or running inside a paragraph. The top
  style present is the part level. IDs: parts `N`, the second level `N.M`, deeper levels
  `N.M-K-…`; paragraphs before a part's first numbered child form its intro `N.0`; a part with
  no numbered children numbers its paragraphs `N.1…`; paragraphs before the first part are
  part 0 (`0.1…`).
* Article style (法, 条例, 办法, 规定, 章程), recognised by `第X条` lines (第一千零四十二条, 第1条):
  编 (`bk5`), 分编 (`bk5-2`), chapters `第X章` (`ch1`, in a code `bk5-ch1`), sections `第X节`
  (`ch1-2`) and an un-numbered 附则 (`supp`) only group; articles are numbered through the whole
  text (`4` is 第四条 in whatever chapter), one inserted by an amendment (第十三条之一) is `13-1`;
  an article's paragraphs are its 款 (`4.1`, `4.2`); `（一）` items in a 款 are 项 (`4.2-3`) and
  `1.` inside those 目 (`4.2-3-1`). A reader's 第四条第二款第（三）项 is `4.2-3`, and may be cited
  so (`§第四条第二款第（三）项`). An excerpt may start at any 编, chapter or article (第五编,
  第一千零四十条): `Document.starts` says where; gaps after its start are still errors.

Every piece of running text is a sentence (its provision's ID plus `.n`, e.g. `2.5.3`): an
item's own lead-in before its children, lines ending in `：` or `；`, lines with no terminator.
Only titles are headings: a part's line up to its first terminator, a numbered line with no
punctuation that has text under it, chapter and section lines, an article's `第X条`. An
enumeration running inside a paragraph hangs from that paragraph's unit, and the paragraph
after it closes it: that paragraph continues the unit (its next sentences, or the part's next
paragraph). Un-numbered paragraphs after a numbered line continue that item; in an article
they start its next 款. The title, its 题注 (the bracketed history under it, scripts/corpus/caption.py
reads it), an addressee line (`各街道妇联：`), a `目录` as official sites print it, an `附件：` list and
the signature and date lines at the end are document-level pieces, shown (the 目录 not) but not cited.

The split is lossless: `Document.pieces` cover the text without gaps or overlaps, so joining
them reproduces the file byte for byte. IDs depend only on the numbering in the text.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from scripts.core import cachefile, ids
from scripts.core.diagnostics import Diagnostic, DiagnosticError, line_col
from scripts.corpus.numbering import CLAUSE_LEVEL, LEVEL_ORDER, STYLES, Style, marker_end

TERMINATORS = "。！？!?"
CLOSERS = "”’」』）)】"
# Punctuation that makes a line running text rather than a title.
SENTENCE_MARKS = TERMINATORS + "；;：:，,"
SENTENCE = re.compile(rf"[^{TERMINATORS}]*(?:[{TERMINATORS}]+[{CLOSERS}]*|$)")
# A byte-order mark (U+FEFF) at a line start is invisible: indentation, never part of a title or heading.
INDENT = re.compile(r"[ \t\u3000\ufeff]*")
BLANK = " \t\u3000\ufeff\r\n"  # what may stand between pieces: indentation and line endings
# What may stand right before an enumeration running on inside a paragraph.
RUN_IN_AFTER = TERMINATORS + CLOSERS + "；;：:，,"
ATTACHMENTS = re.compile(r"附件[：:]?")
TOC_WORD = re.compile(r"目[ \t\u3000]*录")
CAPTION_LINES = 12  # a 题注 of more lines than this is some other bracketed text
ARTICLE_TITLE = re.compile(r"[ \t\u3000]*(?:[（(][^）)\n]{1,20}[）)]|【[^】\n]{1,20}】)")
LABELS = {"intro": "导语", "clause": "第{n}款"}


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    start: int
    line: int
    col: int


@dataclass
class Provision:
    """A structural unit: a part, an item, an intro, a paragraph, a chapter, an article, a 款."""

    id: str
    kind: str  # part | item | intro | paragraph | chapter | section | article | clause
    level: int
    marker: str  # the numbering as written (`五要`, `二、`, `第四条`), "" when un-numbered
    heading: str  # heading text for heading provisions, "" otherwise
    line: int
    col: int
    parent: str | None
    sentences: list[Sentence] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    start: int = 0  # offset of its first character (heading or text) in the document

    @property
    def text(self) -> str:
        """The provision's own sentences (headings excluded), verbatim."""
        return "".join(s.text for s in self.sentences)

    @property
    def label(self) -> str:
        """A short label for headings and tables: the heading, or the lead clause of the first sentence."""
        if self.heading:
            return self.heading
        if self.kind in LABELS:  # an intro, or a 款 (named by its number, as readers cite it)
            return LABELS[self.kind].format(n=ids.int_to_cn(int(self.id.rsplit(".", 1)[-1])))
        first = self.sentences[0].text if self.sentences else ""
        lead = re.split(r"[，,。；;：:！？]", first, maxsplit=1)[0]
        lead = lead[marker_end(lead):].strip(" \t\u3000")
        return lead if len(lead) <= 16 else lead[:16] + "……"


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    owner: str  # provision or sentence ID; "" for document-level pieces
    role: str  # title | caption | addressee | toc | heading | sentence | space | attachment | closing


@dataclass(frozen=True)
class Page:
    """One source page: a part (公文), a chapter, or all articles of a text without chapters.

    In a code, a 编 (and a 分编) is no page of its own: its chapters are, and the 编's heading opens
    on the page of its first chapter (`heads`); `groups` are the 编 and 分编 a page stands in."""

    key: str  # part-2, chapter-1, book-5-chapter-1, supplementary, articles
    top: tuple[str, ...]  # the provisions it shows, highest level first
    heads: tuple[str, ...] = ()  # groups whose headings open on this page, outermost first
    groups: tuple[str, ...] = ()  # the groups the page stands in, outermost first


@dataclass(frozen=True)
class Start:
    """Where an excerpt starts: the first unit of a style that does not count from one (第一千零四十条)."""

    kind: str  # book | subbook | chapter | article
    marker: str
    line: int
    col: int


# Kinds that only group (a 编, 分编, 章, 节, 附则): never a sentence of their own.
GROUP_KINDS = frozenset(s.kind for s in STYLES if s.holds == "heading")
# Chapters, and what stands in their place, are pages; sections stay on their chapter's page.
PAGE_KEY = re.compile(r"(?:bk(?P<book>\d+))?(?:-(?P<part>\d+))?-?(?:ch(?P<chapter>\d+))?")


def page_key(group: str) -> str:
    """The page of a group: `ch1` → chapter-1, `bk5-ch1` → book-5-chapter-1, `bk2-2` → book-2-part-2."""
    if group == ids.SUPPLEMENTARY:
        return "supplementary"
    m = PAGE_KEY.fullmatch(group)
    words = [f"{word}-{m[word]}" for word in ("book", "part", "chapter") if m and m[word]]
    return "-".join(words) if words else group


@dataclass
class Document:
    slug: str
    path: str
    text: str
    title: str
    addressee: str
    provisions: dict[str, Provision]
    sentences: dict[str, Sentence]
    pieces: list[Piece]
    shape: str = "outline"  # outline | article
    caption: str = ""  # the 题注 under the title, as written (scripts/corpus/caption.py reads it)
    toc: list[str] = field(default_factory=list)  # the 目录 as printed: its lines, the word 目录 first
    starts: list[Start] = field(default_factory=list)  # where an excerpt starts; empty for a whole text
    _page_keys: dict[str, str] | None = field(default=None, repr=False, compare=False)
    # Position labels' steps per (provision ID, language), filled by scripts/corpus/position.py; not an __init__
    # argument, so that a Document made from another (dataclasses.replace) starts with none of its labels.
    _positions: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def excerpt(self) -> bool:
        """The text starts inside a whole (第五编, 第一千零四十条), not at its beginning."""
        return bool(self.starts)

    def join(self) -> str:
        return "".join(self.text[p.start:p.end] for p in self.pieces)

    def get(self, pid: str) -> Provision | Sentence | None:
        return self.provisions.get(pid) or self.sentences.get(pid)

    def all_ids(self) -> list[str]:
        out: list[str] = []
        for p in self.provisions.values():
            out.append(p.id)
            out.extend(s.id for s in p.sentences)
        return out

    def parts(self) -> list[Provision]:
        """The top-level provisions: parts, or chapters and articles outside chapters."""
        return [p for p in self.provisions.values() if p.parent is None]

    def pages(self) -> list[Page]:
        """The source pages of the text, in order."""
        out: list[Page] = []
        heads: list[str] = []

        def group(prov: Provision, groups: tuple[str, ...]) -> None:
            kids = [self.provisions[c] for c in prov.children]
            inner = [k for k in kids if k.kind in GROUP_KINDS]
            if prov.kind == "chapter" or not inner:
                out.append(Page(page_key(prov.id), (prov.id,), tuple(heads), groups))
                heads.clear()
                return
            # A 编 of chapters: its heading opens on its first page; what stands directly in it is a page of its own.
            heads.append(prov.id)
            direct = tuple(k.id for k in kids if k.kind not in GROUP_KINDS)
            if direct:
                out.append(Page(page_key(prov.id), direct, tuple(heads), groups + (prov.id,)))
                heads.clear()
            for k in inner:
                group(k, groups + (prov.id,))

        for top in self.parts():
            if top.kind == "article":  # articles outside chapters share one page
                if out and out[-1].key == "articles":
                    out[-1] = Page("articles", out[-1].top + (top.id,))
                else:
                    out.append(Page("articles", (top.id,)))
            elif top.kind in GROUP_KINDS:
                group(top, ())
            else:
                out.append(Page(f"part-{top.id}", (top.id,)))
        return out

    def page_of(self, pid: str) -> str:
        """The key of the source page that shows a provision or sentence."""
        if self._page_keys is None:
            keys: dict[str, str] = {}
            for page in self.pages():
                for shown in page.heads + page.top:
                    keys[shown] = page.key
            self._page_keys = keys
        node = self.provisions.get(ids.provision_of(pid))
        if node is None:
            raise KeyError(pid)
        while node.id not in self._page_keys:
            node = self.provisions[node.parent]
        return self._page_keys[node.id]

    def top_of(self, pid: str) -> str:
        """The top-level provision holding a provision or sentence."""
        node = self.provisions.get(ids.provision_of(pid))
        if node is None:
            raise KeyError(pid)
        while node.parent is not None:
            node = self.provisions[node.parent]
        return node.id

    def descendants(self, pid: str) -> list[Provision]:
        out: list[Provision] = []
        for cid in self.provisions[pid].children:
            out.append(self.provisions[cid])
            out.extend(self.descendants(cid))
        return out

    def flow(self, pid: str) -> list[Sentence | Provision]:
        """A provision's own sentences and its children, in the order the text has them."""
        node = self.provisions[pid]
        items: list[Sentence | Provision] = [*node.sentences, *(self.provisions[c] for c in node.children)]
        return sorted(items, key=lambda x: x.start)

    def text_of(self, pid: str) -> str:
        """Full text of a provision or sentence, children included, verbatim."""
        node = self.get(pid)
        if isinstance(node, Sentence):
            return node.text
        if node is None:
            raise KeyError(pid)
        # A provision's sentences run on; its heading and each child start a line of their own.
        lines: list[str] = [node.heading] if node.heading else []
        run = ""
        for x in self.flow(pid):
            if isinstance(x, Sentence):
                run += x.text
                continue
            if run:
                lines.append(run)
                run = ""
            lines.append(self.text_of(x.id))
        if run:
            lines.append(run)
        return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- building


@dataclass
class _Block:
    """One line, or one run-in member of a line, with the numbering style it starts with."""

    start: int  # first non-indent character
    end: int  # end of text, line ending excluded
    style: Style | None  # None: an un-numbered paragraph
    number: int | None = 0  # None: numerals that do not read (reported as NUMBER_FORM)
    marker: str = ""
    line_start: bool = True
    sub: int = 0  # the 一 of 第十三条之一


@dataclass
class _Node:
    role: str  # root | unit (numbered) | para (un-numbered paragraph) | clause (a 款 of an article)
    style: Style | None
    number: int
    marker: str
    start: int
    sub: int = 0
    heading: tuple[int, int] | None = None
    content: list[tuple[int, int]] = field(default_factory=list)
    children: list["_Node"] = field(default_factory=list)
    parent: "_Node | None" = None
    title_only: bool = False  # a heading kept only if text comes under it

    @property
    def level(self) -> float:
        return {"root": -1, "clause": CLAUSE_LEVEL, "para": 99}.get(self.role) if self.style is None else self.style.level

    def holds(self, what: str) -> bool:
        return self.style is not None and self.style.holds == what


@dataclass
class _State:
    """Where the walk over a text's lines stands; every step of the walk reads and changes only this."""

    root: _Node
    stack: list[_Node]  # the open units, outermost first
    holder: _Node  # the unit the current line's text belongs to
    last: dict[tuple[str, int], _Block] = field(default_factory=dict)  # last block per style and scope
    seen: set[str] = field(default_factory=set)  # styles met so far (the first may start an excerpt)

    @classmethod
    def start(cls) -> "_State":
        root = _Node("root", None, 0, "", 0)
        return cls(root, [root], root)

    @property
    def top(self) -> _Node:
        return self.stack[-1]


class _Lines:
    """A text as lines, and the numbering style a line starts with: what both passes over a text read."""

    def __init__(self, text: str, path: str):
        self.text = text
        self.path = path
        self.diags: list[Diagnostic] = []
        self.shape = "outline"

    def error(self, offset: int, code: str, message: str, hint: str = "") -> None:
        line, col = line_col(self.text, offset)
        self.diags.append(Diagnostic(self.path, line, col, code, message, hint))

    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of each line's text, line endings excluded."""
        out = []
        for m in re.finditer(r"[^\r\n]*(\r\n|\n|\r|$)", self.text):
            if m.start() == len(self.text) and not m.group(0):
                break
            out.append((m.start(), m.end() - len(m.group(1))))
            if m.end() >= len(self.text):
                break
        return out

    def _strip(self, s: int, e: int) -> tuple[int, int]:
        s = INDENT.match(self.text, s, e).end()
        while e > s and self.text[e - 1] in " \t\u3000":
            e -= 1
        return s, e

    def _line_style(self, body: str) -> tuple[Style, re.Match, tuple[int, int] | None] | None:
        """The style whose marker starts a line, the match, and its (number, inserted number)."""
        for style in STYLES:
            m = style.pattern.match(body)
            if not m or (style.needs_text and len(body) == m.end()):
                continue
            if self.shape == "outline" and style.article_only:
                continue
            number = style.number_of(m)
            if number is None and not style.strict:
                continue  # numeral characters that are no number: 千万要 is words
            return style, m, number
        return None


class _Frame(_Lines):
    """The document-level pieces around a text's body: shown, never cited, never numbered."""

    def __init__(self, text: str, path: str):
        super().__init__(text, path)
        self.title: tuple[int, int] | None = None
        self.caption: list[tuple[int, int]] = []
        self.addressee: tuple[int, int] | None = None
        self.toc: list[tuple[int, int]] = []
        self.attachments: list[tuple[int, int]] = []
        self.closing: list[tuple[int, int]] = []

    def frame(self, content_lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Takes the title, 题注, addressee, closing, attachments and 目录 off the text's non-blank lines;
        returns the lines of the body, and decides the text's shape (article-style when a 第X条 starts one)."""
        # Title: the first non-blank line; addressee: a short following line ending in a colon.
        self.title = self._strip(*content_lines[0])
        rest = self._take_caption(content_lines[1:])
        if rest:
            s, e = self._strip(*rest[0])
            body = self.text[s:e]
            if body.endswith(("：", ":")) and len(body) <= 40 and not any(t in body for t in TERMINATORS):
                self.addressee = (s, e)
                rest = rest[1:]
        rest = self._take_closing(rest)
        rest = self._take_attachments(rest)
        if any(s.makes_articles and s.pattern.match(self.text[slice(*self._strip(a, b))])
               for a, b in rest for s in STYLES):
            self.shape = "article"
            rest = self._take_toc(rest)
        return rest

    def _take_caption(self, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The 题注 right after the title: one parenthesis over one or more lines, opened at the start of
        the first and closed at the end of the last ((2015年12月27日……通过　根据……修正)); never a （一）."""
        if not lines:
            return lines
        s, e = self._strip(*lines[0])
        if self.text[s] not in "（(" or self._line_style(self.text[s:e]):
            return lines
        depth = 0
        for i, (a, b) in enumerate(lines[:CAPTION_LINES]):
            a, b = self._strip(a, b)
            for j in range(a, b):
                depth += {"（": 1, "(": 1, "）": -1, ")": -1}.get(self.text[j], 0)
                if depth == 0 and j < b - 1:
                    return lines  # the parenthesis closes inside a line: a phrase in brackets, not a 题注
            if depth == 0:
                self.caption = [self._strip(*ln) for ln in lines[:i + 1]]
                return lines[i + 1:]
        return lines

    def _take_toc(self, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A 目录 as official sites print it: the word, then headings that the body repeats.

        It ends at the first line that is no heading (the first 第X条) or where the body starts
        repeating it (its first entry again): it never swallows the body."""
        if not lines or not TOC_WORD.fullmatch(self.text, *self._strip(*lines[0])):
            return lines
        entries: list[tuple[int, int]] = []
        first = None
        for line in lines[1:]:
            a, b = self._strip(*line)
            found = self._line_style(self.text[a:b])
            if found is None or found[0].holds != "heading":
                break
            key = (found[0], found[2])
            if first is None:
                first = key
            elif key == first:
                break
            entries.append((a, b))
        if not entries:
            return lines
        self.toc = [self._strip(*lines[0])] + entries
        return lines[1 + len(entries):]

    def _take_closing(self, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Signature and date lines at the very end: short, no sentence terminator, no numbering."""
        while lines:
            s, e = self._strip(*lines[-1])
            body = self.text[s:e]
            if len(body) > 30 or self._line_style(body) or any(t in body for t in TERMINATORS + "；;："):
                break
            self.closing.insert(0, (s, e))
            lines = lines[:-1]
        return lines

    def _take_attachments(self, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """An `附件：` line near the end and the attachment names after it."""
        for i in range(len(lines) - 1, -1, -1):
            s, e = self._strip(*lines[i])
            if ATTACHMENTS.match(self.text, s, e):
                names = [self._strip(*ln) for ln in lines[i:]]
                if all(len(self.text[a:b]) <= 60 and not any(t in self.text[a:b] for t in "。！？")
                       for a, b in names):
                    self.attachments = names
                    return lines[:i]
                break
        return lines


class _Splitter(_Frame):
    """Turns a text into a tree of units: the document-level pieces first (_Frame), then the numbered body."""

    def __init__(self, text: str, path: str):
        super().__init__(text, path)
        self.starts: list[_Block] = []  # first units that do not count from one: where an excerpt starts

    def classify(self, start: int, end: int) -> list[_Block]:
        body = self.text[start:end]
        found = self._line_style(body)
        if found is None:
            first = _Block(start, end, None)
        else:
            style, m, number = found
            first = _Block(start, end, style, number[0] if number else None, m.group(0), sub=number[1] if number else 0)
            if number is None:
                self.error(start, "NUMBER_FORM", f"{m.group(0)}: {m['num']} is not a number as statutes write one",
                           f"write it as statutes do, e.g. {style.marker(1040)} or {style.marker(110)}")
        if first.style is not None and first.style.holds != "text":
            return [first]  # a heading or an article line is never split into run-in members
        return self.split_running(first)

    def split_running(self, first: _Block) -> list[_Block]:
        """Split `……。一要……。二要……。` (any run-in style) running inside one line into blocks."""
        body = self.text[first.start:first.end]
        best: list[tuple[int, Style, re.Match]] = []
        for style in (s for s in STYLES if s.run_in):
            found = []
            numbers = []
            for m in style.pattern.finditer(body, 1):
                number = style.number_of(m)
                if body[m.start() - 1] in RUN_IN_AFTER and m.end() < len(body) and number is not None:
                    found.append((m.start(), style, m))
                    numbers.append(number[0])
            # Only a real enumeration counts: it starts at one and has at least two members, or it
            # counts on from a line-start item of its style (一要……。二要……), whose numbering is then
            # checked like any other: 一要……。三要…… is a gap at 三要. One that starts again at one
            # inside the item (一是……：一是……；二是……) is the item's text.
            continues = first.style is style
            if not continues:
                while numbers and numbers[0] != 1:
                    found, numbers = found[1:], numbers[1:]
                if not found or len(found) < 2:
                    continue
            elif not found or numbers[0] <= first.number:
                continue
            if len(found) > len(best):
                best = found
        if not best:
            return [first]
        blocks = [_Block(first.start, first.start + best[0][0], first.style, first.number, first.marker,
                         first.line_start)]
        for i, (cut, style, m) in enumerate(best):
            stop = first.start + best[i + 1][0] if i + 1 < len(best) else first.end
            blocks.append(_Block(first.start + cut, stop, style, style.number_of(m)[0], m.group(0),
                                 line_start=False))
        return blocks

    # -- blocks to tree

    def build(self) -> _Node:
        st = _State.start()
        content_lines = [(s, e) for s, e in self.lines() if self.text[s:e].strip()]
        if not content_lines:
            self.error(0, "SEED_EMPTY", "the file holds no text", "a seed needs at least a title line")
            return st.root
        for s, e in self.frame(content_lines):
            s, e = self._strip(s, e)
            for block in self.classify(s, e):
                self._place(block, st)
        self._settle_titles(st.root)
        return st.root

    def _place(self, block: _Block, st: _State) -> None:
        style = block.style
        if style is None:
            self._place_para(block, st)
            return
        if not block.line_start:
            # Inside a paragraph: the enumeration hangs from the unit that holds the paragraph
            # (a line-start 一要 continued inside its own line: its siblings).
            owner = st.holder
            if owner.style is style and owner.parent is not None:
                owner = owner.parent
            node = _Node("unit", style, block.number, block.marker, block.start, parent=owner,
                         content=[(block.start, block.end)])
            self._check_number(block, owner, st)
            owner.children.append(node)
            if owner is st.holder.parent:
                st.stack.append(node)
                st.holder = node
            return
        if style.enumeration:
            # On its own line: an item of the innermost open unit that is not itself an enumeration.
            while (st.top.style is not None and st.top.style.enumeration) or st.top.role == "para":
                st.stack.pop()
        else:
            while st.top.role != "root" and st.top.level >= style.level:
                st.stack.pop()
        parent = st.top
        if style.inside and not any(n.style is not None and n.style.name == style.inside for n in st.stack):
            outer = next(s for s in STYLES if s.name == style.inside)
            self.error(block.start, "NUMBER_LEVEL", f"{block.marker} stands outside any {outer.form}",
                       f"a {style.form} belongs in a {outer.form}: put that heading above it")
        else:
            self._check_number(block, parent, st)
        node = _Node("unit", style, block.number, block.marker, block.start, parent=parent, sub=block.sub)
        parent.children.append(node)
        st.stack.append(node)
        st.holder = node
        body = self.text[block.start:block.end]
        if style.holds == "heading":
            node.heading = (block.start, block.end)
        elif style.holds == "clauses":
            title = ARTICLE_TITLE.match(body, len(block.marker))
            head_end = block.start + (title.end() if title else len(block.marker))
            node.heading = (block.start, head_end)
            text_start = INDENT.match(self.text, head_end, block.end).end()
            if text_start < block.end:
                self._new_clause(st, text_start, block.end)
        elif parent.role == "root":  # a part: the top level, whatever its style
            self._split_part_line(node, block)
            if node.children:  # text after the part's title holds what runs on in the line
                st.holder = node.children[-1]
        elif style.enumeration or any(ch in body for ch in SENTENCE_MARKS):
            node.content.append((block.start, block.end))
        else:
            node.heading = (block.start, block.end)
            node.title_only = True

    def _place_para(self, block: _Block, st: _State) -> None:
        if self.shape == "article":
            # In an article-style text a paragraph is the next 款 of the open article, or stands
            # directly under a heading.
            while st.top.role != "root" and not (st.top.holds("heading") or st.top.holds("clauses")):
                st.stack.pop()
            if st.top.holds("clauses"):
                self._new_clause(st, block.start, block.end)
                return
        parent = st.top
        is_part = parent.parent is not None and parent.parent.role == "root"
        if parent.role == "root" or parent.holds("heading") or is_part:  # these never own sentences
            node = _Node("para", None, 0, "", block.start, content=[(block.start, block.end)], parent=parent)
            parent.children.append(node)
            st.holder = node
        else:
            parent.content.append((block.start, block.end))
            st.holder = parent

    def _new_clause(self, st: _State, start: int, end: int) -> None:
        while not st.top.holds("clauses"):
            st.stack.pop()
        article = st.top
        clause = _Node("clause", None, len(article.children) + 1, "", start, content=[(start, end)], parent=article)
        article.children.append(clause)
        st.stack.append(clause)
        st.holder = clause

    def _split_part_line(self, node: _Node, block: _Block) -> None:
        """A part line is its title; text after a terminator in it is a paragraph of the part."""
        body = self.text[block.start:block.end]
        if len(body.strip()) <= len(block.marker):
            self.error(block.start, "PART_NO_HEADING", f"part {block.marker} has no heading text",
                       "a part line reads like 二、解放思想、开拓创新")
        m = re.search(rf"[{TERMINATORS}][{CLOSERS}]*", body)
        if m and m.end() < len(body):
            node.heading = (block.start, block.start + m.end())
            rest = block.start + m.end()
            node.children.append(_Node("para", None, 0, "", rest, content=[(rest, block.end)], parent=node))
        elif body[-1] in SENTENCE_MARKS:
            # The whole line is running text (一、请于……前报送。): the part's first paragraph.
            node.heading = None
            node.children.append(_Node("para", None, 0, "", block.start, content=[(block.start, block.end)],
                                       parent=node))
        else:
            node.heading = (block.start, block.end)

    def _settle_titles(self, node: _Node) -> None:
        """A title-like item line with nothing under it is running text after all."""
        for child in node.children:
            self._settle_titles(child)
        if node.title_only and not node.children and not node.content:
            node.content.append(node.heading)
            node.heading = None

    def _check_number(self, block: _Block, parent: _Node, st: _State) -> None:
        style = block.style
        if style.ordinal is None or block.number is None:
            return  # an un-numbered heading, or numerals already reported as NUMBER_FORM
        others = [c for c in parent.children if c.role == "unit" and c.style is not style
                  and not c.style.enumeration and not style.enumeration and c.style.ordinal is not None]
        if others and not style.through:
            prev = others[-1]
            self.error(block.start, "NUMBER_LEVEL",
                       f"{block.marker} stands at the level of {prev.marker} (line {line_col(self.text, prev.start)[0]})",
                       f"公文 levels nest in the order {LEVEL_ORDER}; number this level in one style")
            return
        first_of_style = style.name not in st.seen
        st.seen.add(style.name)
        if style.through:
            scope = parent
            while scope.role != "root" and (style.through == "text" or scope.style is None
                                            or scope.style.name != style.through):
                scope = scope.parent
            last = st.last.get((style.name, id(scope)))
            st.last[(style.name, id(scope))] = block
        else:
            last = next((c for c in reversed(parent.children) if c.style is style), None)
        number = (block.number, block.sub)
        if last is None and style.excerpt_start and first_of_style:
            if number != (1, 0):  # the text starts inside a whole: an excerpt, said once, never an error
                self.starts.append(block)
            return
        previous = (last.number, last.sub) if last is not None else (0, 0)
        nexts = [(previous[0] + 1, 0)] + ([(previous[0], previous[1] + 1)] if style.inserted and last else [])
        if number in nexts:
            return
        # An inserted article out of order (之二 after 第五条) is told the inserted one it skipped.
        expected = style.marker(*(nexts[-1] if block.sub and block.number == previous[0] else nexts[0]))
        prev_marker = last.marker if last is not None else ""
        if prev_marker and number <= previous:
            self.error(block.start, "NUMBER_REPEATED", f"{block.marker} repeats or goes back (after {prev_marker})",
                       f"expected {expected} next")
        else:
            self.error(block.start, "NUMBER_GAP",
                       f"{block.marker} follows {prev_marker or 'the start of its level'}; expected {expected}",
                       "a numbering level must count up from one without gaps")


def _assign(text: str, root: _Node, sp: _Splitter) -> tuple[dict[str, Provision], dict[str, Sentence], list[Piece]]:
    provisions: dict[str, Provision] = {}
    sentences: dict[str, Sentence] = {}
    pieces: list[Piece] = []

    def normalise(node: _Node, pid: str | None, groups: dict[str, str]) -> list[tuple[_Node, str, str]]:
        """Children with their IDs and kinds; paragraphs resolved into intros, paragraphs or 款."""
        paras = [c for c in node.children if c.role == "para"]
        numbered = [c for c in node.children if c.role != "para"]
        out: list[tuple[_Node, str, str]] = []
        if node.role == "root" and paras:
            # Paragraphs before the first part (or of a text with no parts) are part 0.
            part0 = _Node("para", None, 0, "", paras[0].start, children=paras)
            out.append((part0, "0", "part"))
        elif paras and numbered and node.role != "root":
            intro = _Node("para", None, 0, "", paras[0].start,
                          content=[span for p in paras for span in p.content],
                          children=[c for p in paras for c in p.children])
            out.append((intro, ids.child_id(pid, 0), "intro"))
        elif paras:
            out.extend((c, ids.child_id(pid, i + 1), "paragraph") for i, c in enumerate(paras))
        for c in numbered:
            if c.role == "clause":
                out.append((c, ids.child_id(pid, c.number), "clause"))
            elif c.style.ident is not None:
                out.append((c, c.style.ident(c.number, c.sub, pid, groups), c.style.kind))
            else:
                out.append((c, ids.child_id(pid, c.number), "part" if node.role == "root" else c.style.kind))
        return sorted(out, key=lambda x: x[0].start) if node.role != "root" else out

    def visit(node: _Node, pid: str | None, depth: int, groups: dict[str, str]) -> None:
        """Number a node's children; `groups`: the enclosing 编, 章 … by kind, which some IDs name."""
        for child, cid, kind in normalise(node, pid, groups):
            line, col = line_col(text, child.start)
            prov = Provision(cid, kind, depth + 1, child.marker, "", line, col, pid, start=child.start)
            if child.heading:
                prov.heading = text[child.heading[0]:child.heading[1]]
                pieces.append(Piece(child.heading[0], child.heading[1], cid, "heading"))
            n = 0
            for s, e in child.content:
                for m in SENTENCE.finditer(text, s, e):
                    if m.start() == m.end():
                        continue
                    n += 1
                    sid = ids.sentence_id(cid, n)
                    sl, sc = line_col(text, m.start())
                    sent = Sentence(sid, m.group(0), m.start(), sl, sc)
                    prov.sentences.append(sent)
                    sentences[sid] = sent
                    pieces.append(Piece(m.start(), m.end(), sid, "sentence"))
            if (kind == "part" or (child.style is not None and child.style.holds != "text")) and prov.sentences:
                raise AssertionError(f"{cid}: a {kind} cannot own sentences")  # its IDs would collide
            if pid is not None:
                provisions[pid].children.append(cid)
            if cid in provisions:
                sp.error(child.start, "DUPLICATE_ID", f"provision {cid} occurs twice",
                         f"two units of the text get the same ID; number this level in one style ({LEVEL_ORDER})")
            provisions[cid] = prov
            if child.children:
                visit(child, cid, depth + 1, {**groups, kind: cid})

    visit(root, None, 0, {})
    return provisions, sentences, pieces


def _fill(text: str, pieces: list[Piece]) -> list[Piece]:
    """Order pieces and give every gap (indentation, line endings, blank lines) to the piece before it."""
    pieces = sorted(pieces, key=lambda p: p.start)
    out: list[Piece] = []
    pos = 0
    for p in pieces:
        if p.start > pos:
            out.append(Piece(pos, p.start, out[-1].owner if out else "", "space"))
        out.append(p)
        pos = p.end
    if pos < len(text):
        out.append(Piece(pos, len(text), "", "space"))
    for p in out:
        if p.role == "space" and text[p.start:p.end].strip(BLANK):
            raise AssertionError(f"text left outside any provision at offset {p.start}: {text[p.start:p.end]!r}")
    return out


def decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        raise DiagnosticError([Diagnostic(path, line, col, "SEED_ENCODING",
                                          f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                                          "save the seed as UTF-8, e.g. iconv -f GB18030 -t UTF-8")]) from None


# What no page, nav, PDF or Word file can show as the text has it: C0 and C1 control characters (tab and
# line endings aside), non-characters, the Unicode line and paragraph separators (a line of their own in
# some readers and none in others) and bidirectional controls (they reorder what a reader sees).
UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u2028\u2029"
                        "\u202a-\u202e\u2066-\u2069]")


def check_characters(text: str, path: str) -> None:
    """Refuse, at its line and column, a character that cannot be represented in what the handbook builds."""
    bad = [m for m in UNSHOWABLE.finditer(text)][:5]
    if bad:
        diags = []
        for m in bad:
            line, col = line_col(text, m.start())
            diags.append(Diagnostic(path, line, col, "SEED_CHARACTER",
                                    f"U+{ord(m.group(0)):04X} ({unicodedata.name(m.group(0), 'a control character')}) "
                                    "cannot be shown as written",
                                    "delete it or replace it with what it stands for (a space, a line break); "
                                    "copying from a PDF or a web page often brings such characters along"))
        raise DiagnosticError(diags)


def split_text(text: str, path: str = "<text>", slug: str = "") -> Document:
    check_characters(text, path)
    sp = _Splitter(text, path)
    root = sp.build()
    if sp.diags:
        raise DiagnosticError(sp.diags)
    provisions, sentences, pieces = _assign(text, root, sp)
    if sp.diags:
        raise DiagnosticError(sp.diags)
    if sp.title:
        pieces.append(Piece(*sp.title, "", "title"))
    if sp.addressee:
        pieces.append(Piece(*sp.addressee, "", "addressee"))
    for role, spans in (("caption", sp.caption), ("toc", sp.toc), ("attachment", sp.attachments),
                        ("closing", sp.closing)):
        pieces.extend(Piece(s, e, "", role) for s, e in spans)
    title = text[sp.title[0]:sp.title[1]] if sp.title else ""
    addressee = text[sp.addressee[0]:sp.addressee[1]] if sp.addressee else ""
    caption = text[sp.caption[0][0]:sp.caption[-1][1]] if sp.caption else ""
    starts = [Start(b.style.kind, b.marker, *line_col(text, b.start)) for b in sp.starts]
    return Document(slug, path, text, title, addressee, provisions, sentences, _fill(text, pieces), sp.shape,
                    caption, [text[s:e] for s, e in sp.toc], starts)


# A process splits the same text more than once: the nav and the checker each load the corpus, once
# per language, and `make serve` again on every edit (2.7 s of a rebuild at 50 texts). Documents are
# never changed after the split, so one made from the same bytes is handed out again.
_SPLIT: dict[tuple[str, str, str], Document] = {}
_SPLIT_KEPT = 512


def split_cache_file(cache: Path, path: Path, slug: str) -> Path:
    """Where split_file keeps a text: one file per text (named by its path and slug), so an edited text replaces
    its own file."""
    return cache / f"{hashlib.blake2b(repr((str(path), slug)).encode(), digest_size=8).hexdigest()}.pickle"


def split_file(path: Path | str, slug: str = "", cache: Path | None = None) -> Document:
    """The text of `path`, split. With `cache` (a folder), a text split by an earlier process from the same bytes
    with the same code is read back instead: every check and build loads every text, and at 50 texts splitting
    them took 0.24 s, reading them back 0.08 s."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DiagnosticError([Diagnostic(str(path), 1, 1, "SEED_UNREADABLE", exc.strerror or str(exc))]) from None
    slug = slug or path.stem
    key = (str(path), slug, hashlib.sha256(data).hexdigest())
    if key not in _SPLIT:
        doc = cachefile.MISS
        if cache is not None:
            file, stored_key = split_cache_file(cache, path, slug), (cachefile.code_digest(), key)
            doc = cachefile.load(file, stored_key)
        if doc is cachefile.MISS:
            doc = split_text(decode(data, str(path)), str(path), slug)
            if cache is not None:
                cachefile.save(file, stored_key, doc)
        if len(_SPLIT) >= _SPLIT_KEPT:
            _SPLIT.pop(next(iter(_SPLIT)))
        _SPLIT[key] = doc
    return _SPLIT[key]


def rows(doc: Document) -> list[dict]:
    """Every provision and sentence as a record (the CLI's output and the golden split files)."""
    out = []
    for prov in doc.provisions.values():
        out.append({"id": prov.id, "kind": prov.kind, "line": prov.line, "col": prov.col,
                    "text": prov.heading or prov.label})
        out.extend({"id": s.id, "kind": "sentence", "line": s.line, "col": s.col, "text": s.text}
                   for s in prov.sentences)
    return out
