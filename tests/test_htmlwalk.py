"""The one reading of rendered HTML (scripts/core/htmlwalk.py) reads what html.parser reads, and loses nothing."""
from __future__ import annotations

import os
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings, strategies as st

from scripts.core.htmlwalk import tokens


class _Reference(HTMLParser):
    """html.parser's events as (kind, tag, attrs), with the raw text between tags."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.events: list = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, tuple((k, v or "") for k, v in attrs)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.events.append(("end", tag, ()))

    def handle_comment(self, data):
        self.events.append(("comment", "", ()))


def _reference(text: str) -> list:
    parser = _Reference()
    parser.feed(text)
    parser.close()
    return parser.events


def _ours(text: str) -> list:
    toks = tokens(text)
    assert "".join(text[t.start:t.end] for t in toks) == text  # lossless
    return [(t.kind, t.tag, t.attrs) for t in toks if t.kind in ("start", "end", "comment")]


FRAGMENTS = ["<p>", "</p>", '<a href="x>y">', "<a href='q\"r'>", "</a>", "<br>", "<br/>", "<img alt=\"\" src=x>",
             "<!-- note -->", "<!-- a > b -->", "<script>if (a<b) x()</script>", "<style>p>a{}</style>",
             "妇女&amp;儿童", "&lt;script&gt;", "text", " ", "\n", "<span class=\"sentence\" id=\"2.5.3\">",
             "</span>", "<section markdown>", "</section>", '<div data-x="{{ y }}">', "</div>", "<!doctype html>",
             "<h2 id=\"12\">第十二条</h2>", "<input disabled>", "<td colspan=2>"]


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")), deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=20).map("".join))
def test_tokens_match_html_parser_on_generated_html(text):
    assert _ours(text) == _reference(text)


@pytest.mark.build
def test_tokens_match_html_parser_on_every_page_of_the_site(html_site):
    pages = sorted(html_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_text("utf-8")
        assert _ours(text) == _reference(text), page
