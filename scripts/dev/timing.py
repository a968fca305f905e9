"""How bench measures a command: wall seconds and peak memory of its own process, in a fixed environment."""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from scripts.core.paths import ROOT

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


def measure(cmd: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one command (its own process, not grandchildren)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024
