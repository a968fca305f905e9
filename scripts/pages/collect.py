"""Collect every reference in the Markdown pages: front matter, citations, embeds, links, anchors, checklist items.

This is the first of the checker's three stages (collect → check → report). It reads
Markdown as text, with no Markdown or MkDocs library, so the records are the same
whichever generator later renders the pages. Every record carries a 1-based line
and column from the moment it is found.
"""
from __future__ import annotations

import html
import functools
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import NamedTuple

from scripts.core import cachefile
from scripts.core.diagnostics import Diagnostic, line_col
from scripts.core.forked import Forked
from scripts.core.frontmatter import read as read_front_matter
from scripts.core.ids import CITATION, CITATION_TAIL, CITATION_TOKEN, citation_id
from scripts.core.yamlio import FRONT_MATTER

EMBED_LINE = re.compile(r"^(?P<indent>[ \t]*)\[\[(?P<body>[^\]\n]*)\]\]\s*$", re.M)
HEADING = re.compile(r"^(?P<indent>[ \t]*)(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
ATTR_ID = re.compile(r"[ \t]*(?<!\\)\{:?[^}]*?#(?P<id>[^\s}]+)[^}]*\}[ \t]*$")
ATTR_LIST = re.compile(r"[ \t]*(?<!\\)\{[^}]*\}[ \t]*$")


def heading_parts(text: str) -> tuple[str, str]:
    """A heading's text without its attribute list, and the id the list gives ("" when none).

    The one reading of `## 标题 {#anchor}` for every verb: anchors, the print-all page, Word files."""
    explicit = ATTR_ID.search(text)
    return ATTR_LIST.sub("", text), (explicit["id"] if explicit else "")
HTML_ID = re.compile(r"""\sid=["'](?P<id>[^"']+)["']""")
LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]\n]*)\]\((?P<target><[^>\n]*>|[^)\s]*)(?:\s+\"[^\"]*\")?\)")
REF_DEF = re.compile(r"^[ \t]{0,3}\[(?P<label>[^\]]+)\]:[ \t]*(?P<target>\S+)", re.M)
TASK = re.compile(r"^(?P<indent>[ \t]*)[-*+][ \t]+\[(?P<mark>[ xX])\][ \t]+(?P<text>.*)$", re.M)
ITEM_ID = re.compile(r"^\[(?P<id>[^\]\s]*)\][ \t]*")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(?<!\\)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.S)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
# The attributes: runs of plain characters between quoted values (the same strings as (?:[^>"']|"…"|'…')*, which
# tried the alternation at every character: twice the time over a source page's thousands of tags).
RAW_TAG = re.compile(r"<(?P<close>/?)(?P<name>[a-zA-Z][a-zA-Z0-9-]*)"
                     r"(?P<attrs>[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*)>")
ATTR_LIST_ANY = re.compile(r"(?<!\\)\{:?(?P<attrs>[^{}\n]*=[^{}\n]*)\}")
ATTR_LIST_TAG = "{attribute list}"
SLUG_TAGS = re.compile(r"</?[^>]*>")
SLUG_INVALID = re.compile(r"[^\w\- ]")
READER_TAIL = re.compile(r"[A-Za-z0-9.:\-]")


def slugify(text: str) -> str:
    """The heading anchor that pymdownx.slugs.slugify(case="lower") gives (tested against it)."""
    slug = SLUG_TAGS.sub("", unicodedata.normalize("NFC", text)).strip().lower()
    return SLUG_INVALID.sub("", slug).replace(" ", "-")


# What Python-Markdown (with the tables extension) lets a backslash escape; one definition, which
# scripts/render/markup.py writes text with.
MD_ESCAPABLE = "\\`*_{}[]()#+-.!|"
ESCAPED = re.compile("\\\\([" + re.escape(MD_ESCAPABLE) + "])")
STASHED = re.compile("\ue000(\\d+)\ue001")
HEADING_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
HEADING_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(\S.*?\S|\S)\1")
HEADING_MARKS = re.compile("[\\\\\\[*_`\ue000]")  # what ESCAPED, the link, emphasis, code and STASHED need


