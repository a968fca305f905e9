"""Build one search index per language and the search worker that loads it.

Usage: python -m scripts.search_index SITE_DIR [--docs docs]   (from Material's search_index.json)
       python -m scripts.search_index --vocabulary INPUT.json  (the build's vocabulary job)

In the build, the hook cuts every rendered page into sections with sections() (the same cut as
Material's search plugin, which then indexes nothing) and calls build() and write(). From the
command line, build() reads the index a stock Material build wrote instead. write() puts, per
language, assets/javascripts/search-index.<lang>.js (the index as a script, so it loads from
file:// too) and search-worker.<lang>.js (overrides/assets/javascripts/search-worker.js, told
where its index is). The worker loads the index when the search box gets focus, not with the
page. Material's own index file is reduced to its config.

The Chinese vocabulary that queries are cut with comes from jieba (cut_for_search over the
handbook's text, with every glossary term added as a word so domain terms stay whole).
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from scripts.core.paths import ROOT
from scripts.pages.glossary import load_glossary

INDEX_PREFIX = "self.HANDBOOK_INDEX = "
WORKER_SOURCE = ROOT / "overrides" / "assets" / "javascripts" / "search-worker.js"
# Quote and bracket characters that search ignores, in matching and in highlighting alike
# (两癌筛查 finds and marks 【两癌】筛查). The worker carries the same string on its `var FOLDED` line;
# worker_source() refuses to ship a worker whose line differs.
FOLDED = "\u201c\u201d\u2018\u2019\"'\u300c\u300d\u300e\u300f\u300a\u300b\u3008\u3009\uff08\uff09()\u3010\u3011\u00b7\u200b"
FOLDED_LINE = re.compile(r'^  var FOLDED = (?P<literal>".*");$', re.M)


def worker_source() -> str:
    """The worker's code, after checking that its folded characters are FOLDED."""
    worker = WORKER_SOURCE.read_text(encoding="utf-8")
    m = FOLDED_LINE.search(worker)
    if m is None or json.loads(m["literal"]) != FOLDED:
        raise ValueError(f"{WORKER_SOURCE}: its `var FOLDED` line differs from scripts/search_index.py FOLDED; "
                         "make them the same characters")
    return worker
LANGS = ("zh", "en")
HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
TAGS = re.compile(r"<[^>]+>")


class SegmentationUnavailable(RuntimeError):
    pass


def plain(text: str) -> str:
    """Index text as shown in results: no tags, no zero-width spaces, single spaces."""
    text = html.unescape(TAGS.sub(" ", text)).replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


UNINDEXED = re.compile(r"<(script|style|object)\b.*?</\1\s*>|<a\b[^>]*\bclass=\"headerlink\"[^>]*>.*?</a>|<!--.*?-->",
                       re.S)
