"""Translations: the English source text, and whether each English page is current.

Usage: python -m scripts.translate status          # one line per page: current | stale | missing
       python -m scripts.translate stamp PAGE.en.md  # after updating a translation: record what it translates

Every English page records which version of its Chinese page it translates: the
SHA-256 of the Chinese file in `source_sha256`. When the Chinese file changes, the
checker reports the English page as stale until a translator updates it and runs
`stamp`. The policy text itself is translated sentence by sentence in
`seeds/<slug>.en.yml`, keyed by the same IDs as the Chinese.
"""
from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.collect import PageRecord, collect_docs, load_yaml
from scripts.corpus import Corpus, Seed
from scripts.diagnostics import Diagnostic

LANG = "en"
SUFFIX = f".{LANG}.md"


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
    return seed.path.with_suffix(f".{LANG}.yml")


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
        from scripts.versions import alignment

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


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def counterpart(rel: str) -> str:
    """`guidance/2-5.md` ↔ `guidance/2-5.en.md`."""
    return rel[: -len(SUFFIX)] + ".md" if rel.endswith(SUFFIX) else rel[:-3] + SUFFIX


def logical(rel: str) -> str:
    """The page a translation stands for: `guidance/2-5.en.md` → `guidance/2-5.md`."""
    return rel[: -len(SUFFIX)] + ".md" if rel.endswith(SUFFIX) else rel


@dataclass(frozen=True)
class Status:
    page: str  # the Chinese page, docs-relative
    state: str  # current | stale | missing | generated
    recorded: str = ""
    actual: str = ""


def statuses(pages: dict[str, PageRecord], docs_dir: Path) -> list[Status]:
    out = []
    for rel, rec in sorted(pages.items()):
        if rel.endswith(SUFFIX):
            continue
        if rec.kind == "source" or rec.meta.get("generated_by"):
            out.append(Status(rel, "generated"))
            continue
        en = pages.get(counterpart(rel))
        actual = file_sha256(docs_dir / rel)
        if en is None:
            out.append(Status(rel, "missing", "", actual))
            continue
        recorded = str(en.meta.get("source_sha256") or "")
        out.append(Status(rel, "current" if recorded == actual else "stale", recorded, actual))
    return out


def check_translations(pages: dict[str, PageRecord], docs_dir: Path, corpus: Corpus) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    for st in statuses(pages, docs_dir):
        rec = pages[st.page]
        if st.state == "missing":
            diags.append(Diagnostic(rec.shown, 1, 1, "TRANSLATION_MISSING",
                                    f"no English translation (expected {counterpart(st.page)})",
                                    "translate it, then: python -m scripts.translate stamp "
                                    f"{rec.shown[:-3]}{SUFFIX}"))
        elif st.state == "stale":
            en = pages[counterpart(st.page)]
            recorded = st.recorded[:12] or "nothing"
            diags.append(Diagnostic(en.shown, 1, 1, "TRANSLATION_STALE",
                                    f"translates an older {rec.shown} (recorded {recorded}, now {st.actual[:12]})",
                                    f"update the translation from {rec.shown}, then run "
                                    f"python -m scripts.translate stamp {en.shown}"))
    for rel, rec in sorted(pages.items()):
        if not rel.endswith(SUFFIX):
            continue
        zh = pages.get(counterpart(rel))
        if zh is None:
            if not rec.meta.get("generated_by"):
                diags.append(Diagnostic(rec.shown, 1, 1, "TRANSLATION_ORPHAN",
                                        f"translation of {counterpart(rel)}, which does not exist"))
            continue
        missing = [a for a in zh.anchors if a not in rec.anchors]
        if missing and zh.kind != "source":
            diags.append(Diagnostic(rec.shown, 1, 1, "TRANSLATION_ANCHORS",
                                    f"{len(missing)} anchor(s) of {zh.shown} missing here: "
                                    + ", ".join(f"#{a}" for a in missing[:5]),
                                    "give each translated heading the Chinese anchor, e.g. ## What to do {#怎么做}"))
    for seed in corpus.seeds.values():
        diags.extend(load_source_translation(seed)[1])
    return diags


