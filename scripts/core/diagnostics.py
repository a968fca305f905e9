"""Diagnostics shared by every verb: one record, three output formats.

A diagnostic always carries a path, a 1-based line and column, a code and a
message; the hint is optional. Verbs collect diagnostics and never print; the
thin CLI layer formats them and chooses the exit status.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import asdict, dataclass
from enum import Enum


# Every message and hint is cut to these lengths: a page can hold a value of any size, and a
# diagnostic quoting it whole would print megabytes into a terminal or a CI log.
MAX_MESSAGE = 400
MAX_HINT = 300


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def __post_init__(self):
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", self.message[: MAX_MESSAGE - 1] + "…")
        if len(self.hint) > MAX_HINT:
            object.__setattr__(self, "hint", self.hint[: MAX_HINT - 1] + "…")

    def human(self) -> str:
        level = " [warning]" if self.severity is Severity.WARNING else ""
        text = f"{self.path}:{self.line}:{self.col}: {self.code}{level} {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def github(self) -> str:
        level = "error" if self.severity is Severity.ERROR else "warning"
        # GitHub annotations end at a newline and treat '::' specially; keep both out.
        msg = f"{self.code} {self.message}" + (f" (hint: {self.hint})" if self.hint else "")
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path},line={self.line},col={self.col}::{msg}"

    def as_json(self) -> str:
        data = asdict(self)
        data["severity"] = self.severity.value
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


FORMATS = ("text", "json", "github")


def errors_in(diags: list[Diagnostic]) -> list[Diagnostic]:
    """The errors among `diags` (a build stops on them; a baseline never accepts them), in their order."""
    return [d for d in diags if d.severity is Severity.ERROR]


def render(diags: list[Diagnostic], fmt: str = "text") -> str:
    lines = []
    for d in sorted(diags):
        if fmt == "json":
            lines.append(d.as_json())
        elif fmt == "github":
            lines.append(d.github())
        else:
            lines.append(d.human())
    return "\n".join(lines) + ("\n" if lines else "")


_NEWLINE = re.compile("\n")
_LINE_STARTS: list = [None, [0]]  # the last text asked about and where its lines start


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a character offset.

    Callers ask about many offsets of one page in a row, so the line starts of the last text
    are kept: a lookup is a bisection, not a count from the top (the checker at 100x spent
    most of a second counting newlines)."""
    if _LINE_STARTS[0] is not text:
        _LINE_STARTS[0] = text
        _LINE_STARTS[1] = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    starts = _LINE_STARTS[1]
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


class DiagnosticError(Exception):
    """Raised by pure cores when input cannot be processed at all."""

    def __init__(self, diags: list[Diagnostic]):
        super().__init__("\n".join(d.human() for d in diags))
        self.diags = diags
