"""The handbook's configuration, mkdocs.yml: one reader for every verb, and the typed settings it holds.

MkDocs reads mkdocs.yml for the build; every other verb (the checker, the book, the HTML safety
scan, bench) reads it here, with one parser that takes its Python tags (`!ENV`,
`!!python/object/apply`) as plain data and never executes them. What the handbook itself is
configured with lives under `extra.handbook` and is validated once, into `Settings`: a misspelt
severity code is a CONFIG error at its line, with a suggestion.

Variants of the configuration (bench builds the same Markdown with plain Material) are written
as files by `write_variant`, a round-trip edit of the YAML, never by regular expressions.
"""
from __future__ import annotations

import difflib
import functools
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ruamel.yaml import YAML

from scripts.core.codes import DEFAULT_SEVERITY, INFO
from scripts.core.diagnostics import Diagnostic, DiagnosticError, Severity
from scripts.core.yamlio import load_yaml_lenient

# The site generator: ProperDocs, the maintained continuation of MkDocs 1.x (same plugins, themes and hooks;
# docs/contributing.md, 平台). It reads mkdocs.yml, named explicitly: its own name for the file would be
# properdocs.yml, and the fallback to mkdocs.yml is announced to go away.
GENERATOR = "properdocs"


def generator_build(config: Path, site: Path, *extra: str, strict: bool = True) -> list[str]:
    """The command that builds the site of `config` into `site` (run it with cwd at the handbook)."""
    return [sys.executable, "-m", GENERATOR, "build", *(["--strict"] if strict else []), "-f", str(config),
            "-d", str(site), *extra]


DEFAULT_KINDS = ["home", "overview", "guidance", "checklist", "template", "glossary", "source", "about"]
DEFAULT_CITING_KINDS = ["guidance", "checklist", "template"]


@dataclass(frozen=True)
class Config:
    """mkdocs.yml as data."""

    path: Path
    data: dict
    text: str

    @property
    def extra(self) -> dict:
        return self.data.get("extra") or {}

    @property
    def handbook(self) -> dict:
        """`extra.handbook`: what the handbook's own verbs are configured with."""
        return self.extra.get("handbook") or {}

    @property
    def nav(self):
        """The nav as written (its `source/` entry is expanded by scripts/corpus/nav.py)."""
        return self.data.get("nav")

    @property
    def site_url(self) -> str:
        return str(self.data.get("site_url") or "")

    def language(self, lang: str) -> dict:
        """mkdocs-static-i18n's entry for one language (its site_name, nav_translations …)."""
        for plugin in self.data.get("plugins") or []:
            if isinstance(plugin, dict) and "i18n" in plugin:
                for entry in (plugin["i18n"] or {}).get("languages") or []:
                    if isinstance(entry, dict) and entry.get("locale") == lang:
                        return entry
        return {}

    def scripts(self) -> list[str]:
        """Every script the configuration adds to a page: extra_javascript and extra.polyfills."""
        out = []
        for entry in list(self.data.get("extra_javascript") or []) + list(self.extra.get("polyfills") or []):
            path = entry.get("path") if isinstance(entry, dict) else entry
            if isinstance(path, str):
                out.append(path)
        return out

    def line_of(self, key: str) -> int:
        """The line where a key is written, so a wrong setting is reported where it is."""
        for i, line in enumerate(self.text.splitlines(), 1):
            if line.strip().startswith(f"{key}:"):
                return i
        return 1


