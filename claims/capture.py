"""Fetching one web page into a WARC file: the network half of ``evidence_capture``.

``fetch(url)`` returns a ``Capture`` or raises ``CaptureError`` with a short reason
that the desk can show. It is written against the standard library's ``http.client``
(what urllib is built on) rather than a higher-level client, because refusing
server-side request forgery needs the connection to go to the address that was checked:

- only ``http`` and ``https`` URLs;
- the host is resolved once and every address it resolves to must be public (not
  loopback, private, link-local, shared, reserved or multicast) unless it lies in
  ``CLAIMDESK_CAPTURE_ALLOWED_NETWORKS``; the socket then connects to that checked
  address, so a second DNS answer cannot point it elsewhere (HTTPS still verifies the
  certificate against the host name);
- redirects are followed by hand, at most ``MAX_REDIRECTS``, each hop checked the same
  way and recorded in the WARC;
- the whole fetch, redirects included, must finish within
  ``CLAIMDESK_CAPTURE_TIMEOUT`` seconds;
- a body over ``CLAIMDESK_CAPTURE_MAX_BYTES`` fails the capture (a truncated copy with
  a hash would look complete);
- the final answer must be 2xx.

The WARC file (gzipped, WARC/1.0) holds a warcinfo record and a request and a response
record per hop. Response bodies are stored as received but de-chunked, so a
``Transfer-Encoding`` header is dropped from the recorded headers. The WARC digests are
SHA-256 (``WARC-Payload-Digest: sha256:<base32>``), and ``Capture.sha256`` is the same
payload digest in hex: the SHA-256 of the final response body exactly as the server
sent it (we ask for ``Accept-Encoding: identity``, so that is normally the page itself).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import io
import ipaddress
import socket
import ssl
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, quote, urljoin, urlsplit

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils import timezone
from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024
SCHEMES = {"http": 80, "https": 443}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class CaptureError(Exception):
    """A capture that could not be made. The message is short and safe to show."""


@dataclass(frozen=True)
class Capture:
    url: str  #: the URL finally fetched, after redirects
    status: int
    content_type: str
    sha256: str  #: hex SHA-256 of the final response body
    size: int  #: length of that body in bytes
    warc: bytes  #: the gzipped WARC file
    retrieved_at: dt.datetime


class _SHA256WARCWriter(WARCWriter):
    """warcio's writer, with SHA-256 instead of SHA-1 block and payload digests."""

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")


# --- Where a capture may connect ----------------------------------------------------


def allowed_networks() -> list[IPNetwork]:
    return [
        ipaddress.ip_network(n.strip(), strict=False)
        for n in getattr(settings, "CLAIMDESK_CAPTURE_ALLOWED_NETWORKS", [])
        if n.strip()
    ]


