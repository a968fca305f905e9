"""How often Python's garbage collector runs in a build (ProperDocs' process, set by the hook at start-up).

By default a young collection starts after every 700 new container objects, and every tenth of those and
every tenth of those in turn goes on to older generations; a full collection walks everything alive. A build
keeps what it makes alive to the end (pages, the navigation, rendered HTML), so the full collections walk an
ever larger heap and find little. In a library of 50 texts they took 1.05 s of the 1.39 s the collector spent
in an 18.7 s build (nine full collections, gc.callbacks); with these thresholds the collector spent 0.65 s, and
the build took 17.44 / 17.92 / 18.40 s against 18.62 / 18.71 / 18.95 s (three alternating pairs), its peak memory
2 MB more. Switching the collector off altogether gained as much but took 50% more memory. (The check command,
short-lived, does switch it off: scripts/check.py.)

At the end, Python's own shutdown collects the whole heap once more, for a process about to give all of it back:
at 50 texts that was 0.8 s after the build's last event (0.1 s with everything frozen first; three alternating
pairs). The hook freezes the heap when the build is over (`before_exit`).
"""
from __future__ import annotations

import gc

BUILD_THRESHOLDS = (10_000, 10, 10)


def tune_for_build() -> None:
    gc.set_threshold(*BUILD_THRESHOLDS)


def before_exit() -> None:
    """Nothing alive now needs collecting: the process ends, and with it every object, without the collector."""
    gc.freeze()
