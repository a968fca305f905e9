"""What a person sees of the diagnostics: errors in full, warnings summarised, accepted ones left out.

A library of texts added with `make add-policy` has hundreds of coverage and translation
warnings, one per article; printed one a line they bury the error a reviewer just made. As ruff,
mypy and ESLint do, the checker and the build show:

* every error, in full;
* the warnings summarised, one line per text (or page) and code: how many, the first location,
  and how to list the rest (`--verbose` lists every one);
* only warnings that are new: a **baseline** file (check-baseline.yml, written by
  `python -m scripts.check --write-baseline`, committed and reviewed like code) lists the accepted
  ones by file, code and message (never by line, so an edit above a warning does not make it new);
* with `--changed-since REV`, only the warnings about files changed since REV: a pull request's
  annotations concern what it touched, and a changed seed counts for every finding of its text.

Errors are never filtered: an error stops the build, and its reason must be on screen. The JSON
output is for machines and keeps every diagnostic, unchanged.
"""
from __future__ import annotations

import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.core.diagnostics import Diagnostic, DiagnosticError, Severity, errors_in
from scripts.core.paths import subject
from scripts.core.yamlio import dump_yaml, load_yaml

BASELINE_HEADER = (
    "# Warnings accepted for now: python -m scripts.check and make build report only warnings not listed here.\n"
    "# Written by python -m scripts.check --write-baseline; review a change to it like a change to code.\n"
    "# Keyed by file, code and message (no line numbers); a warning listed twice is accepted twice.\n")
VERBOSE_HINT = "python -m scripts.check --verbose"

Key = tuple[str, str, str]


def key(d: Diagnostic) -> Key:
    """How the baseline knows a warning: where, what and which (the message names the provision)."""
    return d.path, d.code, d.message


@dataclass(frozen=True)
class Group:
    """Warnings of one code about one text or page."""

    subject: str
    code: str
    diags: tuple[Diagnostic, ...]  # sorted: the first is where a reader starts


@dataclass
class View:
    """The diagnostics a person is shown, and what was left out and why."""

    errors: list[Diagnostic]
    warnings: list[Diagnostic]  # new, and in changed files when asked
    accepted: int = 0  # warnings the baseline lists
    elsewhere: int = 0  # warnings about files not changed since --changed-since
    stale: list[Key] = field(default_factory=list)  # baseline entries no warning matches any more

    @property
    def groups(self) -> list[Group]:
        by: dict[tuple[str, str], list[Diagnostic]] = {}
        for d in sorted(self.warnings):
            by.setdefault((subject(d.path), d.code), []).append(d)
        return [Group(s, c, tuple(ds)) for (s, c), ds in sorted(by.items())]


def select(diags: list[Diagnostic], baseline: Counter | None = None, changed: set[str] | None = None) -> View:
    """Split errors from warnings; leave out the warnings the baseline accepts and, when `changed` is
    given (repository-relative paths), the warnings about texts and pages none of them belongs to."""
    errors = sorted(errors_in(diags))
    left = Counter(baseline or {})
    view = View(errors, [])
    touched = {subject(p) for p in changed} if changed is not None else None
    for d in sorted(d for d in diags if d.severity is not Severity.ERROR):
        k = key(d)
        if left[k] > 0:
            left[k] -= 1
            view.accepted += 1
        elif touched is not None and subject(d.path) not in touched:
            view.elsewhere += 1
        else:
            view.warnings.append(d)
    view.stale = sorted(k for k, n in left.items() for _ in range(n))
    return view


def _more(group: Group) -> str:
    return f"and {len(group.diags) - 1} more like it in {group.subject}"


def text_lines(view: View, verbose: bool = False) -> list[str]:
    """The checker's report for people: every error, then the warnings (see warning_lines)."""
    return [d.human() for d in view.errors] + warning_lines(view, verbose)


