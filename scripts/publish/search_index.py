"""Build one search index per language, in two stages, and the search worker that loads it.

Usage: python -m scripts.publish.search_index SITE_DIR [--docs docs]   (from Material's search_index.json)
       python -m scripts.publish.search_index --vocabulary INPUT.json  (the build's vocabulary job)

In the build, the hook cuts every rendered page into sections with sections() (the same cut as
Material's search plugin, which then indexes nothing), notes each page with page_entry(), and
calls build() and write(). From the command line, build() reads the index a stock Material build
wrote instead (without documents or anchors). Material's own index file is reduced to its config.

Ready at once, at any size: the index is written in two stages, as scripts (so they load from
file:// too) that are each one JSON object of a few long strings rather than thousands of small
objects: a JavaScript engine reads a string literal at the speed of a copy and an object literal
at a fraction of it (in Node, the 100x handbook's index took 0.23 s to parse as objects and
0.38 s more to fold; its text as one string, 0.03 s).
- The head, assets/javascripts/search-index.<lang>.js: every page's address and title, every
  section's page, anchor and title, the policy texts, the vocabulary, the synonym table and the
  words the search box shows. It answers from titles and headings as soon as it arrives (about a
  fifth of the index).
- The text, search-text.<lang>.<n>.js: the sections' text in shards of about SHARD_BYTES, in
  page order, each with its sections' anchors (sentences, provisions) and their places in reader
  form (第五十九条第二款).
search-worker.<lang>.js (overrides/assets/javascripts/search-worker.js, told where its head and
shards are) asks for them when the search box gets focus, not with the page: over http all at
once, read in turn with JSON.parse; from file:// one by one as scripts. It answers from what has
arrived, the shards of the text a search is limited to first, and again, in full, when the last
one is in. Every file's address carries its content's hash, so a browser never pairs a cached
old shard with a new head.

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
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from scripts.core import cachefile
from scripts.core.fold import FOLDED
from scripts.core.htmlwalk import HEADINGS, Token, tokens
from scripts.core.paths import ROOT
from scripts.corpus.synonyms import Synonym
from scripts.pages.collect import page_digest
from scripts.pages.glossary import load_glossary

WORKER_SOURCE = ROOT / "overrides" / "assets" / "javascripts" / "search-worker.js"
FOLDED_LINE = re.compile(r'^  var FOLDED = (?P<literal>".*");$', re.M)
HEAD_FILE = "search-index.{lang}.js"
SHARD_FILE = "search-text.{lang}.{n}.js"
HEAD_PREFIX = "self.HANDBOOK_HEAD = "
SHARD_PREFIX = "(self.HANDBOOK_SHARDS = self.HANDBOOK_SHARDS || [])[{n}] = "
SHARD_BYTES = 512 * 1024  # of text (UTF-8) per shard: a few milliseconds to read, fold and search
SEP = "\u0001"  # between sections in a joined string: no query, title or text contains it
LINES = "\n"  # between addresses and vocabulary words (none contains a line break)


def worker_source() -> str:
    """The worker's code, after checking that its folded characters are FOLDED."""
    worker = WORKER_SOURCE.read_text(encoding="utf-8")
    m = FOLDED_LINE.search(worker)
    if m is None or json.loads(m["literal"]) != FOLDED:
        raise ValueError(f"{WORKER_SOURCE}: its `var FOLDED` line differs from scripts/core/fold.py FOLDED; "
                         "make them the same characters")
    return worker


LANGS = ("zh", "en")
HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
TAGS = re.compile(r"<[^>]+>")
# What the search box says, per language, and how results name a place in a policy text: the worker
# reads these from the head, and build() words page titles with the same `doc` and `form`.
STRINGS = {
    "zh": {"doc": "《{doc}》", "form": "《{doc}》{pos}", "heading": "{pos}　{words}",
           "scope": "搜索范围", "all": "全部页面",
           "partial": "正在载入全部内容，结果还会更新……",
           "synonym": "“{q}”也按“{t}”查找", "renamed": "“{t}”原称“{q}”", "and": "、", "note": "：",
           "none_in_scope": "在所选文件里没有找到，可以把搜索范围改回“全部页面”。"},
    "en": {"doc": "{doc}", "form": "{doc}, {pos}", "heading": "{pos}: {words}",
           "scope": "Search in", "all": "All pages",
           "partial": "Loading everything; the results will update…",
           "synonym": "“{q}” also finds “{t}”", "renamed": "“{t}” was formerly “{q}”", "and": ", ", "note": ": ",
           "none_in_scope": "Nothing found in the chosen text; search all pages instead."},
}
ID_PREFIX = re.compile(r"^[0-9][0-9.\-]*\s+")
# A heading that says its own number, as the text prints it: 第七章, 二、, （三）, II.
NUMBERED = re.compile(r"^(?:第[零〇一二三四五六七八九十百千0-9]+[编章节条]|[一二三四五六七八九十百]+、|（[一二三四五六七八九十]+）|[IVXLC]+\.\s)")


