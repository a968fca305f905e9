"""Work done in a forked child while the caller goes on: the check command's second core.

`Forked(fn, *args).result()` is fn(*args), worked out in a child process and sent back pickled through a
pipe. A child that fails in any way (an exception, a value that does not pickle, a platform without fork)
costs time, never the answer: the parent then works it out itself. Only a caller that runs no threads
of its own may fork (a fork copies one thread; a lock another thread held stays held in the child)."""
from __future__ import annotations

import os
import pickle


class Forked:
    def __init__(self, fn, *args):
        self.fn, self.args = fn, args
        self.pid: int | None = None
        if not hasattr(os, "fork"):
            return
        rfd, wfd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: work, send, and leave without running the parent's clean-up (atexit, buffers)
            status = 1
            try:
                os.close(rfd)
                with os.fdopen(wfd, "wb") as out:
                    pickle.dump(fn(*args), out, protocol=pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)
        os.close(wfd)
        self.pid, self.fd = pid, rfd

    def result(self):
        if self.pid is None:
            return self.fn(*self.args)
        with os.fdopen(self.fd, "rb") as src:
            try:
                value, ok = pickle.load(src), True
            except Exception:  # noqa: BLE001 - whatever the child sent, a bad answer is worked out again here
                value, ok = None, False
        _, status = os.waitpid(self.pid, 0)
        return value if ok and status == 0 else self.fn(*self.args)
