"""Version and date of a build, from git: the same commit always gives the same values."""
from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildInfo:
    version: str  # short commit hash, or a tag when the commit has one
    date: str  # YYYY-MM-DD of SOURCE_DATE_EPOCH (the last commit's time by default)
    epoch: int


def _git(root: Path, *args: str) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def build_info(root: Path) -> BuildInfo:
    epoch_env = os.environ.get("SOURCE_DATE_EPOCH", "")
    epoch = int(epoch_env) if epoch_env.isdigit() else int(_git(root, "log", "-1", "--format=%ct") or 0)
    version = _git(root, "describe", "--tags", "--always") or "unknown"
    date = time.strftime("%Y-%m-%d", time.gmtime(epoch)) if epoch else "unknown"
    return BuildInfo(version, date, epoch)


def last_changed(root: Path, path: Path) -> str:
    """YYYY-MM-DD of the last commit touching a file; "" outside git or for untracked files.

    In a shallow clone this is the date of the oldest commit present, never an error.
    """
    return _git(root, "log", "-1", "--format=%cs", "--", str(path))


def last_changed_all(root: Path, under: Path) -> dict[str, str]:
    """YYYY-MM-DD of the last commit touching each file under `under`, keyed by resolved path.

    One `git log` for the whole tree instead of one per page (a hundred processes cost the
    build most of a second). Same dates as last_changed: the newest commit naming a file wins."""
    out = _git(root, "log", "--format=\x01%cs", "--name-only", "--no-renames", "--", str(under))
    top = _git(root, "rev-parse", "--show-toplevel")
    if not out or not top:
        return {}
    dates: dict[str, str] = {}
    date = ""
    for line in out.splitlines():
        if line.startswith("\x01"):
            date = line[1:]
        elif line and date:
            dates.setdefault(str((Path(top) / line).resolve()), date)
    return dates