def stamp(path: Path) -> str:
    """Record the current hash of the Chinese page in the English page's front matter."""
    rel_zh = path.with_name(path.name[: -len(SUFFIX)] + ".md")
    digest = file_sha256(rel_zh)
    text = path.read_text(encoding="utf-8")
    if re.search(r"^source_sha256:.*$", text, re.M):
        text = re.sub(r"^source_sha256:.*$", f"source_sha256: {digest}", text, count=1, flags=re.M)
    else:
        text = re.sub(r"\A---\n", f"---\nsource_sha256: {digest}\n", text, count=1)
    path.write_text(text, encoding="utf-8")
    return digest


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["stamp"] and len(argv) > 1:
        for name in argv[1:]:
            p = Path(name)
            if not name.endswith(SUFFIX) or not p.exists():
                sys.stderr.write(f"{name}:1:1: TRANSLATION_STAMP not an existing *{SUFFIX} page\n")
                return 1
            print(f"{name}: source_sha256 {stamp(p)[:12]}")
        return 0
    if argv[:1] == ["status"]:
        docs = Path("docs")
        for st in statuses(collect_docs(docs), docs):
            print(f"{st.state:9} docs/{st.page}")
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())


STATE_LABELS = {
    "zh": {"current": "最新", "stale": "已过期", "missing": "未翻译", "generated": "自动生成"},
    "en": {"current": "current", "stale": "stale", "missing": "missing", "generated": "generated"},
}


def status_markdown(pages: dict[str, PageRecord], docs_dir: Path, lang: str = "zh", corpus: Corpus | None = None) -> str:
    """The translation status page: every Chinese page and the state of its English translation.

    A policy whose text has no English translation yet (seeds/<slug>.en.yml) is listed as missing:
    its source pages show the Chinese text in the English edition, under a "not translated yet" banner."""
    labels = STATE_LABELS[lang]
    rows = statuses(pages, docs_dir)
    untranslated = {seed.slug for seed in (corpus.seeds.values() if corpus else []) if not translation_path(seed).exists()}
    rows = [Status(r.page, "missing") if r.state == "generated" and pages[r.page].document in untranslated else r
            for r in rows]
    counts = {state: sum(1 for r in rows if r.state == state) for state in labels}
    if lang == "zh":
        head = ("---\nkind: status\nprovisions: []\ntitle: 翻译状态\nsearch:\n  exclude: true\n---\n\n# 翻译状态\n\n"
                "每个中文页面的英文译本是否最新。英文页面记录它所翻译的中文文件的 SHA-256；"
                "中文页面改动后，英文页面就显示为“已过期”，直到译者更新译文并运行 "
                "`python -m scripts.translate stamp`。本页在构建时生成。\n\n")
        cols = "| 页面 | 状态 | 记录的版本 | 当前版本 |\n| --- | --- | --- | --- |\n"
    else:
        head = ("---\nkind: status\nprovisions: []\ntitle: Translation status\nsearch:\n  exclude: true\n---\n\n# Translation status {#翻译状态}\n\n"
                "Whether the English translation of each Chinese page is current. Each English page records the "
                "SHA-256 of the Chinese file it translates; when the Chinese page changes, the English page shows as "
                "stale until a translator updates it and runs `python -m scripts.translate stamp`. "
                "Generated at build time.\n\n")
        cols = "| Page | State | Recorded | Current |\n| --- | --- | --- | --- |\n"
    summary = "、".join(f"{labels[k]} {v}" for k, v in counts.items()) if lang == "zh" else \
        ", ".join(f"{v} {labels[k]}" for k, v in counts.items())
    body = "".join(
        f"| [{pages[r.page].title}]({r.page}) | {labels[r.state]} | {r.recorded[:12] or '—'} | "
        f"{r.actual[:12] or '—'} |\n" for r in rows)
    return head + summary + "\n\n" + cols + body
