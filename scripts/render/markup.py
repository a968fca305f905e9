"""Text into the markup the build writes: a policy's title and metadata are data, shown as written, never run.

Two languages take text here:
- Markdown: `md_text` escapes what Markdown would read as markup (emphasis, links, raw HTML, attribute
  lists, entities), so `*重点*`, `[责任](…)`, `<script>` and `&amp;` in a title or heading show as written;
- the HTML of MkDocs' templates: MkDocs and Material print page and nav titles without escaping them
  (a title made from a heading is HTML already). `html_title` gives a title as escaped HTML marked safe
  (markupsafe's Markup, which Jinja prints as it is and never escapes twice; `striptags` turns it back
  into the text), and `nav_titles` does the same for every section title of a nav.
"""
from __future__ import annotations

import html
import re

from markupsafe import Markup

from scripts.pages.collect import MD_ESCAPABLE

# `<`, `>` and `&` cannot be escaped with a backslash (`\<` shows its backslash): they become entities.
ESCAPE = re.compile("([" + re.escape(MD_ESCAPABLE) + "])")
ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def md_text(text: str) -> str:
    """Text as Markdown that renders to exactly that text (one line; line breaks are the caller's)."""
    return ESCAPE.sub(r"\\\1", text.translate(ENTITIES))


def html_title(text) -> Markup:
    """A title for MkDocs' templates: the text, escaped once."""
    return text if isinstance(text, Markup) else Markup(html.escape(str(text), quote=True))


def nav_titles(nav):
    """A nav (as mkdocs.yml writes it) with every section and page title as escaped HTML."""
    if isinstance(nav, list):
        return [nav_titles(item) for item in nav]
    if isinstance(nav, dict):
        return {html_title(title): nav_titles(value) for title, value in nav.items()}
    return nav