TAG_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>")
ID_ATTR = re.compile(r"""\sid=["']([^"']*)["']""")
KEPT = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}  # become spaces, as in Material's index
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def sections(url: str, content: str, page_title: str) -> list[dict]:
    """A page's rendered content cut into search sections, the way Material's search plugin cuts it
    (which this replaces, so the index does not depend on that plugin).

    Every heading with an id starts a section at `url#id`; the first section, a leading h1 or the
    text before the first heading, is the page's own entry at `url`. A heading nested in an element
    (a grid card, a provision's <section>) ends with that element, and what follows belongs to the
    section before it again. Inline tags vanish (a glossary link inside 妇女之家 must not split it);
    block tags become spaces. Permalink signs, scripts, styles and comments are not text."""
    html_text = UNINDEXED.sub("", content)
    found: list[dict] = []  # {"id", "depth", "title": [], "text": []}
    current = None
    context: list[str] = []  # open elements
    in_title = 0  # depth of the open heading whose text is the current section's title

    def open_section(ident: str | None = None, depth: int = 0) -> dict:
        sec = {"id": ident, "depth": depth, "title": [], "text": []}
        found.append(sec)
        return sec

    def emit(text: str) -> None:
        nonlocal current
        if not text:
            return
        if current is None:
            current = open_section()
        (current["title"] if in_title else current["text"]).append(text)

    pos = 0
    for m in TAG_TOKEN.finditer(html_text):
        emit(html_text[pos:m.start()])
        pos = m.end()
        closing, tag, attrs = m.group(1) == "/", m.group(2).lower(), m.group(3)
        if tag in VOID or attrs.rstrip().endswith("/"):
            continue
        if not closing:
            context.append(tag)
            ident = ID_ATTR.search(attrs) if tag in HEADINGS else None
            if ident:
                depth = len(context)
                if tag != "h1" and not found:
                    open_section(depth=depth)
                current = open_section(ident.group(1) if found else None, depth)
                in_title = depth
            elif current is None:
                current = open_section()
            emit(" " if tag in KEPT else "")
            continue
        if tag not in context:
            continue  # a stray closing tag
        while context and context[-1] != tag:  # close what was left open inside it
            context.pop()
        if current is not None and current["depth"] > len(context):
            # Leaving the element that holds the current section's heading: back to the section before.
            current["depth"] = float("inf")
            current = next((sec for sec in reversed(found) if sec["depth"] <= len(context)), current)
        context.pop()
        if in_title and len(context) < in_title:
            in_title = 0
        emit(" " if tag in KEPT else "")
    emit(html_text[pos:])
    out = []
    for sec in found:
        title = plain("".join(sec["title"])) or page_title
        out.append({"l": f"{url}#{sec['id']}" if sec["id"] else url, "t": title, "x": plain("".join(sec["text"]))})
    return out


def language_of(location: str) -> str:
    return "en" if location.startswith("en/") else "zh"


def vocabulary(texts: list[str], glossary_terms: list[str]) -> list[str]:
    try:
        import jieba
    except ImportError as exc:  # the build must not silently ship a search that cannot read Chinese
        raise SegmentationUnavailable("jieba is not installed: Chinese search cannot be built") from exc
    jieba.setLogLevel(60)
    for term in glossary_terms:
        for piece in re.split(r"[、，,\s]+", term):
            if len(piece) >= 2:
                jieba.add_word(piece, freq=20000)
    words = {w for t in glossary_terms for w in re.split(r"[、，,\s]+", t) if len(w) >= 2 and HAN.match(w)}
    for text in texts:
        for w in jieba.cut_for_search(text):
            if len(w) >= 2 and HAN.match(w):
                words.add(w)
    return sorted(words)


def page_texts(markdown_pages: list[str]) -> list[str]:
    """The text of Markdown pages as the vocabulary needs it: front matter, tags and marks dropped."""
    out = []
    for text in markdown_pages:
        if text.startswith("---"):
            end = text.find("\n---", 3)
            if re.search(r"^search:\s*\n\s+exclude:\s*true", text[:end], re.M):
                continue  # not in the index, so not in its vocabulary either
            text = text[end + 4:] if end >= 0 else text
        out.append(plain(re.sub(r"[#*_`>|\[\]{}()]", " ", text)))
    return out


