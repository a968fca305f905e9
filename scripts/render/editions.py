"""The English edition built by a second process while this one renders the Chinese edition.

mkdocs-static-i18n builds the languages one after the other: the Chinese site, then, from the Chinese build's
on_post_build, a whole second build into en/. In a library most of that second build is the Chinese text again
under an English frame (a text with no translation falls back to Chinese, issue 7), and at 50 texts it was half
the HTML build's time, spent on one core while the other had nothing left to do. `Edition.start` forks once the
Chinese build has its files and navigation. The child builds every other language as mkdocs-static-i18n would,
but into a staging folder beside the site, and sends back its log records and what the parent still needs of it
(the hook's search sections, Material's search entries). When mkdocs-static-i18n then comes to build English in
the parent, it calls `Edition.collect` instead of MkDocs' build: that waits for the child, logs its records as if
they were logged there, and moves the staged files into the site. The files are the same, and so is the order in
which files both builds write end up written (English last), so the site is byte for byte the one-process site.

A child that failed in any way (a build error, strict mode's warnings, a crash) counts for nothing: its records
are dropped and the parent builds the language itself, so a failure is reported exactly as without the child.
Only `build` forks, and only with a second CPU, fork, and no thread of its own running (a fork copies one thread).
"""
from __future__ import annotations

import atexit
import logging
import os
import pickle
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

log = logging.getLogger("mkdocs.hooks.handbook")


@dataclass
class Edition:
    i18n: Any  # the mkdocs-static-i18n plugin
    build: Callable  # MkDocs' build(config, dirty=...), which mkdocs-static-i18n calls for each other language
    site: Path
    staging: Path
    pid: int
    fd: int
    receive: Callable[[Any], None]  # given what the child's `payload` returned
    built: bool = False
    languages: list = field(default_factory=list)
    meanwhile: Callable[[], Any] | None = None  # work of the parent's own, done before it waits for the child

    @classmethod
    def start(cls, config, i18n, payload: Callable[[], Any], receive: Callable[[Any], None],
              in_child: Callable[[], None], meanwhile: Callable[[], Any] | None = None) -> Edition | None:
        """Fork the other languages' build (None where it cannot be done: see the module's docstring).
        `in_child` runs first in the child: it lets go of what is the parent's alone (a job the parent waits for)."""
        others = [lang for lang in i18n.build_languages if lang != i18n.current_language]
        if not others or not hasattr(os, "fork") or _cpus() < 2 or threading.active_count() > 1:
            return None
        module = sys.modules[type(i18n).__module__]
        site = Path(config.site_dir)
        try:
            site.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.", dir=site.parent))
        except OSError:
            return None
        entries_before = len(i18n.search_entries)
        rfd, wfd = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(rfd)
            _child(config, i18n, module.build, others, staging, entries_before, in_child, payload, wfd)
        os.close(wfd)
        atexit.register(shutil.rmtree, staging, ignore_errors=True)  # interrupted (^C): nothing left beside the site
        edition = cls(i18n, module.build, site, staging, pid, rfd, receive, languages=others, meanwhile=meanwhile)
        module.build = edition.collect  # where mkdocs-static-i18n would build the next language
        return edition

    def collect(self, config, dirty: bool = False) -> None:
        """In place of build(config) for one of the other languages: the child's work, or the build itself."""
        if self.built:  # the child built every other language at once
            return
        if self.meanwhile is not None:  # the Chinese pages are done, and the child is usually still at work
            self.meanwhile()
        answer = self._wait()
        if answer is None:  # the child failed: the language is built here, as it would have been without it
            self.restore()
            self.build(config, dirty=dirty)
            return
        records, entries, payload = answer
        site, staging = str(self.site), str(self.staging)
        for record in records:
            # The child built into the staging folder; its messages name the site, as a build here would.
            record.msg = record.msg.replace(staging, site)
            logging.getLogger(record.name).handle(record)
        self.i18n.search_entries.extend(entries)
        self.receive(payload)
        for folder, _, names in os.walk(self.staging):
            target = self.site / os.path.relpath(folder, self.staging)
            target.mkdir(parents=True, exist_ok=True)
            for name in names:
                _move(os.path.join(folder, name), target / name)
        shutil.rmtree(self.staging, ignore_errors=True)
        self.built = True
        log.info(f"{', '.join(self.languages)}: built beside the Chinese edition by a second process")

    def _wait(self):
        with os.fdopen(self.fd, "rb") as src:
            try:
                answer = pickle.load(src)
            except Exception:  # noqa: BLE001 - a child that sent nothing usable failed
                answer = None
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if os.waitstatus_to_exitcode(status) != 0 or answer is None:
            shutil.rmtree(self.staging, ignore_errors=True)
            return None
        return answer

    def restore(self) -> None:
        """mkdocs-static-i18n calls MkDocs' build again (after this build, or in place of a failed child)."""
        sys.modules[type(self.i18n).__module__].build = self.build

    def cancel(self) -> None:
        """The Chinese build failed: stop the child and leave nothing of it behind."""
        self.restore()
        if self.pid:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            os.close(self.fd)
            self.pid = 0
        shutil.rmtree(self.staging, ignore_errors=True)


def _move(source: str, target: Path) -> None:
    try:
        os.replace(source, target)
    except OSError:  # the site is a mount point of its own, and the staging folder beside it on another device
        shutil.copyfile(source, target)
        os.unlink(source)


def _cpus() -> int:
    """The CPUs this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class _Keep(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # what pickles of it: the message as written
        record.exc_info = record.exc_text = None
        self.records.append(record)


def _child(config, i18n, build, languages, staging: Path, entries_before: int, in_child, payload, wfd: int) -> None:
    """The forked process: build the other languages into `staging`, send the records and the payload, leave."""
    status, answer = 1, None
    try:
        in_child()
        keep = _Keep()
        top = logging.getLogger(build.__module__.split(".")[0])  # properdocs (or mkdocs): every build's logger
        top.handlers = [keep]
        i18n.building = True  # what mkdocs-static-i18n sets around its own loop
        config["site_dir"] = str(staging)
        for language in languages:
            i18n.current_language = language
            build(config, dirty=False)
        answer = (keep.records, i18n.search_entries[entries_before:], payload())
        status = 0
    except BaseException:  # noqa: BLE001 - any failure: the parent builds the language again and reports it
        answer = None
    finally:
        try:
            with os.fdopen(wfd, "wb") as out:
                pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - nothing to send it to
            status = 1
        os._exit(status)