class SegmentationUnavailable(RuntimeError):
    pass


def plain(text: str) -> str:
    """Index text as shown in results: no tags, no zero-width spaces, single spaces."""
    text = html.unescape(TAGS.sub(" ", text)).replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


MARK = "\u0002"  # where an anchor starts, while a section's text is made plain (never in a page's text)
MARK_RUN = re.compile(rf"[\s{MARK}]+")


def _collapse(m: re.Match) -> str:
    """A run of spaces and marks: one space (if it held any), then the marks."""
    marks = m.group(0).count(MARK)
    return (" " if len(m.group(0)) > marks else "") + MARK * marks


def plain_with_marks(raw: str) -> tuple[str, list[int]]:
    """plain(raw without its marks), and where in it each mark stood (a mark before spaces stands after them)."""
    text = html.unescape(TAGS.sub(" ", raw)).replace("\u200b", "")
    text = MARK_RUN.sub(_collapse, text).strip(" ")
    pieces = text.split(MARK)
    offsets, at = [], 0
    for piece in pieces[:-1]:
        at += len(piece)
        offsets.append(at)
    joined = "".join(pieces)
    stripped = joined.strip()
    lead = len(joined) - len(joined.lstrip())
    return stripped, [min(max(o - lead, 0), len(stripped)) for o in offsets]


# Not text: scripts, styles, objects, Material's permalink signs (up to the element's first end tag).
UNINDEXED = frozenset({"script", "style", "object"})
KEPT = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}  # become spaces, as in Material's index
# Attributes the index reads: the renderer marks every provision and sentence of a policy text with
# its place in reader form (data-position) and the text with its slug and title (scripts/render/source.py).
READ = ("id", "class", "data-position", "data-doc", "data-doc-title")


def _attrs(token: Token) -> dict[str, str]:
    return {k: v for k, v in token.attrs if k in READ}


def _indexed(content: str):
    """The page's tokens that are text or elements of the index, comments and UNINDEXED elements left out."""
    skip = ""
    for token in tokens(content):
        if skip:
            if token.kind == "end" and token.tag == skip:
                skip = ""
            continue
        if token.kind == "start" and not token.void and (
                token.tag in UNINDEXED or token.tag == "a" and "headerlink" in token.attr("class").split()):
            skip = token.tag
            continue
        if token.kind in ("start", "end", "data"):
            yield token


def _is_sentence(attrs: dict) -> bool:
    return "sentence" in attrs.get("class", "").split()