def heading_plain_text(md: str) -> str:
    """Heading Markdown as the toc extension sees it: links to their text, emphasis and code marks dropped,
    escaped characters and entities as the characters they stand for."""
    stash: list[str] = []

    def keep(m: re.Match) -> str:  # an escaped character is text, never a mark
        stash.append(m.group(1))
        return f"\ue000{len(stash) - 1}\ue001"

    if not HEADING_MARKS.search(md):  # most headings: plain words, nothing for the steps below to change
        return html.unescape(" ".join(md.split()))
    text = ESCAPED.sub(keep, md)
    text = HEADING_LINK.sub(r"\1", text)
    text = HEADING_EMPHASIS.sub(r"\2", text)
    text = " ".join(STASHED.sub(lambda m: stash[int(m.group(1))], text.replace("`", "")).split())
    return html.unescape(text)


def mask_code(text: str) -> str:
    """Blank out fenced code, code spans and HTML comments, keeping every offset and newline."""
    # Each pattern needs a mark most pages do not have; looking for the mark is a fraction of the pattern's scan.
    if "```" in text or "~~~" in text:
        text = FENCE.sub(blank, text)
    if "<!--" in text:
        text = HTML_COMMENT.sub(blank, text)
    return CODE_SPAN.sub(blank, text) if "`" in text else text


NOT_NEWLINE = re.compile(r"[^\n]")


def blank(m: re.Match[str]) -> str:
    """The match as spaces, its newlines kept (so every offset and line stays where it was)."""
    s = m.group(0)
    return NOT_NEWLINE.sub(" ", s) if "\n" in s else " " * len(s)


# The records are named tuples, not dataclasses: a 100x handbook has 180 000 of them, and the checker's
# cache unpickles them a third faster this way (0.37 -> 0.25 s).
class Citation(NamedTuple):
    path: str
    line: int
    col: int
    start: int
    end: int
    doc: str  # "" for the default document
    id: str
    raw: str
    context: str  # "text", "embed" or "task"
    version: str = ""  # an earlier version cited on purpose (§slug@v1:12), else ""


class Malformed(NamedTuple):
    path: str
    line: int
    col: int
    start: int
    end: int
    raw: str


class Embed(NamedTuple):
    path: str
    line: int
    col: int
    start: int
    end: int
    citations: tuple[Citation, ...]


class Link(NamedTuple):
    path: str
    line: int
    col: int
    target: str  # as written
    page: str  # docs-relative target page, "" for same page or external
    anchor: str
    external: bool
    image: bool
    target_offset: int = 0  # character offset of the target in the page (safety checks point at it)
    text: str | None = None  # an inline link's text as written (None for a reference definition)


class Task(NamedTuple):
    path: str
    line: int
    col: int
    item_id: str
    text: str
    citations: tuple[Citation, ...]


class RawTag(NamedTuple):
    start: int
    name: str  # lower case
    attrs: str
    attrs_start: int