def warning_lines(view: View, verbose: bool = False) -> list[str]:
    """One line per text (or page) and code, or every warning; then what was left out, in words."""
    groups = view.groups
    if verbose:
        out = [d.human() for d in view.warnings]
    else:
        out = []
        for g in groups:
            first = g.diags[0]
            out.append(first.human() if len(g.diags) == 1 else
                       f"{first.path}:{first.line}:{first.col}: {first.code} [warning] {first.message} ({_more(g)})")
        if len(groups) < len(view.warnings):
            out.append(f"{len(view.warnings)} warnings, one line per text or page and code; "
                       f"{VERBOSE_HINT} lists every one")
    return out + left_out(view)


def left_out(view: View) -> list[str]:
    """What the report does not show, in words, so that nobody takes a quiet run for a clean one."""
    out = []
    if view.accepted:
        out.append(f"{view.accepted} warnings accepted in the baseline not shown (--no-baseline shows them)")
    if view.stale:
        out.append(f"{len(view.stale)} baseline entries match no warning any more: "
                   "python -m scripts.check --write-baseline drops them")
    if view.elsewhere:
        out.append(f"{view.elsewhere} warnings about files not changed not shown (without --changed-since: all)")
    return out


def github_lines(view: View, verbose: bool = False) -> list[str]:
    """GitHub annotations after the same selection as the text report: one per text and code."""
    out = [d.github() for d in view.errors]
    if verbose:
        return out + [d.github() for d in view.warnings]
    for g in view.groups:
        first = g.diags[0]
        if len(g.diags) == 1:
            out.append(first.github())
        else:
            out.append(Diagnostic(first.path, first.line, first.col, first.code,
                                  f"{first.message} ({_more(g)}; {VERBOSE_HINT} lists them)", "",
                                  first.severity).github())
    return out


# ---------------------------------------------------------------- the baseline file

def read_baseline(path: Path) -> Counter:
    """The accepted warnings (empty when there is no file); a BASELINE error when it cannot be read."""
    if not path.exists():
        return Counter()
    shown = path.name

    def bad(message: str, line: int = 1, col: int = 1) -> DiagnosticError:
        return DiagnosticError([Diagnostic(shown, line, col, "BASELINE", message,
                                           "write it again: python -m scripts.check --write-baseline")])

    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (UnicodeDecodeError, OSError) as exc:
        raise bad(f"cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise bad(f"not valid YAML: {getattr(exc, 'problem', exc)}",
                  *((mark.line + 1, mark.column + 1) if mark else (1, 1))) from None
    rows = data.get("warnings") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise bad("must be a mapping with a list under warnings:")
    out: Counter = Counter()
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not all(isinstance(row.get(k), str) for k in ("path", "code", "message")):
            raise bad(f"entry {n} needs path, code and message as text")
        out[(row["path"], row["code"], row["message"])] += 1
    return out


def baseline_text(diags: list[Diagnostic]) -> str:
    """The baseline file accepting every warning of `diags`, sorted, one entry per warning."""
    rows = [{"path": p, "code": c, "message": m}
            for p, c, m in sorted(key(d) for d in diags if d.severity is Severity.WARNING)]
    return BASELINE_HEADER + dump_yaml({"warnings": rows}, flow_lists=False)


# ---------------------------------------------------------------- changed files

def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)


def changed_files(root: Path, rev: str) -> set[str]:
    """Files changed since `rev` (from where this branch left it, as a pull request sees it) and files
    not committed yet, relative to `root`. A USAGE error when git cannot tell."""
    def refuse(message: str) -> DiagnosticError:
        return DiagnosticError([Diagnostic("--changed-since", 1, 1, "USAGE", message,
                                           "a branch, tag or commit git knows here, e.g. origin/main")])

    try:
        resolved = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except OSError as exc:
        raise refuse(f"git cannot be run: {exc}") from None
    if resolved.returncode != 0 or rev.startswith("-"):
        raise refuse(f"git knows no revision {rev!r} in {root}")
    base = _git(root, "merge-base", rev, "HEAD").stdout.strip() or rev
    names = _git(root, "diff", "--name-only", "--relative", "--no-renames", base).stdout.splitlines()
    names += _git(root, "ls-files", "--others", "--exclude-standard").stdout.splitlines()
    return {n for n in names if n}