def sections(url: str, content: str, page_title: str) -> list[dict]:
    """A page's rendered content cut into search sections, the way Material's search plugin cuts it
    (which this replaces, so the index does not depend on that plugin).

    Every heading with an id starts a section at `url#id`; the first section, a leading h1 or the
    text before the first heading, is the page's own entry at `url`. A heading nested in an element
    (a grid card, a provision's <section>) ends with that element, and what follows belongs to the
    section before it again. Inline tags vanish (a glossary link inside 妇女之家 must not split it);
    block tags become spaces. Permalink signs, scripts, styles and comments are not text.

    Besides Material's address ("l"), title ("t") and text ("x"), a section of a policy text has its
    document ("d", "dt": the slug and title of the element carrying data-doc), its place ("p": the
    data-position of the provision its heading heads) and its anchors ("a": [offset in "x", id,
    place], one per element with an id inside it, such as every sentence), so a result can lead to
    the sentence it matched and name it as a reader cites it."""
    found: list[dict] = []  # {"id", "depth", "title": [], "text": [], "anchors": [], ...}
    current = None
    context: list[tuple[str, dict]] = []  # open elements and the attributes the index reads
    in_title = 0  # depth of the open heading whose text is the current section's title

    def place() -> str:
        """data-position of the innermost open element carrying one; a sentence's place is its provision's."""
        for _, attrs in reversed(context):
            if "data-position" in attrs and not _is_sentence(attrs):
                return attrs["data-position"]
        return ""

    def document() -> tuple[str, str]:
        for _, attrs in reversed(context):
            if "data-doc" in attrs:
                return attrs["data-doc"], attrs.get("data-doc-title", "")
        return "", ""

    def open_section(ident: str | None = None, depth: int = 0) -> dict:
        doc, doc_title = document()
        sec = {"id": ident, "depth": depth, "title": [], "text": [], "anchors": [], "p": place(), "d": doc,
               "dt": doc_title}
        found.append(sec)
        return sec

    def emit(text: str) -> None:
        nonlocal current
        if not text:
            return
        if current is None:
            current = open_section()
        (current["title"] if in_title else current["text"]).append(text)

    for token in _indexed(content):
        if token.kind == "data":
            emit(content[token.start:token.end])
            continue
        tag = token.tag
        if token.void:
            continue
        if token.kind == "start":
            attrs = _attrs(token)
            context.append((tag, attrs))
            ident = attrs.get("id") if tag in HEADINGS else None
            if ident:
                # An element that holds this heading (a provision's <section>) is no anchor of the text
                # before it: its content is the new section's.
                holding = {id(a) for _, a in context}
                for sec in found:
                    for anchor in sec["anchors"]:
                        anchor[2] = anchor[2] and id(anchor[3]) not in holding
                depth = len(context)
                if tag != "h1" and not found:
                    open_section(depth=depth)
                current = open_section(ident if found else None, depth)
                in_title = depth
            elif current is None:
                current = open_section()
            if attrs.get("id") and not ident and not in_title:
                # Where this element's text will start: the section's text so far, marked.
                current["text"].append(MARK)
                current["anchors"].append([attrs["id"], place(), True, attrs])  # [id, place, alive, element]
            emit(" " if tag in KEPT else "")
            continue
        if not any(t == tag for t, _ in context):
            continue  # a stray closing tag
        while context and context[-1][0] != tag:  # close what was left open inside it
            context.pop()
        if current is not None and current["depth"] > len(context):
            # Leaving the element that holds the current section's heading: back to the section before.
            current["depth"] = float("inf")
            current = next((sec for sec in reversed(found) if sec["depth"] <= len(context)), current)
        context.pop()
        if in_title and len(context) < in_title:
            in_title = 0
        emit(" " if tag in KEPT else "")
    out = []
    for sec in found:
        title = plain("".join(sec["title"])) or page_title
        text, offsets = plain_with_marks("".join(sec["text"]))
        entry = {"l": f"{url}#{sec['id']}" if sec["id"] else url, "t": title, "x": text}
        # An anchor at the very end holds no text of this section (a provision whose heading opens the next).
        anchors = [[at, ident, label] for at, (ident, label, alive, _) in zip(offsets, sec["anchors"])
                   if alive and at < len(text)]
        if anchors:
            entry["a"] = anchors
        for key in ("p", "d", "dt"):
            if sec[key]:
                entry[key] = sec[key]
        out.append(entry)
    return out


def _glossary_pieces(glossary_terms: list[str]) -> list[str]:
    """A glossary term's words (党委领导、政府负责 is two): each is a word to jieba and to the vocabulary."""
    return [piece for term in glossary_terms for piece in re.split(r"[、，,\s]+", term) if len(piece) >= 2]


def _glossary_words(glossary_terms: list[str]) -> set[str]:
    return {w for w in _glossary_pieces(glossary_terms) if HAN.match(w)}


def cut_words(texts: list[str], glossary_terms: list[str]) -> list[list[str]]:
    """The words (two or more Han characters) jieba finds in each text, with every glossary term a word."""
    try:
        import jieba
    except ImportError as exc:  # the build must not silently ship a search that cannot read Chinese
        raise SegmentationUnavailable("jieba is not installed: Chinese search cannot be built") from exc
    jieba.setLogLevel(60)
    for piece in _glossary_pieces(glossary_terms):
        jieba.add_word(piece, freq=20000)
    return [sorted({w for w in jieba.cut_for_search(text) if len(w) >= 2 and HAN.match(w)}) for text in texts]


def vocabulary(texts: list[str], glossary_terms: list[str]) -> list[str]:
    words = _glossary_words(glossary_terms)
    for found in cut_words(texts, glossary_terms):
        words.update(found)
    return sorted(words)