def read_config(path: Path | str) -> Config:
    """mkdocs.yml, read once per content (a CONFIG diagnostic at its line when it cannot be read)."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError as exc:
        raise DiagnosticError([Diagnostic(str(path), 1, 1, "CONFIG", f"cannot read: {exc.strerror or exc}")]) from None
    return _read(str(path), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _read(path: str, size: int, mtime: int) -> Config:
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = load_yaml_lenient(text) or {}
    except Exception as exc:  # any YAML or encoding problem is reported, never raised as a traceback
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DiagnosticError([Diagnostic(path, line, col, "CONFIG", f"cannot read: {str(exc)[:200]}")]) from None
    if not isinstance(data, dict):
        raise DiagnosticError([Diagnostic(path, 1, 1, "CONFIG", "must be a mapping of settings")])
    return Config(Path(path), data, text)


@dataclass
class Settings:
    """What `extra.handbook` configures, validated."""

    kinds: list[str] = field(default_factory=lambda: list(DEFAULT_KINDS))
    citing_kinds: list[str] = field(default_factory=lambda: list(DEFAULT_CITING_KINDS))
    severity: dict[str, Severity] = field(default_factory=dict)
    generated_pages: list[str] = field(default_factory=list)
    nav_pages: list[str] | None = None  # every page the expanded nav lists (None: no nav, every page is fine)
    translations: list[str] = field(default_factory=list)
    allowed_html: list[str] | None = None
    book_leave_out: list[str] = field(default_factory=list)
    synonyms: str | None = None  # the search synonym table, if mkdocs.yml names one (else synonyms.yml, if present)

    def level(self, code: str) -> Severity:
        return self.severity.get(code, DEFAULT_SEVERITY.get(code, Severity.ERROR))

    def apply(self, diags: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Diagnostics at their configured severity; those switched off are dropped."""
        out = []
        for d in diags:
            level = self.level(d.code)
            if level is not Severity.OFF:
                out.append(Diagnostic(d.path, d.line, d.col, d.code, d.message, d.hint, level))
        return out


def nav_pages(nav) -> list[str]:
    """Every page a nav (or a part of one) lists, in order; links to other sites are not pages."""
    out: list[str] = []
    if isinstance(nav, str):
        if not nav.startswith(("http://", "https://")):
            out.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            out.extend(nav_pages(item))
    elif isinstance(nav, dict):
        for value in nav.values():
            out.extend(nav_pages(value))
    return out


def near(wanted: str, candidates: list[str]) -> str:
    """The closest candidate, for "did you mean …?" hints ("" when nothing is close)."""
    close = difflib.get_close_matches(wanted, candidates, n=1, cutoff=0.6)
    return close[0] if close else ""


def settings(config: Config, generated: Iterable[str] = ()) -> tuple[Settings, list[Diagnostic]]:
    """The handbook's settings, and CONFIG diagnostics for what is wrong in them.

    `generated`: the pages the build can generate (scripts/render/generated.py); a handbook may
    choose some of them with `generated_pages`."""
    handbook = config.handbook
    generated = list(generated)
    out = Settings(generated_pages=generated)
    out.kinds = [str(k) for k in handbook.get("kinds") or DEFAULT_KINDS]
    out.citing_kinds = [str(k) for k in handbook.get("citing_kinds") or DEFAULT_CITING_KINDS]
    out.translations = [str(t) for t in handbook.get("translations") or []]
    out.book_leave_out = [str(p) for p in (handbook.get("book") or {}).get("leave_out") or []]
    out.synonyms = str(handbook["synonyms"]) if handbook.get("synonyms") else None
    diags = []
    shown = str(config.path)
    if handbook.get("generated_pages") is not None:
        chosen = [str(g) for g in handbook["generated_pages"]]
        for name in (g for g in chosen if g not in generated):
            diags.append(Diagnostic(shown, config.line_of("generated_pages"), 1, "CONFIG",
                                    f"generated_pages names {name!r}, which the build cannot generate",
                                    "choose from " + ", ".join(generated)))
        out.generated_pages = [g for g in chosen if g in generated]
    if handbook.get("allowed_html") is not None:
        out.allowed_html = [str(t) for t in handbook["allowed_html"]]
    for code, level in (handbook.get("severity") or {}).items():
        value = "off" if level is False else str(level)
        line = config.line_of(str(code))
        if code not in INFO:
            guess = near(str(code), list(INFO))
            diags.append(Diagnostic(shown, line, 1, "CONFIG", f"severity names an unknown code {code!r}",
                                    f"did you mean {guess}?" if guess else "the codes are listed in docs/contributing.md"))
            continue
        try:
            out.severity[code] = Severity(value)
        except ValueError:
            diags.append(Diagnostic(shown, line, 1, "CONFIG",
                                    f"severity of {code} must be error, warning or off, not {level!r}"))
    return out, diags


def write_variant(src: Path, dest: Path, change: Callable[[dict], None]) -> Path:
    """A copy of mkdocs.yml with `change` applied to its data, comments and tags kept (bench's plain build)."""
    y = YAML(typ="rt")
    y.width = 10**6
    y.preserve_quotes = True
    data = y.load(Path(src).read_text(encoding="utf-8"))
    change(data)
    out = io.StringIO()
    y.dump(data, out)
    Path(dest).write_text(out.getvalue(), encoding="utf-8")
    return Path(dest)
