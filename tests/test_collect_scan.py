"""The checker's page scan takes shortcuts for speed (scripts/pages/collect.py); each must find exactly what the
plain definition finds, for any text.

- mask_code runs each of its three patterns only on a page holding the mark the pattern needs;
- RAW_TAG reads a tag's attributes as runs of plain characters between quoted values, where the plain definition
  tries "a character, or a quoted value" at every character.
"""
from __future__ import annotations

import re

from hypothesis import example, given, settings, strategies as st

from scripts.pages.collect import CODE_SPAN, FENCE, HTML_COMMENT, RAW_TAG, blank, mask_code

PIECES = ["```", "~~~", "`", "``", "<!--", "-->", "\n", "  ", "代码", "x", "第十二条", "- [ ] ", "<", ">", "py\n"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
# The attribute list as the patterns first defined it: at each character, a plain one or a whole quoted value.
PLAIN_RAW_TAG = re.compile(r"<(?P<close>/?)(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
TAG_PIECES = ["<", ">", "/", "span", "a", " ", "id=", '"', "'", "x", "条", "=", "\n", "-", "1"]


def _masked_plainly(text: str) -> str:
    return CODE_SPAN.sub(blank, HTML_COMMENT.sub(blank, FENCE.sub(blank, text)))


@settings(max_examples=2000, deadline=None)
@given(TEXT)
@example("```py\n`a`\n```\n<!-- `b` -->`c`")
def test_masking_skips_only_patterns_that_cannot_match(text):
    assert mask_code(text) == _masked_plainly(text)


@settings(max_examples=5000, deadline=None)
@given(st.lists(st.sampled_from(TAG_PIECES), max_size=24).map("".join))
@example('<span id="a>b" class=\'c\'>x</span><a href="y>')
def test_raw_tags_are_the_tags_the_plain_pattern_finds(text):
    def found(pattern):
        return [(m.span(), m.groups()) for m in pattern.finditer(text)]

    assert found(RAW_TAG) == found(PLAIN_RAW_TAG)
