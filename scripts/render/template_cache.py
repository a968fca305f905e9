"""The theme's templates, compiled once and kept: in memory for the process, on disk between builds.

MkDocs makes a new template environment for every build, and Material's templates compile in about
0.15 s: a tenth of a small handbook's build, a third of a preview's rebuild. The second language's build
(mkdocs-static-i18n) and every `make serve` rebuild reuse the compiled code from memory; the next `make
build` reads it from `.cache/handbook/templates/`. A template whose source changed is compiled again (jinja2
keys the code by the template's name and checks its source's checksum), and code from another Python is
refused by jinja2's own header check, so a cache can make a build faster, never different.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from scripts.core import cachefile


class CompiledTemplates(BytecodeCache):
    def __init__(self, directory: Path | None = None) -> None:
        self.compiled: dict[str, bytes] = {}
        self.directory = directory

    def _file(self, key: str) -> Path | None:
        return self.directory / f"{key}.jinja" if self.directory else None

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.compiled.get(bucket.key)
        path = self._file(bucket.key)
        if data is None and path is not None:
            try:
                data = path.read_bytes()
            except OSError:
                return  # not compiled yet
        if data is not None:
            bucket.bytecode_from_string(data)  # checks jinja2's header; a stale or foreign file is ignored

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        self.compiled[bucket.key] = data
        path = self._file(bucket.key)
        if path is not None:
            cachefile.write(path, data)  # two builds at once: each reader sees one whole file