class VocabularyJob:
    """jieba's dictionary takes a second and a half to load and cutting the handbook another second,
    on one core. The build starts this job as soon as the pages are read (a separate process, so it
    runs on the second core while MkDocs renders) and collects the words at the end."""

    def __init__(self, texts: list[str], glossary_terms: list[str], workdir: Path):
        workdir.mkdir(parents=True, exist_ok=True)
        self.input = workdir / f"vocabulary-input.{os.getpid()}.json"
        self.input.write_text(json.dumps({"texts": texts, "terms": glossary_terms}, ensure_ascii=False),
                              encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, "-m", "scripts.publish.search_index", "--vocabulary", str(self.input)],
                                     cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)

    def result(self) -> list[str]:
        out, err = self.proc.communicate()
        self.input.unlink(missing_ok=True)
        if self.proc.returncode != 0:
            lines = err.decode("utf-8", "replace").strip().splitlines() or ["the vocabulary job failed"]
            raise SegmentationUnavailable(lines[-1])
        return json.loads(out)

    def cancel(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()
        self.input.unlink(missing_ok=True)


def build(site: Path, docs_dir: Path, vocab: list[str] | None = None,
          by_lang: dict[str, list[dict]] | None = None) -> dict[str, dict]:
    """The per-language indexes, from `by_lang` (sections() of every page, per language) or else from
    the index Material's search plugin wrote; `vocab` is the Chinese vocabulary if a VocabularyJob made it."""
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    if by_lang is not None:
        per_lang = {lang: list(by_lang.get(lang, [])) for lang in LANGS}
    else:
        per_lang = {lang: [] for lang in LANGS}
        for d in data.get("docs", []):
            per_lang[language_of(d["location"])].append(
                {"l": d["location"], "t": plain(d.get("title", "")), "x": plain(d.get("text", ""))})
    if vocab is None:
        terms = [form for term in load_glossary(docs_dir, "zh") for form in term.forms]
        vocab = vocabulary([d["t"] + " " + d["x"] for d in per_lang["zh"]], terms)
    indexes = {lang: {"lang": lang, "docs": docs, "vocab": vocab if lang == "zh" else []}
               for lang, docs in per_lang.items()}
    return {"config": data.get("config", {}), "indexes": indexes}


def read_index(site: Path, lang: str) -> dict:
    """The index a built site carries for one language (for tests and benchmarks)."""
    text = (site / "assets" / "javascripts" / f"search-index.{lang}.js").read_text(encoding="utf-8")
    return json.loads(text[len(INDEX_PREFIX):text.rindex(";")])


def write_index(path: Path, index: dict) -> None:
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_text(f"{INDEX_PREFIX}{payload};\n", encoding="utf-8")


def write(site: Path, built: dict) -> list[Path]:
    worker = worker_source()
    out = []
    target_dir = site / "assets" / "javascripts"
    target_dir.mkdir(parents=True, exist_ok=True)
    for lang, index in built["indexes"].items():
        data = target_dir / f"search-index.{lang}.js"
        write_index(data, index)
        # The version in the address keeps a browser from pairing a cached old index with new pages.
        version = hashlib.sha256(data.read_bytes()).hexdigest()[:12]
        path = target_dir / f"search-worker.{lang}.js"
        path.write_text(f'var HANDBOOK_INDEX_FILE = "{data.name}?v={version}";\n{worker}', encoding="utf-8")
        out += [path, data]
    stub = json.dumps({"config": built["config"], "docs": []}, ensure_ascii=False, sort_keys=True)
    (site / "search" / "search_index.json").write_text(stub, encoding="utf-8")
    if (site / "search" / "search_index.js").exists():  # the offline plugin's inlined copy
        (site / "search" / "search_index.js").write_text(f"var __index = {stub}", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.search_index", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?")
    parser.add_argument("--docs", default="docs")
    parser.add_argument("--vocabulary", metavar="JSON", help="print the vocabulary of {texts, terms} (VocabularyJob)")
    args = parser.parse_args(argv)
    if args.vocabulary:
        where = Path(args.vocabulary)
        try:
            data = json.loads(where.read_text(encoding="utf-8"))
            texts, terms = data["texts"], data["terms"]
        except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError) as exc:
            sys.stderr.write(f"{where}:1:1: SEARCH_INPUT cannot read the vocabulary input: {exc} "
                             "(hint: a JSON object with lists \"texts\" and \"terms\")\n")
            return 1
        try:
            words = vocabulary(texts, terms)
        except SegmentationUnavailable as exc:
            sys.stderr.write(f"{where}:1:1: SEARCH_SEGMENTATION {exc} (hint: pip install -r requirements.txt)\n")
            return 1
        sys.stdout.write(json.dumps(words, ensure_ascii=False))
        return 0
    if not args.site:
        parser.error("SITE_DIR is required")
    index_file = Path(args.site) / "search" / "search_index.json"
    try:
        built = build(Path(args.site), Path(args.docs))
    except SegmentationUnavailable as exc:
        sys.stderr.write(f"{args.site}:1:1: SEARCH_SEGMENTATION {exc} (hint: pip install -r requirements.txt)\n")
        return 1
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        sys.stderr.write(f"{index_file}:1:1: SEARCH_INPUT cannot read Material's search index: {exc} "
                         "(hint: build the site with Material's search plugin first)\n")
        return 1
    for path in write(Path(args.site), built):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