@dataclass
class PageRecord:
    path: str  # docs-relative, posix
    shown: str  # path as shown in diagnostics (relative to the repository)
    text: str
    meta: dict = field(default_factory=dict)
    meta_ok: bool = True
    body_start: int = 0
    anchors: dict[str, int] = field(default_factory=dict)  # anchor → line
    citations: list[Citation] = field(default_factory=list)
    malformed: list[Malformed] = field(default_factory=list)
    embeds: list[Embed] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    tags: list[RawTag] = field(default_factory=list)  # raw HTML opening tags outside code
    duplicate_ids: list[tuple[int, int, str, int]] = field(default_factory=list)  # line, col, id, first line
    quotations: list = field(default_factory=list)  # Quotation records, in page order
    diags: list[Diagnostic] = field(default_factory=list)

    # kind, document, draft and title are read from the front matter once a record is made, and the checks ask
    # them again and again (a 100x handbook: 100,000 times each), so each is worked out once per record; the
    # front matter is never changed after parse_front_matter.
    @functools.cached_property
    def kind(self) -> str:
        value = self.meta.get("kind")
        return value if isinstance(value, str) else ""

    @property
    def provisions(self) -> list[str]:
        value = self.meta.get("provisions") or []
        return [str(v) for v in value] if isinstance(value, list) else []

    @functools.cached_property
    def document(self) -> str:
        """The policy a bare citation on this page means ("" for the handbook's default)."""
        value = self.meta.get("document")
        return value if isinstance(value, str) else ""

    @functools.cached_property
    def draft(self) -> bool:
        """`draft: true`: checked like any page, never published, and no coverage (scripts/draft.py)."""
        return self.meta.get("draft") is True

    @functools.cached_property
    def title(self) -> str:
        title = self.meta.get("title")
        if isinstance(title, str) and title:
            return title
        m = re.search(r"^#[ \t]+(.+)$", self.text[self.body_start:], re.M)
        return m.group(1).strip() if m else self.path


def parse_front_matter(rec: PageRecord) -> None:
    m = FRONT_MATTER.match(rec.text)
    if not rec.text.startswith("---"):
        rec.meta_ok = False
        rec.diags.append(Diagnostic(rec.shown, 1, 1, "FRONT_MATTER_MISSING", "page has no YAML front matter",
                                    "start the page with ---, kind: …, provisions: […], ---"))
        return
    if not m:
        rec.meta_ok = False
        rec.diags.append(Diagnostic(rec.shown, 1, 1, "FRONT_MATTER_YAML", "front matter is not closed by a --- line"))
        return
    rec.body_start = m.end()
    data, problems = read_front_matter(m.group("yaml") or "")
    if problems:  # positions are within the YAML, which starts on the page's second line
        rec.meta_ok = False
        rec.diags.extend(Diagnostic(rec.shown, p.line + 1, p.col, "FRONT_MATTER_YAML", p.message, p.hint)
                         for p in problems)
        return
    rec.meta = data


def find_citations(rec: PageRecord, masked: str, start: int, end: int, context: str) -> list[Citation]:
    """Well-formed citations in masked[start:end]; malformed ones are recorded on the page."""
    found = []
    pos = start
    while True:
        i = masked.find("§", pos, end)
        if i < 0:
            return found
        m = CITATION.match(masked, i, end)
        # A reader's form ends where its Chinese does (§第四条规定…); an ID must not run into letters.
        tail = CITATION_TAIL if m and not m["reader"] else READER_TAIL
        tail_bad = m and m.end() < end and tail.match(masked, m.end())
        # `§2.5。` and `§2.5）` are fine; `§2.5.`, `§2..5`, `§ 2.5` and `§x` are not.
        if m and not tail_bad:
            line, col = line_col(rec.text, i)
            found.append(Citation(rec.path, line, col, i, m.end(), m["doc"] or "", citation_id(m), m.group(0), context,
                                  m["version"] or ""))
            pos = m.end()
            continue
        t = CITATION_TOKEN.match(masked, i, end)
        line, col = line_col(rec.text, i)
        rec.malformed.append(Malformed(rec.path, line, col, i, t.end(), t.group(0)))
        pos = max(t.end(), i + 1)


def resolve_link(page: str, target: str) -> tuple[str, str, bool]:
    """(docs-relative page, anchor, external) for a link target written on `page`."""
    target = target.strip("<>")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("//"):
        return "", "", True
    path, _, anchor = target.partition("#")
    path = path.split("?")[0]
    if not path:
        return "", anchor, False
    base = "" if path.startswith("/") else page.rpartition("/")[0]
    parts: list[str] = []
    for piece in f"{base}/{path}".split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            else:
                parts.append("..")
            continue
        parts.append(piece)
    return "/".join(parts), anchor, False


IDCOUNT = re.compile(r"^(.*)_([0-9]+)$")


