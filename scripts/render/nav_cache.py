"""The site's navigation, rendered once per top-level section and reused, instead of once per page.

Material renders the whole navigation into every page: in a library of 50 texts that is about 600 entries on each
of 1,100 pages, a fifth of the build's time. A top-level section that does not hold the page comes out the same on
every page from which the links to its pages read the same (nothing in it is active, and it carries no table of
contents), so its HTML is kept under the section and those links, and reused. The section that holds the page is
rendered as Material renders it, and inside it each nested section is looked at the same way (in a library one
top-level section, 原文, holds most of the pages). overrides/partials/nav.html calls this for each top-level entry
and overrides/partials/nav-item.html for each nested section; the hook puts a new one into each build's template
environment, so nothing outlives a build.
"""
from __future__ import annotations

import re
from typing import Any, Callable

# A link that is a plain path inside the site: no scheme, query, fragment, leading slash or dot segment.
PLAIN = re.compile(r"(?:[^/?#:.][^/?#:]*/)*(?:[^/?#:.][^/?#:]*)?")


def _folder(url: str) -> list[str] | None:
    """The folders a plain link or page URL lies in, as MkDocs reads them ("a/b/" and "a/b.html": a, b and a),
    or None for a link whose folders it reads some other way."""
    if not PLAIN.fullmatch(url) or not (url == "" or url.endswith("/") or "." in url.rpartition("/")[2]):
        return None
    return url.split("/")[:-1]


def _common_folder(urls: tuple[str, ...]) -> list[str] | None:
    """The deepest folder every link of a section lies in (source/<slug>/ for a text's parts: ["source", slug]),
    if any."""
    folders = [_folder(u) for u in urls]
    if not folders or any(f is None for f in folders):
        return None
    common = folders[0]
    for f in folders[1:]:
        n = 0
        while n < min(len(common), len(f)) and common[n] == f[n]:
            n += 1
        common = common[:n]
    return common or None


def _entries(item: Any):
    """The item and every entry under it."""
    yield item
    for child in getattr(item, "children", None) or ():
        yield from _entries(child)


class NavCache:
    def __init__(self, url_filter: Callable[[dict, str], str]):
        self._url = url_filter  # the template's own `url` filter, so a link reads exactly as in the page
        self._html: dict[tuple, tuple[Any, str]] = {}
        # per section: the item, its links, the pages it holds, and the folder holding all its links (as parts and
        # as a link) or None
        self._urls: dict[int, tuple[Any, tuple[str, ...], frozenset[int], tuple[list[str], str] | None]] = {}
        self.rendered = 0
        self.reused = 0

    def _section(self, item: Any) -> tuple[tuple[str, ...], frozenset[int], tuple[list[str], str] | None]:
        known = self._urls.get(id(item))
        if known is None or known[0] is not item:
            entries = list(_entries(item))
            urls = tuple(str(e.url) for e in entries if getattr(e, "url", None) is not None)
            # A page that shows it belongs to the section (Material checks `page in item.pages`) counts as in it.
            held = frozenset(id(e) for e in entries) | frozenset(
                id(p) for e in entries for p in (getattr(e, "pages", None) or ()))
            common = _common_folder(urls)
            folder = (common, "/".join(common) + "/") if common else None
            known = self._urls[id(item)] = (item, urls, held, folder)
        return known[1], known[2], known[3]

    def _links(self, context: dict, page: Any, urls: tuple[str, ...], folder: tuple[list[str], str] | None) -> tuple:
        """What the section's links read from this page, or something that is equal exactly when they read the
        same. MkDocs writes a link relative to the page's folder: up to the folders they share, then down. When
        the page lies outside the folder F that holds all the section's links, every link reads as the way to F
        followed by the rest of its own path; the way to F alone then tells them all. In a library that is one
        link to compute per section and page instead of a few hundred (a text's parts under source/<slug>/)."""
        if folder is not None:
            parts, link = folder
            where = _folder(str(page.url))
            if where is not None and where[:len(parts)] != parts:
                return (link, self._url(context, link))
        return tuple(self._url(context, u) for u in urls)

    def __call__(self, render: Callable[..., str], item: Any, path: str, page: Any, base_url: str,
                 level: int = 1, parent: Any = None) -> str:
        """Material's `render(item, path, level[, parent])` for this page, rendered or reused."""
        def fresh() -> str:
            self.rendered += 1
            return render(item, path, level) if parent is None else render(item, path, level, parent)

        if page is None or getattr(page, "url", None) is None or getattr(item, "active", False):
            return fresh()
        urls, held, folder = self._section(item)
        if id(page) in held:
            return fresh()
        context = {"page": page, "base_url": base_url}
        # Material's macro also reads the level and, with navigation.tabs, whether the parent is active.
        key = (id(item), path, level, bool(getattr(parent, "active", False)), self._links(context, page, urls, folder))
        kept = self._html.get(key)
        if kept is not None and kept[0] is item:
            self.reused += 1
            return kept[1]
        html = fresh()
        self._html[key] = (item, html)  # the item is kept alive with its HTML, so its id is not reused
        return html