def page_text(markdown: str) -> str | None:
    """The text of a Markdown page as the vocabulary needs it (front matter, tags and marks dropped), or None
    for a page left out of the index, and so of its vocabulary."""
    if markdown.startswith("---"):
        end = markdown.find("\n---", 3)
        if re.search(r"^search:\s*\n\s+exclude:\s*true", markdown[:end], re.M):
            return None
        markdown = markdown[end + 4:] if end >= 0 else markdown
    return plain(re.sub(r"[#*_`>|\[\]{}()]", " ", markdown))


class VocabularyJob:
    """jieba's dictionary takes a second and a half to load and cutting the handbook another second,
    on one core (at 50 texts, 5 MB of text: nine seconds). The build starts this job as soon as the pages are
    read (a separate process, so it runs on the second core while MkDocs renders) and collects the words at
    the end. Each page's words are kept in the cache folder under the page's Markdown, so the job cuts only
    the pages that changed since the last build, and a build where none did starts no process at all."""

    CACHE_FILE = "vocabulary.pickle"

    def __init__(self, markdown_pages: list[str], glossary_terms: list[str], workdir: Path):
        self.cache = workdir / self.CACHE_FILE
        # The glossary's terms are words to jieba (in any order): a changed glossary can cut every page otherwise.
        self.key = (cachefile.code_digest(), _jieba_version(), tuple(sorted(set(glossary_terms))))
        cached = cachefile.load(self.cache, self.key)
        self.digests = [page_digest(m.encode("utf-8")) for m in markdown_pages]
        self.words = {d: cached[d] for d in self.digests if cached is not cachefile.MISS and d in cached}
        self.glossary = _glossary_words(glossary_terms)
        todo = {}
        for d, markdown in zip(self.digests, markdown_pages):
            if d not in self.words and d not in todo:
                text = page_text(markdown)
                if text is None:
                    self.words[d] = ()
                else:
                    todo[d] = text
        self.todo = list(todo)
        self.proc = self.input = None
        if not todo:
            return
        workdir.mkdir(parents=True, exist_ok=True)
        self.input = workdir / f"vocabulary-input.{os.getpid()}.json"
        self.input.write_text(json.dumps({"texts": list(todo.values()), "terms": glossary_terms}, ensure_ascii=False),
                              encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, "-m", "scripts.publish.search_index", "--vocabulary", str(self.input)],
                                     cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)

    def result(self) -> list[str]:
        if self.proc is not None:
            out, err = self.proc.communicate()
            self.input.unlink(missing_ok=True)
            if self.proc.returncode != 0:
                lines = err.decode("utf-8", "replace").strip().splitlines() or ["the vocabulary job failed"]
                raise SegmentationUnavailable(lines[-1])
            self.words.update(zip(self.todo, map(tuple, json.loads(out))))
            cachefile.save(self.cache, self.key, {d: self.words[d] for d in self.digests})
        words = set(self.glossary)
        for found in self.words.values():
            words.update(found)
        return sorted(words)

    def cancel(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.communicate()
            self.input.unlink(missing_ok=True)


def _jieba_version() -> str:
    try:
        return version("jieba")
    except PackageNotFoundError:  # reported when the words are cut (SegmentationUnavailable)
        return ""


def language_of(location: str) -> str:
    return "en" if location.startswith("en/") else "zh"


def page_entry(title: str, label: str = "", doc: str = "") -> dict:
    """What results show of a page: its title, the nav section it is under (解读, 清单 …) unless its
    title already says so, and the policy text it shows, if it is a source page."""
    return {"title": title, "label": "" if not label or title.startswith(label) else label, "doc": doc}


def reader_title(strings: dict, doc_title: str, place: str, heading: str) -> str:
    """A provision as readers cite it: 《示例市社会救助条例》第十条第二款; with its heading's words when
    they say more than its place (第二部分第一项　创新联系妇女方式), by its heading alone when that
    carries its own number (第七章　婚姻家庭权益, 二、解放思想……)."""
    words = ID_PREFIX.sub("", heading).strip()
    if words.lower().startswith(place.lower()) or NUMBERED.match(words):
        pos = words
    elif not words or place.lower().endswith(words.lower()):
        pos = place
    else:
        pos = strings["heading"].format(pos=place, words=words)
    return strings["form"].format(doc=doc_title, pos=pos)


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


def build(site: Path, docs_dir: Path, vocab: list[str] | None = None,
          by_lang: dict[str, list[dict]] | None = None, pages: dict[str, dict[str, dict]] | None = None,
          synonyms: list[Synonym] | None = None) -> dict[str, dict]:
    """The per-language indexes, from `by_lang` (sections() of every page, per language) and `pages`
    (page_entry() of every page, by URL, per language), or else from the index Material's search
    plugin wrote; `vocab` is the Chinese vocabulary if a VocabularyJob made it, `synonyms` the table
    (Chinese search only)."""
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
    indexes = {}
    for lang, docs in per_lang.items():
        entries = (pages or {}).get(lang, {})
        table = [s.as_index() for s in synonyms or []] if lang == "zh" else []
        indexes[lang] = assemble(lang, docs, entries, vocab if lang == "zh" else [], table)
    return {"config": data.get("config", {}), "indexes": indexes}


def assemble(lang: str, docs: list[dict], entries: dict[str, dict], vocab: list[str], synonyms: list[dict]) -> dict:
    """One language's index as data: its sections (with reader titles for policy texts), pages and texts."""
    strings = STRINGS[lang]
    texts: dict[str, str] = {}  # slug → title, in the order the texts first appear
    for d in docs:
        if d.get("d"):
            texts.setdefault(d["d"], d.get("dt") or d["d"])
    for url, entry in entries.items():
        if entry.get("doc"):
            texts.setdefault(entry["doc"], entry["title"])
    slugs = list(texts)
    page_table: dict[str, list] = {}
    for d in docs:
        url = _page_of(d["l"])
        if url in page_table:
            continue
        entry = entries.get(url) or {"title": d["t"], "label": "", "doc": d.get("d", "")}
        doc = entry.get("doc") or d.get("d", "")
        title = entry["title"]
        if doc:
            name = texts[doc]
            title = strings["doc"].format(doc=name) if title == name else strings["form"].format(doc=name, pos=title)
        page_table[url] = [title, slugs.index(doc) if doc else -1, entry.get("label", "")]
    out_docs = []
    for d in docs:
        d = {k: v for k, v in d.items() if k != "dt"}
        page_doc = page_table[_page_of(d["l"])][1]
        doc = d.get("d") or (slugs[page_doc] if page_doc >= 0 else "")
        if doc:
            d["d"] = doc
            if d.get("p"):
                d["r"] = reader_title(strings, texts[doc], d["p"], d["t"])
        out_docs.append(d)
    return {"lang": lang, "strings": strings, "texts": [[slug, texts[slug]] for slug in slugs], "pages": page_table,
            "docs": out_docs, "vocab": vocab, "synonyms": synonyms}


def _shards(docs: list[dict]) -> list[list[dict]]:
    """Consecutive sections, cut after about SHARD_BYTES of text."""
    out, size = [[]], 0
    for d in docs:
        if out[-1] and size >= SHARD_BYTES:
            out.append([])
            size = 0
        out[-1].append(d)
        size += len(d["x"].encode("utf-8")) + 1
    return [s for s in out if s]


def _script(prefix: str, data: dict) -> str:
    return f"{prefix}{json.dumps(data, ensure_ascii=False, separators=(',', ':'), sort_keys=True)};\n"


def _version(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def shard_data(docs: list[dict]) -> dict:
    """A shard: its sections' text joined, their reader titles, places and anchors (places by number)."""
    labels: list[str] = []
    number: dict[str, int] = {}

    def label(text: str) -> int:
        if not text:
            return -1
        if text not in number:
            number[text] = len(labels)
            labels.append(text)
        return number[text]

    anchors = []
    for d in docs:
        flat = [v for at, ident, place in d.get("a", []) for v in (at, ident, label(place))]
        anchors.append(flat or 0)
    return {"x": SEP.join(d["x"] for d in docs), "r": [d.get("r", "") for d in docs],
            "s": [label(d.get("p", "")) for d in docs], "a": anchors, "L": labels}


def index_files(index: dict) -> dict[str, str]:
    """File name → content of one language's index: the head and its text shards."""
    lang = index["lang"]
    files: dict[str, str] = {}
    shard_table = []
    first = 0
    for n, part in enumerate(_shards(index["docs"])):
        name = SHARD_FILE.format(lang=lang, n=n)
        files[name] = _script(SHARD_PREFIX.format(n=n), shard_data(part))
        shard_table.append([f"{name}?v={_version(files[name])}", first, len(part)])
        first += len(part)
    # Sections by page number and anchor: a page's address is written once, not with every section.
    urls = list(index["pages"])
    number = {url: n for n, url in enumerate(urls)}
    head = {"lang": lang, "strings": index["strings"], "texts": index["texts"],
            "pages": [[url, *index["pages"][url]] for url in urls],
            "p": [number[_page_of(d["l"])] for d in index["docs"]],
            "l": LINES.join(d["l"].partition("#")[2] if "#" in d["l"] else "" for d in index["docs"]),
            "t": SEP.join(d["t"] for d in index["docs"]),
            "shards": shard_table, "vocab": LINES.join(index["vocab"]), "synonyms": index["synonyms"]}
    files[HEAD_FILE.format(lang=lang)] = _script(HEAD_PREFIX, head)
    return files


def _load_script(path: Path, prefix: str) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith(prefix):
        raise ValueError(f"{path}: not a search index file")
    return json.loads(text[len(prefix):text.rindex(";")])


def read_index(site: Path, lang: str) -> dict:
    """The index a built site carries for one language, as assemble() made it (for tests and benchmarks)."""
    folder = site / "assets" / "javascripts"
    head = _load_script(folder / HEAD_FILE.format(lang=lang), HEAD_PREFIX)
    pages = {url: entry for url, *entry in head["pages"]}
    anchors = head["l"].split(LINES) if head["p"] else []
    locations = [head["pages"][n][0] + (f"#{a}" if a else "") for n, a in zip(head["p"], anchors)]
    titles = head["t"].split(SEP) if locations else []
    docs = []
    for n, (name, first, count) in enumerate(head["shards"]):
        shard = _load_script(folder / name.split("?")[0], SHARD_PREFIX.format(n=n))
        texts = shard["x"].split(SEP)
        for i in range(count):
            d = {"l": locations[first + i], "t": titles[first + i], "x": texts[i]}
            flat = shard["a"][i] or []
            if flat:
                d["a"] = [[flat[k], flat[k + 1], shard["L"][flat[k + 2]] if flat[k + 2] >= 0 else ""]
                          for k in range(0, len(flat), 3)]
            if shard["s"][i] >= 0:
                d["p"] = shard["L"][shard["s"][i]]
            if shard["r"][i]:
                d["r"] = shard["r"][i]
            doc = pages[_page_of(d["l"])][1]
            if doc >= 0:
                d["d"] = head["texts"][doc][0]
            docs.append(d)
    return {"lang": head["lang"], "strings": head["strings"], "texts": head["texts"], "pages": pages,
            "docs": docs, "vocab": head["vocab"].split(LINES) if head["vocab"] else [],
            "synonyms": head["synonyms"]}


def index_size(site: Path, lang: str) -> dict[str, int]:
    """Bytes of one language's head and of all its text shards."""
    folder = site / "assets" / "javascripts"
    head = folder / HEAD_FILE.format(lang=lang)
    shards = sorted(folder.glob(SHARD_FILE.format(lang=lang, n="*")))
    return {"head": head.stat().st_size, "text": sum(p.stat().st_size for p in shards), "shards": len(shards)}


def write_index(site: Path, index: dict) -> list[Path]:
    """One language's head and shards (stale shards of an earlier index removed) and its worker."""
    lang = index["lang"]
    folder = site / "assets" / "javascripts"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(SHARD_FILE.format(lang=lang, n="*")):
        old.unlink()
    out = []
    files = index_files(index)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        out.append(folder / name)
    head = HEAD_FILE.format(lang=lang)
    # The worker is told its head's address and, so that it can ask for the text at the same moment
    # as for the head, its shards' too (the head lists them again, with what each holds).
    shards = [f"{name}?v={_version(text)}" for name, text in files.items() if name != head]
    worker = folder / f"search-worker.{lang}.js"
    worker.write_text(f'var HANDBOOK_INDEX_FILE = "{head}?v={_version(files[head])}";\n'
                      f"var HANDBOOK_TEXT_FILES = {json.dumps(shards)};\n{worker_source()}", encoding="utf-8")
    return [worker] + out


def write(site: Path, built: dict) -> list[Path]:
    out = []
    for index in built["indexes"].values():
        out += write_index(site, index)
    stub = json.dumps({"config": built["config"], "docs": []}, ensure_ascii=False, sort_keys=True)
    (site / "search" / "search_index.json").write_text(stub, encoding="utf-8")
    if (site / "search" / "search_index.js").exists():  # the offline plugin's inlined copy
        (site / "search" / "search_index.js").write_text(f"var __index = {stub}", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.publish.search_index", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?")
    parser.add_argument("--docs", default="docs")
    parser.add_argument("--vocabulary", metavar="JSON", help="print the words of each of {texts, terms} (VocabularyJob)")
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
            words = cut_words(texts, terms)
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