def unique_anchor(anchor: str, used: set[str]) -> str:
    """Python-Markdown's toc.unique: an empty or taken id gets `_1`, `_2` … (`x_1` taken → `x_2`)."""
    while anchor in used or not anchor:
        m = IDCOUNT.match(anchor)
        anchor = f"{m[1]}_{int(m[2]) + 1}" if m else f"{anchor}_1"
    used.add(anchor)
    return anchor


def extract_anchors(rec: PageRecord, masked: str) -> None:
    """Headings (explicit, or slugged and de-duplicated as the toc extension does) and raw HTML ids."""
    text, body = rec.text, rec.body_start
    headings = [(m, *heading_parts(m.group("text"))) for m in HEADING.finditer(masked, body)]
    used = {explicit for _, _, explicit in headings if explicit}  # toc reserves explicit ids first
    for m, text_only, explicit in headings:
        line, _ = line_col(text, m.start())
        anchor = explicit or unique_anchor(slugify(heading_plain_text(text_only)), used)
        rec.anchors.setdefault(anchor, line)
    if masked.find("id=", body) < 0:  # the mark every raw HTML id needs (HTML_ID); most pages have none
        return
    for m in HTML_ID.finditer(masked, body):
        rec.anchors.setdefault(m["id"], line_col(text, m.start())[0])


def extract_citations(rec: PageRecord, masked: str) -> None:
    """Embeds (`[[§2.5]]` lines) and inline citations; an embed's citations are not also inline ones."""
    embed_spans = []
    for m in EMBED_LINE.finditer(masked, rec.body_start):
        cits = find_citations(rec, masked, m.start("body"), m.end("body"), "embed")
        line, col = line_col(rec.text, m.start("body") - 2)
        rec.embeds.append(Embed(rec.path, line, col, m.start(), m.end(), tuple(cits)))
        rec.citations.extend(cits)
        embed_spans.append((m.start(), m.end()))
    pos = rec.body_start
    for s, e in embed_spans + [(len(masked), len(masked))]:
        rec.citations.extend(find_citations(rec, masked, pos, s, "text"))
        pos = e
    rec.citations.sort(key=lambda c: c.start)


def extract_tasks(rec: PageRecord, masked: str) -> None:
    """Checklist items `- [ ] [2.5-03] …` with their IDs and the citations inside them."""
    for m in TASK.finditer(masked, rec.body_start):
        start = m.start("text")
        line, col = line_col(rec.text, start)
        item_text = m.group("text")
        idm = ITEM_ID.match(item_text)
        cits = tuple(c for c in rec.citations if start <= c.start < m.end())
        rec.tasks.append(Task(rec.path, line, col, idm["id"] if idm else "", item_text, cits))


def extract_links(rec: PageRecord, masked: str) -> None:
    """Inline links and images, and reference-style link definitions."""
    text, path = rec.text, rec.path
    if masked.find("](", rec.body_start) < 0 and masked.find("]:", rec.body_start) < 0:  # what LINK, REF_DEF need
        return
    for m in LINK.finditer(masked, rec.body_start):
        page, anchor, external = resolve_link(path, m["target"])
        line, col = line_col(text, m.start())
        rec.links.append(Link(path, line, col, m["target"], page, anchor, external, bool(m["bang"]), m.start("target"),
                              text[m.start("text"):m.end("text")]))
    for m in REF_DEF.finditer(masked, rec.body_start):
        page, anchor, external = resolve_link(path, m["target"])
        line, col = line_col(text, m.start("target"))
        rec.links.append(Link(path, line, col, m["target"], page, anchor, external, False, m.start("target")))


