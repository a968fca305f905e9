"""Reproducible builds: the same commit gives byte-identical output, whatever the hash seed."""
from __future__ import annotations

import hashlib

from conftest import ENV, build_all


def _tree(root) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(built_site, bundle_zip, tmp_path):
    other = tmp_path / "site"
    env = {**ENV, "PYTHONHASHSEED": "4242"}
    again = build_all(other, env=env)
    a, b = _tree(built_site), _tree(other)
    assert sorted(a) == sorted(b)
    assert [p for p in a if a[p] != b[p]] == []
    assert again.read_bytes() == bundle_zip.read_bytes()
