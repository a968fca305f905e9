"""Pack the offline HTML bundle: the whole site in both languages, working from disk with no network.

Builds the site again with Material's offline plugin (OFFLINE=true: .html links, search
loaded by script tag), copies the PDF and Word downloads from SITE_DIR, leaves out what
a reader never loads from disk (source maps, Material's lunr search, which the handbook's
own worker replaces), adds 打开说明.html, README.txt and SHA256SUMS, and writes
dist/<name>-<version>-offline.zip with sorted entries and fixed timestamps, so the same
commit gives the same bytes.
"""
from __future__ import annotations

import hashlib
import html
import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

from scripts.core.buildinfo import build_info
from scripts.core.config import generator_build, read_config
from scripts.core.paths import BUNDLE_NAME, BUNDLE_PUBLISHED, ROOT

LEAVE_OUT_DIRS = ("assets/javascripts/lunr",)
LEAVE_OUT_SUFFIXES = (".map",)
LEAVE_OUT_GLOBS = ("assets/javascripts/workers/search.*.min.js",)
# 404.html is for web servers (its links are root-relative by design); from disk it is never shown.
LEAVE_OUT_FILES = ("404.html", "en/404.html")
README_TXT = """{name}（离线版） / {name_en} (offline edition)
版本 Version {version} · {date}

怎么打开：把整个压缩包解压到电脑上任意文件夹，然后双击文件夹里的 index.html。
不需要网络，也不需要安装任何软件；用电脑上的浏览器即可（推荐 Chrome、Edge 或 Firefox）。
搜索、原文引用预览、术语解释、清单勾选、PDF 和 Word 下载都可以离线使用。
清单的勾选只保存在这台电脑的浏览器里。

How to open: unzip the whole archive anywhere, then double-click index.html in the folder.
No network and no installation needed. English edition: en/index.html.

SHA256SUMS lists a checksum for every file, to check that nothing was changed or lost:
  sha256sum -c SHA256SUMS
"""
OPEN_HTML = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>打开说明 · How to open</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto; line-height: 1.7; padding: 0 1em">
<h1>{name}（离线版）</h1>
<p>版本 {version} · {date}</p>
<p><a href="index.html">打开手册（中文）</a> · <a href="en/index.html">Open the handbook (English)</a></p>
<h2>怎么用</h2>
<ol><li>把压缩包完整解压到电脑上的一个文件夹（不要只在压缩软件里预览）。</li>
<li>双击文件夹里的 <code>index.html</code>，用浏览器打开。</li>
<li>不需要网络。搜索、引用预览、术语解释、清单勾选、PDF 和 Word 下载都能离线使用。</li>
<li>清单的勾选只保存在这台电脑的浏览器里，不会发送到任何地方。</li></ol>
<h2 lang="en">How to use</h2>
<p lang="en">Unzip the whole archive, then double-click <code>index.html</code>. Everything works without a network.
<code>SHA256SUMS</code> lists a checksum for every file.</p>
</body></html>
"""


def build_offline(root: Path, work: Path, env: dict | None = None) -> None:
    """The site again with Material's offline plugin (OFFLINE=true: .html links, search by script tag)."""
    env = {**(env or os.environ), "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    # Not quiet: with -q, --strict stops only on errors, and a warning must stop this build as it stops the site's.
    result = subprocess.run(generator_build(root / "mkdocs.yml", work, "--clean"), cwd=root, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise BundleError(result.stderr.strip() or f"the offline build failed ({result.returncode})")


def prune(tree: Path) -> list[str]:
    removed = []
    for rel in LEAVE_OUT_DIRS:
        if (tree / rel).exists():
            shutil.rmtree(tree / rel)
            removed.append(rel + "/")
    for rel in LEAVE_OUT_FILES:
        if (tree / rel).exists():
            (tree / rel).unlink()
            removed.append(rel)
    for path in sorted(tree.rglob("*")):
        if path.is_file() and (path.suffix in LEAVE_OUT_SUFFIXES
                               or any(path.match(pattern) for pattern in LEAVE_OUT_GLOBS)):
            removed.append(path.relative_to(tree).as_posix())
            path.unlink()
    return removed


def copy_downloads(site: Path, tree: Path) -> None:
    for downloads in (site / "downloads", site / "en" / "downloads"):
        if downloads.exists():
            shutil.copytree(downloads, tree / downloads.relative_to(site), dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("*.zip"))  # never the bundle inside itself


def add_guides(tree: Path, version: str, date: str, names: tuple[str, str]) -> None:
    """README.txt and 打开说明.html, named as mkdocs.yml names the handbook (site_name, and the English one)."""
    name, name_en = names
    (tree / "README.txt").write_text(README_TXT.format(version=version, date=date, name=name, name_en=name_en),
                                     encoding="utf-8")
    (tree / "打开说明.html").write_text(OPEN_HTML.format(version=version, date=date, name=html.escape(name)),
                                      encoding="utf-8")
    files = sorted(p for p in tree.rglob("*") if p.is_file() and p.name != "SHA256SUMS")
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(tree).as_posix()}" for p in files]
    (tree / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_zip(tree: Path, target: Path, top: str, epoch: int) -> None:
    stamp = max(epoch, 315532800)  # zip cannot hold dates before 1980
    date_time = time.gmtime(stamp)[:6]
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(tree.rglob("*"), key=lambda p: p.relative_to(tree).as_posix()):
            if not path.is_file():
                continue
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(tree).as_posix()}", date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, path.read_bytes())
    tmp.replace(target)


class BundleError(Exception):
    """The offline build failed; the message is what MkDocs printed."""


def bundle(site: Path, out: Path, work: Path, root: Path = ROOT, env: dict | None = None) -> tuple[Path, list[str]]:
    info = build_info(root)
    build_offline(root, work, env)
    copy_downloads(site, work)
    removed = prune(work)
    config = read_config(root / "mkdocs.yml")
    name = str(config.data.get("site_name") or "")
    add_guides(work, info.version, info.date, (name, str(config.language("en").get("site_name") or name)))
    target = out / f"{BUNDLE_NAME}-{info.version}-offline.zip"
    for old in out.glob(f"{BUNDLE_NAME}-*-offline.zip"):
        if old != target:
            old.unlink()
    write_zip(work, target, f"{BUNDLE_NAME}-{info.version}", info.epoch)
    (site / BUNDLE_PUBLISHED).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(target, site / BUNDLE_PUBLISHED)  # the home page's download link
    return target, removed
