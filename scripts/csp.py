"""A Content-Security-Policy for serving the built site, with the hashes of its inline scripts.

Usage: python -m scripts.csp SITE_DIR   (writes SITE_DIR/csp.txt and SITE_DIR/_headers)

Material for MkDocs puts a few small scripts inline in every page; they are allowed by
hash, nothing else inline runs. Everything loads from the site itself: no CDN, no fonts
from elsewhere. `_headers` is the format several static hosts read; csp.txt is the bare policy.
"""
from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
NOT_EXECUTED = re.compile(r"""type=["']?application/(?:ld\+)?json""")


def inline_script_hashes(site: Path) -> list[str]:
    hashes = set()
    for page in sorted(site.rglob("*.html")):
        for m in INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            if "src=" in m["attrs"] or NOT_EXECUTED.search(m["attrs"]) or not m["body"].strip():
                continue
            digest = hashlib.sha256(m["body"].encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    return sorted(hashes)


def policy(site: Path) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(site)])
    return "; ".join([
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
    ])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0] if argv else "site")
    text = policy(site)
    (site / "csp.txt").write_text(text + "\n", encoding="utf-8")
    (site / "_headers").write_text(f"/*\n  Content-Security-Policy: {text}\n  X-Content-Type-Options: nosniff\n",
                                   encoding="utf-8")
    print(f"wrote {site / 'csp.txt'} ({text.count('sha256-')} inline script hashes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
