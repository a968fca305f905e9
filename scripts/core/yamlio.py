"""Reading and writing YAML: one reader for data files, one round-trip writer for everything we write.

Reading uses PyYAML's safe loader (libyaml's speed where available, the pure-Python loader's
wording for errors). Writing never goes through f-strings or regular expressions: a title with
quotes, colons, `{{ }}` or `<script>` is a string like any other, and the writer quotes it as YAML
requires, so what is read back is exactly what was written. Edits of an existing file (a page's
front matter, seeds/<slug>.yml) go through ruamel.yaml's round-trip mode, which keeps comments,
key order and the quoting of every value it does not touch.
"""
from __future__ import annotations

import io
import re

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

# libyaml's safe loader when PyYAML has it (its wheels do): the pure-Python one spent 8 of the
# checker's 10 seconds on a 100x handbook reading front matter.
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


def load_yaml(text: str):
    """yaml.safe_load, with libyaml's speed and the pure-Python loader's error messages."""
    try:
        return yaml.load(text, Loader=FAST_SAFE_LOADER)
    except yaml.YAMLError:
        # Re-read with the pure-Python loader to raise its error: its wording and position are the
        # same on every machine, whether or not PyYAML was built with libyaml.
        return yaml.safe_load(text)


class _TagTolerantLoader(yaml.SafeLoader):
    """Reads YAML with Python tags (mkdocs.yml has them) as plain data, never executing anything."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_TagTolerantLoader.add_multi_constructor("", _unknown_tag)


def load_yaml_lenient(text: str):
    return yaml.load(text, Loader=_TagTolerantLoader)


def _writer() -> YAML:
    y = YAML(typ="rt")
    y.allow_unicode = True
    y.width = 10**6  # one value, one line: a long title is never folded
    y.indent(mapping=2, sequence=4, offset=2)
    y.preserve_quotes = True
    # Mappings always in block style (ruamel misquotes a plain scalar such as ":x" inside a flow mapping);
    # lists of scalars are put in brackets by _plain, as people write them.
    y.default_flow_style = False
    return y


def _plain(value, flow_lists: bool = True):
    """Python values as ruamel nodes, so that lists of IDs come out in brackets."""
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _plain(v, flow_lists)
        return out
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq(_plain(v, flow_lists) for v in value)
        if flow_lists and all(not isinstance(v, (dict, list, tuple)) for v in value):
            seq.fa.set_flow_style()
        return seq
    return value


def dump_yaml(data, flow_lists: bool = True) -> str:
    """A YAML document for `data` (a mapping), every string quoted as YAML needs and nothing else changed."""
    out = io.StringIO()
    _writer().dump(_plain(data, flow_lists), out)
    return out.getvalue()


# libyaml's emitter when PyYAML has it: ruamel's pure-Python one spent a second of the checker's time at
# 100x writing the front matter of generated pages. Both quote what YAML requires; edits go through ruamel.
FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _FlowLists(FAST_DUMPER):
    """Lists of scalars in brackets (`provisions: ['1', '1.1']`), as people write them; mappings in blocks."""

    def represent_list(self, data):
        flow = all(not isinstance(v, (dict, list, tuple)) for v in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_FlowLists.add_representer(list, _FlowLists.represent_list)


def front_matter(data: dict) -> str:
    """`---` / YAML / `---`: a page's front matter, written by a YAML writer (every string quoted as YAML needs)."""
    text = yaml.dump(data, Dumper=_FlowLists, allow_unicode=True, sort_keys=False, width=10**6,
                     default_flow_style=False)
    return "---\n" + text + "---\n"


def edit_yaml(text: str, changes: dict) -> str:
    """A YAML mapping with some top-level keys set (None: removed), comments and the rest kept as they are."""
    y = _writer()
    data = y.load(text) if text.strip() else None
    if data is None:
        data = CommentedMap()
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = _plain(value)
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


def set_front_matter(text: str, changes: dict) -> str:
    """A page with some of its front matter keys set (None or empty: removed); the rest of the page untouched."""
    m = FRONT_MATTER.match(text)
    if not m:
        raise ValueError("no front matter")
    block = m.group("yaml") or ""
    changes = {k: (v if v or v == 0 else None) for k, v in changes.items()}
    new_block = edit_yaml(block, changes)
    if new_block.strip() in ("{}", ""):
        new_block = ""
    return "---\n" + new_block + text[m.end("yaml") if m.group("yaml") is not None else 4:]
