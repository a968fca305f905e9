"""Evaluate search the way a user meets it: type each query into the real search box in Chromium.

Usage: python -m scripts.evaluate_search SITE_DIR [--file] [--queries tests/search_eval.yml]

A query counts at rank k when one of the first k result links (in the order Material shows
them) lands on a page section that cites or contains one of the query's provisions.
Prints recall@1, recall@3, MRR and keypress-to-results latency per language.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import re
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
HEADING = re.compile(r"<h([1-6])[^>]*\sid=\"([^\"]+)\"", re.S)


@dataclass
class Outcome:
    query: str
    provisions: list[str]
    links: list[str]
    rank: int | None  # 1-based rank of the first relevant link, None when none of the first 10
    latency_ms: float


@dataclass
class Scores:
    lang: str
    outcomes: list[Outcome] = field(default_factory=list)

    def recall(self, k: int) -> float:
        return sum(1 for o in self.outcomes if o.rank and o.rank <= k) / max(len(self.outcomes), 1)

    @property
    def mrr(self) -> float:
        return sum(1 / o.rank for o in self.outcomes if o.rank) / max(len(self.outcomes), 1)

    def latency(self, q: float) -> float:
        values = sorted(o.latency_ms for o in self.outcomes)
        if not values:
            return 0.0
        return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]

    def summary(self) -> str:
        return (f"{self.lang}: {len(self.outcomes)} queries, recall@1 {self.recall(1):.3f}, recall@3 "
                f"{self.recall(3):.3f}, MRR {self.mrr:.3f}, latency median {statistics.median(o.latency_ms for o in self.outcomes):.0f} ms"
                f", p90 {self.latency(0.9):.0f} ms")


def load_queries(path: Path) -> dict[str, list[dict]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def section_html(site: Path, href: str, base: str) -> str:
    """The HTML of the section a result link lands on (the whole article when it has no anchor)."""
    parts = urlsplit(href)
    rel = unquote(parts.path)[len(urlsplit(base).path):] if href.startswith(base) else unquote(parts.path)
    path = site / rel
    if rel.endswith("/") or rel == "":
        path = path / "index.html"
    if not path.exists():
        return ""
    page = path.read_text(encoding="utf-8")
    start = page.find("<article")
    end = page.find("</article>")
    article = page[start:end] if start >= 0 else page
    anchor = unquote(parts.fragment)
    if not anchor:
        return article
    heads = [(m.start(), int(m.group(1)), m.group(2)) for m in HEADING.finditer(article)]
    for i, (pos, level, hid) in enumerate(heads):
        if hid == anchor:
            stop = next((p for p, lv, _ in heads[i + 1:] if lv <= level), len(article))
            return article[pos:stop]
    return ""


def relevant(html: str, provisions: list[str]) -> bool:
    for p in provisions:
        if re.search(rf'data-provision="{re.escape(p)}(?:[.\-][^"]*)?"', html):
            return True
    return False


def run_queries(page, start_url: str, queries: list[dict], site: Path, base: str) -> list[Outcome]:
    page.goto(start_url)
    box = page.locator("input.md-search__input")
    out = []
    for item in queries:
        box.click()
        box.fill("")
        page.wait_for_timeout(30)
        box.fill(item["q"])
        started = time.perf_counter()
        # Material reads the query on keyup; an IME's commit produces one, fill() does not.
        box.press("End")
        try:
            page.wait_for_function(
                "q => { const m = document.querySelector('.md-search-result__meta');"
                " return document.querySelector('.md-search-result__list > li') || (m && /0|没有|No matching/.test(m.textContent)); }",
                arg=item["q"], timeout=5000)
        except Exception:
            pass
        latency = (time.perf_counter() - started) * 1000
        links = page.eval_on_selector_all(".md-search-result__list a.md-search-result__link", "els => els.map(e => e.href)")
        rank = next((i + 1 for i, h in enumerate(links[:10]) if relevant(section_html(site, h, base), item["p"])), None)
        out.append(Outcome(item["q"], item["p"], links[:10], rank, latency))
        box.fill("")
    return out


def evaluate(site: Path, queries_path: Path, use_file: bool = False, chromium: str = CHROMIUM,
             browser=None) -> list[Scores]:
    """Scores per language; pass a running Playwright browser to reuse it (one Playwright per thread)."""
    from playwright.sync_api import sync_playwright

    queries = load_queries(queries_path)
    server = None
    if use_file:
        base = site.resolve().as_uri() + "/"
    else:
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = []

    def run_all(b) -> None:
        page = b.new_page()
        for lang in ("zh", "en"):
            start = base + ("en/" if lang == "en" else "") + ("index.html" if use_file else "")
            results.append(Scores(lang, run_queries(page, start, queries.get(lang, []), site, base)))
        page.close()

    try:
        if browser is not None:
            run_all(browser)
        else:
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path=chromium, args=ARGS)
                run_all(b)
                b.close()
    finally:
        if server:
            server.shutdown()
            server.server_close()
    return results


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.evaluate_search", description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("--file", action="store_true", help="open the site from file:// instead of http")
    parser.add_argument("--queries", default="tests/search_eval.yml")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every query that misses the top 3")
    args = parser.parse_args(argv)
    for scores in evaluate(Path(args.site), Path(args.queries), args.file):
        print(scores.summary())
        if args.verbose:
            for o in scores.outcomes:
                if not o.rank or o.rank > 3:
                    print(f"  miss {o.query!r} (rank {o.rank}) top: {[unquote(h.split('/', 3)[-1])[:60] for h in o.links[:3]]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
