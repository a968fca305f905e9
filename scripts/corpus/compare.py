"""Two versions of a policy as a comparison table: unit by unit, in the new text's order.

The NPC's 修改前后对照表 compares a law article by article; a 公文 compares the same way by part and
item. The units of a text (`units`) are:

* headings: every 编, 分编, 章, 节, 附则 and 公文 part, compared by its heading without its number;
* articles (第X条, 第X条之一), and what stands directly in a part or group (an item, an intro, a
  paragraph), compared by their text without their own number, 项 and 目 included.

Units follow their sentences (scripts/corpus/align.py pairs sentences by content, whatever their
numbers): an old unit and a new one are linked when a sentence of the one became a sentence of the
other, and linked units make one row. So an article split in two is one row (one old, two new), two
merged into one are one row (two old, one new), and an article that moved to another chapter is a
row whose old and new numbers differ. Headings pair by their words, else by where their units went
(a renamed 章 still holds its articles). A person's decision in the pair's override file
(`old ID: new ID`, `old ID: null`) for a unit wins over all of this.

Rows stand in the new text's order; a removed unit stands where it stood, after the row of the unit
before it in the old text.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from scripts.corpus.align import SIMILAR, Alignment, strip_marker
from scripts.corpus.split import GROUP_KINDS, Document

HEADING_KINDS = GROUP_KINDS | {"part"}
# What a row did, in the order a summary counts them.
ROW_KINDS = ("changed", "added", "removed", "split", "merged", "regrouped", "moved", "unchanged")
SHOWN = frozenset(ROW_KINDS) - {"moved", "unchanged"}  # rows whose wording changed: shown by default


@dataclass(frozen=True)
class Unit:
    id: str
    kind: str
    marker: str  # the number as written: 第十二条, 第三章, 三要, 二、; "" for an intro or a paragraph
    paragraphs: tuple[str, ...]  # what is compared and shown, without the unit's own number
    heading: bool  # a 编/章/节/part, compared by its heading


@dataclass(frozen=True)
class Row:
    kind: str  # one of ROW_KINDS
    old: tuple[str, ...]  # unit IDs in the old version, in its order
    new: tuple[str, ...]  # unit IDs in the new version, in its order

    @property
    def shown(self) -> bool:
        return self.kind in SHOWN


@dataclass
class Comparison:
    old: dict[str, Unit]
    new: dict[str, Unit]
    rows: list[Row] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many rows of each kind (a split or merge is one row)."""
        return {k: sum(1 for r in self.rows if r.kind == k) for k in ROW_KINDS}

    def heading(self, row: Row) -> bool:
        """A heading's row (编/章/节/part), not an article's."""
        return (self.new[row.new[0]] if row.new else self.old[row.old[0]]).heading


def _is_unit(doc: Document, pid: str) -> bool:
    prov = doc.provisions[pid]
    return prov.kind in HEADING_KINDS or prov.parent is None or doc.provisions[prov.parent].kind in HEADING_KINDS


def units(doc: Document) -> dict[str, Unit]:
    """The text's units in document order."""
    out: dict[str, Unit] = {}
    for pid, prov in doc.provisions.items():
        if not _is_unit(doc, pid):
            continue
        if prov.kind in HEADING_KINDS:
            out[pid] = Unit(pid, prov.kind, prov.marker, (strip_marker(prov.heading),), True)
            continue
        lines = doc.text_of(pid).split("\n")
        if prov.heading:  # an article's own line (第十二条, perhaps with a title after it)
            rest = strip_marker(lines[0])
            lines = ([rest] if rest else []) + lines[1:]
        elif prov.marker and lines:
            lines[0] = strip_marker(lines[0])
        out[pid] = Unit(pid, prov.kind, prov.marker, tuple(lines), False)
    return out


def unit_index(doc: Document, unit_ids) -> dict[str, str]:
    """Every provision → the unit that holds it (itself, for a unit)."""
    wanted = set(unit_ids)
    out: dict[str, str] = {}
    for pid in doc.provisions:
        node = pid
        while node not in wanted and doc.provisions[node].parent is not None:
            node = doc.provisions[node].parent
        if node in wanted:
            out[pid] = node
    return out


def compare(old: Document, new: Document, alignment: Alignment,
            overrides: dict[str, str | None] | None = None) -> Comparison:
    """The rows of the comparison table from old to new (the sentences paired by `alignment`)."""
    ou, nu = units(old), units(new)
    o_of, n_of = unit_index(old, ou), unit_index(new, nu)
    links: dict[str, set[str]] = {o: set() for o in ou if not ou[o].heading}
    for c in alignment.changes:
        if c.unit == "sentence" and c.old and c.new:
            o, n = o_of.get(c.old.rsplit(".", 1)[0]), n_of.get(c.new.rsplit(".", 1)[0])
            if o in links and n in nu and not nu[n].heading:
                links[o].add(n)
    for o, n in (overrides or {}).items():  # a person's decision for a whole unit
        if o in links:
            links[o] = {n} if n in nu and not nu[n].heading else set()
    heading_pairs = _pair_headings(old, new, ou, nu, links)
    rows = _components(ou, nu, links, heading_pairs)
    return Comparison(ou, nu, _in_new_order(rows, list(ou), list(nu)))


