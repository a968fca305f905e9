"""An English page whose Chinese page changed since it was translated: publish it, and say so on it.

The Chinese text is authoritative and a correction to it must publish at once, so a stale
translation never blocks the build (TRANSLATION_STALE is a warning unless mkdocs.yml makes it an
error). Instead the English page opens with a notice: it is out of date, a link to the current
Chinese page, and what changed in the Chinese page since the translation was stamped.

The stamp (`source_sha256`, scripts/translate.py) is a SHA-256 of the Chinese file, not its text.
The text it stands for is found in git: the versions of the Chinese file in the history of HEAD,
newest first, until one has that hash. Where there is no git or no such version (a stamp of a
never-committed text), the notice says so and shows both hashes instead of the changes.
"""
from __future__ import annotations

import difflib
import hashlib
import re
import subprocess
from pathlib import Path

from scripts.checks.translations import file_sha256
from scripts.core.paths import SUFFIX, counterpart, relative_url
from scripts.pages.collect import PageRecord

MAX_DIFF_LINES = 40
MAX_VERSIONS = 200  # versions of one page searched for the stamped text


def stamped_text(zh_path: Path, sha256: str) -> str | None:
    """The version of zh_path in git whose SHA-256 is `sha256`, or None."""
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        return None
    where = zh_path.parent
    try:
        top = _git(where, "rev-parse", "--show-toplevel").strip()
        rel = zh_path.resolve().relative_to(Path(top).resolve()).as_posix()
        commits = _git(Path(top), "rev-list", f"--max-count={MAX_VERSIONS}", "HEAD", "--", rel).split()
        if not commits:
            return None
        # One cat-file for every version: each answer is "<sha> blob <size>\n<bytes>\n".
        batch = subprocess.run(["git", "-C", top, "cat-file", "--batch"], capture_output=True, timeout=30,
                               input="".join(f"{c}:{rel}\n" for c in commits).encode())
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    out, pos = batch.stdout, 0
    while pos < len(out):
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        if len(header) < 3 or header[1] != b"blob":
            pos = end + 1
            continue
        size = int(header[2])
        blob = out[end + 1:end + 1 + size]
        pos = end + 1 + size + 1
        if hashlib.sha256(blob).hexdigest() == sha256:
            return blob.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return None


def _git(where: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(where), *args], capture_output=True, text=True, timeout=30)
    if result.returncode:
        raise subprocess.SubprocessError(result.stderr)
    return result.stdout


def changes(old: str, new: str) -> list[str]:
    """A unified diff of the Chinese page, at most MAX_DIFF_LINES lines (and a line saying how many more)."""
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), "translated", "now", n=1, lineterm=""))[2:]
    if len(lines) > MAX_DIFF_LINES:
        lines = lines[:MAX_DIFF_LINES] + [f"… {len(lines) - MAX_DIFF_LINES} more line(s) of changes"]
    return lines


def notice(rec: PageRecord, docs_dir: Path, directory_urls: bool) -> str:
    """The out-of-date notice for an English page (Markdown), or "" when it is current."""
    if not rec.path.endswith(SUFFIX):
        return ""
    zh_rel = counterpart(rec.path)
    zh_path = docs_dir / zh_rel
    recorded = str(rec.meta.get("source_sha256") or "")
    if not zh_path.exists():
        return ""
    actual = file_sha256(zh_path)
    if recorded == actual:
        return ""
    # A raw link: a Markdown link to the .md would be turned into the English page by mkdocs-static-i18n.
    href = relative_url(f"en/{zh_rel}", zh_rel, directory_urls)
    lines = [
        '!!! warning "This translation is out of date"',
        "    The Chinese page has changed since this English page was translated, and the translation has not "
        "been updated yet. The Chinese text is authoritative: read "
        f'<a href="{href}" hreflang="zh" lang="zh">the current Chinese page</a>.',
        "",
    ]
    old = stamped_text(zh_path, recorded)
    if old is None:
        lines.append(f"    The translated version cannot be shown (recorded {recorded[:12] or 'nothing'}, "
                     f"now {actual[:12]}); see the translation status page.")
    else:
        diff = changes(old, zh_path.read_text(encoding="utf-8"))
        fence = "`" * max(3, 1 + max((len(m) for ln in diff for m in re.findall(r"`+", ln)), default=0))
        lines += ["    What changed in the Chinese page since it was translated:", "",
                  f"    {fence}diff"] + [f"    {ln}" for ln in diff] + [f"    {fence}"]
    return "\n".join(lines) + "\n\n"


def with_notice(markdown: str, rec: PageRecord, docs_dir: Path, directory_urls: bool) -> str:
    """The page's Markdown with the notice under its title, when the page is a stale translation."""
    text = notice(rec, docs_dir, directory_urls)
    if not text:
        return markdown
    title = re.search(r"^#[ \t].*\n", markdown, re.M)
    at = title.end() if title else 0
    return markdown[:at] + "\n" + text + markdown[at:]
