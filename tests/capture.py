"""A local web server to capture pages from, and settings that let captures reach it.

Import the fixtures into a test module (``from tests.capture import capture_server,
capture_settings``). ``capture_settings`` turns captures on, points MEDIA_ROOT at a
temporary directory, allows 127.0.0.1 only, and makes the limits small (timeout
0.5 s, 2,000 bytes) so the failing cases are quick.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from claims.models import CaptureStatus

PAGE = (
    b"<!doctype html><title>Table 4</title>"
    b"<script>alert('captured script')</script>"
    b"<p>Unemployment rate 2019: 5.9 %</p>"
)
PAGE_SHA256 = hashlib.sha256(PAGE).hexdigest()
LIMIT = 2000
TIMEOUT = 0.5


@dataclass
class Server:
    base: str
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


def _handler(server: Server, stop: threading.Event) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # quiet
            pass

        def send(self, status, body=b"", headers=()):
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            if not any(name == "Content-Length" for name, _value in headers):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            server.requests.append(self.path)
            # the capture may give up reading, as it should
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.answer()

        def answer(self):
            if self.path == "/page":
                self.send(200, PAGE, [("Content-Type", "text/html; charset=utf-8")])
            elif self.path == "/redirect":
                self.send(302, headers=[("Location", "/page")])
            elif self.path == "/redirect-inside":
                self.send(302, headers=[("Location", "http://10.1.2.3/admin")])
            elif self.path == "/loop":
                self.send(302, headers=[("Location", "/loop")])
            elif self.path == "/missing":
                self.send(404, b"not here")
            elif self.path == "/slow":
                stop.wait(TIMEOUT * 4)
                self.send(200, PAGE)
            elif self.path == "/drip":  # each byte in time, the whole too late
                self.send_response(200)
                self.send_header("Content-Length", "50")
                self.end_headers()
                for _ in range(50):
                    if stop.wait(TIMEOUT / 10):
                        return
                    self.wfile.write(b"x")
                    self.wfile.flush()
            elif self.path == "/big":
                self.send(200, b"x" * (LIMIT + 1))
            elif self.path == "/big-unannounced":
                # HTTP/1.0 without Content-Length: the body ends when the socket does
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"x" * (LIMIT * 3))
            else:
                self.send(500, b"unexpected path")

    return Handler


@pytest.fixture
def capture_server():
    stop = threading.Event()
    server = Server(base="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server, stop))
    httpd.daemon_threads = True
    server.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield server
    stop.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture
def capture_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CLAIMDESK_CAPTURE_ON_ADD = True
    settings.CLAIMDESK_CAPTURE_IN_BACKGROUND = False
    settings.CLAIMDESK_CAPTURE_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.CLAIMDESK_CAPTURE_TIMEOUT = TIMEOUT
    settings.CLAIMDESK_CAPTURE_MAX_BYTES = LIMIT
    return settings


def give_capture(row, content=b"WARC/1.0 stand-in", sha256=PAGE_SHA256):
    """Record a successful capture on ``row`` (evidence or a document) without
    fetching anything."""
    row.capture_file.save(f"capture-{row.pk}.warc.gz", ContentFile(content), save=False)
    row.capture_status = CaptureStatus.OK
    row.capture_sha256 = sha256
    row.captured_at = timezone.now()
    row.save()
    return row


def captures(callbacks):
    """The on-commit callbacks that start a capture (not page-version bumps)."""
    return [
        c
        for c in callbacks
        if "capture" in getattr(getattr(c, "func", c), "__name__", "")
    ]
