"""Split a Chinese policy text into provisions with stable IDs.

Usage: python -m scripts.split SEED.txt [--format text|json]

The ID rule (also in docs/contributing.md):

* Parts (the top numbering level in the document, `一、` in the seed) are `N`.
* The second level (`一要` items, or `（一）` under `一、`) is `N.M`.
* Deeper levels are joined with a hyphen: `2.1-3`, `2.1-3-2`.
* Un-numbered paragraphs that come before the first numbered child of a heading
  form one intro provision numbered 0 (`2.0`). A heading with no numbered
  children numbers its paragraphs 1..n (`1.1`, `1.2`). Paragraphs before the
  first part belong to part 0 (`0.1`).
* Sentences are their provision's ID plus `.n`, counted from 1 (`2.5.3`).

A structural ID therefore contains at most one dot and a sentence ID at least
two, so no sentence ID can equal a structural ID, however deep the document.
IDs depend only on the numbering in the text, never on page layout.

The split is lossless: `Document.pieces` cover the text without gaps or
overlaps, so joining them reproduces the file byte for byte.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from scripts.diagnostics import Diagnostic, DiagnosticError, line_col, render

CN_DIGITS = "零一二三四五六七八九"
CN_NUM = "[一二三四五六七八九十]+"

# Conventional hierarchy of Chinese official documents, highest first.
STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("cn", re.compile(rf"(?P<num>{CN_NUM})、")),
    ("pcn", re.compile(rf"[（(](?P<num>{CN_NUM})[）)]")),
    ("num", re.compile(r"(?P<num>\d{1,3})[.．、](?!\d)")),
    ("pnum", re.compile(r"[（(](?P<num>\d{1,3})[）)]")),
]
YAO = re.compile(rf"(?P<num>{CN_NUM})要")
RANK = {name: i for i, (name, _) in enumerate(STYLES)}
RANK["yao"] = len(STYLES)
TERMINATORS = "。！？!?"
CLOSERS = "”’」』）)】"
SENTENCE = re.compile(rf"[^{TERMINATORS}]*(?:[{TERMINATORS}]+[{CLOSERS}]*|$)")
INDENT = re.compile(r"[ \t\u3000]*")
# A terminator (with its closing quotes) right before an enumeration marker inside a line.
RUNNING_YAO = re.compile(rf"(?<=[{TERMINATORS}{CLOSERS}])(?={CN_NUM}要)")


def cn_to_int(text: str) -> int:
    """Chinese numerals up to 99: 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return CN_DIGITS.index(text)
    tens, _, ones = text.partition("十")
    return (CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(ones) if ones else 0)


