"""Read a page's YAML front matter so that no page can make the checker slow, huge or noisy.

YAML aliases let 16 lines stand for billions of values (`provisions: *i`, each alias nine of
the one before): anything that walks them (str(), a comparison, pickling) runs for minutes and
dies of memory. A handbook page needs a few plain keys, so front matter is refused:
- when it is larger than MAX_BYTES (before the parser sees it);
- when it has an anchor or an alias (found from the parser's events, which never expand them);
- when `kind`, `title` or a `provisions` entry is not short text: the value is described
  ("a list of 8000 items"), never printed whole.
Positions are 1-based within the YAML text; the caller adds the page's `---` line.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml

MAX_BYTES = 64 * 1024
MAX_SCALAR = 200  # characters of kind, title or one provision ID
SHOWN = 40  # characters of a value quoted in a message

# libyaml when PyYAML has it: the pure-Python loader is many times slower on a 100x handbook.
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NO_ANCHORS = "write the value out in full: a handbook page never needs YAML anchors (&) or aliases (*)"


@dataclass(frozen=True)
class Problem:
    line: int
    col: int
    message: str
    hint: str = ""


def read(text: str) -> tuple[dict | None, list[Problem]]:
    """The front matter as a mapping, or None and what is wrong with it."""
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        return None, [Problem(1, 1, f"front matter is {size // 1024} KB; at most {MAX_BYTES // 1024} KB",
                              "front matter holds a few keys (kind, provisions, title); the text goes below ---")]
    if "&" in text or "*" in text:  # neither character, no anchor or alias: skip the extra pass
        found = _anchor_or_alias(text)
        if found:
            return None, [found]
    try:
        data = _load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(line, col, f"bad YAML in front matter: {problem}",
                              "quote values that contain ':' or start with a special character")]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return None, [Problem(1, 1, "front matter must be a mapping of keys")]
    problems = _check_types(data)
    if problems:
        return None, _locate(text, problems)
    return data, []


def _load(text: str):
    try:
        return yaml.load(text, Loader=FAST_SAFE_LOADER)
    except yaml.YAMLError:
        # The pure-Python loader's wording and position are the same on every machine,
        # whether or not PyYAML was built with libyaml.
        return yaml.safe_load(text)


def _anchor_or_alias(text: str) -> Problem | None:
    """The first alias (or, if none, the first anchor), from parser events: nothing is built."""
    anchor = None
    try:
        for event in yaml.parse(text, Loader=FAST_SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent):
                m = event.start_mark
                return Problem(m.line + 1, m.column + 1,
                               f"YAML alias *{_short(event.anchor, 20)} is not allowed in front matter", NO_ANCHORS)
            if anchor is None and getattr(event, "anchor", None):
                m = event.start_mark
                anchor = Problem(m.line + 1, m.column + 1,
                                 f"YAML anchor &{_short(event.anchor, 20)} is not allowed in front matter", NO_ANCHORS)
    except yaml.YAMLError:
        return None  # reported by the load that follows, with the usual message
    return anchor


def describe(value) -> str:
    """A value in a few words, whatever its size."""
    if isinstance(value, dict):
        return f"a mapping of {len(value)} key(s)"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    if isinstance(value, str):
        return f"a text of {len(value)} characters" if len(value) > SHOWN else repr(value)
    return f"{type(value).__name__} {_short(repr(value), SHOWN)}"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# (path of keys, message, hint); the path locates the value's node for line and column.
def _check_types(data: dict) -> list[tuple[tuple, str, str]]:
    out = []
    for key, example in (("kind", "guidance"), ("title", "2.5 创新工作活动载体")):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            out.append(((key,), f"{key} must be a text such as {example!r}, not {describe(value)}", ""))
        elif len(value) > MAX_SCALAR:
            out.append(((key,), f"{key} is {len(value)} characters long; at most {MAX_SCALAR}",
                        f"begins {_short(value, SHOWN)!r}"))
    provisions = data.get("provisions")
    if isinstance(provisions, list):
        for i, value in enumerate(provisions):
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                out.append((("provisions", i), f"provisions[{i}] must be a provision ID such as \"2.5\", "
                            f"not {describe(value)}", "write provisions: [\"2.5\", \"2.6\"]"))
            elif len(str(value)) > MAX_SCALAR:
                out.append((("provisions", i), f"provisions[{i}] is {len(str(value))} characters long; "
                            f"at most {MAX_SCALAR}", ""))
    return out


def _locate(text: str, problems: list[tuple[tuple, str, str]]) -> list[Problem]:
    """Line and column of each problem's value (the text is small and alias-free by now)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    out = []
    for path, message, hint in problems:
        node = root
        for step in path:
            if isinstance(step, int):
                node = node.value[step]
            else:
                node = next(v for k, v in node.value if k.value == step)
        out.append(Problem(node.start_mark.line + 1, node.start_mark.column + 1, message, hint))
    return out
