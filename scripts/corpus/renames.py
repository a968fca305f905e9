"""Terms a new version renamed throughout: 低收入困难家庭 → 最低生活保障边缘家庭.

An amendment often renames a term everywhere it occurs. `detect` finds such renames in two aligned
versions: every replacement of the word diff (scripts/corpus/words.py) of a changed sentence or
heading is a candidate, widened to the words every occurrence shares on both sides (低收入困难 →
最低生活保障边缘 is always followed by 家庭, so the term is 低收入困难家庭). A candidate is a rename when

* both names are words (at least two characters, Chinese in them), never single characters, and
  no cross-reference (本条例第十条 → 本条例第十七条 renumbers, it renames nothing);
* the old name occurs at least MIN_COUNT times in the old text and nowhere in the new one;
* every old sentence or heading that has it and is still in the new text has the new name there
  instead, as many times;
* it is not explained by shorter renames already found (A和B → C和D is A → C and B → D).

`make add-version` writes what it finds to seeds/versions/<slug>/renames.yml (`write`), a list a
person may edit (delete an entry that is no rename); everything else reads that file (`load`):

    - old: 低收入困难家庭          # the former name
      new: 最低生活保障边缘家庭     # the name from that version on
      version: v2                 # the version that renamed it
      count: 12                   # how many times the old text had it where the new one has the new name
      note: 《示例市社会救助条例》2021-06-24修正后改称“最低生活保障边缘家庭”，原称“低收入困难家庭”。

The comparison page lists them, the checker warns where a page still uses an old name
(TERM_RENAMED), `python -m scripts.review rewrite --rename OLD` applies a rename a reviewer
confirms, and search can read the file as former names (query: old, terms: [new], note).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.core.diagnostics import Diagnostic, DiagnosticError
from scripts.core.numerals import NUMBER
from scripts.core.yamlio import dump_yaml, load_yaml
from scripts.corpus.align import Alignment
from scripts.corpus.compare import Comparison
from scripts.corpus.split import Document
from scripts.corpus.words import word_diff, words

MIN_COUNT = 2  # a word replaced once is a rewording, not a rename
MAX_WIDEN = 6  # characters a candidate may be widened by on each side
FILE = "renames.yml"
KEYS = ("old", "new", "version", "count", "note")
CJK = re.compile(r"[\u3400-\u9fff]")
# A cross-reference renumbered throughout (本法第十条 → 本法第十七条) is no term.
REFERENCE = re.compile(rf"第(?:{NUMBER})[编章节条款项目]")
HEADER = """\
# Written by make add-version (scripts/corpus/renames.py): terms a version renamed throughout the text.
# The checker warns where a page still uses an old name (TERM_RENAMED); python -m scripts.review rewrite
# --rename OLD applies one after a reviewer confirms it; search may read old as a former name of new.
# Delete an entry that is no rename; entries are never added back except by the next make add-version.
"""


@dataclass(frozen=True)
class Rename:
    old: str
    new: str
    version: str  # the version that renamed it (v2)
    count: int
    note: str = ""
    line: int = 1  # where the entry starts in renames.yml
    col: int = 1


def path_of(seeds_dir: Path, slug: str) -> Path:
    return seeds_dir / "versions" / slug / FILE


def _texts(doc: Document) -> list[str]:
    """What a term may stand in: every sentence and every heading (not the title or the 题注)."""
    return [s.text for s in doc.sentences.values()] + [p.heading for p in doc.provisions.values() if p.heading]


def _pairs(old: Document, new: Document, alignment: Alignment, comparison: Comparison) -> list[tuple[str, str]]:
    """Old and new wording of everything that is in both texts: sentences, and headings paired by the table."""
    out = [(c.old_text, c.new_text) for c in alignment.changes if c.unit == "sentence" and c.old and c.new]
    for row in comparison.rows:
        if len(row.old) == 1 and len(row.new) == 1 and comparison.heading(row):
            out.append((old.provisions[row.old[0]].heading, new.provisions[row.new[0]].heading))
    return out


def _is_word(text: str) -> bool:
    return (len(text) >= 2 and bool(CJK.search(text)) and not re.search(r"[\s。，、；：！？（）“”]", text)
            and not REFERENCE.search(text))


def _common_prefix(strings: list[str]) -> str:
    if not strings:
        return ""
    first = min(strings)
    last = max(strings)
    n = 0
    while n < len(first) and n < len(last) and first[n] == last[n]:
        n += 1
    return first[:n]


def _boundaries(text: str) -> set[int]:
    pos, out = 0, {0}
    for w in words(text):
        pos += len(w)
        out.add(pos)
    return out


def _widen(old_term: str, new_term: str, old_texts: list[str], new_texts: list[str]) -> tuple[str, str]:
    """The candidate with the words that follow and precede every occurrence on both sides."""
    after = [t[m.end():] for t in old_texts for m in re.finditer(re.escape(old_term), t)] + \
            [t[m.end():] for t in new_texts for m in re.finditer(re.escape(new_term), t)]
    before = [t[:m.start()][::-1] for t in old_texts for m in re.finditer(re.escape(old_term), t)] + \
             [t[:m.start()][::-1] for t in new_texts for m in re.finditer(re.escape(new_term), t)]
    tail = _common_prefix(after)[:MAX_WIDEN]
    head = _common_prefix(before)[:MAX_WIDEN][::-1]
    # Only whole words: the widened names must end (and start) where jieba cuts both of them.
    ends_old, ends_new = _boundaries(old_term + tail), _boundaries(new_term + tail)
    k = max((k for k in range(len(tail) + 1) if len(old_term) + k in ends_old and len(new_term) + k in ends_new),
            default=0)
    starts_old, starts_new = _boundaries(head + old_term), _boundaries(head + new_term)
    j = max((j for j in range(len(head) + 1) if len(head) - j in starts_old and len(head) - j in starts_new),
            default=0)
    return head[len(head) - j:] + old_term + tail[:k], head[len(head) - j:] + new_term + tail[:k]


def detect(old: Document, new: Document, alignment: Alignment, comparison: Comparison,
           version: str) -> list[Rename]:
    """Terms renamed throughout from `old` to `new` (the version labelled `version`), most frequent first."""
    pairs = _pairs(old, new, alignment, comparison)
    old_texts, new_texts = _texts(old), _texts(new)
    candidates: set[tuple[str, str]] = set()
    for a, b in pairs:
        if a == b:
            continue
        ops = word_diff(a, b)
        for (op1, x), (op2, y) in zip(ops, ops[1:]):
            if op1 == "-" and op2 == "+":
                candidates.add(_widen(x, y, old_texts, new_texts))
    found: list[Rename] = []
    for x, y in sorted(candidates, key=lambda c: (len(c[0]), c)):
        if not (_is_word(x) and _is_word(y)) or x in y:
            continue
        if sum(t.count(x) for t in old_texts) < MIN_COUNT or any(x in t for t in new_texts):
            continue
        if _explained(x, y, found):
            continue
        count = 0
        consistent = True
        for a, b in pairs:
            k = a.count(x)
            if not k:
                continue
            if b.count(y) - a.count(y) < k:
                consistent = False
                break
            count += k
        if consistent and count >= MIN_COUNT:
            found.append(Rename(x, y, version, count))
    return sorted(found, key=lambda r: (-r.count, r.old))


def _explained(old: str, new: str, found: list[Rename]) -> bool:
    for r in sorted(found, key=lambda r: -len(r.old)):
        old = old.replace(r.old, r.new)
    return old == new


def note(rename: Rename, title: str, date: str, act: str = "") -> str:
    """What search may show beside a former name: 《示例市社会救助条例》2021-06-24修正后改称“…”，原称“…”。"""
    when = f"{date}{act}后" if date != "unknown" and act else f"{date}起" if date != "unknown" else f"{rename.version}起"
    return f"《{title}》{when}改称“{rename.new}”，原称“{rename.old}”。"


def write(path: Path, renames: list[Rename]) -> str:
    """The file's text for these entries (the caller writes it)."""
    rows = [{"old": r.old, "new": r.new, "version": r.version, "count": r.count, "note": r.note} for r in renames]
    return HEADER + (dump_yaml(rows) if rows else "[]\n")