def int_to_cn(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    start: int
    line: int
    col: int


@dataclass
class Provision:
    """A structural unit: a part, an item, an intro or an implicit paragraph."""

    id: str
    kind: str  # part | item | intro | paragraph
    level: int
    marker: str  # the numbering as written (`五要`, `二、`), "" when un-numbered
    heading: str  # heading text for heading provisions, "" otherwise
    line: int
    col: int
    parent: str | None
    sentences: list[Sentence] = field(default_factory=list)
    children: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The provision's own sentences (headings excluded), verbatim."""
        return "".join(s.text for s in self.sentences)

    @property
    def label(self) -> str:
        """A short label for headings and tables: the lead clause of the first sentence."""
        if self.heading:
            return self.heading
        if self.kind == "intro":
            return "导语"
        first = self.sentences[0].text if self.sentences else ""
        lead = re.split(r"[，,。；！？]", first, maxsplit=1)[0]
        m = YAO.match(lead)
        lead = lead[m.end():] if m else lead
        return lead if len(lead) <= 16 else lead[:16] + "……"


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    owner: str  # provision or sentence ID; "" for document-level pieces
    role: str  # title | addressee | heading | sentence | space | closing


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

    def join(self) -> str:
        return "".join(self.text[p.start:p.end] for p in self.pieces)

    def get(self, pid: str) -> Provision | Sentence | None:
        return self.provisions.get(pid) or self.sentences.get(pid)

    def all_ids(self) -> list[str]:
        ids: list[str] = []
        for p in self.provisions.values():
            ids.append(p.id)
            ids.extend(s.id for s in p.sentences)
        return ids

    def parts(self) -> list[Provision]:
        return [p for p in self.provisions.values() if p.kind == "part"]

    def descendants(self, pid: str) -> list[Provision]:
        out: list[Provision] = []
        for cid in self.provisions[pid].children:
            out.append(self.provisions[cid])
            out.extend(self.descendants(cid))
        return out

    def text_of(self, pid: str) -> str:
        """Full text of a provision or sentence, children included, verbatim."""
        node = self.get(pid)
        if isinstance(node, Sentence):
            return node.text
        if node is None:
            raise KeyError(pid)
        chunks = [node.heading] if node.heading else []
        chunks.append(node.text)
        chunks.extend(self.text_of(c) for c in node.children)
        return "\n".join(c for c in chunks if c)


# ---------------------------------------------------------------- building


@dataclass
class _Node:
    style: str  # a STYLES name, "yao", "para" or "root"
    number: int
    marker: str
    start: int  # offset of the marker (or paragraph start)
    heading: tuple[int, int] | None = None
    content: list[tuple[int, int]] = field(default_factory=list)
    children: list["_Node"] = field(default_factory=list)
    parent: "_Node | None" = None

    @property
    def is_heading(self) -> bool:
        return self.heading is not None or self.style == "root"


@dataclass
class _Block:
    start: int  # first non-indent character
    end: int  # end of text, line ending excluded
    style: str  # STYLES name, "yao" or "para"
    number: int = 0
    marker: str = ""


class _Splitter:
    def __init__(self, text: str, path: str):
        self.text = text
        self.path = path
        self.diags: list[Diagnostic] = []
        self.title: tuple[int, int] | None = None
        self.addressee: tuple[int, int] | None = None
        self.closing: list[tuple[int, int]] = []

    def error(self, offset: int, code: str, message: str, hint: str = "") -> None:
        line, col = line_col(self.text, offset)
        self.diags.append(Diagnostic(self.path, line, col, code, message, hint))

    # -- lines to blocks

    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of each line's text, line endings excluded."""
        out, pos = [], 0
        for m in re.finditer(r"[^\r\n]*(\r\n|\n|\r|$)", self.text):
            if m.start() == len(self.text) and not m.group(0):
                break
            end = m.end() - len(m.group(1))
            out.append((m.start(), end))
            pos = m.end()
            if pos >= len(self.text):
                break
        return out

    def classify(self, start: int, end: int) -> list[_Block]:
        body = self.text[start:end]
        for name, pattern in STYLES:
            m = pattern.match(body)
            if m:
                return [_Block(start, end, name, cn_to_int(m["num"]), m.group(0))]
        m = YAO.match(body)
        if m:
            return self.split_running(start, end, first=_Block(start, end, "yao", cn_to_int(m["num"]), m.group(0)))
        if body.startswith("——"):
            return [_Block(start, end, "para")]
        return self.split_running(start, end, first=_Block(start, end, "para"))

    def split_running(self, start: int, end: int, first: _Block) -> list[_Block]:
        """Split `……。一要……。二要……。` running in one paragraph into blocks."""
        body = self.text[start:end]
        cuts = [m.start() for m in RUNNING_YAO.finditer(body) if m.start() > 0]
        numbers = [cn_to_int(YAO.match(body, c)["num"]) for c in cuts]
        # Only a real enumeration counts: it starts at 一要 (or continues a line-start 一要) and runs on.
        expected = first.number + 1 if first.style == "yao" else 1
        if not numbers or numbers[0] != expected or (first.style != "yao" and len(numbers) < 2):
            return [first]
        blocks = [_Block(start, start + cuts[0], first.style, first.number, first.marker)]
        for i, cut in enumerate(cuts):
            stop = start + cuts[i + 1] if i + 1 < len(cuts) else end
            m = YAO.match(body, cut)
            blocks.append(_Block(start + cut, stop, "yao", numbers[i], m.group(0)))
        return blocks

    # -- blocks to tree

    def build(self) -> _Node:
        root = _Node("root", 0, "", 0)
        lines = [ln for ln in self.lines()]
        content_lines = [(s, e) for s, e in lines if self.text[s:e].strip()]
        if not content_lines:
            self.error(0, "SEED_EMPTY", "the file holds no text", "a seed needs at least a title line")
            return root
        # Title: the first non-blank line; addressee: a short following line ending in a colon.
        self.title = self._strip(*content_lines[0])
        rest = content_lines[1:]
        if rest:
            s, e = self._strip(*rest[0])
            body = self.text[s:e]
            if body.endswith(("：", ":")) and len(body) <= 40 and not any(t in body for t in TERMINATORS):
                self.addressee = (s, e)
                rest = rest[1:]
        rest = self._take_closing(rest)
        top = self._top_style(rest)
        stack: list[_Node] = [root]
        for s, e in rest:
            s, e = self._strip(s, e)
            for block in self.classify(s, e):
                self._place(block, stack, top)
        return root

    def _strip(self, s: int, e: int) -> tuple[int, int]:
        s += INDENT.match(self.text, s, e).end() - s
        while e > s and self.text[e - 1] in " \t\u3000":
            e -= 1
        return s, e

    def _take_closing(self, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Signature and date lines at the very end: short, no sentence terminator, no numbering."""
        while lines:
            s, e = self._strip(*lines[-1])
            body = self.text[s:e]
            numbered = any(p.match(body) for _, p in STYLES) or YAO.match(body)
            if len(body) > 30 or numbered or any(t in body for t in TERMINATORS):
                break
            self.closing.insert(0, (s, e))
            lines = lines[:-1]
        return lines

    def _top_style(self, lines: list[tuple[int, int]]) -> str | None:
        ranks = []
        for s, e in lines:
            s, e = self._strip(s, e)
            body = self.text[s:e]
            for name, pattern in STYLES:
                if pattern.match(body):
                    ranks.append(RANK[name])
                    break
        return STYLES[min(ranks)][0] if ranks else None

    def _place(self, block: _Block, stack: list[_Node], top: str | None) -> None:
        if block.style == "para":
            parent = stack[-1]
            if parent.is_heading:
                node = _Node("para", 0, "", block.start, content=[(block.start, block.end)], parent=parent)
                parent.children.append(node)
            else:
                parent.content.append((block.start, block.end))
            return
        rank = RANK[block.style]
        if block.style == "yao":
            # Enumerations belong to the innermost open unit that is not itself an enumeration item.
            while stack[-1].style == "yao":
                stack.pop()
        else:
            while stack[-1].style != "root" and RANK.get(stack[-1].style, -1) >= rank:
                stack.pop()
        parent = stack[-1]
        self._check_number(block, parent)
        node = _Node(block.style, block.number, block.marker, block.start, parent=parent)
        if block.style == top:
            self._split_heading(node, block, stack, top)
        elif self.text[block.end - 1] in TERMINATORS + CLOSERS:
            node.content.append((block.start, block.end))
        else:
            node.heading = (block.start, block.end)
        parent.children.append(node)
        stack.append(node)

    def _split_heading(self, node: _Node, block: _Block, stack: list[_Node], top: str) -> None:
        """Parts are always headings; text after a terminator in the heading line is a paragraph."""
        body = self.text[block.start:block.end]
        if len(body.strip()) <= len(block.marker):
            self.error(block.start, "PART_NO_HEADING", f"part {block.marker} has no heading text",
                       "a part line reads like 二、解放思想、开拓创新")
        m = re.search(rf"[{TERMINATORS}][{CLOSERS}]*", body)
        if m and m.end() < len(body):
            node.heading = (block.start, block.start + m.end())
            rest_start = block.start + m.end()
            node.children.append(_Node("para", 0, "", rest_start, content=[(rest_start, block.end)], parent=node))
        else:
            node.heading = (block.start, block.end)

    def _check_number(self, block: _Block, parent: _Node) -> None:
        siblings = [c for c in parent.children if c.style == block.style]
        expected = siblings[-1].number + 1 if siblings else 1
        if block.number == expected:
            return
        show = (lambda n: int_to_cn(n) + "要") if block.style == "yao" else str
        if siblings and block.number <= siblings[-1].number:
            self.error(block.start, "NUMBER_REPEATED", f"{block.marker} repeats or goes back (after {siblings[-1].marker})",
                       f"expected {show(expected)} next")
        else:
            self.error(block.start, "NUMBER_GAP", f"{block.marker} follows "
                       f"{siblings[-1].marker if siblings else 'the start of its level'}; expected {show(expected)}",
                       "a numbering level must count up from one without gaps")


def _assign(text: str, root: _Node, sp: _Splitter) -> tuple[dict[str, Provision], dict[str, Sentence], list[Piece]]:
    provisions: dict[str, Provision] = {}
    sentences: dict[str, Sentence] = {}
    pieces: list[Piece] = []

    def child_id(parent_id: str | None, depth: int, number: int) -> str:
        if parent_id is None:
            return str(number)
        return f"{parent_id}.{number}" if depth == 2 else f"{parent_id}-{number}"

    def normalise(node: _Node) -> list[tuple[_Node, int, str]]:
        """Children with their numbers and kinds, paragraphs resolved into intro or implicit items."""
        paras = [c for c in node.children if c.style == "para"]
        numbered = [c for c in node.children if c.style != "para"]
        if not numbered:
            return [(c, i + 1, "paragraph") for i, c in enumerate(paras)]
        out: list[tuple[_Node, int, str]] = []
        if paras:
            intro = _Node("para", 0, "", paras[0].start, content=[span for p in paras for span in p.content])
            out.append((intro, 0, "intro"))
        out.extend((c, c.number, "part" if node.style == "root" else "item") for c in numbered)
        return out

    def visit(node: _Node, pid: str | None, depth: int) -> None:
        kids = normalise(node)
        # Root paragraphs before the first part form part 0.
        if node.style == "root" and kids and kids[0][2] == "intro":
            intro = kids[0][0]
            part0 = _Node("para", 0, "", intro.start, children=[
                _Node("para", 0, "", s, content=[(s, e)]) for s, e in intro.content])
            kids[0] = (part0, 0, "part")
        elif node.style == "root" and kids and kids[0][2] == "paragraph":
            part0 = _Node("para", 0, "", kids[0][0].start, children=[k[0] for k in kids])
            kids = [(part0, 0, "part")]
        for child, number, kind in kids:
            cid = child_id(pid, depth + 1, number)
            line, col = line_col(text, child.start)
            prov = Provision(cid, kind, depth + 1, child.marker, "", line, col, pid)
            if child.heading:
                prov.heading = text[child.heading[0]:child.heading[1]]
                pieces.append(Piece(child.heading[0], child.heading[1], cid, "heading"))
            n = 0
            for s, e in child.content:
                for m in SENTENCE.finditer(text, s, e):
                    if m.start() == m.end():
                        continue
                    n += 1
                    sid = f"{cid}.{n}"
                    sl, sc = line_col(text, m.start())
                    sent = Sentence(sid, m.group(0), m.start(), sl, sc)
                    prov.sentences.append(sent)
                    sentences[sid] = sent
                    pieces.append(Piece(m.start(), m.end(), sid, "sentence"))
            if pid is not None:
                provisions[pid].children.append(cid)
            if cid in provisions:
                sp.error(child.start, "DUPLICATE_ID", f"provision {cid} occurs twice")
            provisions[cid] = prov
            if child.children:
                visit(child, cid, depth + 1)

    visit(root, None, 0)
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
        if p.role == "space" and text[p.start:p.end].strip():
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


def split_text(text: str, path: str = "<text>", slug: str = "") -> Document:
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
    pieces.extend(Piece(s, e, "", "closing") for s, e in sp.closing)
    title = text[sp.title[0]:sp.title[1]] if sp.title else ""
    addressee = text[sp.addressee[0]:sp.addressee[1]] if sp.addressee else ""
    return Document(slug, path, text, title, addressee, provisions, sentences, _fill(text, pieces))


def split_file(path: Path | str, slug: str = "") -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DiagnosticError([Diagnostic(str(path), 1, 1, "SEED_UNREADABLE", exc.strerror or str(exc))]) from None
    text = decode(data, str(path))
    return split_text(text, str(path), slug or path.stem)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.split", description=__doc__.split("\n\n")[0])
    parser.add_argument("seed", nargs="+", help="policy text files (UTF-8)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    status = 0
    for seed in args.seed:
        try:
            doc = split_file(seed)
        except DiagnosticError as exc:
            sys.stderr.write(render(exc.diags))
            status = 1
            continue
        for prov in doc.provisions.values():
            rows = [(prov.id, prov.kind, prov.line, prov.col, prov.heading or prov.label)]
            rows += [(s.id, "sentence", s.line, s.col, s.text) for s in prov.sentences]
            for pid, kind, line, col, text in rows:
                if args.format == "json":
                    print(json.dumps({"id": pid, "kind": kind, "line": line, "col": col, "text": text},
                                     ensure_ascii=False))
                else:
                    print(f"{seed}:{line}:{col}\t{pid}\t{kind}\t{text}")
    return status


if __name__ == "__main__":
    sys.exit(main())