def extract_raw_html(rec: PageRecord, masked: str) -> None:
    """Raw HTML opening tags (for the safety checks) and ids defined twice.

    Found here, once per page, so the cache keeps them and a re-check does not scan every page
    again; over the masked text, as anchors are: an id inside a code fence or span is an example."""
    if all(masked.find(mark, rec.body_start) < 0 for mark in ("<", "{", "id=")):  # a mark each pattern needs
        return
    for m in RAW_TAG.finditer(masked, rec.body_start):
        if not m["close"]:
            rec.tags.append(RawTag(m.start(), m["name"].lower(), m["attrs"], m.start("attrs")))
    # Markdown attribute lists (`{ onclick=… }`, `{: href=… }`) become HTML attributes too: the same checks
    # apply. Recorded as a tag named ATTR_LIST, its attributes with the leading space the checks expect.
    for m in ATTR_LIST_ANY.finditer(masked, rec.body_start):
        rec.tags.append(RawTag(m.start(), ATTR_LIST_TAG, " " + m["attrs"], m.start("attrs") - 1))
    first: dict[str, int] = {}
    for m in HTML_ID.finditer(masked, rec.body_start):
        line, col = line_col(rec.text, m.start())
        if m["id"] in first:
            rec.duplicate_ids.append((line, col, m["id"], first[m["id"]]))
        else:
            first[m["id"]] = line


def block_name(rec: PageRecord, start: int, end: int) -> str:
    """The name in an `[[name]]` line that cites nothing ("" when it is not a block line)."""
    m = re.match(r"\s*\[\[(\w+)\]\]\s*$", rec.text[start:end])
    return m.group(1) if m else ""



# Quotations followed by a bracket of citations, which the quotation check compares with what they cite.
QUOTE = re.compile(r"“(?P<curly>[^“”\n]+)”|「(?P<corner>[^「」\n]+)」|\"(?P<straight>[^\"\n]+)\"")
# The rest of the sentence after a quotation: up to 。！？, or . ! ? before a space, or the line end.
SENTENCE_REST = re.compile(r"(?:[^。！？\n.!?]|[.!?](?=[^\s]))*")
BRACKET = re.compile(r"[（(](?P<body>[^（）()\n]*)[）)]")
# What may stand between the citations of one bracket: （§2.2.3、§2.2.4）, (§2.2.3 and §2.2.4).
CITATION_LIST_REST = re.compile(r"^(?:[\s、，,;；]|和|and)*$")
MARKUP = re.compile(RAW_TAG.pattern + r"|\]\([^)\n]*\)")


class Quotation(NamedTuple):
    start: int  # offset of the opening mark
    text: str
    cited: tuple[tuple[str, str, str], ...]  # (document slug as written, provision ID, version cited or "")


def find_quotations(text: str, body_start: int = 0, masked: str | None = None) -> list[Quotation]:
    """Quotations that a bracket of citations follows, in page order (scripts/checks/quotes.py checks them)."""
    # Attribute values (id="2.5.2") and link titles are markup, not quotations.
    masked = masked if masked is not None else mask_code(text)
    if masked.find("§", body_start) < 0:  # every citation starts with §: no bracket here can cite anything
        return []
    masked = MARKUP.sub(blank, masked)
    out = []
    for m in QUOTE.finditer(masked, body_start):
        inner = m.group("curly") or m.group("corner") or m.group("straight")
        end = SENTENCE_REST.match(masked, m.end()).end()
        for b in BRACKET.finditer(masked, m.end(), end):
            cites = [(c["doc"] or "", citation_id(c), c["version"] or "") for c in CITATION.finditer(b["body"])]
            if cites and CITATION_LIST_REST.match(CITATION.sub("", b["body"])):
                out.append(Quotation(m.start(), inner, tuple(cites)))
                break
    return out


def extract_quotations(rec: PageRecord, masked: str) -> None:
    rec.quotations = find_quotations(rec.text, rec.body_start, masked)


# What collect reads from every page, in order (tasks need the citations found before them).
EXTRACTORS = [extract_anchors, extract_citations, extract_tasks, extract_links, extract_raw_html,
              extract_quotations]


def collect_page(path: str, text: str, shown: str | None = None) -> PageRecord:
    rec = PageRecord(path=path, shown=shown or path, text=text)
    parse_front_matter(rec)
    masked = mask_code(text)
    for extract in EXTRACTORS:
        extract(rec, masked)
    return rec