def load(seeds_dir: Path, slug: str, labels: list[str] | None = None) -> list[Rename]:
    """The renames a person kept in seeds/versions/<slug>/renames.yml ([] when there is none).

    A malformed file or entry is VERSION_INPUT at its line; `labels`: the policy's versions, which an
    entry's `version` must name."""
    path = path_of(seeds_dir, slug)
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DiagnosticError([Diagnostic(str(path), line, col, "VERSION_INPUT",
                                          f"bad YAML in the renames: {getattr(exc, 'problem', exc)}")]) from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise DiagnosticError([Diagnostic(str(path), 1, 1, "VERSION_INPUT", "renames must be a list of entries",
                                          "- old: 旧称 / new: 新称 / version: v2")])
    out, diags = [], []
    for item, entry in zip(node.value, data):
        line, col = item.start_mark.line + 1, item.start_mark.column + 1
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) and entry.get(k)
                                                  for k in ("old", "new", "version")):
            diags.append(Diagnostic(str(path), line, col, "VERSION_INPUT", "a rename needs old, new and version",
                                    "- old: 旧称 / new: 新称 / version: v2"))
            continue
        unknown = sorted(set(entry) - set(KEYS))
        if unknown or (labels is not None and entry["version"] not in labels):
            what = f"unknown key {unknown[0]!r}" if unknown else f"no version {entry['version']!r}"
            diags.append(Diagnostic(str(path), line, col, "VERSION_INPUT", f"rename {entry['old']}: {what}",
                                    f"keys: {', '.join(KEYS)}" if unknown else f"versions: {', '.join(labels or [])}"))
            continue
        count = entry.get("count", 0)
        out.append(Rename(entry["old"], entry["new"], entry["version"], count if isinstance(count, int) else 0,
                          str(entry.get("note") or ""), line, col))
    if diags:
        raise DiagnosticError(diags)
    return out


def latest_name(renames: list[Rename], term: str) -> str:
    """The name a term has now, following renames made one after another (A → B in v2, B → C in v3)."""
    seen = {term}
    for r in sorted(renames, key=lambda r: int(r.version[1:]) if r.version[1:].isdigit() else 0):
        if r.old == term:
            term = r.new
            if term in seen:
                break
            seen.add(term)
    return term
