"""Chinese text has no spaces between words: a line break inside a Chinese paragraph must not become one.

Markdown turns a soft line break into a newline, which the browser shows as a space:
`可以链接；` + newline + `每一项` reads `可以链接； 每一项`. Two parts:

* `CjkBreaksExtension`, registered in mkdocs.yml's markdown_extensions, joins such lines before
  Markdown parses them, on every page, outside fenced code;
* `check_html` reads rendered pages for what a reader would see: whitespace that came from a line
  break between two Chinese characters (CJK_SOFT_BREAK), and a space after full-width punctuation
  before Chinese text (CJK_SPACE_AFTER_PUNCT), which Chinese typesetting does not use.
"""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from scripts.core.diagnostics import Diagnostic
from scripts.core.htmlwalk import VOID, tokens
from scripts.render.stash import OPEN

# Ideographs, CJK punctuation, full-width forms and the curly quotes and ellipsis Chinese text uses.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019\u2026\u2014"
CJK_CHAR = re.compile(f"[{CJK}]")
# Full-width punctuation only (no quotes, dashes or ellipses, which English text shares).
FULL_PUNCT = "，。、；：！？（）「」『』【】《》〈〉"
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# A line that is a block of its own (heading, table row, admonition title, HTML, embed) takes no continuation;
# a line that opens a block (those, list items, quotes, definitions, setext rules) continues nothing.
# A stashed citation's token (scripts/render/stash.py) counts as the HTML it stands for.
WHOLE_LINE = re.compile(rf"^\s*(#|\||!!!|\?\?\?|<|{re.escape(OPEN)}|`{{3}}|~{{3}}|\[\[)")
OPENS_BLOCK = re.compile(rf"^\s*(#|\||!!!|\?\?\?|[-*+]\s|\d+[.)]\s|>|<|{re.escape(OPEN)}|:\s|={{2,}}|-{{2,}}|`{{3}}|~{{3}}|\[\[)")
TRAILING_LINK = re.compile(r"\]\([^()\s]*\)$")


def _visible_end(line: str) -> str:
    """The last character a reader sees, past closing emphasis and a link's (target)."""
    line = line.rstrip("*_")
    m = TRAILING_LINK.search(line)
    if m:
        line = line[:m.start()].rstrip("*_")
    return line[-1:]


def _visible_start(line: str) -> str:
    return line.lstrip(" \t").lstrip("*_[")[:1]


def joins(prev: str, nxt: str) -> bool:
    """Whether the newline between two lines of one paragraph would show as a stray space."""
    if not prev or prev[-1] in " \t" or not nxt.strip():  # a blank line, or a hard break (two spaces)
        return False
    if WHOLE_LINE.match(prev) or OPENS_BLOCK.match(nxt):
        return False
    if prev.count("`") % 2:  # an inline code span runs on into the next line
        return False
    end, start = _visible_end(prev), _visible_start(nxt)
    if not end or not start:
        return False
    if CJK_CHAR.match(end) and CJK_CHAR.match(start):
        return True
    # After full-width punctuation no space is wanted, whatever follows (§2.5.3, `code`, Latin words).
    return end in FULL_PUNCT


