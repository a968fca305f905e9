"""The English translation of a policy text, sentence by sentence: seeds/<slug>.en.yml.

Keyed by the same IDs as the Chinese text. `translated_version` records which version of the
text it translates; sentences that changed or came since that version are `stale` and the
English source pages mark them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.core.diagnostics import Diagnostic
from scripts.core.paths import TRANSLATED
from scripts.core.yamlio import load_yaml
from scripts.corpus.seeds import Seed
from scripts.corpus.versions import alignment


@dataclass
class SourceTranslation:
    title: str = ""
    addressee: str = ""
    headings: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    sentences: dict[str, str] = field(default_factory=dict)
    translated_version: str = "v1"  # the version of the text it translates (translated_version: in the file)
    stale: set[str] = field(default_factory=set)  # sentences whose Chinese changed or came since that version

    def text_of(self, seed: Seed, pid: str) -> str:
        """English text of a provision (its sentences and its descendants'), or of one sentence."""
        if pid in self.sentences:
            return self.sentences[pid]
        prov = seed.doc.provisions.get(pid)
        if prov is None:
            return ""
        chunks = [self.headings.get(pid, "")] + [self.sentences.get(s.id, "") for s in prov.sentences]
        chunks += [self.text_of(seed, c) for c in prov.children]
        return " ".join(c for c in chunks if c)


def translation_path(seed: Seed) -> Path:
    return seed.path.with_suffix(f".{TRANSLATED}.yml")


def load_source_translation(seed: Seed) -> tuple[SourceTranslation | None, list[Diagnostic]]:
    path = translation_path(seed)
    shown = path.as_posix()
    if not path.exists():
        return None, [Diagnostic(shown, 1, 1, "TRANSLATION_MISSING", f"no English translation of {seed.path.name}",
                                 f"create {path.name} with title, headings, labels and sentences")]
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Diagnostic(shown, line, col, "TRANSLATION_YAML", f"cannot read: {getattr(exc, 'problem', exc)}")]
    if not isinstance(data, dict):
        return None, [Diagnostic(shown, 1, 1, "TRANSLATION_YAML", "must be a mapping")]
    tr = SourceTranslation(
        title=str(data.get("title") or ""), addressee=str(data.get("addressee") or ""),
        headings={str(k): str(v) for k, v in (data.get("headings") or {}).items()},
        labels={str(k): str(v) for k, v in (data.get("labels") or {}).items()},
        sentences={str(k): str(v) for k, v in (data.get("sentences") or {}).items()},
    )
    diags = []
    lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(key: str) -> int:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*:")
        return next((i + 1 for i, ln in enumerate(lines) if pattern.match(ln)), 1)

    tr.translated_version = str(data.get("translated_version") or "v1")
    if len(seed.versions) > 1 and tr.translated_version != seed.versions[-1].label:
        old = next((v for v in seed.versions if v.label == tr.translated_version), None)
        if old is not None:
            changes = alignment(seed.path.parent, seed.slug, old, seed.versions[-1]).changes
            tr.stale = {c.new for c in changes if c.unit == "sentence" and c.kind in ("changed", "added")}
        if tr.stale:
            # A correction of the Chinese text never waits for its translation: a warning, and the
            # English page marks each such sentence.
            diags.append(Diagnostic(shown, line_of("translated_version"), 1, "TRANSLATION_STALE",
                                    f"{len(tr.stale)} sentence(s) changed or added since {tr.translated_version}: "
                                    + ", ".join(sorted(tr.stale)[:8]) + ("…" if len(tr.stale) > 8 else ""),
                                    f"translate them, then set translated_version: {seed.versions[-1].label}"))
    missing = [s for s in seed.doc.sentences if not tr.sentences.get(s) and s not in tr.stale]
    missing += [p.id for p in seed.doc.parts() if p.heading and not tr.headings.get(p.id)]
    if missing:
        diags.append(Diagnostic(shown, 1, 1, "TRANSLATION_MISSING",
                                f"{len(missing)} provision(s) untranslated: {', '.join(missing[:8])}"
                                + ("…" if len(missing) > 8 else "")))
    for key in list(tr.sentences) + list(tr.headings) + list(tr.labels):
        if seed.doc.get(key) is None:
            diags.append(Diagnostic(shown, line_of(key), 1, "TRANSLATION_UNKNOWN_ID",
                                    f"{key} is not a provision of {seed.path.name}"))
    return tr, diags


