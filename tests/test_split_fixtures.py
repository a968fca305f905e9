"""Golden splits: one folder per shape under tests/fixtures/split/, checked by walking the folder.

Each folder holds `input.txt` (a synthetic text written for the test; the seed's folder points at
seeds/ instead) and either `expected.jsonl` (every provision and sentence: ID, kind, line, column,
text; then the document-level pieces, where an excerpt starts, and the pages) or `expected.txt` (the
exact error lines). UPDATE_GOLDEN=1 rewrites them; read the diff before committing it. The texts of
real shapes (law-*, code-*, reg-*, rev-full-*, yao-inline-*) are synthetic, with fictional titles.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import SEED
from scripts.core import ids
from scripts.core.diagnostics import DiagnosticError, render
from scripts.corpus.split import BLANK, GROUP_KINDS, Document, rows, split_file

FIXTURES = Path(__file__).parent / "fixtures" / "split"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def source(case: str) -> Path:
    return SEED if case == "seed" else FIXTURES / case / "input.txt"


def golden_lines(doc: Document) -> list[str]:
    out = [json.dumps(r, ensure_ascii=False) for r in rows(doc)]
    out += [json.dumps({"piece": p.role, "text": doc.text[p.start:p.end]}, ensure_ascii=False)
            for p in doc.pieces if p.role in ("title", "caption", "addressee", "toc", "attachment", "closing")]
    if doc.starts:
        out.append(json.dumps({"excerpt": [[s.kind, s.marker, s.line, s.col] for s in doc.starts]}, ensure_ascii=False))
    # A page in a 编 also names the groups it stands in and those whose headings open on it.
    out.append(json.dumps({"pages": [[p.key, list(p.top)] + ([list(p.heads), list(p.groups)] if p.groups else [])
                                     for p in doc.pages()]}, ensure_ascii=False))
    return out


@pytest.mark.parametrize("case", CASES)
def test_split_matches_golden(case):
    folder = FIXTURES / case
    try:
        doc = split_file(source(case))
    except DiagnosticError as exc:
        got = render(exc.diags).replace(str(FIXTURES) + "/", "")
        golden = folder / "expected.txt"
        if UPDATE:
            golden.write_text(got, "utf-8")
        assert golden.exists(), f"{case} fails to split:\n{got}"
        assert got == golden.read_text("utf-8")
        return
    got = "\n".join(golden_lines(doc)) + "\n"
    golden = folder / "expected.jsonl"
    if UPDATE:
        golden.write_text(got, "utf-8")
    assert got == golden.read_text("utf-8")


def check_invariants(doc: Document) -> None:
    """What must hold for every text that splits: lossless, every running text a sentence, valid IDs."""
    # Lossless: the pieces tile the text, and join back to it byte for byte.
    assert doc.join() == doc.text
    pos = 0
    for p in doc.pieces:
        assert p.start == pos
        pos = p.end
    assert pos == len(doc.text)
    # Every non-blank character outside the title, addressee, attachments and closing is in a
    # sentence or a heading, and a heading is a title: never running text with a terminator after its end.
    for p in doc.pieces:
        if p.role == "space":
            assert not doc.text[p.start:p.end].strip(BLANK)
    # Every ID is one the grammar accepts, sentences have at least two dots, structures at most one.
    for pid, prov in doc.provisions.items():
        assert ids.ID_FORM.match(pid) and not ids.is_sentence(pid), pid
        for s in prov.sentences:
            assert ids.ID_FORM.match(s.id) and ids.is_sentence(s.id), s.id
            assert ids.provision_of(s.id) == pid
        assert doc.page_of(pid)
    assert not set(doc.provisions) & set(doc.sentences)
    # Children's parents agree, and every provision is reachable from a top-level one.
    for pid, prov in doc.provisions.items():
        for c in prov.children:
            assert doc.provisions[c].parent == pid
    # A heading never ends inside running text: the text right after a heading starts a new unit.
    for p in doc.pieces:
        if p.role == "heading":
            prov = doc.provisions[p.owner]
            assert prov.kind in {"part", "article", "item"} | GROUP_KINDS, prov


@pytest.mark.parametrize("case", [c for c in CASES if not (FIXTURES / c / "expected.txt").exists()])
def test_every_fixture_keeps_the_invariants(case):
    check_invariants(split_file(source(case)))


def test_citations_as_readers_write_them_map_to_one_id():
    doc = split_file(FIXTURES / "article" / "input.txt")
    for written, expected in [("§第四条", "4"), ("§第四条第一款", "4.1"), ("§第四条第（二）项", "4.1-2"),
                              ("§第四条第一款第（二）项第2目", "4.1-2-2"), ("§第二条第二款", "2.2"),
                              ("§第四条第二款第1句", "4.2.1"), ("§4.1-2", "4.1-2")]:
        m = ids.CITATION.match(written)
        assert m and m.end() == len(written), written
        assert ids.citation_id(m) == expected, written
        assert doc.get(expected) is not None, written
    # An item （三） inside 第二条 belongs to 第二条; 第三条 never nests under it.
    assert doc.provisions["2.1-3"].parent == "2.1"
    assert doc.provisions["3"].parent == "ch2-1" and doc.top_of("3") == "ch2"
