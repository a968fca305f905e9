"""HTML the build writes into a page, kept out of Python-Markdown's way and put back after it.

A citation becomes a link carrying the text it previews (scripts/render/cite.py): on a guidance page
that is most of the Markdown the renderer gets (1.8 of 2.7 MB over the handbook's pages), and
Python-Markdown reads all of it, tag by tag, only to hand it back unchanged. So the hook puts a short
token in the Markdown instead and the HTML back into the page Markdown made (`restore`), before any
other step reads it: the page comes out byte for byte as before (tests/test_stash.py), in a third
less conversion time.

Only HTML that Markdown passes through as it is may be stashed: an inline element that holds no
Markdown of its own, on a line that is no heading (a heading's text names its table-of-contents
entry, which must not hold a token).
"""
from __future__ import annotations

import re

from markdown.util import code_escape

from scripts.core.htmlwalk import attributes, start_tags

# A token is two character references around a number. Python-Markdown keeps a character reference as it is
# written, as it keeps inline HTML, except in code, where it escapes the `&` as it would have escaped the HTML:
# so restore() finds the token in either form and gives the HTML in the same form. The characters referred to
# are private-use ones, which no handbook page holds (usable() makes sure).
OPEN, CLOSE = "&#xE100;", "&#xE101;"
TOKEN = re.compile(f"{re.escape(OPEN)}([0-9]+){re.escape(CLOSE)}")
# A block (a table of the traceability matrix) stands alone in a paragraph, which it replaces.
BLOCK = "&#xE102;"
BLOCK_TOKEN = re.compile(f"<p>{re.escape(BLOCK)}([0-9]+){re.escape(CLOSE)}</p>")
ESCAPED_TOKEN = re.compile(f"{re.escape(code_escape(OPEN))}([0-9]+){re.escape(code_escape(CLOSE))}")
# What may stand before a heading's `#` on its line: indentation, quote marks and list markers (a heading may
# sit in a list item, a quote, a definition or an admonition). Read generously: a citation not stashed is never wrong.
CONTAINERS = re.compile(r"(?:[ \t>]|[-*+:](?=[ \t])|[0-9]+[.)](?=[ \t]))*")
QUOTES = re.compile(r"[ \t>]*")
SETEXT_RULE = re.compile(r"(?:=+|-+)[ \t]*$")


class Stash:
    """One page's stashed HTML."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def put(self, html: str) -> str:
        self.items.append(html)
        return f"{OPEN}{len(self.items) - 1}{CLOSE}"

    def put_block(self, html: str) -> str:
        """A token for a block of HTML; the caller writes it as a paragraph of its own."""
        self.items.append(html)
        return f"{BLOCK}{len(self.items) - 1}{CLOSE}"

    def anchor_ids(self) -> set[str]:
        """The ids the stashed HTML defines, as MkDocs collects them from raw HTML (an id, or an <a>'s name):
        links to them are checked against the page, which Markdown never saw them in."""
        ids = set()
        for item in self.items:
            for tag, written in start_tags(item):
                if "id" in written or "name" in written:
                    ids.update(v for k, v in attributes(written) if k == "id" or (k == "name" and tag == "a"))
        return ids

    def restore(self, text: str) -> str:
        """The HTML with every token replaced by the HTML it stands for, escaped where Markdown escaped the token
        (a citation the checker read in what Markdown took for code)."""
        if not self.items:
            return text
        text = BLOCK_TOKEN.sub(lambda m: self.items[int(m[1])], text)
        text = ESCAPED_TOKEN.sub(lambda m: code_escape(self.items[int(m[1])]), text)
        return TOKEN.sub(lambda m: self.items[int(m[1])], text)


def usable(markdown: str) -> bool:
    """Whether a page may carry tokens: not when its own text holds one's pieces, which restore() could misread."""
    return not any(piece in markdown for piece in (OPEN, BLOCK, CLOSE, code_escape(CLOSE)))


def on_heading_line(text: str, offset: int) -> bool:
    """Whether `offset` is on a heading's line: an ATX heading, the text of a setext heading, an HTML heading."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    line = text[start:end]
    if line[CONTAINERS.match(line).end():].startswith("#") or re.search(r"<h[1-6]\b", line, re.I):
        return True
    following = text.find("\n", end + 1)
    rule = text[end + 1:following if following >= 0 else len(text)] if end < len(text) else ""
    return any(SETEXT_RULE.match(rule, m.end()) for m in (QUOTES.match(rule), CONTAINERS.match(rule)))
