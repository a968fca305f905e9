"""Reproducible builds: the same commit gives byte-identical output, whatever the hash seed.

The one test that builds everything twice: the HTML of both languages, the Word files, the Chromium PDFs,
the books, the CSP and the offline bundle are compared file by file (other tests read the first build).
"""
from __future__ import annotations

import hashlib

import pytest

from conftest import ENV, build_all


def _tree(root) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_two_builds_are_byte_identical(built_site, bundle_zip, tmp_path):
    other = tmp_path / "site"
    env = {**ENV, "PYTHONHASHSEED": "4242"}
    again = build_all(other, env=env)
    a, b = _tree(built_site), _tree(other)
    assert sorted(a) == sorted(b)
    assert [p for p in a if a[p] != b[p]] == []
    # What the tree compares, by kind, so that a new output cannot slip out of it.
    kinds = {p.rsplit(".", 1)[-1] for p in a}
    assert {"html", "js", "pdf", "docx", "zip", "json", "txt"} <= kinds
    assert {"downloads/handbook.pdf", "en/downloads/handbook.pdf", "downloads/checklists/all.pdf",
            "downloads/templates/rights-case-ledger.docx", "downloads/fulian-handbook-offline.zip",
            # the service worker, Workbox's precache list in it, the manifests and the save-for-offline list
            "sw.js", "manifest.webmanifest", "en/manifest.webmanifest", "offline-downloads.json"} <= set(a)
    assert again.name == bundle_zip.name and again.read_bytes() == bundle_zip.read_bytes()
