"""`make serve` hears an edit when it is saved, not at the next poll.

ProperDocs' live preview watches the sources with watchdog's PollingObserver: every 0.5 s it lists and stats
every file under docs/ (613 in a library of 50 texts), even while nobody edits, and compares. An edit then
waits 0.25 s on average (up to 0.5 s) before the rebuild starts. Where the platform tells about changes
itself (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), the preview uses that
instead, for the same paths; where it cannot (no such API, or the system's limit of watches reached),
polling stays. The hook calls `watch_natively` from on_serve, after ProperDocs has scheduled its own
watches and before it starts watching.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from watchdog.events import (EventsLostEvent, FileAttribEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent,
                             FileMovedEvent, FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("properdocs.livereload")

# What the polling observer reports: a file made, changed (its time or size), removed or renamed. The native
# observers also report a file opened or closed, and every page the build reads would start the build again.
CHANGES = [FileCreatedEvent, FileModifiedEvent, FileAttribEvent, FileDeletedEvent, FileMovedEvent, EventsLostEvent]


def changes_only(observer: type[BaseObserver]) -> type[BaseObserver]:
    """`observer`, reporting what CHANGES lists unless a watch asks for other events."""

    class ChangesOnly(observer):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
            return super().schedule(event_handler, path, recursive=recursive, follow_symlink=follow_symlink,
                                    event_filter=CHANGES if event_filter is None else event_filter)

    return ChangesOnly


def _native_works(make: Callable[[], BaseObserver], paths: list[str]) -> bool:
    """Whether the native observer can watch `paths` here: it is started and stopped once, as the
    errors (no inotify, too many watches) come when a watch starts, and ProperDocs would stop on them."""
    probe = make()
    try:
        for path in paths:
            probe.schedule(FileSystemEventHandler(), path, recursive=True)
        probe.start()
    except OSError as error:
        log.info(f"Watching by polling ({error})")
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
    return True


def watch_natively(server, native: type[BaseObserver] = Observer):
    """The server with its watched paths moved to the platform's own observer, when there is one that works.

    Which paths ProperDocs watches (the docs folder, mkdocs.yml, …) and how often, it keeps in
    `_watched_paths`; without that record (another version) the server is left as it is, polling. Each path
    is unwatched and watched again through the server's own methods, so its handler is ProperDocs' own."""
    watched = dict(getattr(server, "_watched_paths", None) or {})
    if native is PollingObserver or not watched or not isinstance(server.observer, PollingObserver) \
            or server.observer.is_alive():
        return server
    native = changes_only(native)
    if not _native_works(native, list(watched)):
        return server
    for path, times in watched.items():
        for _ in range(times):
            server.unwatch(path)
    server.observer = native()
    for path, times in watched.items():
        for _ in range(times):
            server.watch(path)
    return server
