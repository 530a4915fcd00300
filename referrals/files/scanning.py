"""Virus scanning of uploads: a small interface and a ClamAV (clamd) adapter.

:class:`ClamdScanner` speaks clamd's INSTREAM protocol itself over a UNIX
socket (``settings.CLAMD_SOCKET``) or TCP (``settings.CLAMD_HOST`` /
``settings.CLAMD_PORT``), streaming the file in chunks so memory stays
constant. Any failure to get a clear verdict raises :class:`ScanError`; the
upload pipeline treats that as a rejection (fail closed).

When neither setting is configured, :func:`get_scanner` returns
:class:`NoScanner`: scanning is OFF and results say so (``scanned=False``).
"""

from __future__ import annotations

import re
import socket
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings

CHUNK_SIZE = 64 * 1024
MAX_REPLY_BYTES = 64 * 1024

_FOUND = re.compile(r"^(?:\d+: )?stream: (?P<signature>.+) FOUND$")
_OK = re.compile(r"^(?:\d+: )?stream: OK$")


class ScanError(Exception):
    """The scanner could not give a verdict (unreachable, timeout, size limit, unexpected reply)."""


@dataclass(frozen=True)
class ScanResult:
    scanned: bool  # False when scanning is off
    clean: bool
    signature: str = ""  # e.g. "Eicar-Signature" when infected
    engine: str = ""  # "clamav" or ""


class VirusScanner(Protocol):
    def scan(self, path) -> ScanResult: ...


class NoScanner:
    """Scanning is switched off: every file is reported as not scanned (and therefore "clean")."""

    def scan(self, path) -> ScanResult:
        return ScanResult(scanned=False, clean=True)


class ClamdScanner:
    """Scans with a clamd daemon over INSTREAM; no third-party client library."""

    def __init__(
        self,
        *,
        socket_path: str | None = None,
        host: str | None = None,
        port: int = 3310,
        timeout: float = 120,
        chunk_size: int = CHUNK_SIZE,
    ):
        if not socket_path and not host:
            raise ValueError("ClamdScanner needs a socket_path or a host")
        self.socket_path = socket_path
        self.host = host
        self.port = int(port)
        self.timeout = float(timeout)
        self.chunk_size = int(chunk_size)

    def _connect(self) -> socket.socket:
        if self.socket_path:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(self.timeout)
            try:
                sock.connect(self.socket_path)
            except BaseException:
                sock.close()
                raise
            return sock
        return socket.create_connection((self.host, self.port), timeout=self.timeout)

    def scan(self, path) -> ScanResult:
        try:
            with self._connect() as sock:
                try:
                    self._send(sock, Path(path))
                except (BrokenPipeError, ConnectionResetError):
                    # clamd hangs up mid-stream when its StreamMaxLength is
                    # exceeded; its reply explains why, so still read it.
                    pass
                reply = self._reply(sock)
        except (OSError, TimeoutError) as exc:
            raise ScanError(f"clamd unreachable or timed out: {type(exc).__name__}") from exc
        return self._parse(reply)

    def _send(self, sock: socket.socket, path: Path) -> None:
        sock.sendall(b"zINSTREAM\0")
        with path.open("rb") as fp:
            while chunk := fp.read(self.chunk_size):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
        sock.sendall(struct.pack("!L", 0))

    def _reply(self, sock: socket.socket) -> str:
        data = bytearray()
        while b"\0" not in data:
            part = sock.recv(4096)
            if not part:
                break
            data += part
            if len(data) > MAX_REPLY_BYTES:
                raise ScanError("clamd reply too long")
        return bytes(data).split(b"\0", 1)[0].decode("utf-8", "replace").strip()

    @staticmethod
    def _parse(reply: str) -> ScanResult:
        if _OK.match(reply):
            return ScanResult(scanned=True, clean=True, engine="clamav")
        found = _FOUND.match(reply)
        if found:
            return ScanResult(scanned=True, clean=False, signature=found.group("signature"), engine="clamav")
        if reply.endswith("ERROR"):
            raise ScanError(f"clamd error: {reply}")
        raise ScanError(f"unexpected clamd reply: {reply[:200]!r}")


def get_scanner() -> VirusScanner:
    """ClamdScanner when CLAMD_SOCKET or CLAMD_HOST is set, otherwise NoScanner (scanning off)."""
    timeout = getattr(settings, "CLAMD_TIMEOUT", 120) or 120
    socket_path = getattr(settings, "CLAMD_SOCKET", None)
    if socket_path:
        return ClamdScanner(socket_path=socket_path, timeout=timeout)
    host = getattr(settings, "CLAMD_HOST", None)
    if host:
        return ClamdScanner(host=host, port=getattr(settings, "CLAMD_PORT", 3310) or 3310, timeout=timeout)
    return NoScanner()
