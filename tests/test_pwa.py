"""The handbook on a phone: installable, and offline after one visit (scripts/publish/pwa.py, docs/assets/pwa.js)."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ENV, ROOT, build
from scripts.core.diagnostics import DiagnosticError
from scripts.publish.pwa import theme_color


def precached(site: Path) -> set[str]:
    return set(re.findall(r'url:"([^"]+)",revision:"[0-9a-f]{32}"', (site / "sw.js").read_text("utf-8")))


def downloads(tree: Path) -> list[Path]:
    """What "save for offline" fetches for a language: its downloads, without the offline bundle's zip."""
    return sorted(p for p in (tree / "downloads").rglob("*") if p.is_file() and p.suffix != ".zip")


# ---------------------------------------------------------------- what the build writes


def test_the_worker_precaches_every_page_asset_and_search_index_but_no_download(built_site):
    urls = precached(built_site)
    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    assert len(pages) > 100 and pages <= urls
    assert {"assets/javascripts/search-index.zh.js", "assets/javascripts/search-index.en.js",
            "assets/javascripts/search-worker.zh.js", "assets/javascripts/search-worker.en.js",
            "assets/handbook.css", "assets/handbook.js", "assets/icons/icon-512.png",
            "manifest.webmanifest", "en/manifest.webmanifest", "offline-downloads.json"} <= urls
    assert [u for u in urls if "downloads/" in u or u.endswith((".zip", ".pdf", ".docx", ".map"))] == []
    # Workbox's runtime is inside sw.js: the worker loads nothing, from a CDN or anywhere else.
    sw = (built_site / "sw.js").read_text("utf-8")
    assert "importScripts" not in sw and "googleapis" not in sw


def test_save_for_offline_lists_each_languages_downloads_and_their_size_never_the_zip(built_site):
    listed = json.loads((built_site / "offline-downloads.json").read_text("utf-8"))
    assert (built_site / "downloads/fulian-handbook-offline.zip").exists()
    for lang, tree in (("zh", built_site), ("en", built_site / "en")):
        files = downloads(tree)
        entry = listed["languages"][lang]
        assert [f["url"] for f in entry["files"]] == [p.relative_to(built_site).as_posix() for p in files]
        assert entry["bytes"] == sum(p.stat().st_size for p in files)
        assert any(p.name == "handbook.pdf" for p in files) and any(p.suffix == ".docx" for p in files)


def test_two_builds_give_the_same_worker_and_manifests(built_site, tmp_path):
    other = tmp_path / "site"
    env = {**ENV, "PYTHONHASHSEED": "4242"}
    result = build(other, "html", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    for tree in ("downloads", "en/downloads"):
        shutil.copytree(built_site / tree, other / tree)
    result = build(other, "pwa", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    for rel in ("sw.js", "manifest.webmanifest", "en/manifest.webmanifest", "offline-downloads.json"):
        assert (other / rel).read_bytes() == (built_site / rel).read_bytes(), rel


def test_without_node_the_step_stops_with_a_code_and_writes_nothing(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>x</title>", "utf-8")
    result = build(site, "pwa", env={**ENV, "PATH": str(tmp_path / "no-bin")})
    assert result.returncode == 1
    assert re.search(r"^node:1:1: PWA_NO_WORKBOX Node\.js is not installed.*\(hint: ", result.stderr, re.M), result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]


def test_a_palette_without_the_theme_colour_is_reported_where_it_should_be(tmp_path):
    css = tmp_path / "handbook.css"
    css.write_text(":root { --md-accent-fg-color: #b0123e; }\n", "utf-8")
    with pytest.raises(DiagnosticError) as caught:
        theme_color(css)
    (diag,) = caught.value.diags
    assert (diag.path, diag.code) == (css.as_posix(), "PWA_THEME_COLOR")
    assert theme_color(ROOT / "docs/assets/handbook.css") == "#8c1c3c"
