"""Text is data: any title or heading, whatever characters it holds, renders as exactly those characters.

Property tests over generated text that mixes Chinese with the metacharacters of HTML, Markdown, YAML,
Jinja and attribute lists, through the same Markdown extensions and slug function as the site.
"""
from __future__ import annotations

import html
import os
import re

import jinja2
import markdown
from hypothesis import given, settings, strategies as st
from pymdownx.slugs import slugify as pymdownx_slugify

from scripts.core.yamlio import front_matter, load_yaml
from scripts.pages.collect import collect_page
from scripts.render.markup import html_title, md_text, nav_titles

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "300"))
PIECES = ["妇女", "权益", "《保障法》", "“加强”", "（一）", "第十二条", "<script>", "</title>", "<img src=x onerror=alert(2)>",
          "&amp;", "&lt;", "&", "*重点*", "_x_", "**b**", "[责任](javascript:x)", "![i](j)", "`代码`", "#", "##", "{: #id }",
          "{ onclick=x }", "{{ x }}", "{% if %}", "{#c#}", "|", "\\", "\\*", ":", "- ", "1. ", "> ", "---", "'", '"',
          "%", "@", "!", "~", "<", ">", "<3000", "::", "\u3000", " ", "Ω", "😀"]
TEXT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join).map(lambda s: s.strip(" \u3000"))


def _markdown() -> markdown.Markdown:
    """The site's Markdown extensions that read inline text (mkdocs.yml markdown_extensions)."""
    return markdown.Markdown(extensions=["toc", "admonition", "attr_list", "md_in_html", "def_list", "tables",
                                         "pymdownx.superfences"],
                             extension_configs={"toc": {"slugify": pymdownx_slugify(case="lower"), "permalink": False}})


def _text_of(fragment: str) -> str:
    assert "<" not in fragment, fragment  # no element made from the text
    return html.unescape(fragment)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(TEXT)
def test_markdown_text_renders_as_itself_in_a_paragraph_and_a_heading(text):
    if not text:
        return
    md = _markdown()
    para = md.convert(md_text(text))
    m = re.fullmatch(r"<p>(.*)</p>", para, re.S)
    assert m, para
    assert _text_of(m.group(1)) == text
    md.reset()
    head = md.convert("## " + md_text(text))
    m = re.fullmatch(r'<h2 id="([^"]*)">(.*)</h2>', head, re.S)
    assert m, head
    assert _text_of(m.group(2)) == text
    # The checker computes the same anchor for the heading as the site makes (links to it are checked).
    page = collect_page("p.md", "---\nkind: guidance\n---\n\n## " + md_text(text) + "\n")
    assert list(page.anchors) == [html.unescape(m.group(1))]


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(TEXT)
def test_titles_reach_the_theme_as_escaped_text_and_yaml_keeps_them(text):
    env = jinja2.Environment(autoescape=False)  # as MkDocs' templates print titles
    for template in ("<title>{{ t }} - site</title>", '<a aria-label="{{ t | e }}">{{ t }}</a>',
                     '<nav aria-label="{{ t | striptags | e }}"></nav>'):
        out = env.from_string(template).render(t=html_title(text))
        assert "<script" not in out.lower() and "<img" not in out.lower() and "onerror=alert" not in out.replace(
            "onerror=alert(2)&gt;", "")
        for value in re.findall(r'aria-label="([^"]*)"', out):  # striptags also folds white space
            assert html.unescape(value) in (text, " ".join(text.split()))
    nav = nav_titles([{text: ["a.md"]}])
    assert html.unescape(str(next(iter(nav[0])))) == text
    # A YAML writer keeps every character of the title (no quote substituted).
    assert load_yaml(front_matter({"title": text})[4:-4])["title"] == text
