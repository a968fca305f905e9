"""Evaluate search the way a user meets it: type each query into the real search box in Chromium.

Usage: python -m scripts.dev.evaluate_search SITE_DIR [--file] [--queries tests/search_eval.yml]

A query counts at rank k when one of the first k result links (in the order Material shows
them) lands on a page section, or the element of a policy text (a sentence), that cites or
contains one of the query's provisions; `slug:10` asks for article 10 of that text, on its pages.
A group's heading link is scored twice: for its whole page (`rank`, the rule the set was scored
by when headings led to the top of their page) and for where it lands (`landing_rank`).
A first answer from part of a large index is not scored: the evaluation waits for the full one.
Prints recall@1, recall@3, MRR and keypress-to-results latency per language.
"""
from __future__ import annotations

import argparse
import contextlib
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from scripts.core.browser import ARGS, FULL_BROWSER
from scripts.dev.serving import serving

HEADING = re.compile(r"<h([1-6])[^>]*\sid=\"([^\"]+)\"", re.S)
# Before each query: the previous answer is forgotten, so that the next one is waited for.
FORGET = ("() => { const r = document.querySelector('.md-search-result'); if (r) r.removeAttribute('data-handbook-search');"
          " for (const s of ['.md-search-result__list', '.md-search-result__meta']) {"
          " const e = document.querySelector(s); if (e) e.textContent = ''; } }")
# The search box has answered in full (docs/assets/search-box.js marks a complete answer) with results
# or with none. A first answer from part of a large index does not count: its ranking is not final.
ANSWERED = ("() => { const r = document.querySelector('.md-search-result'), m = document.querySelector('.md-search-result__meta');"
            " if (r && r.getAttribute('data-handbook-search') === 'partial') return false;"
            " return document.querySelector('.md-search-result__list > li') || (m && /0|没有|No matching/.test(m.textContent)); }")


# Keypress to answer, timed in the page: from the key's release to the moment the answer is on the
# page (the driver's polling and round trips are not the reader's wait).
STOPWATCH = """() => {
  const t = window.__answered = {};
  const done = %s;
  document.addEventListener("keyup", () => { t.key = performance.now(); delete t.done; }, true);
  new MutationObserver(() => { if (t.key && !t.done && done()) t.done = performance.now(); })
    .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}""" % ANSWERED


@dataclass
class Outcome:
    query: str
    provisions: list[str]
    links: list[str]
    rank: int | None  # 1-based rank of the first relevant link (a page's heading counts for its page)
    latency_ms: float
    landing_rank: int | None = None  # the same, every link judged by the place it lands on


@dataclass
class Scores:
    """Two readings of the same results. `rank`: a group's heading link counts for its whole page, as
    this set was scored when headings led to the top of their page (the ranking of pages and
    sections, comparable with earlier figures). `landing`: every link, headings included, counts
    for the place it leads to (a sentence, a section), which is what a reader lands on now."""

    lang: str
    outcomes: list[Outcome] = field(default_factory=list)

    def _rank(self, o: Outcome, landing: bool) -> int | None:
        return o.landing_rank if landing else o.rank

    def recall(self, k: int, landing: bool = False) -> float:
        return sum(1 for o in self.outcomes if (r := self._rank(o, landing)) and r <= k) / max(len(self.outcomes), 1)

    def mrr_of(self, landing: bool = False) -> float:
        return sum(1 / r for o in self.outcomes if (r := self._rank(o, landing))) / max(len(self.outcomes), 1)

    @property
    def mrr(self) -> float:
        return self.mrr_of()

    def latency(self, q: float) -> float:
        values = sorted(o.latency_ms for o in self.outcomes)
        if not values:
            return 0.0
        return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]

    def summary(self) -> str:
        return (f"{self.lang}: {len(self.outcomes)} queries, recall@1 {self.recall(1):.3f}, recall@3 "
                f"{self.recall(3):.3f}, MRR {self.mrr:.3f}; landing on the match: recall@1 "
                f"{self.recall(1, True):.3f}, recall@3 {self.recall(3, True):.3f}, MRR {self.mrr_of(True):.3f}; "
                f"latency median {statistics.median(o.latency_ms for o in self.outcomes):.0f} ms"
                f", p90 {self.latency(0.9):.0f} ms")