def page_digest(data: bytes) -> bytes:
    """What the cache knows a page's bytes by."""
    return hashlib.blake2b(data, digest_size=16).digest()


def collect_docs(docs_dir: Path, shown_prefix: str | None = None, cache: Path | None = None,
                 jobs: int = 1, digests: dict[str, bytes] | None = None) -> dict[str, PageRecord]:
    """Every Markdown page under docs_dir, keyed by docs-relative path.

    With `cache` (a folder), records of pages whose bytes have not changed since the last run
    are reused, like ruff's or mypy's cache: a pull request touches a few pages of thousands.
    The cache is keyed by each page's bytes and by the code of the scripts package, so it can never return
    a record the current code would not produce. With `jobs` 2, a run with many pages to read shares
    them with a forked process (only callers with no threads of their own ask for it: the check command).
    `digests`: page_digest of pages the caller has just read (the check command, for its last answer's key), so
    that a page whose record is cached is not read a second time."""
    prefix = docs_dir.name if shown_prefix is None else shown_prefix
    buckets = _load_cache(cache) if cache else {}
    old = {rel: hit for bucket in buckets.values() for rel, hit in bucket.items()}
    pages: dict[str, PageRecord | None] = {}
    fresh, todo = {}, []
    for rel in markdown_files(docs_dir):
        shown = f"{prefix}/{rel}" if prefix else rel
        hit = old.get(rel)
        if digests and rel in digests and hit is not None and hit[0] == (shown, digests[rel]):
            pages[rel] = hit[1]
            fresh[rel] = hit
            continue
        with open(os.path.join(docs_dir, rel), "rb") as fh:
            data = fh.read()
        key = (shown, page_digest(data))
        if hit is not None and hit[0] == key:
            pages[rel] = hit[1]
            fresh[rel] = hit
            continue
        pages[rel] = None  # its place in the order; read below
        todo.append((rel, shown, key, data))
    for (rel, shown, key, _), (rec, keep) in zip(todo, _read_all(todo, jobs)):
        pages[rel] = rec
        if keep:
            fresh[rel] = (key, rec)
    # Nothing read again and no page gone: every bucket file already holds what it would be written with (comparing
    # them, as _save_cache does, took 0.04 s of a 0.6 s re-check at 100x).
    if cache and (todo or len(fresh) != len(old)):
        _save_cache(cache, buckets, fresh)
    return pages


def markdown_files(docs_dir: Path) -> list[str]:
    """Every .md file under docs_dir, docs-relative, in the order of sorted(docs_dir.rglob("*.md")) (folder by
    folder, name by name). Walked with os.walk, not pathlib: a 100x handbook has 4,400 pages, and making and
    sorting their Path objects took 0.03 s of a 0.6 s re-check."""
    out = []
    for folder, _, names in os.walk(docs_dir, followlinks=True):  # as MkDocs walks docs_dir (get_files)
        base = os.path.relpath(folder, docs_dir).replace(os.sep, "/")
        out += [name if base == "." else f"{base}/{name}" for name in names if name.endswith(".md")]
    return sorted(out, key=lambda rel: rel.split("/"))


