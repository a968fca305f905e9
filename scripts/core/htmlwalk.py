"""One reading of rendered HTML for every walk over it: a lossless stream of tokens, read as html.parser reads them.

The tooltips, the book and the search index all walk the HTML the build renders; they read it the way a
browser's tokenizer does (attributes split on quotes, `>` inside a quoted value, comments, raw text in
<script> and <style>) through this module, never through patterns of their own; html.parser is the
reference this reading is tested against. Each token
knows where it stands in the text, so a walk can copy what it does not change byte for byte:
`"".join(text[t.start:t.end] for t in tokens(text)) == text`.
"""
from __future__ import annotations

import re
from html import escape, unescape
from typing import NamedTuple

# Elements with no end tag (the HTML standard's void elements): one definition for every walker.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class Token(NamedTuple):
    """A named tuple, not a frozen dataclass: one is made for every tag and text run of every page, and a
    named tuple is made faster (tokens() over the whole built site takes about a fifth less time)."""

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


# The tokenizer: one pass of one regular expression over the text, tags split as a browser splits them
# (quoted attribute values may hold `>`; comments, doctypes and processing instructions are opaque; the
# content of <script> and <style> is raw text up to its end tag). html.parser reads the same tokens, in pure
# Python and ten times slower; tests/test_htmlwalk.py holds this reading to it on every page of the site.
_ATTR = r"""(?:\s+[^\s=/>"'<]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)"""
_TOKEN = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<other><![^>]*>?|<\?[^>]*>?)"
    rf"|(?P<end></(?P<etag>[a-zA-Z][^\s/>]*)[^>]*>)"
    rf"|(?P<start><(?P<stag>[a-zA-Z][^\s/>]*)(?P<attrs>{_ATTR}*)\s*(?P<close>/?)>)", re.S)
_ATTRS = re.compile(r"""([^\s=/>"'<]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
RAW_TEXT = frozenset({"script", "style"})


def _read_attrs(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for m in _ATTRS.finditer(text):
        value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
        out.append((m.group(1).lower(), unescape(value) if value is not None else ""))
    return tuple(out)


# A site repeats few attribute lists many times (class="md-nav__item" is 1 in 5 of all at 50 texts; 13 000
# distinct in 780 000), so each is read once. Bounded: cleared when full, never grown past it.
_SEEN: dict[str, tuple[tuple[str, str], ...]] = {}
_SEEN_MAX = 50_000


def _attrs(text: str) -> tuple[tuple[str, str], ...]:
    found = _SEEN.get(text)
    if found is None:
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        found = _SEEN[text] = _read_attrs(text)
    return found


# tuple.__new__ straight: a named tuple's own __new__ is a Python function, called for every token.
_new = tuple.__new__


def tokens(text: str) -> list[Token]:
    """The text as tokens covering it without gaps, in order."""
    out: list[Token] = []
    append = out.append
    search = _TOKEN.search
    pos = 0
    n = len(text)
    while pos < n:
        m = search(text, pos)
        if m is None:
            append(_new(Token, ("data", "", (), pos, n, False)))
            break
        begin, pos_end = m.span()
        if begin > pos:
            append(_new(Token, ("data", "", (), pos, begin, False)))
        kind = m.lastgroup  # the outer group that matched: start, end, comment or other
        pos = pos_end
        if kind == "start":
            tag = m["stag"].lower()
            close = bool(m["close"])
            append(_new(Token, ("start", tag, _attrs(m["attrs"]), begin, pos_end, close)))
            if tag in RAW_TEXT and not close:  # raw text up to its end tag, never read as markup
                found = re.compile(rf"</{tag}\b", re.I).search(text, pos)
                stop = found.start() if found else n
                if stop > pos:
                    append(_new(Token, ("data", "", (), pos, stop, False)))
                pos = stop
        elif kind == "end":
            append(_new(Token, ("end", m["etag"].lower(), (), begin, pos_end, False)))
        else:
            append(_new(Token, (kind, "", (), begin, pos_end, False)))
    return out


def start_tag(tag: str, attrs: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> str:
    """A start tag written from a tag name and attributes (values escaped)."""
    parts = "".join(f' {k}="{escape(v, quote=True)}"' if v != "" or k in ("alt", "value") else f" {k}"
                    for k, v in attrs)
    return f"<{tag}{parts}>"


def start_tags(text: str):
    """(tag, attributes as written) of every start tag, read as tokens() reads them (raw text skipped), without
    making a token of every text run and end tag; `attributes()` decodes the ones a caller wants."""
    pos, n = 0, len(text)
    while pos < n:
        m = _TOKEN.search(text, pos)
        if m is None:
            return
        pos = m.end()
        if m["start"] is None:
            continue
        tag = m["stag"].lower()
        yield tag, m["attrs"]
        if tag in RAW_TEXT and not m["close"]:
            close = re.compile(rf"</{tag}\b", re.I).search(text, pos)
            pos = close.start() if close else n


attributes = _attrs
