"""Build one search index per language and the search worker that carries it.

Usage: python -m scripts.search_index SITE_DIR [--docs docs]

Reads the index MkDocs' search plugin wrote (both languages merged by mkdocs-static-i18n),
splits it by language, and writes assets/javascripts/search-worker.<lang>.js: the index
inline, then overrides/assets/javascripts/search-worker.js. Material's own index file is
reduced to its config, so no page downloads the full index twice.

The Chinese vocabulary that queries are cut with comes from jieba (cut_for_search over the
handbook's text, with every glossary term added as a word so domain terms stay whole).
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

from scripts.glossary import load_glossary

WORKER_SOURCE = Path(__file__).resolve().parents[1] / "overrides" / "assets" / "javascripts" / "search-worker.js"
LANGS = ("zh", "en")
HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
TAGS = re.compile(r"<[^>]+>")


class SegmentationUnavailable(RuntimeError):
    pass


def plain(text: str) -> str:
    """Index text as shown in results: no tags, no zero-width spaces, single spaces."""
    text = html.unescape(TAGS.sub(" ", text)).replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


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


def build(site: Path, docs_dir: Path) -> dict[str, dict]:
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    per_lang: dict[str, list[dict]] = {lang: [] for lang in LANGS}
    for d in data.get("docs", []):
        per_lang[language_of(d["location"])].append(
            {"l": d["location"], "t": plain(d.get("title", "")), "x": plain(d.get("text", ""))})
    terms = [t for t in load_glossary(docs_dir, "zh") for t in t.forms]
    indexes = {}
    for lang, docs in per_lang.items():
        vocab = vocabulary([d["t"] + " " + d["x"] for d in docs], terms) if lang == "zh" else []
        indexes[lang] = {"lang": lang, "docs": docs, "vocab": vocab}
    return {"config": data.get("config", {}), "indexes": indexes}


def write(site: Path, built: dict) -> list[Path]:
    worker = WORKER_SOURCE.read_text(encoding="utf-8")
    out = []
    target_dir = site / "assets" / "javascripts"
    target_dir.mkdir(parents=True, exist_ok=True)
    for lang, index in built["indexes"].items():
        path = target_dir / f"search-worker.{lang}.js"
        payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        path.write_text(f"var HANDBOOK_INDEX = {payload};\n{worker}", encoding="utf-8")
        out.append(path)
    stub = json.dumps({"config": built["config"], "docs": []}, ensure_ascii=False, sort_keys=True)
    (site / "search" / "search_index.json").write_text(stub, encoding="utf-8")
    if (site / "search" / "search_index.js").exists():  # the offline plugin's inlined copy
        (site / "search" / "search_index.js").write_text(f"var __index = {stub}", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.search_index", description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("--docs", default="docs")
    args = parser.parse_args(argv)
    try:
        built = build(Path(args.site), Path(args.docs))
    except SegmentationUnavailable as exc:
        sys.stderr.write(f"{args.site}:1:1: SEARCH_SEGMENTATION {exc} (hint: pip install -r requirements.txt)\n")
        return 1
    for path in write(Path(args.site), built):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