def read_page(rel: str, shown: str, data: bytes) -> tuple[PageRecord, bool]:
    """A page's record from its bytes, and whether the cache may keep it (not when it is not UTF-8)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        rec = PageRecord(rel, shown, "")
        rec.meta_ok = False
        rec.diags.append(Diagnostic(shown, 1, 1, "PAGE_ENCODING", f"not valid UTF-8 (offset {exc.start})",
                                    "save the page as UTF-8"))
        return rec, False
    if "\r" in text:  # what read_text() (universal newlines) gives, so offsets match the editor's lines
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return collect_page(rel, text, shown), True


# Below this many pages to read, a second process costs more than it saves (forking, and sending its
# records back pickled: a third of the time it took to make them).
PARALLEL_PAGES = 400


def _read_all(todo: list, jobs: int) -> list[tuple[PageRecord, bool]]:
    """read_page over every (rel, shown, key, data), in order; with jobs > 1, the second half in a forked child."""
    if jobs < 2 or len(todo) < PARALLEL_PAGES:
        return _read_part(todo)
    mid = len(todo) // 2
    theirs = Forked(_read_packed, todo[mid:])
    return _read_part(todo[:mid]) + [(unpack(rec), keep) for rec, keep in theirs.result()]


def _read_part(part: list) -> list[tuple[PageRecord, bool]]:
    return [read_page(rel, shown, data) for rel, shown, _, data in part]


def _read_packed(part: list) -> list[tuple[tuple, bool]]:
    return [(pack(rec), keep) for rec, keep in _read_part(part)]


# The forked reader sends its records back as plain tuples (pack): pickle calls back into Python for each named
# tuple it writes (__reduce_ex__, about a hundred a page), for a plain tuple it does not. At 100x the child's half
# took 0.23 s to pickle and 0.11 s to read back, with the other process waiting; packed, 0.03 s to pack and 0.11 s
# to pickle, 0.06 s to read back and 0.04 s to unpack. The cold check went from 1.83 to 1.73 s (medians of 8
# alternating runs). The records cache is not packed: reading it back costs the same either way. The tables: each
# list field of PageRecord and the named tuple of its items; embeds and tasks hold citations of their own.
ROWS = {"citations": Citation, "malformed": Malformed, "links": Link, "tags": RawTag, "quotations": Quotation}
NESTED = {"embeds": Embed, "tasks": Task}  # their last field: a tuple of Citation


def pack(rec: PageRecord) -> tuple:
    """rec as builtin values only (unpack gives it back, equal field for field)."""
    out = []
    for name in RECORD_FIELDS:
        value = getattr(rec, name)
        if name in ROWS:
            value = [tuple(item) for item in value]
        elif name in NESTED:
            value = [(*item[:-1], [tuple(c) for c in item[-1]]) for item in value]
        out.append(value)
    return tuple(out)


def unpack(row: tuple) -> PageRecord:
    values = []
    for name, value in zip(RECORD_FIELDS, row):
        if name in ROWS:
            value = list(map(ROWS[name]._make, value))
        elif name in NESTED:
            make = NESTED[name]
            value = [make(*item[:-1], tuple(map(Citation._make, item[-1]))) for item in value]
        values.append(value)
    return PageRecord(*values)


RECORD_FIELDS = tuple(f.name for f in fields(PageRecord))


# The records are kept in BUCKETS files, each page in the one its path hashes to, so that after an edit only
# the file holding that page is written again. One file for all of them was pickled and written whole after every
# edit: 0.5 s of a 1.3 s re-check at 100x, more than reading the cache.
BUCKETS = 64


def _bucket_file(folder: Path, rel: str) -> Path:
    return folder / f"{hashlib.blake2b(rel.encode('utf-8'), digest_size=1).digest()[0] % BUCKETS:02x}.pickle"


def _load_cache(folder: Path) -> dict[Path, dict]:
    """Each bucket file's records (docs-relative path → (key, record)); a file from other code, damaged or
    missing holds none: its pages are read again. Keyed by the code (the ID grammar, front matter …) that made them."""
    version = cachefile.code_digest()
    out = {}
    for path in sorted(folder.glob("*.pickle")) if folder.is_dir() else ():
        records = cachefile.load(path, version)
        out[path] = {} if records is cachefile.MISS else records
    return out


def _save_cache(folder: Path, buckets: dict[Path, dict], fresh: dict) -> None:
    """Write the bucket files whose records changed (and only those); remove those left with no page."""
    new: dict[Path, dict] = {}
    for rel, hit in fresh.items():
        new.setdefault(_bucket_file(folder, rel), {})[rel] = hit
    for path, records in new.items():
        if records != buckets.get(path):
            cachefile.save(path, cachefile.code_digest(), records)
    for path in set(buckets) - set(new):
        path.unlink(missing_ok=True)
