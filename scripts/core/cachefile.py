"""A cache file: one pickled value under the key it was made for, written whole or not at all.

The checker's page records, its answer about the generated pages and the split policy texts are kept this way in
.cache/handbook/ (and Material's compiled templates are written with `write`), each under a key that holds
code_digest(): no cached value outlives a change to the code that made it.
A file from other code, another key, or none at all reads as a miss; a read-only checkout works without
the speed-up. Two processes writing at once each write their own file and rename it into place, so a
reader sees one whole file or the other."""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from pathlib import Path

MISS = object()


def load(path: Path, key):
    """The value stored under `key`, or MISS."""
    try:
        with path.open("rb") as fh:
            stored_key, value = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return MISS
    return value if stored_key == key else MISS


def save(path: Path, key, value) -> None:
    write(path, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))


def write(path: Path, data: bytes) -> None:
    """The file whole, or (a read-only checkout) not at all: a cache only ever saves time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass


@functools.lru_cache(maxsize=1)
def code_digest() -> bytes:
    """The Python version and the code of every module of the scripts package. Every module, not only those a
    cached answer was made by: reading them costs 2 ms where finding one module's imports took 66 ms a build, and a
    change to the code can then never leave a cache stale, at the price of a re-check after any code change."""
    digest = hashlib.blake2b(sys.version.encode(), digest_size=16)
    package = Path(__file__).resolve().parents[1]  # scripts/
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()
