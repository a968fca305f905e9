"""The navigation rendered once per top-level section and reused (scripts/render/nav_cache.py)."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from hypothesis import example, given, settings, strategies as st

from scripts.render.nav_cache import NavCache


@dataclass(eq=False)
class Item:
    title: str
    url: str | None = None
    children: list = field(default_factory=list)
    active: bool = False


def url_filter(context: dict, value: str) -> str:
    """A link relative to the page, as MkDocs' url filter writes it with directory URLs."""
    return posixpath.relpath(value, context["page"].url) + "/"


PAGES = {name: Item(name, url) for name, url in
         [("a1", "a/one/"), ("a2", "a/two/"), ("b1", "b/one/"), ("b2", "b/two/"), ("deep", "b/x/y/")]}


def site():
    """Two top-level sections, A (a1, a2) and B (b1, b2, deep), and a render that records what it rendered."""
    pages = {k: Item(v.title, v.url) for k, v in PAGES.items()}
    sections = [Item("A", children=[pages["a1"], pages["a2"]]),
                Item("B", children=[pages["b1"], pages["b2"], pages["deep"]])]
    calls: list[str] = []
    shown: list = [None]

    def render(item, path, level):
        calls.append(item.title)
        links = " ".join(url_filter({"page": shown[0]}, e.url) for e in item.children)
        return f"<li {path} {item.title}: {links}>"

    def show(cache, name):
        shown[0] = pages[name]
        return [cache(render, s, f"__nav_{k}", pages[name], "") for k, s in enumerate(sections, 1)]

    return sections, calls, show


def test_a_section_the_page_is_not_in_is_rendered_once_for_the_pages_whose_links_to_it_read_the_same():
    sections, calls, show = site()
    cache = NavCache(url_filter)
    on_a1 = show(cache, "a1")
    on_a2 = show(cache, "a2")
    assert calls == ["A", "B", "A"]  # A holds both pages; B's links read the same from a/one/ and a/two/
    assert on_a2[1] == on_a1[1] == "<li __nav_2 B: ../../b/one/ ../../b/two/ ../../b/x/y/>"
    on_deep = show(cache, "deep")  # three levels down, A's links read differently: rendered for this page
    assert on_deep[0] == "<li __nav_1 A: ../../../a/one/ ../../../a/two/>"
    show(cache, "b1")
    on_b2 = show(cache, "b2")
    assert calls == ["A", "B", "A", "A", "B", "A", "B", "B"]
    assert on_b2[0] == "<li __nav_1 A: ../../a/one/ ../../a/two/>"
    assert (cache.rendered, cache.reused) == (8, 2)


def test_an_active_section_is_rendered_even_when_its_links_read_the_same():
    sections, calls, show = site()
    cache = NavCache(url_filter)
    show(cache, "b1")
    sections[0].active = True  # as MkDocs marks the ancestors of the page being rendered
    show(cache, "b2")
    assert calls == ["A", "B", "A", "B"]


def test_inside_the_section_that_holds_the_page_a_nested_section_is_reused_too():
    # In a library one top-level section (原文) holds most pages: the cache must reach below it.
    p1, p2, q1, q2 = (Item(n, f"s/{d}/{n}/") for n, d in (("p1", "t1"), ("p2", "t1"), ("q1", "t2"), ("q2", "t2")))
    t1, t2 = Item("T1", children=[p1, p2]), Item("T2", children=[q1, q2])
    top = Item("S", children=[t1, t2])
    calls: list[str] = []
    cache = NavCache(url_filter)

    def render(item, path, level, parent=None):
        calls.append(item.title)
        inner = [cache(render, c, f"{path}_{k}", shown, "", level + 1, item) if c.children
                 else url_filter({"page": shown}, c.url) for k, c in enumerate(item.children, 1)]
        return f"<{item.title} {level} {' '.join(inner)}>"

    shown = p1
    on_p1 = cache(render, top, "__nav_1", p1, "")
    shown = p2
    on_p2 = cache(render, top, "__nav_1", p2, "")
    assert calls == ["S", "T1", "T2", "S", "T1"]  # T2, three levels from both pages, is rendered once
    assert on_p1.endswith("<T2 2 ../../t2/q1/ ../../t2/q2/>>") and on_p2.endswith("<T2 2 ../../t2/q1/ ../../t2/q2/>>")


class _Nav(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.active, self.depth = [], [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "nav" and "md-nav--primary" in (a.get("class") or ""):
            self.depth = 1
        elif tag == "nav" and self.depth:
            self.depth += 1
        if self.depth and tag == "a" and "md-nav__link" in (a.get("class") or "").split():
            self.links.append(a["href"])
            if "md-nav__link--active" in a["class"].split():
                self.active.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1


def test_every_pages_navigation_leads_to_pages_that_exist_and_marks_only_that_page(html_site):
    pages = sorted(html_site.rglob("index.html"))
    assert len(pages) > 100
    for page in pages:
        nav = _Nav()
        nav.feed(page.read_text("utf-8"))
        assert len(nav.links) > 20, page
        for href in nav.links:
            if re.match(r"[a-z]+:", href):
                continue
            target = (page.parent / href.split("#")[0]).resolve()
            assert (target / "index.html").exists() or target.is_file(), (page, href)
        here = [h for h in nav.active if (page.parent / h).resolve() == page.parent.resolve()]
        assert nav.active and here == nav.active, (page, nav.active)


# ---------------------------------------------------------------- the key: exact for every page and section

SEGMENT = st.sampled_from(["a", "b", "c"])  # few names: pages and links often share folders, as in a site
URL = st.builds(lambda parts, how: "/".join(parts) + {"dir": "/", "html": ".html", "bare": ""}[how] if parts else "",
                st.lists(SEGMENT, min_size=0, max_size=4), st.sampled_from(["dir", "html", "bare"]))


@dataclass(eq=False)
class Page:
    url: str


@settings(max_examples=500, deadline=None, derandomize=True)
@given(sections=st.lists(st.lists(URL, min_size=1, max_size=5), min_size=1, max_size=3),
       pages=st.lists(URL, min_size=1, max_size=12))
# Two pages inside the links' folder, at the same depth: the way to the folder reads the same, the links do not.
@example(sections=[["a/b/c/x/", "a/b/d/"]], pages=["a/b/c/", "a/b/d/"])
# A link with no trailing slash or file name: MkDocs reads its last part as a folder of the page.
@example(sections=[["a/b/", "a/c/"]], pages=["a/b", "a/c"])
def test_a_reused_section_is_always_what_rendering_it_for_the_page_gives(sections, pages):
    """With MkDocs' own url filter: a section reused on a page reads exactly as rendered there, whatever folders
    the section's links and the page lie in (the key takes the way to the links' shared folder when it can)."""
    from properdocs.utils import normalize_url

    def url(context, value):
        return normalize_url(str(value), page=context["page"], base=context["base_url"])

    items = [Item(f"S{i}", children=[Item(u, u) for u in urls]) for i, urls in enumerate(sections)]
    shown: list = [None]

    def render(item, path, level):
        return " ".join(url({"page": shown[0], "base_url": ""}, e.url) for e in item.children)

    cache = NavCache(url)
    for page_url in pages:
        shown[0] = Page(page_url)
        for k, item in enumerate(items):
            assert cache(render, item, f"__nav_{k}", shown[0], "") == render(item, "", 1), (page_url, item.title)
