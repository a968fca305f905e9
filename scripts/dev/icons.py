"""Render the app icon (docs/assets/icons/icon.svg) to the PNGs the web app manifest lists.

Usage: python -m scripts.dev.icons   (run once after editing icon.svg; the PNGs are committed)

Chromium draws the SVG at each size (no font is involved: the icon is shapes only), so the
build needs neither a rasteriser nor Chromium for the icons, and the PNGs stay the same bytes
from build to build.
"""
from __future__ import annotations

import argparse
import base64
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts.core.browser import RENDER_ARGS, headless
from scripts.core.paths import ROOT
from scripts.publish.pwa import ICON_SIZES, ICONS

PAGE = ('<!doctype html><html><head><style>html,body{{margin:0;background:#fff}}img{{display:block}}</style>'
        '</head><body><img src="data:image/svg+xml;base64,{svg}" width="{size}" height="{size}"></body></html>')


def render(svg: Path, out: Path, sizes: tuple[int, ...], chromium: str | None = None) -> list[Path]:
    data = base64.b64encode(svg.read_bytes()).decode()
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium or headless(), args=RENDER_ARGS)
        for size in sizes:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(PAGE.format(svg=data, size=size))
            target = out / f"icon-{size}.png"
            page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": size, "height": size})
            page.close()
            written.append(target)
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.dev.icons", description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default=None, help="default: the build's (scripts/core/browser.py)")
    args = parser.parse_args(argv)
    icons = ROOT / "docs" / ICONS
    for path in render(icons / "icon.svg", icons, ICON_SIZES, args.chromium):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
