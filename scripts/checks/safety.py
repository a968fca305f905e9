"""Keep scripts out of contributed Markdown: raw HTML outside code must be harmless.

Python-Markdown passes raw HTML through untouched, so a pull request could add
`<script>`, `onerror=` or a `javascript:` link. These checks run in the checker (and so
in the build), over the same masked text as every other check: code spans and blocks
are left alone. Which raw tags are harmless is configuration (extra.handbook.allowed_html).
"""
from __future__ import annotations

import re

from scripts.pages.collect import ATTR_LIST_TAG, PageRecord
from scripts.core.diagnostics import Diagnostic, line_col

DANGEROUS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "form", "meta", "link",
             "style"}
EVENT_ATTR = re.compile(r"\s(on[a-z]+)\s*=", re.I)
URL_ATTR = re.compile(r"\s(href|src|action|formaction|xlink:href|data)\s*=\s*([\"']?)([^\"'\s>]*)", re.I)
SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.I)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
DEFAULT_ALLOWED = ["section", "div", "p", "span", "br", "sup", "sub", "small", "kbd", "abbr", "details", "summary"]


def check_page(rec: PageRecord, allowed: list[str] | None = None) -> list[Diagnostic]:
    """Over what collect_page found: the page's raw tags and its link targets."""
    allowed_tags = {t.lower() for t in (allowed or DEFAULT_ALLOWED)}
    diags = []

    def add(offset: int, code: str, message: str, hint: str) -> None:
        line, col = line_col(rec.text, offset)
        diags.append(Diagnostic(rec.shown, line, col, code, message, hint))

    for tag in rec.tags:
        name = tag.name
        if name == ATTR_LIST_TAG:
            pass  # not a tag: only its attributes are checked
        elif name in DANGEROUS:
            add(tag.start, "UNSAFE_HTML", f"raw <{name}> is not allowed in Markdown",
                "pages may not carry scripts, frames, objects or forms")
        elif name not in allowed_tags:
            add(tag.start, "UNSAFE_HTML", f"raw <{name}> is not on the allow-list",
                "use Markdown, or add the tag to extra.handbook.allowed_html if it is harmless")
        for ev in EVENT_ATTR.finditer(tag.attrs):
            add(tag.attrs_start + ev.start(1), "UNSAFE_ATTRIBUTE", f"inline event handler {ev.group(1)}= is not allowed",
                "behaviour belongs in docs/assets/handbook.js, not in pages")
        for url in URL_ATTR.finditer(tag.attrs):
            value = url.group(3)
            if SCRIPT_URL.match(value):
                add(tag.attrs_start + url.start(3), "UNSAFE_URL", f"{url.group(1)}={value[:30]!r} runs a script",
                    "link to a page or a file instead")
            elif EXTERNAL.match(value) and (name in ("img", "script", "source", "video", "audio", "track")
                                            or url.group(1).lower() == "src"):
                add(tag.attrs_start + url.start(3), "EXTERNAL_RESOURCE",
                    f"<{name}> loads {value[:40]!r} from another host", "the site and the offline bundle load nothing from the network: copy the file into docs/assets/")
    for link in rec.links:
        target = link.target.strip("<>")
        if SCRIPT_URL.match(target):
            add(link.target_offset, "UNSAFE_URL", f"link to {target[:30]!r} runs a script", "link to a page or a file instead")
        elif link.image and EXTERNAL.match(target):
            add(link.target_offset, "EXTERNAL_RESOURCE", f"image {target[:40]!r} is loaded from another host",
                "the site and the offline bundle load nothing from the network: copy the image into docs/assets/")
    return diags