def load_queries(path: Path) -> dict[str, list[dict]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def section_html(site: Path, href: str, base: str) -> str:
    """The HTML of what a result link lands on: the section under a heading, the element with that
    id (a sentence, a provision), or the whole article when the link has no anchor."""
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
    return element_html(article, anchor)


def element_html(html: str, ident: str) -> str:
    """The element with id `ident`, up to its own closing tag (elements of its name nested in it counted)."""
    m = re.search(rf'<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\sid="{re.escape(ident)}"[^>]*>', html)
    if not m:
        return ""
    tag, depth = m.group(1), 0
    for t in re.finditer(rf"<(/?){tag}\b[^>]*>", html[m.start():]):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return html[m.start():m.start() + t.end()]
    return html[m.start():]


def relevant(html: str, provisions: list[str], href: str = "") -> bool:
    """Whether what a link lands on cites or contains one of the provisions (or a sentence of one).
    `slug:2.5` asks for the provision in that policy text's own pages (a library has many 第十条)."""
    for p in provisions:
        slug, _, pid = p.rpartition(":")
        if slug and f"source/{slug}/" not in unquote(urlsplit(href).path):
            continue
        if re.search(rf'data-provision="{re.escape(pid)}(?:[.\-][^"]*)?"', html):
            return True
    return False


def run_queries(page, start_url: str, queries: list[dict], site: Path, base: str) -> list[Outcome]:
    page.goto(start_url)
    box = page.locator("input.md-search__input")
    out = []
    page.evaluate(STOPWATCH)
    for item in queries:
        box.click()
        box.fill("")
        page.evaluate(FORGET)
        page.wait_for_timeout(30)
        box.fill(item["q"])
        started = time.perf_counter()
        # Material reads the query on keyup; an IME's commit produces one, fill() does not.
        box.press("End")
        try:
            page.wait_for_function(ANSWERED, timeout=5000)
        except Exception:
            pass
        timed = page.evaluate("() => window.__answered && window.__answered.done - window.__answered.key")
        latency = timed if isinstance(timed, (int, float)) and timed >= 0 else (time.perf_counter() - started) * 1000
        found = page.eval_on_selector_all(".md-search-result__list a.md-search-result__link",
                                          "els => els.map(e => [e.href, !!e.querySelector('h1')])")[:10]
        links = [h for h, _ in found]
        landing = [relevant(section_html(site, h, base), item["p"], h) for h in links]
        by_page = [relevant(section_html(site, h.split("#")[0], base), item["p"], h) if heading else hit
                   for (h, heading), hit in zip(found, landing)]
        rank = next((i + 1 for i, hit in enumerate(by_page) if hit), None)
        landing_rank = next((i + 1 for i, hit in enumerate(landing) if hit), None)
        out.append(Outcome(item["q"], item["p"], links, rank, latency, landing_rank))
        box.fill("")
    return out


def evaluate(site: Path, queries_path: Path, use_file: bool = False, chromium: str = FULL_BROWSER,
             browser=None, limit: int | None = None) -> list[Scores]:
    """Scores per language; pass a running Playwright browser to reuse it (one Playwright per thread).
    `limit`: only the first queries of each language (bench --quick shows that the evaluation runs)."""
    from playwright.sync_api import sync_playwright

    queries = load_queries(queries_path)
    results = []

    def run_all(b) -> None:
        page = b.new_page()
        for lang in ("zh", "en"):
            if not queries.get(lang):
                continue
            start = base + ("en/" if lang == "en" else "") + ("index.html" if use_file else "")
            results.append(Scores(lang, run_queries(page, start, queries[lang][:limit], site, base)))
        page.close()

    with contextlib.nullcontext(site.resolve().as_uri() + "/") if use_file else serving(site) as base:
        if browser is not None:
            run_all(browser)
        else:
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path=chromium, args=ARGS)
                run_all(b)
                b.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.dev.evaluate_search", description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("--file", action="store_true", help="open the site from file:// instead of http")
    parser.add_argument("--queries", default="tests/search_eval.yml")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every query that misses the top 3")
    args = parser.parse_args(argv)
    for scores in evaluate(Path(args.site), Path(args.queries), args.file):
        if not scores.outcomes:
            continue
        print(scores.summary())
        if args.verbose:
            for o in scores.outcomes:
                if not o.landing_rank or o.landing_rank > 3 or not o.rank or o.rank > 1:
                    print(f"  {o.query!r} rank {o.rank}, landing {o.landing_rank}; top: "
                          f"{[unquote(h.split('/', 3)[-1])[:60] for h in o.links[:3]]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
