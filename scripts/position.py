"""Where a provision or sentence stands in its document, in words a reader writes in a report.

Usage: python -m scripts.position SEED.txt ID [--lang zh|en]

`position_label(doc, "2.5.3", "zh")` → `第二部分第五项第三句`; in English `part II, item 5, sentence 3`.
The label is built from the splitter's records (kind, parent, order among siblings), never by
reading the ID string, so a document with another numbering shape only needs its kinds named here.
"""
from __future__ import annotations

import argparse
import sys

from scripts.diagnostics import Diagnostic, DiagnosticError, render
from scripts.split import Document, Provision, Sentence, int_to_cn, split_file

ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _number(doc: Document, prov: Provision) -> int:
    """The provision's place among its siblings of the same kind, from 1 (the splitter checks they run on)."""
    siblings = [doc.provisions[c] for c in doc.provisions[prov.parent].children] if prov.parent else doc.parts()
    # Part 0, the text before the first numbered part, has no marker and is not counted among the parts.
    same = [p for p in siblings if p.kind == prov.kind and (p.marker or prov.kind != "part")]
    return same.index(prov) + 1 if prov in same else 0


def _step(doc: Document, prov: Provision, lang: str) -> str:
    n = _number(doc, prov)
    if prov.kind == "part":
        if n == 0 and not prov.marker:
            return "正文开头" if lang == "zh" else "opening"
        return f"第{int_to_cn(n)}部分" if lang == "zh" else f"part {_roman(n)}"
    if prov.kind == "intro":
        return "导语" if lang == "zh" else "introduction"
    if prov.kind == "paragraph":
        return f"第{int_to_cn(n)}段" if lang == "zh" else f"paragraph {n}"
    if prov.level <= 2:
        return f"第{int_to_cn(n)}项" if lang == "zh" else f"item {n}"
    return f"第{int_to_cn(n)}点" if lang == "zh" else f"point {n}"


def position_label(doc: Document, pid: str, lang: str = "zh") -> str:
    """`第二部分第五项第三句` / `part II, item 5, sentence 3` for a provision or sentence ID."""
    node = doc.get(pid)
    if node is None:
        raise KeyError(pid)
    tail = []
    if isinstance(node, Sentence):
        owner = next(p for p in doc.provisions.values() if node in p.sentences)
        n = owner.sentences.index(node) + 1
        tail.append(f"第{int_to_cn(n)}句" if lang == "zh" else f"sentence {n}")
        node = owner
    chain = []
    prov: Provision | None = node
    while prov is not None:
        chain.insert(0, _step(doc, prov, lang))
        prov = doc.provisions.get(prov.parent) if prov.parent else None
    steps = chain + tail
    return "".join(steps) if lang == "zh" else ", ".join(steps)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.position", description=__doc__.split("\n\n")[0])
    parser.add_argument("seed")
    parser.add_argument("id")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = parser.parse_args(argv)
    try:
        doc = split_file(args.seed)
    except DiagnosticError as exc:
        sys.stderr.write(render(exc.diags))
        return 1
    if doc.get(args.id) is None:
        sys.stderr.write(render([Diagnostic(args.seed, 1, 1, "UNKNOWN_ID", f"no provision or sentence {args.id}",
                                            "IDs read like 2.5 or 2.5.3; python -m scripts.split lists them")]))
        return 1
    print(position_label(doc, args.id, args.lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