def is_allowed_address(address: IPAddress, networks: Sequence[IPNetwork]) -> bool:
    """Public addresses, and any address inside an allowed network."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if any(address.version == n.version and address in n for n in networks):
        return True
    return address.is_global and not address.is_multicast


def _resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (a function of its own so tests can stand
    in for a machine without a network)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _vetted_address(host: str, port: int, networks: Sequence[IPNetwork]) -> str:
    try:
        addresses = _resolve(host, port)
    except (socket.gaierror, UnicodeError) as exc:
        raise CaptureError(
            f"Could not resolve {host}: no network, or no such host."
        ) from exc
    if not addresses:
        raise CaptureError(f"Could not resolve {host}.")
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not is_allowed_address(ip, networks):
            raise CaptureError(f"Refused: {host} is at a non-public address ({ip}).")
    return addresses[0]


def _check_url(url: str) -> tuple[SplitResult, str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise CaptureError("Not a valid URL.") from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise CaptureError(
            f"Refused: only http and https URLs are captured, not {scheme or '(none)'}."
        )
    if not parts.hostname:
        raise CaptureError("Not a valid URL: it has no host.")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise CaptureError("Not a valid host name.") from exc
    return parts, host, port or SCHEMES[scheme]


# --- One exchange ---------------------------------------------------------------------


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to an address checked beforehand, whatever the host name says now.

    Keeps its socket as ``pinned_socket``: ``http.client`` hands it to the response
    and forgets it, but the deadline has to shorten its timeout read by read.
    """

    pinned_socket: socket.socket | None = None

    def __init__(self, host: str, port: int, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = self.pinned_socket = socket.create_connection(
            (self._address, self.port), self.timeout
        )


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    pinned_socket: socket.socket | None = None

    def __init__(
        self,
        host: str,
        port: int,
        *,
        address: str,
        timeout: float,
        context: ssl.SSLContext,
    ):
        super().__init__(host, port, timeout=timeout, context=context)
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self.pinned_socket = self._context.wrap_socket(  # type: ignore[attr-defined]
            sock, server_hostname=self.host
        )


class _Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def left(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left


@dataclass
class _Exchange:
    url: str
    address: str
    request_line: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    protocol: str
    response_headers: list[tuple[str, str]]
    body: bytes


def _exchange(
    url: str, *, networks: Sequence[IPNetwork], deadline: _Deadline, limit: int
) -> _Exchange:
    parts, host, port = _check_url(url)
    address = _vetted_address(host, port, networks)
    target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~-._")
    if parts.query:
        target += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=~-._?")
    scheme = parts.scheme.lower()
    name = f"[{host}]" if ":" in host else host  # an IPv6 literal is bracketed
    authority = name if port == SCHEMES[scheme] else f"{name}:{port}"
    headers = [
        ("Host", authority),
        ("User-Agent", settings.CLAIMDESK_CAPTURE_USER_AGENT),
        ("Accept", "*/*"),
        ("Accept-Encoding", "identity"),
        ("Connection", "close"),
    ]
    connection: http.client.HTTPConnection
    if scheme == "https":
        connection = _PinnedHTTPSConnection(
            host,
            port,
            address=address,
            timeout=deadline.left(),
            context=ssl.create_default_context(),
        )
    else:
        connection = _PinnedHTTPConnection(
            host, port, address=address, timeout=deadline.left()
        )
    response: http.client.HTTPResponse | None = None
    try:
        connection.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        for name, value in headers:
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        body = _read_body(
            connection.pinned_socket,  # type: ignore[attr-defined]
            response,
            deadline=deadline,
            limit=limit,
        )
        return _Exchange(
            url=url,
            address=address,
            request_line=f"GET {target} HTTP/1.1",
            request_headers=headers,
            status=response.status,
            reason=response.reason,
            protocol="HTTP/1.0" if response.version == 10 else "HTTP/1.1",
            response_headers=[
                (k, v)
                for k, v in response.getheaders()
                if k.lower() != "transfer-encoding"
            ],
            body=body,
        )
    finally:
        if response is not None:
            response.close()
        connection.close()


def _read_body(
    sock: socket.socket | None,
    response: http.client.HTTPResponse,
    *,
    deadline: _Deadline,
    limit: int,
) -> bytes:
    too_large = CaptureError(f"Refused: the page is larger than {limit:,} bytes.")
    declared = response.getheader("Content-Length", "")
    if declared.strip().isdecimal() and int(declared) > limit:
        raise too_large
    body = io.BytesIO()
    while True:
        left = deadline.left()
        if sock is not None and sock.fileno() >= 0:  # the response may have closed it
            sock.settimeout(left)
        chunk = response.read1(CHUNK)  # one read at most: the deadline holds
        if not chunk:
            return body.getvalue()
        body.write(chunk)
        if body.tell() > limit:
            raise too_large


# --- The capture ----------------------------------------------------------------------


def fetch(url: str) -> Capture:
    """Fetch ``url`` (following redirects) into a gzipped WARC file; see the module
    docstring for what is refused. Raises ``CaptureError``."""
    timeout = float(settings.CLAIMDESK_CAPTURE_TIMEOUT)
    limit = int(settings.CLAIMDESK_CAPTURE_MAX_BYTES)
    networks = allowed_networks()
    deadline = _Deadline(timeout)
    retrieved_at = timezone.now()
    exchanges: list[_Exchange] = []
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            exchange = _exchange(url, networks=networks, deadline=deadline, limit=limit)
            exchanges.append(exchange)
            location = dict((k.lower(), v) for k, v in exchange.response_headers).get(
                "location"
            )
            if exchange.status in REDIRECT_STATUSES and location:
                url = urljoin(url, location.strip())
                continue
            break
        else:
            raise CaptureError(f"Refused: more than {MAX_REDIRECTS} redirects.")
    except TimeoutError as exc:
        raise CaptureError(f"No complete answer within {timeout:g} seconds.") from exc
    except ssl.SSLError as exc:  # certificate errors included
        raise CaptureError(f"TLS error: {exc.reason or exc}.") from exc
    except (http.client.HTTPException, ValueError) as exc:
        raise CaptureError("The server's answer was not valid HTTP.") from exc
    except OSError as exc:
        raise CaptureError(
            f"Could not connect: {exc.strerror or exc.__class__.__name__}."
        ) from exc
    final = exchanges[-1]
    if not 200 <= final.status < 300:
        raise CaptureError(f"The server answered {final.status} {final.reason}.")
    content_type = dict((k.lower(), v) for k, v in final.response_headers).get(
        "content-type", ""
    )
    return Capture(
        url=final.url,
        status=final.status,
        content_type=content_type[:200],
        sha256=hashlib.sha256(final.body).hexdigest(),
        size=len(final.body),
        warc=_warc(exchanges),
        retrieved_at=retrieved_at,
    )


def _warc(exchanges: Sequence[_Exchange]) -> bytes:
    out = io.BytesIO()
    writer = _SHA256WARCWriter(out, gzip=True)
    info: dict[str, Any] = {
        "software": "Claimdesk evidence capture (warcio)",
        "format": "WARC File Format 1.0",
        "http-header-user-agent": settings.CLAIMDESK_CAPTURE_USER_AGENT,
    }
    writer.write_record(writer.create_warcinfo_record("capture.warc.gz", info))
    for exchange in exchanges:
        request = writer.create_warc_record(
            exchange.url,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=StatusAndHeaders(
                exchange.request_line,
                exchange.request_headers,
                is_http_request=True,
            ),
        )
        response = writer.create_warc_record(
            exchange.url,
            "response",
            payload=io.BytesIO(exchange.body),
            length=len(exchange.body),
            warc_headers_dict={"WARC-IP-Address": exchange.address},
            http_headers=StatusAndHeaders(
                f"{exchange.status} {exchange.reason}",
                exchange.response_headers,
                protocol=exchange.protocol,
            ),
        )
        writer.write_request_response_pair(request, response)
    return out.getvalue()


# --- Handing a capture out ------------------------------------------------------------


def download_response(stored: FieldFile, *, filename: str) -> FileResponse:
    """The stored WARC file as a download, the one way any view hands a capture out.

    Never the captured page itself: served from our origin, its markup and scripts
    would run as ours (stored XSS). So: an attachment, as gzip (no Content-Encoding,
    which a browser would unpack), ``nosniff``, and a sandboxing Content-Security-Policy
    in case anything renders it anyway. A file missing from storage is a 404.
    """
    try:
        handle = stored.open("rb")
    except OSError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/gzip"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
