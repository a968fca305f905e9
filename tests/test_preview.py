"""make serve hears an edit when it is saved (scripts/dev/preview.py), and only an edit."""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from properdocs.livereload import LiveReloadServer
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from conftest import ROOT
from scripts.dev.preview import watch_natively


def _server(tmp_path: Path, builds: list) -> LiveReloadServer:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("# 页\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    server = LiveReloadServer(builder=lambda: builds.append(time.monotonic()), host="127.0.0.1", port=0,
                              root=str(tmp_path / "site"))
    # As `properdocs serve` does before the hooks' on_serve: the docs folder and the config file.
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "mkdocs.yml"))
    return server


def _until(condition, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def _write_and_rename(temporary: Path, path: Path) -> None:
    temporary.write_text("# 新\n", "utf-8")
    temporary.replace(path)


def _serving(server: LiveReloadServer):
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    time.sleep(0.3)  # the observer is started by serve(); a write before it would go unseen by any observer
    return thread


# What `properdocs serve` does with the handbook's mkdocs.yml up to the start of watching, in a process of its own
# (ProperDocs redirects every `mkdocs` import there, which this process must not).
SERVE = """
import sys
from properdocs import replacement
from properdocs.config import load_config
from properdocs.livereload import LiveReloadServer
config = load_config(sys.argv[1])
server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=sys.argv[2])
server.watch(config.docs_dir)
server.watch(config.config_file_path)
server = config.plugins.on_serve(server, config=config, builder=server.builder)
print(type(server.observer).__mro__[1].__name__, sorted(server._watched_paths.values()))
"""


def test_make_serve_watches_with_the_native_observer():
    result = subprocess.run([sys.executable, "-c", SERVE, str(ROOT / "mkdocs.yml"), str(ROOT / "site")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == [Observer.__name__, "[1,", "1]"]


def test_every_kind_of_edit_rebuilds_and_reading_does_not(tmp_path):
    builds: list = []
    server = _server(tmp_path, builds)
    assert isinstance(server.observer, PollingObserver)
    server = watch_natively(server)
    assert not isinstance(server.observer, PollingObserver) and isinstance(server.observer, Observer)
    _serving(server)
    try:
        page, conf = tmp_path / "docs" / "page.md", tmp_path / "mkdocs.yml"
        edits = {
            "saved in place": lambda: page.write_text("# 页\n\n改了。\n", "utf-8"),
            "the config file, watched by itself": lambda: conf.write_text("site_name: y\n", "utf-8"),
            "saved by renaming, as many editors do": lambda: _write_and_rename(tmp_path / "new.md", page),
            "a page added": lambda: (tmp_path / "docs" / "added.md").write_text("# 加\n", "utf-8"),
            "a page removed": lambda: (tmp_path / "docs" / "added.md").unlink(),
        }
        for name, edit in edits.items():
            before = len(builds)
            edit()
            assert _until(lambda: len(builds) > before), name
            time.sleep(0.3)  # the rebuild of this edit is over (the server waits 0.1 s for more changes)
        # Reading the sources, as every build does, is no edit: the native observer reports files opened and
        # closed, and those started the build again without end.
        before = len(builds)
        for _ in range(3):
            page.read_text("utf-8")
            conf.read_text("utf-8")
        assert not _until(lambda: len(builds) > before, 1.0)
    finally:
        server.shutdown()


class _NoWatches(Observer):
    def start(self):
        raise OSError(28, "inotify watch limit reached")


def test_where_the_native_observer_cannot_watch_the_preview_keeps_polling(tmp_path):
    builds: list = []
    server = _server(tmp_path, builds)
    polling = server.observer
    assert watch_natively(server, _NoWatches) is server and server.observer is polling
    _serving(server)
    try:
        (tmp_path / "docs" / "page.md").write_text("# 页\n\n改了。\n", "utf-8")
        assert _until(lambda: builds)
    finally:
        server.shutdown()


@pytest.mark.parametrize("state", ["started", "unknown"])
def test_a_server_it_cannot_move_safely_is_left_as_it_is(tmp_path, state):
    server = _server(tmp_path, [])
    observer = server.observer
    if state == "started":
        observer.start()
    else:
        del server._watched_paths  # another ProperDocs, which keeps its watches elsewhere
    try:
        assert watch_natively(server) is server and server.observer is observer
    finally:
        if state == "started":
            observer.stop()
            observer.join()