def join_lines(lines: list[str]) -> list[str]:
    """The lines with every soft break between Chinese text joined; fenced code is left as it is."""
    out: list[str] = []
    fence = None
    for line in lines:
        m = FENCE.match(line)
        if fence:
            out.append(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            out.append(line)
            continue
        if out and joins(out[-1], line) and not FENCE.match(out[-1]):
            out[-1] += line.lstrip(" \t")
        else:
            out.append(line)
    return out


class CjkBreaksPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return join_lines(lines)


class CjkBreaksExtension(Extension):
    # Priority 22: after SuperFences has set fenced code aside (25), before HTML blocks are (20),
    # so that Markdown inside <div markdown> is joined too.
    def extendMarkdown(self, md):
        md.preprocessors.register(CjkBreaksPreprocessor(md), "cjk_breaks", 22)


def makeExtension(**kwargs):
    return CjkBreaksExtension(**kwargs)


# ---------------------------------------------------------------- checking rendered pages

INLINE = {"a", "abbr", "b", "bdi", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s",
          "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"}
SKIP = {"pre", "script", "style", "textarea", "svg", "template"}
SOFT_BREAK = re.compile(f"(?<=[{CJK}])[ \t]*\n\\s*(?=[{CJK}])")
SPACE_AFTER_PUNCT = re.compile(f"(?<=[{FULL_PUNCT}])[ \t\u00a0]+(?=[{CJK}])")


# Where running text is read as a paragraph; text directly in other blocks (a flex row of buttons,
# a print-only sign-off line) is laid out as separate boxes, where whitespace does not show.
PARAGRAPH = {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption",
             "summary", "caption"}


class Run:
    """Paragraph text a browser lays out together (inline elements join it, anything else ends it): its text,
    entities decoded, and where each piece of it stands in the page, for the line of a finding."""

    def __init__(self):
        self.pieces: list[str] = []
        self.starts: list[int] = []  # each piece's offset in the page

    def line(self, page: str, at: int) -> int:
        """The page's line of the run's character `at` (a decoded entity holds no newline)."""
        i = 0
        while at >= len(self.pieces[i]):
            at -= len(self.pieces[i])
            i += 1
        return page.count("\n", 0, self.starts[i]) + self.pieces[i].count("\n", 0, at) + 1


def runs(page: str) -> list[tuple[str, Run]]:
    """The page's paragraph text runs, read through scripts/core/htmlwalk.py's tokens. Read by html.parser, with a
    list entry and a line number per character, the 1,101 pages of a 50-text library took 11.2 s; so 7.0 s, with
    the same findings on the same lines (compared on 4,992 pages and damaged copies of them: 11,272 findings)."""
    out: list[tuple[str, Run]] = []
    run, blocks, skip = Run(), [], 0

    def flush() -> None:
        nonlocal run
        if run.pieces and blocks and blocks[-1] in PARAGRAPH:
            out.append(("".join(run.pieces), run))
        run = Run()

    for token in tokens(page):
        if token.kind == "data":
            if not skip:
                run.pieces.append(unescape(page[token.start:token.end]))
                run.starts.append(token.start)
        elif token.kind == "start" and token.self_closing:  # <x/>: no content, no block of its own
            if token.tag not in INLINE:
                flush()
        elif token.kind == "start":
            if token.tag in SKIP:
                skip += 1
            # A blank to fill in (templates) is a box of its own, not text.
            if token.tag not in INLINE or "field" in token.attr("class").split():
                flush()
            if token.tag not in INLINE and token.tag not in VOID:
                blocks.append(token.tag)
        elif token.kind == "end":
            if token.tag in SKIP:
                skip = max(0, skip - 1)
            if token.tag not in INLINE:
                flush()
                if token.tag in blocks:
                    while blocks.pop() != token.tag:
                        pass
    flush()
    return out


def check_html(text: str, shown: str, lang: str = "zh") -> list[Diagnostic]:
    """Stray spaces in one rendered page; space after punctuation is checked in Chinese pages only."""
    diags = []
    for run, where in runs(text):
        for m in SOFT_BREAK.finditer(run):
            context = run[max(0, m.start() - 8):m.end() + 8].replace("\n", "⏎")
            diags.append(Diagnostic(shown, where.line(text, m.start()), 1, "CJK_SOFT_BREAK",
                                    f"a line break between Chinese characters shows as a space: {context!r}",
                                    "join the lines, or check that scripts.cjk_breaks is in markdown_extensions"))
        if lang != "zh":
            continue
        for m in SPACE_AFTER_PUNCT.finditer(run):
            context = run[max(0, m.start() - 8):m.end() + 8].replace("\n", "⏎")
            diags.append(Diagnostic(shown, where.line(text, m.start()), 1, "CJK_SPACE_AFTER_PUNCT",
                                    f"a space after full-width punctuation: {context!r}",
                                    "full-width punctuation carries its own space; remove the space"))
    return diags


def check_site(site: Path) -> list[Diagnostic]:
    diags = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        lang = "en" if rel.startswith("en/") else "zh"
        diags += check_html(path.read_text(encoding="utf-8"), rel, lang)
    return diags
