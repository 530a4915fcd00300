"""Virus scanning: the clamd INSTREAM adapter against a fake clamd, and fail-closed behaviour."""

import socket
import socketserver
import struct
import threading

import pytest

from referrals.files import (
    ClamdScanner,
    NoScanner,
    ScanError,
    ScanResult,
    UploadRejected,
    get_scanner,
    process_upload,
)
from tests.referrals.files import builders


class FakeClamdHandler(socketserver.BaseRequestHandler):
    """Speaks just enough clamd: zINSTREAM, length-prefixed chunks, a zero-length terminator."""

    def _exactly(self, n: int) -> bytes:
        data = b""
        while len(data) < n:
            part = self.request.recv(n - len(data))
            if not part:
                raise ConnectionError("client hung up")
            data += part
        return data

    def handle(self):
        server = self.server
        command = b""
        while not command.endswith(b"\0"):
            command += self._exactly(1)
        server.commands.append(command)
        if command != b"zINSTREAM\0":
            self.request.sendall(b"UNKNOWN COMMAND\0")
            return
        content = bytearray()
        chunks = 0
        while True:
            (length,) = struct.unpack("!L", self._exactly(4))
            if length == 0:
                break
            content += self._exactly(length)
            chunks += 1
            if len(content) > server.max_stream:
                self.request.sendall(b"INSTREAM size limit exceeded. ERROR\0")
                return
        server.chunk_counts.append(chunks)
        if server.reply is not None:
            self.request.sendall(server.reply)
        elif builders.EICAR.encode() in content:
            self.request.sendall(b"stream: Eicar-Signature FOUND\0")
        else:
            self.request.sendall(b"stream: OK\0")


def _start(server):
    server.commands, server.chunk_counts, server.reply, server.max_stream = [], [], None, 10 * 1024 * 1024
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return server


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True


@pytest.fixture
def tcp_clamd():
    server = _start(_TCPServer(("127.0.0.1", 0), FakeClamdHandler))
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def unix_clamd(tmp_path):
    server = _start(_UnixServer(str(tmp_path / "clamd.sock"), FakeClamdHandler))
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def eicar_file(tmp_path):
    return builders.write(tmp_path / "eicar.txt", builders.EICAR.encode())


@pytest.fixture
def clean_file(tmp_path):
    return builders.write(tmp_path / "clean.txt", b"Nothing to see here.\n" * 10000)


def tcp_scanner(server, **kwargs):
    return ClamdScanner(host="127.0.0.1", port=server.server_address[1], timeout=5, **kwargs)


# --------------------------------------------------------------------------- the adapter


def test_clamd_over_tcp_reports_a_clean_file(tcp_clamd, clean_file):
    assert tcp_scanner(tcp_clamd).scan(clean_file) == ScanResult(scanned=True, clean=True, engine="clamav")
    assert tcp_clamd.commands == [b"zINSTREAM\0"]


def test_clamd_over_tcp_reports_the_eicar_signature(tcp_clamd, eicar_file):
    result = tcp_scanner(tcp_clamd).scan(eicar_file)
    assert result == ScanResult(scanned=True, clean=False, signature="Eicar-Signature", engine="clamav")


def test_clamd_over_a_unix_socket_reports_clean_and_infected(unix_clamd, clean_file, eicar_file):
    scanner = ClamdScanner(socket_path=unix_clamd.server_address, timeout=5)
    assert scanner.scan(clean_file).clean is True
    infected = scanner.scan(eicar_file)
    assert infected.clean is False
    assert infected.signature == "Eicar-Signature"


