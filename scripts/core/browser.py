"""Which Chromium the project drives through Playwright, and with which switches: one definition for the build,
the tests and the benchmarks.

The build's printing (the PDF step) and the tests run Debian's chromium-headless-shell: Chromium's old headless
mode, the build Playwright itself runs for headless pages. It is the same Blink and V8 without the full browser
around them: it prints the handbook's 50 checklist and template PDFs in 8.8 s where the full browser's headless
mode took 15.8 s (the same PDFs page for page, font for font and text for text; measured in one sitting).
What make bench measures as readers feel it (search latency, first paint, page weight) stays on the full browser,
the one readers run. CHROMIUM in the environment names another binary for the build and the tests.
"""
from __future__ import annotations

import os

HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"  # Debian package chromium-headless-shell
FULL_BROWSER = "/usr/bin/chromium"  # Debian package chromium

# No sandbox (containers and CI run as root), no GPU, and nothing that would reach the network on its own.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
# For output kept as files (the PDFs, the app icons): glyphs drawn without hinting, the same on every machine.
RENDER_ARGS = [*ARGS, "--font-render-hinting=none"]


def headless() -> str:
    """The Chromium of the build and the tests: CHROMIUM if set, else the headless shell."""
    return os.environ.get("CHROMIUM") or HEADLESS_SHELL
