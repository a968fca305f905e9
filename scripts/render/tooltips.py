"""Mark glossary terms in rendered HTML, so a reader sees each term's definition where it is used.

Markdown abbreviations cannot do this: they match only at word boundaries, and Chinese has
none, so they never fire inside Chinese text. Here terms are found as substrings, longest
first (流动妇女平安之家 before 妇女之家), once per paragraph, list item or table cell, and
never inside headings, links, code, or other marked-up terms. Each becomes a link to its
glossary entry that carries the definition (shown on hover, focus and first tap).
"""
from __future__ import annotations

import html
import re
from typing import Callable

from scripts.core.htmlwalk import tokens
from scripts.pages.glossary import Term

SKIP = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "script", "style", "abbr", "button", "svg",
        "textarea", "select", "option", "label", "kbd", "mark", "title", "summary"}
BLOCKS = {"p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption", "section", "div"}


def term_pattern(terms: list[Term], lang: str) -> re.Pattern[str] | None:
    forms = sorted({f for t in terms for f in t.forms if len(f) >= 2}, key=len, reverse=True)
    if not forms:
        return None
    alternation = "|".join(re.escape(f) for f in forms)
    if lang == "en":
        return re.compile(rf"(?<![A-Za-z])({alternation})(?![A-Za-z])", re.I)
    return re.compile(f"({alternation})")


def annotate(page_html: str, terms: list[Term], href: Callable[[Term], str], lang: str = "zh") -> str:
    """Wrap the first occurrence of each term in every block of running text."""
    pattern = term_pattern(terms, lang)
    if pattern is None:
        return page_html
    by_form = {f.lower() if lang == "en" else f: t for t in terms for f in t.forms}
    out: list[str] = []
    skip_depth = 0
    stack: list[str] = []
    seen: set[str] = set()

    def mark(m: re.Match[str]) -> str:
        key = m.group(1).lower() if lang == "en" else m.group(1)
        term = by_form.get(key)
        if term is None or term.term in seen:
            return m.group(0)
        seen.add(term.term)
        definition = html.escape(term.definition, quote=True)
        return (f'<a class="term" href="{href(term)}" data-definition="{definition}" '
                f'data-term="{html.escape(term.term, quote=True)}">{m.group(1)}</a>')

    for token in tokens(page_html):
        piece = page_html[token.start:token.end]
        if token.kind == "data" and not skip_depth:
            out.append(pattern.sub(mark, piece))
            continue
        out.append(piece)
        if token.kind == "end" and token.tag in stack:
            while stack:
                top = stack.pop()
                if top in SKIP:
                    skip_depth -= 1
                if top == token.tag:
                    break
        elif token.kind == "start" and not token.void:
            stack.append(token.tag)
            if token.tag in SKIP:
                skip_depth += 1
            if token.tag in BLOCKS:
                seen = set()
    return "".join(out)