def _descendant_units(doc: Document, pid: str, units_: dict[str, Unit]) -> list[str]:
    return [d.id for d in doc.descendants(pid) if d.id in units_ and not units_[d.id].heading]


def _pair_headings(old, new, ou, nu, links) -> dict[str, str]:
    """Old heading unit → new one: the same words first, then where its units went, then alike words."""
    pairs: dict[str, str] = {}
    taken: set[str] = set()
    olds = [o for o in ou if ou[o].heading]
    news = [n for n in nu if nu[n].heading]

    def free(o: str) -> list[str]:
        return [n for n in news if n not in taken and nu[n].kind == ou[o].kind]

    def take(o: str, n: str) -> None:
        pairs[o] = n
        taken.add(n)

    for o in olds:
        same = [n for n in free(o) if nu[n].paragraphs == ou[o].paragraphs]
        if same:
            take(o, o if o in same else same[0])
    holds = {n: set(_descendant_units(new, n, nu)) for n in news}
    for o in (o for o in olds if o not in pairs):
        went = [n for u in _descendant_units(old, o, ou) for n in links.get(u, ())]
        votes = {n: sum(1 for w in went if w in holds[n]) for n in free(o)}
        best = max(votes.items(), key=lambda kv: (kv[1], _alike(ou[o], nu[kv[0]])), default=(None, 0))
        if best[1] > len(went) / 2:
            take(o, best[0])
    for o in (o for o in olds if o not in pairs):
        scored = sorted(((_alike(ou[o], nu[n]), n != o, n) for n in free(o)), key=lambda t: (-t[0], t[1]))
        if scored and scored[0][0] >= SIMILAR:
            take(o, scored[0][2])
    return pairs


def _alike(a: Unit, b: Unit) -> float:
    return difflib.SequenceMatcher(None, "\n".join(a.paragraphs), "\n".join(b.paragraphs), autojunk=False).ratio()


def _components(ou, nu, links, heading_pairs) -> list[Row]:
    """Linked units as rows: each connected set of old and new units is one row."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        parent[find(a)] = find(b)

    for o, ns in links.items():
        find(("o", o))
        for n in ns:
            union(("o", o), ("n", n))
    for n in nu:
        if not nu[n].heading:
            find(("n", n))
    groups: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for node in list(parent):
        side, uid = node
        olds, news = groups.setdefault(find(node), ([], []))
        (olds if side == "o" else news).append(uid)
    rows = []
    old_order, new_order = {u: i for i, u in enumerate(ou)}, {u: i for i, u in enumerate(nu)}
    for olds, news in groups.values():
        olds.sort(key=old_order.get)
        news.sort(key=new_order.get)
        rows.append(Row(_kind(olds, news, ou, nu), tuple(olds), tuple(news)))
    for o in (o for o in ou if ou[o].heading):
        n = heading_pairs.get(o)
        rows.append(Row(_kind([o], [n] if n else [], ou, nu), (o,), (n,) if n else ()))
    paired = set(heading_pairs.values())
    rows += [Row("added", (), (n,)) for n in nu if nu[n].heading and n not in paired]
    return rows


def _kind(olds: list[str], news: list[str], ou, nu) -> str:
    if not olds:
        return "added"
    if not news:
        return "removed"
    if len(olds) == 1 and len(news) == 1:
        if ou[olds[0]].paragraphs != nu[news[0]].paragraphs:
            return "changed"
        return "unchanged" if olds[0] == news[0] else "moved"
    if len(olds) == 1:
        return "split"
    return "merged" if len(news) == 1 else "regrouped"


def _in_new_order(rows: list[Row], old_order: list[str], new_order: list[str]) -> list[Row]:
    """Rows by their first new unit; a removed one right after the row of the old unit before it."""
    npos = {u: i for i, u in enumerate(new_order)}
    opos = {u: i for i, u in enumerate(old_order)}
    row_of_old = {o: r for r in rows for o in r.old}

    def key(row: Row) -> tuple:
        if row.new:
            return (npos[row.new[0]], 0, 0)
        i = opos[row.old[0]]
        for before in reversed(old_order[:i]):
            r = row_of_old.get(before)
            if r is not None and r.new:
                return (npos[r.new[0]], 1, i)
        return (-1, 1, i)

    return sorted(rows, key=key)
