"""A Content-Security-Policy for the built site, with the hashes of its inline scripts.

Material for MkDocs puts a few small scripts inline in every page; they are allowed by
hash, nothing else inline runs. Everything loads from the site itself: no CDN, no fonts
from elsewhere. The policy is in two places:
- in every page, as <meta http-equiv="Content-Security-Policy"> (add_meta, called by the hook
  as each page is written), so it holds from file:// (the offline bundle) and on hosts that
  send no headers. It allows the hashes of that page's own theme scripts only (the ones
  scripts/publish/html_safety.py recognises), and leaves out what a meta policy ignores
  (frame-ancestors, report-uri, sandbox: browsers warn about them);
- in `_headers` (the format several static hosts read) and csp.txt (the bare policy), with the
  hashes of every page, plus frame-ancestors.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from scripts.publish.html_safety import theme_inline_patterns

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
NOT_EXECUTED = re.compile(r"""type=["']?application/(?:ld\+)?json""")


def inline_script_hashes(site: Path) -> list[str]:
    hashes = set()
    for page in sorted(site.rglob("*.html")):
        for m in INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            if "src=" in m["attrs"] or NOT_EXECUTED.search(m["attrs"]) or not m["body"].strip():
                continue
            hashes.add(script_hash(m["body"]))
    return sorted(hashes)


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy(site: Path) -> str:
    return "; ".join(directives(inline_script_hashes(site)))


# Directives that browsers ignore (and warn about) in a <meta> policy.
META_IGNORED = ("frame-ancestors", "report-uri", "report-to", "sandbox")
META_AFTER = '<meta charset="utf-8">'


def directives(hashes: list[str]) -> list[str]:
    scripts = " ".join(["'self'", *hashes])
    return [
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]


def meta_policy(hashes: list[str]) -> str:
    return "; ".join(d for d in directives(hashes) if not d.startswith(META_IGNORED))


def own_inline_hashes(html_text: str) -> list[str]:
    """Hashes of the page's inline scripts that are the theme's own; any other inline script stays blocked."""
    patterns = theme_inline_patterns()
    hashes = set()
    for m in INLINE_SCRIPT.finditer(html_text):
        if "src=" in m["attrs"] or NOT_EXECUTED.search(m["attrs"]):
            continue
        if any(p.match(m["body"]) for p in patterns):
            hashes.add(script_hash(m["body"]))
    return sorted(hashes)


def add_meta(html_text: str) -> str:
    """The page with its policy as the first thing in <head>, before any script it governs."""
    if "Content-Security-Policy" in html_text[: html_text.find("</head>")]:
        return html_text
    tag = f'<meta http-equiv="Content-Security-Policy" content="{meta_policy(own_inline_hashes(html_text))}">'
    at = html_text.find(META_AFTER)
    if at >= 0:
        at += len(META_AFTER)
    else:
        head = html_text.find("<head>")
        if head < 0:
            return html_text
        at = head + len("<head>")
    return html_text[:at] + "\n  " + tag + html_text[at:]


def write(site: Path) -> str:
    """The site-wide policy as csp.txt (bare) and _headers (the format several static hosts read)."""
    text = policy(site)
    (site / "csp.txt").write_text(text + "\n", encoding="utf-8")
    (site / "_headers").write_text(f"/*\n  Content-Security-Policy: {text}\n  X-Content-Type-Options: nosniff\n",
                                   encoding="utf-8")
    return f"wrote {site / 'csp.txt'} ({text.count('sha256-')} inline script hashes)"
