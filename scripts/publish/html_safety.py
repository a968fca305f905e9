"""The second line of defence: every rendered page of the built site, read with a real HTML parser.

The checker's Markdown scan (scripts/checks/safety.py) sees raw tags a page writes; it cannot see
what Markdown extensions make (an attribute list `{ onclick=… }`, an entity in a link
target) or what a template or plugin adds. This verb parses the HTML the browser will get
(Python's html.parser: entities decoded, attributes split as a browser splits them) and fails on
- an event-handler attribute (on…=) on any element;
- a javascript:, vbscript: or data:text/html URL in any URL attribute (after the browser's own
  clean-up: entities decoded, tabs and newlines removed, leading spaces and controls dropped);
- a frame, object, embed or base element, or a meta refresh;
- a <script> that is not the theme's own. Own scripts are exactly:
  * by src: Material's bundle (assets/javascripts/bundle.*.min.js as shipped in the installed
    theme), every mkdocs.yml extra_javascript and extra.polyfills entry, all under the site;
  * inline: Material's config (<script id="__config" type="application/json">) and the inline
    scripts of Material's partials/javascripts/*.html, with their {{ … }} slots filled by a
    relative path (the __md_scope line and the tab restorer).
Prints `site/path.html:line:col: UNSAFE_RENDERED message (hint: …)`; exits 1 on any.
"""
from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from scripts.core.config import Config
from scripts.core.diagnostics import Diagnostic

CODE = "UNSAFE_RENDERED"
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite",
             "codebase", "manifest", "ping", "srcdoc", "lowsrc", "dynsrc", "longdesc", "usemap", "icon"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
# Types a browser runs as script; anything else (application/json…) is data.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript",
                "application/ecmascript", "text/jscript", "text/livescript"}
# What fills a {{ … }} slot of Material's inline scripts: a relative or root path, nothing else.
SLOT = r'[A-Za-z0-9_./:-]*'
URL_WHITESPACE = re.compile(r"[\t\n\r]")


@dataclass(frozen=True)
class Allowed:
    srcs: frozenset[str]  # site-relative paths
    inline: tuple[re.Pattern, ...]


def material_dir() -> Path:
    import material

    return Path(material.__file__).resolve().parent / "templates"


@functools.lru_cache(maxsize=4)
def theme_inline_patterns(theme: Path | None = None) -> tuple[re.Pattern, ...]:
    """Material's inline scripts (partials/javascripts/*.html), each {{ … }} slot a path."""
    theme = theme or material_dir()
    inline = []
    for partial in sorted((theme / "partials" / "javascripts").glob("*.html")):
        for body in re.findall(r"<script>(.*?)</script>", partial.read_text(encoding="utf-8"), re.S):
            parts = re.split(r"\{\{.*?\}\}", body)
            inline.append(re.compile(SLOT.join(re.escape(p) for p in parts) + r"\Z", re.S))
    return tuple(inline)


def theme_allowed(config: Config | None = None, theme: Path | None = None) -> Allowed:
    """The theme's own scripts, read from the installed Material and from mkdocs.yml."""
    theme = theme or material_dir()
    srcs = {p.relative_to(theme).as_posix() for p in (theme / "assets" / "javascripts").glob("bundle.*.min.js")}
    for path in config.scripts() if config else []:
        srcs.add(posixpath.normpath(path.lstrip("/")))
    return Allowed(frozenset(srcs), theme_inline_patterns(theme))


def script_url(value: str) -> bool:
    """Whether a browser would run this URL as script."""
    cleaned = URL_WHITESPACE.sub("", value).lstrip("".join(map(chr, range(0x21)))).lower()
    cleaned = re.sub(r"^data:\s*", "data:", cleaned)
    return cleaned.startswith(SCRIPT_SCHEMES)


class _PageScan(HTMLParser):
    def __init__(self, page_url_dir: str, allowed: Allowed):
        super().__init__(convert_charrefs=True)
        self.here = page_url_dir
        self.allowed = allowed
        self.found: list[tuple[int, int, str, str]] = []
        self._script: tuple[int, int, dict] | None = None
        self._body: list[str] = []

    def flag(self, message: str, hint: str) -> None:
        line, offset = self.getpos()
        self.found.append((line, offset + 1, message, hint))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_starttag(self, tag, attrs):
        attrs_d = {}
        for name, value in attrs:
            name = name.lower()
            value = value or ""
            attrs_d.setdefault(name, value)
            if name.startswith("on"):
                self.flag(f"<{tag}> has an event handler {name}=", "behaviour belongs in docs/assets/handbook.js")
            elif name in URL_ATTRS and script_url(value):
                self.flag(f"<{tag} {name}=> is a script URL {value[:30]!r}", "link to a page or a file instead")
        if tag in FORBIDDEN_ELEMENTS:
            self.flag(f"<{tag}> element in a rendered page", "the theme makes no frames, objects or <base>")
        if tag == "meta" and attrs_d.get("http-equiv", "").lower() == "refresh":
            self.flag("<meta http-equiv=refresh> in a rendered page", "link to the page instead")
        if tag == "script":
            line, offset = self.getpos()
            self._script = (line, offset + 1, attrs_d)
            self._body = []

    def handle_data(self, data):
        if self._script is not None:
            self._body.append(data)

    def handle_endtag(self, tag):
        if tag != "script" or self._script is None:
            return
        line, col, attrs = self._script
        self._script = None
        problem = self._judge(attrs, "".join(self._body))
        if problem:
            self.found.append((line, col, problem, "only the theme's own scripts may run: see scripts/publish/html_safety.py"))

    def _judge(self, attrs: dict, body: str) -> str:
        src = attrs.get("src")
        kind = attrs.get("type", "").strip().lower()
        if src is not None:
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", src.strip(), re.I):
                return f"<script src={src[:60]!r}> loads a script from another host or scheme"
            target = posixpath.normpath(src.lstrip("/") if src.startswith("/") else posixpath.join(self.here, src))
            target = target.split("?")[0].split("#")[0]
            if target not in self.allowed.srcs:
                return f"<script src={src[:60]!r}> is not one of the theme's scripts"
            return ""
        if kind not in SCRIPT_TYPES:
            if attrs.get("id") == "__config" and kind == "application/json":
                return ""
            return f"<script type={kind[:30]!r}> is not the theme's config"
        if any(p.match(body) for p in self.allowed.inline):
            return ""
        return f"inline <script> is not one of the theme's own ({body.strip()[:40]!r})"


def scan_page(html_text: str, page_rel: str, allowed: Allowed) -> list[tuple[int, int, str, str]]:
    """Problems of one page: (line, column, message, hint)."""
    scan = _PageScan(posixpath.dirname(page_rel), allowed)
    scan.feed(html_text)
    scan.close()
    return scan.found


def scan_site(site: Path, allowed: Allowed, shown_prefix: str | None = None) -> list[Diagnostic]:
    prefix = site.as_posix() if shown_prefix is None else shown_prefix
    diags = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8", errors="replace")
        for line, col, message, hint in scan_page(text, rel, allowed):
            diags.append(Diagnostic(f"{prefix}/{rel}", line, col, CODE, message, hint))
    return diags
