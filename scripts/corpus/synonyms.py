"""The synonym table: what readers type in the search box, and the texts' wording it stands for.

Cadres type 家暴, 低保, 两癌; laws say 家庭暴力, 最低生活保障, 宫颈癌、乳腺癌. The table
(synonyms.yml beside mkdocs.yml, or the file `extra.handbook.synonyms` names) is a YAML list;
each entry is one mapping:

    - query: 家暴                 # what readers type: one word, or a list of them
      terms: [家庭暴力]            # the texts' wording, searched as well (at least one not a query)
      note: 家暴是家庭暴力的简称。   # optional: shown above the results when the entry applies
      kind: renamed               # optional: synonym (the default) or renamed (the query is the
                                  # term's former name; results say 原称…)

A query is one word as the search box cuts it: Chinese characters only. Search applies an entry
to a query word equal to one of its queries, and to a run of Chinese that contains one (两癌筛查
is 两癌 + 筛查). `load_synonyms` reads and validates the file; what is wrong is a SYNONYM_INPUT
diagnostic at its line and column, and the entry is left out. Whether each entry's terms occur in
the handbook is the checker's question (scripts/checks/synonyms.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.core.config import near
from scripts.core.diagnostics import Diagnostic, DiagnosticError
from scripts.core.fold import fold
from scripts.corpus import renames

DEFAULT_TABLE = "synonyms.yml"
# How results explain an entry, by kind (the worker words it per language, from scripts/publish/search_index.py).
KINDS = ("synonym", "renamed")
KEYS = ("query", "terms", "note", "kind")
WORD = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")


@dataclass(frozen=True)
class Synonym:
    queries: tuple[str, ...]
    terms: tuple[str, ...]
    note: str = ""
    kind: str = "synonym"
    line: int = 1  # where the entry starts (1-based)
    col: int = 1
    terms_line: int = 1  # where its terms are written: an unused entry is reported there
    terms_col: int = 1

    def as_index(self) -> dict:
        """The entry as the search index carries it (queries and terms folded as search compares them)."""
        out = {"q": [fold(q) for q in self.queries], "t": [fold(t) for t in self.terms], "k": self.kind}
        if self.note:
            out["n"] = self.note
        return out


def table_path(root: Path, configured: str | None) -> Path:
    return root / (configured or DEFAULT_TABLE)


def load_synonyms(path: Path, shown: str, required: bool = False) -> tuple[list[Synonym], list[Diagnostic]]:
    """The table's well-formed entries, and a SYNONYM_INPUT diagnostic for each thing wrong in it.

    A missing file is an empty table, unless `required` (mkdocs.yml names it)."""
    if not path.exists():
        if required:
            return [], [Diagnostic(shown, 1, 1, "SYNONYM_INPUT", "the synonym table named in mkdocs.yml does not exist",
                                   "create it, or take extra.handbook.synonyms out of mkdocs.yml")]
        return [], []
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return [], [Diagnostic(shown, line, col, "SYNONYM_INPUT", f"not readable YAML: {getattr(exc, 'problem', exc)}",
                               "a list of entries, each `- query: 家暴` with `terms: [家庭暴力]` below it")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [_bad(shown, root, "the table must be a list of entries",
                         "start each entry with `- query:`")]
    entries: list[Synonym] = []
    diags: list[Diagnostic] = []
    seen: dict[str, int] = {}  # folded query → line of its entry
    for node in root.value:
        entry, problems = _entry(node, shown)
        diags += problems
        if entry is None:
            continue
        repeated = [q for q in entry.queries if fold(q) in seen]
        if repeated:
            diags.append(Diagnostic(shown, entry.line, entry.col, "SYNONYM_INPUT",
                                    f"query {repeated[0]!r} already has an entry (line {seen[fold(repeated[0])]})",
                                    "one entry per query: add the terms to that entry"))
            continue
        seen.update((fold(q), entry.line) for q in entry.queries)
        entries.append(entry)
    return entries, diags


def _bad(shown: str, node: yaml.Node, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(shown, node.start_mark.line + 1, node.start_mark.column + 1, "SYNONYM_INPUT", message, hint)


def _words(node: yaml.Node | None) -> list[str] | None:
    """A scalar or a flat list of scalars as stripped strings; None when it is anything else."""
    if isinstance(node, yaml.ScalarNode):
        return [str(node.value).strip()]
    if isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in node.value):
        return [str(n.value).strip() for n in node.value]
    return None


def _entry(node: yaml.Node, shown: str) -> tuple[Synonym | None, list[Diagnostic]]:
    if not isinstance(node, yaml.MappingNode):
        return None, [_bad(shown, node, "an entry must be a mapping with query: and terms:",
                           "`- query: 家暴` with `terms: [家庭暴力]` below it")]
    fields: dict[str, yaml.Node] = {}
    diags = []
    for key, value in node.value:
        name = str(key.value)
        if name not in KEYS:
            guess = near(name, list(KEYS))
            diags.append(_bad(shown, key, f"unknown key {name!r}",
                              f"did you mean {guess}?" if guess else "the keys are " + ", ".join(KEYS)))
        fields[name] = value
    queries = _words(fields.get("query"))
    if not queries or not all(queries):
        diags.append(_bad(shown, fields.get("query", node), "query must be a word, or a list of words, that readers type"))
    elif bad := [q for q in queries if not WORD.match(fold(q))]:
        diags.append(_bad(shown, fields["query"], f"query {bad[0]!r} is not one word as the search box cuts it",
                          "Chinese characters only: no spaces, letters, digits or punctuation"))
    terms = _words(fields.get("terms"))
    if not terms or not all(terms):
        diags.append(_bad(shown, fields.get("terms", node), "terms must be a list of the texts' words",
                          "terms: [家庭暴力]"))
    elif queries and not {fold(t) for t in terms} - {fold(q) for q in queries}:
        diags.append(_bad(shown, fields["terms"], "terms only repeat the query: the entry finds nothing more",
                          "list the texts' own wording, or leave the entry out"))
    note = fields.get("note")
    if note is not None and not (isinstance(note, yaml.ScalarNode) and str(note.value).strip()):
        diags.append(_bad(shown, note, "note must be one line of text for readers"))
    kind = fields.get("kind")
    if kind is not None and not (isinstance(kind, yaml.ScalarNode) and kind.value in KINDS):
        diags.append(_bad(shown, kind, f"kind must be one of {', '.join(KINDS)}",
                          "renamed: the query is the term's former name (results say 原称…)"))
    if diags:
        return None, diags
    where = fields["terms"].start_mark
    return Synonym(tuple(queries), tuple(terms), str(note.value).strip() if note is not None else "",
                   str(kind.value) if kind is not None else KINDS[0], node.start_mark.line + 1,
                   node.start_mark.column + 1, where.line + 1, where.column + 1), []


def search_table(root: Path, configured: str | None, corpus) -> list[Synonym]:
    """What search applies: the table's well-formed entries (the checker reports the rest), then every term a
    new version of a text renamed throughout (seeds/versions/<slug>/renames.yml, scripts/corpus/renames.py),
    as a former name: a cadre who types the old name finds the current provision, and the result says 原称…
    An entry the table already has for the old name wins: a person wrote it."""
    entries, _ = load_synonyms(table_path(root, configured), DEFAULT_TABLE)
    written = {fold(q) for entry in entries for q in entry.queries}
    seeds = root / "seeds"
    for slug, seed in sorted(corpus.seeds.items()) if corpus else []:
        try:
            kept = renames.load(seeds, slug, [v.label for v in seed.versions])
        except DiagnosticError:
            continue  # the checker reports a malformed renames.yml at its line
        for r in kept:
            if WORD.match(r.old) and r.new and fold(r.old) not in written:
                written.add(fold(r.old))
                entries.append(Synonym((r.old,), (r.new,), r.note or "", "renamed", r.line, r.col, r.line, r.col))
    return entries
