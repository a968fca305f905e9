"""A built site served over http on a free local port, for the tests, the search evaluation and the bench.

Quiet: no request log, and a browser that drops a connection mid-file (it navigated on, or closed) is
no error worth a traceback in a test run's output.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    headers_to_send: dict[str, str] = {}

    def log_message(self, *args):
        pass

    def end_headers(self):
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(directory: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve `directory` (sending `headers` with every response); yields the base URL, ending in /."""
    handler = type("Handler", (QuietHandler,), {"headers_to_send": dict(headers or {})})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
