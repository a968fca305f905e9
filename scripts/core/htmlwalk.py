"""One reading of rendered HTML for every walk over it: Python's html.parser, as a lossless stream of tokens.

The tooltips, the book and the search index all walk the HTML the build renders; they read it the way a
browser's tokenizer does (attributes split on quotes, `>` inside a quoted value, comments, raw text in
<script> and <style>) through this module, never through regular expressions of their own. Each token
knows where it stands in the text, so a walk can copy what it does not change byte for byte:
`"".join(text[t.start:t.end] for t in tokens(text)) == text`.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

# Elements with no end tag (the HTML standard's void elements): one definition for every walker.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class Token:
    kind: str  # start | end | data | comment | other (doctype, processing instruction, CDATA)
    tag: str  # lower-case tag name of a start or end tag, "" otherwise
    attrs: tuple[tuple[str, str], ...]  # a start tag's attributes, values decoded ("" for one with none)
    start: int  # offsets in the text: text[start:end] is the token as written
    end: int
    self_closing: bool = False

    def attr(self, name: str, default: str = "") -> str:
        return next((v for k, v in self.attrs if k == name), default)

    @property
    def void(self) -> bool:
        return self.kind == "start" and (self.tag in VOID or self.self_closing)


class _Tokens(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.found: list[tuple[int, str, str, tuple, bool]] = []

    def _at(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        self.found.append((self._at(), "start", tag, tuple((k, v or "") for k, v in attrs), False))

    def handle_startendtag(self, tag, attrs):
        self.found.append((self._at(), "start", tag, tuple((k, v or "") for k, v in attrs), True))

    def handle_endtag(self, tag):
        self.found.append((self._at(), "end", tag, (), False))

    def handle_data(self, data):
        self.found.append((self._at(), "data", "", (), False))

    def handle_comment(self, data):
        self.found.append((self._at(), "comment", "", (), False))

    def handle_decl(self, decl):
        self.found.append((self._at(), "other", "", (), False))

    handle_pi = handle_decl
    unknown_decl = handle_decl


def tokens(text: str) -> list[Token]:
    """The text as tokens covering it without gaps, in order."""
    parser = _Tokens(text)
    parser.feed(text)
    parser.close()
    out: list[Token] = []
    found = sorted(parser.found, key=lambda f: f[0])  # stable: events at one offset keep their order
    for i, (start, kind, tag, attrs, closing) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        if end == start and kind == "data":
            continue  # an empty run between two tags
        out.append(Token(kind, tag, attrs, start, end, closing))
    if out and out[0].start > 0:  # text before the first event (the parser reports it as data)
        out.insert(0, Token("data", "", (), 0, out[0].start))
    return out


def start_tag(tag: str, attrs: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> str:
    """A start tag written from a tag name and attributes (values escaped)."""
    parts = "".join(f' {k}="{escape(v, quote=True)}"' if v != "" or k in ("alt", "value") else f" {k}"
                    for k, v in attrs)
    return f"<{tag}{parts}>"
