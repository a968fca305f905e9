"""Make a new text the current version of a policy, keeping the old one byte for byte.

`add` makes the new text current and keeps the old one; it also moves the English translation
of every sentence that only moved (an inserted 三要 renumbers the items after it) to its new
number, so translations follow their sentences, and writes the terms the new version renamed
throughout (seeds/versions/<slug>/renames.yml, scripts/corpus/renames.py).

The date is the one given, or else the one the new text's 题注 gives (its last 通过, 修正 or 修订);
when both are given they must agree. It refuses, changing nothing, an unknown slug, a text
identical to the current one, a date before the current one's, a malformed date, a date the 题注
contradicts, no date at all, or a text that is not UTF-8 or does not split.
"""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import yaml

from scripts.core.diagnostics import Diagnostic, DiagnosticError
from scripts.core.ids import SLUG_FORM
from scripts.core.yamlio import dump_yaml, load_yaml
from scripts.corpus import renames
from scripts.corpus.align import Alignment, align, load_overrides
from scripts.corpus.compare import compare
from scripts.corpus.seeds import load_corpus
from scripts.corpus.split import Document, decode, split_file, split_text
from scripts.corpus.versions import (CURRENT, REVISED, event_position, folder, load_versions, making_event,
                                     overrides_path)
from scripts.render.source import render_seed, write_pages


def _refuse(path, message: str, hint: str = "") -> DiagnosticError:
    return DiagnosticError([Diagnostic(str(path), 1, 1, "VERSION_INPUT", message, hint)])


def _check_date(given: str) -> None:
    try:
        dt.date.fromisoformat(given)
    except ValueError:
        raise _refuse(given, f"{given!r} is not a date", "write DATE=YYYY-MM-DD, e.g. 2026-12-01") from None


def version_date(new_doc: Document, new_path: Path, given: str | None) -> str:
    """The new version's date: `given` (YYYY-MM-DD), else its 题注's; both must agree when both say one."""
    if given:
        _check_date(given)
    made = making_event(new_doc)
    if made is None:
        if not given:
            raise _refuse(new_path, "no date: the text has no 题注 that says when it was adopted or amended",
                          "give the date: DATE=YYYY-MM-DD")
        return given
    if given and given != made.date:
        line, col = event_position(new_doc, made)
        raise DiagnosticError([Diagnostic(str(new_path), line, col, "VERSION_INPUT",
                                          f"DATE={given} contradicts the 题注, which dates this version "
                                          f"{made.date} ({made.kind})",
                                          f"leave DATE out, or give DATE={made.date}")])
    return made.date


def add(root: Path, slug: str, new_path: Path, date: str | None = None) -> list[Path]:
    """Make `new_path` the current version of `slug`, dated `date` (else by its 题注); returns the files written."""
    seeds = root / "seeds"
    if not SLUG_FORM.match(slug) or not (seeds / f"{slug}.txt").exists():
        known = ", ".join(sorted(p.stem for p in seeds.glob("*.txt")))
        raise _refuse(seeds / f"{slug}.txt", f"no policy named {slug!r}", f"policies: {known}")
    if date:
        _check_date(date)
    try:
        data = new_path.read_bytes()
    except OSError as exc:
        raise _refuse(new_path, f"cannot read the new text: {exc.strerror or exc}") from None
    text = decode(data, str(new_path))
    new_doc = split_text(text, str(new_path), slug)  # numbering errors at their marker
    date = version_date(new_doc, new_path, date)
    when = dt.date.fromisoformat(date)
    meta_path = seeds / f"{slug}.yml"
    meta = (load_yaml(meta_path.read_text(encoding="utf-8")) or {}) if meta_path.exists() else {}
    versions = load_versions(seeds, slug, meta)
    current = versions[-1]
    if data == current.path.read_bytes():
        raise _refuse(new_path, f"the text is the same as the current version ({current.label}) of {slug}",
                      "a new version differs from the current one")
    known = [v.date for v in versions if v.date != "unknown"]
    if known and when < dt.date.fromisoformat(known[-1]):
        raise _refuse(date, f"{date} is before the current version's date ({known[-1]})",
                      "versions are added in the order they were issued")
    vdir = folder(seeds, slug)
    written: list[Path] = []
    old_doc = split_file(current.path)
    label = f"v{current.number + 1}"
    overrides = load_overrides(overrides_path(seeds, slug, current.label, label))
    changes = align(old_doc, new_doc, overrides)
    title = str(meta.get("title") or new_doc.title)
    made = making_event(new_doc)
    act = made.kind if made is not None and made.date == date else ""
    found = [replace(r, note=renames.note(r, title, date, act))
             for r in renames.detect(old_doc, new_doc, changes, compare(old_doc, new_doc, changes, overrides), label)]
    kept = renames.load(seeds, slug, [v.label for v in versions])
    try:
        vdir.mkdir(parents=True, exist_ok=True)
        archived = vdir / f"{current.label}.txt"
        shutil.copyfile(current.path, archived)
        written.append(archived)
        (seeds / f"{slug}.txt").write_bytes(data)
        rows = [{"date": v.date, "status": (REVISED if v is current and v.status in (CURRENT, "unknown") else v.status)}
                for v in versions]
        rows.append({"date": date, "status": CURRENT})
        (vdir / "versions.yml").write_text(
            "# Written by make add-version: every version of the policy, oldest first. The last is current\n"
            f"# (seeds/{slug}.txt); the others are v1.txt, v2.txt … beside this file, byte for byte.\n"
            + dump_yaml(rows), encoding="utf-8")
        written.append(vdir / "versions.yml")
        if found or kept:
            target = renames.path_of(seeds, slug)
            target.write_text(renames.write(target, kept + found), encoding="utf-8")
            written.append(target)
        tr = seeds / f"{slug}.en.yml"
        if tr.exists():  # with the pair's overrides, as the checker aligns them
            tr.write_text(rekey_translation(tr.read_text(encoding="utf-8"), changes, current.label), encoding="utf-8")
            written.append(tr)
        # Its pages follow at once: the current text, the earlier ones and the 版本对照 page.
        corpus = load_corpus(seeds)
        pages = render_seed(corpus.seeds[slug], default=slug == corpus.default.slug, corpus=corpus)
        written += [root / "docs" / rel for rel in write_pages(root / "docs", pages)]
    except OSError as exc:
        raise _refuse(seeds, f"could not write the new version: {exc}") from None
    return written


def rekey_translation(text: str, changes: Alignment, translated: str) -> str:
    """The English translation with each moved sentence's translation under its new ID.

    Changed sentences keep the translation of their old wording (the checker marks it stale until a
    translator updates it); removed ones are dropped; `translated_version` records which version the
    translation was made from, so staleness is known."""
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    data = yaml.safe_load(text) or {}
    old_to_new = changes.old_to_new()
    for key in ("sentences", "headings", "labels"):
        section = data.get(key) or {}
        moved = {}
        for old_id, value in section.items():
            c = old_to_new.get(str(old_id))
            if c is None or c.new is None:
                continue
            moved[c.new] = value
        data[key] = dict(sorted(moved.items(), key=lambda kv: _order(kv[0])))
    data.setdefault("translated_version", translated)
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)


def _order(pid: str) -> list:
    return [int(x) if x.isdigit() else x for x in pid.replace("-", ".").split(".")]