def test_the_file_is_streamed_in_chunks(tcp_clamd, clean_file):
    tcp_scanner(tcp_clamd, chunk_size=4096).scan(clean_file)
    assert tcp_clamd.chunk_counts == [-(-clean_file.stat().st_size // 4096)]


def test_a_clamd_error_reply_raises(tcp_clamd, clean_file):
    tcp_clamd.max_stream = 1000  # clamd's StreamMaxLength
    with pytest.raises(ScanError, match="size limit exceeded"):
        tcp_scanner(tcp_clamd).scan(clean_file)


def test_an_unexpected_clamd_reply_raises(tcp_clamd, clean_file):
    tcp_clamd.reply = b"stream: MAYBE\0"
    with pytest.raises(ScanError, match="unexpected"):
        tcp_scanner(tcp_clamd).scan(clean_file)


def test_an_unreachable_clamd_raises(clean_file):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once closed
    with pytest.raises(ScanError):
        ClamdScanner(host="127.0.0.1", port=port, timeout=2).scan(clean_file)


# --------------------------------------------------------------------------- choosing a scanner


def test_without_clamd_settings_scanning_is_off(settings, clean_file):
    settings.CLAMD_SOCKET = None
    settings.CLAMD_HOST = None
    scanner = get_scanner()
    assert isinstance(scanner, NoScanner)
    assert scanner.scan(clean_file) == ScanResult(scanned=False, clean=True)


def test_clamd_settings_select_the_clamd_scanner(settings):
    settings.CLAMD_SOCKET = None
    settings.CLAMD_HOST, settings.CLAMD_PORT, settings.CLAMD_TIMEOUT = "clamav.internal", 3311, 7
    scanner = get_scanner()
    assert isinstance(scanner, ClamdScanner)
    assert (scanner.host, scanner.port, scanner.timeout) == ("clamav.internal", 3311, 7)
    settings.CLAMD_SOCKET = "/run/clamav/clamd.ctl"
    assert get_scanner().socket_path == "/run/clamav/clamd.ctl"


# --------------------------------------------------------------------------- in the pipeline


def test_an_infected_upload_is_rejected(settings, unix_clamd, tmp_path, eicar_file):
    settings.CLAMD_SOCKET, settings.CLAMD_HOST, settings.CLAMD_TIMEOUT = unix_clamd.server_address, None, 5
    with pytest.raises(UploadRejected) as caught:
        process_upload(eicar_file, client_name="eicar.txt", workdir=tmp_path, pseudonym="EUG-7F3K-92")
    assert caught.value.code == "infected"
    assert "virus scanner found a threat" in caught.value.user_message
    assert "Eicar-Signature" in caught.value.user_message


def test_a_clean_upload_records_the_scan(settings, tcp_clamd, tmp_path, clean_file):
    settings.CLAMD_SOCKET, settings.CLAMD_HOST = None, "127.0.0.1"
    settings.CLAMD_PORT, settings.CLAMD_TIMEOUT = tcp_clamd.server_address[1], 5
    result = process_upload(clean_file, client_name="clean.txt", workdir=tmp_path, pseudonym="EUG-7F3K-92")
    assert result.scan == ScanResult(scanned=True, clean=True, engine="clamav")


def test_an_unreachable_clamd_fails_closed(settings, tmp_path, clean_file):
    settings.CLAMD_HOST = None
    settings.CLAMD_SOCKET = str(tmp_path / "no-such-clamd.sock")
    with pytest.raises(UploadRejected) as caught:
        process_upload(clean_file, workdir=tmp_path, pseudonym="EUG-7F3K-92")
    assert caught.value.code == "scan_failed"
    assert "could not be checked for viruses" in caught.value.user_message


def test_a_clamd_error_fails_closed(settings, tcp_clamd, tmp_path, clean_file):
    tcp_clamd.max_stream = 100
    settings.CLAMD_SOCKET, settings.CLAMD_HOST = None, "127.0.0.1"
    settings.CLAMD_PORT, settings.CLAMD_TIMEOUT = tcp_clamd.server_address[1], 5
    with pytest.raises(UploadRejected) as caught:
        process_upload(clean_file, workdir=tmp_path, pseudonym="EUG-7F3K-92")
    assert caught.value.code == "scan_failed"


def test_a_clamd_that_never_answers_times_out_and_fails_closed(settings, tmp_path, clean_file):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # accepts the connection, never reads or replies
        settings.CLAMD_SOCKET, settings.CLAMD_HOST = None, "127.0.0.1"
        settings.CLAMD_PORT, settings.CLAMD_TIMEOUT = silent.getsockname()[1], 1
        with pytest.raises(UploadRejected) as caught:
            process_upload(clean_file, workdir=tmp_path, pseudonym="EUG-7F3K-92")
    assert caught.value.code == "scan_failed"
