"""
Benchmark one large upload: the web server's peak memory while it receives, checks, de-identifies and stores it.

Run it through `make bench-upload`, which uses a throwaway database and folder.
It refuses to run unless DEMO_DATA_ALLOWED is set (never on production data).

What it does: builds a synthetic DICOM file of --size-mb (default 1024 MiB) on
disk — a header carrying a patient's name, then raw pixel data written in
pieces — and a clinician with a draft case. It starts gunicorn (one sync
worker, so one process does all the work) with the same settings, and uploads
the file exactly as the browser's upload.js does: create, PUT each chunk,
complete. Without a broker the processing task (assemble, check by content,
de-identify, preview, checksum, store) runs inside the complete request, so
the worker's memory covers all of it. The worker's peak resident set size
(VmHWM in /proc) is read after a warm-up request and again at the end; the
difference is how much the upload raised the server's peak memory.
"""

import base64
import datetime
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management.base import BaseCommand, CommandError

PIECE = 8 * 1024 * 1024
SENTINEL = "Bench^Sentinel-Patient"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status_value(pid, field):
    """A memory figure of /proc/<pid>/status in bytes (VmHWM: peak resident set size; VmRSS: current)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise CommandError(f"{field} not found for process {pid}")


def children(pid):
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def write_dicom(path, size):
    """A single-frame-per-slice, uncompressed CT-like DICOM of about ``size`` bytes, written in pieces."""
    import pydicom
    from pydicom.dataset import FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    rows = columns = 512
    frame = rows * columns * 2
    frames = max(1, size // frame)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"  # CT Image Storage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    dataset = pydicom.Dataset()
    dataset.file_meta = meta
    dataset.SOPClassUID = meta.MediaStorageSOPClassUID
    dataset.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    dataset.StudyInstanceUID = generate_uid()
    dataset.SeriesInstanceUID = generate_uid()
    dataset.PatientName = SENTINEL
    dataset.PatientID = "BENCH-0001"
    dataset.PatientBirthDate = "19700101"
    dataset.Modality = "CT"
    dataset.Rows, dataset.Columns = rows, columns
    dataset.NumberOfFrames = frames
    dataset.SamplesPerPixel = 1
    dataset.PhotometricInterpretation = "MONOCHROME2"
    dataset.BitsAllocated, dataset.BitsStored, dataset.HighBit = 16, 12, 11
    dataset.PixelRepresentation = 0
    with open(path, "wb") as handle:
        pydicom.dcmwrite(handle, dataset, enforce_file_format=True)
        length = frames * frame
        # (7FE0,0010) OW, explicit VR little endian: tag, VR, two reserved bytes, 4-byte length.
        handle.write(b"\xe0\x7f\x10\x00OW\x00\x00" + length.to_bytes(4, "little"))
        pattern = bytes(range(256)) * (PIECE // 256)
        written = 0
        while written < length:
            piece = pattern[: min(PIECE, length - written)]
            handle.write(piece)
            written += len(piece)
    return Path(path).stat().st_size


class Command(BaseCommand):
    help = "Measure the web server's peak memory while it takes one large upload (default 1 GiB of DICOM)."

    def add_arguments(self, parser):
        parser.add_argument("--size-mb", type=int, default=1024)
        parser.add_argument("--limit-mb", type=int, default=100, help="fail when the peak rises by more")

    def handle(self, *args, size_mb, limit_mb, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("bench_upload writes test data: run it with throwaway settings (make bench-upload).")
        workdir = Path(tempfile.mkdtemp(prefix="ern-bench-upload-"))
        source = workdir / "study.dcm"
        self.stdout.write(f"Writing a {size_mb} MiB DICOM file …")
        size = write_dicom(source, size_mb * 1024 * 1024)
        case, session_key, csrf = self._case_and_session()
        port = free_port()
        env = {
            **os.environ,
            "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            "CASE_IMAGING_MAX_SIZE": str(max(size, settings.CASE_IMAGING_MAX_SIZE)),
            "LOG_LEVEL": "WARNING",
        }
        env.pop("CELERY_BROKER_URL", None)  # processing runs in the web process: measure all of it
        server = subprocess.Popen(  # noqa: S603 - gunicorn from this virtual environment, fixed arguments
            [str(Path(sys.executable).with_name("gunicorn")), "portal.wsgi", "--workers", "1", "--threads", "1",
             "--bind", f"127.0.0.1:{port}", "--timeout", "1800"],
            env=env,
        )  # fmt: skip
        try:
            worker = self._wait_for_worker(server, port)
            cookies = f"sessionid={session_key}; csrftoken={csrf}"
            headers = {"Cookie": cookies, "X-CSRFToken": csrf, "Host": "localhost"}
            base = f"/en/cases/{case.uuid}"
            self._request(port, "GET", f"{base}/documents/new/", headers=headers, expect=200)  # warm up
            baseline_peak = status_value(worker, "VmHWM")
            baseline_rss = status_value(worker, "VmRSS")
            started = time.monotonic()
            state = self._request(
                port, "POST", f"{base}/uploads/", headers={**headers, "Content-Type": "application/json"},
                body=json.dumps({"size": size, "name": "study.dcm", "description": "Benchmark CT"}), expect=201,
            )  # fmt: skip
            offset = 0
            with open(source, "rb") as handle:
                while offset < size:
                    piece = handle.read(state["chunk_size"])
                    answer = self._request(
                        port, "PUT", state["status_url"], body=piece, expect=200,
                        headers={**headers, "Content-Type": "application/octet-stream", "Upload-Offset": str(offset)},
                    )  # fmt: skip
                    offset = answer["offset"]
            uploaded = time.monotonic()
            self._request(port, "POST", state["complete_url"], headers=headers, expect=202)
            while True:
                answer = self._request(port, "GET", state["status_url"], headers=headers, expect=200)
                if answer["status"] not in ("receiving", "processing"):
                    break
                time.sleep(0.5)
            finished = time.monotonic()
            peak = status_value(worker, "VmHWM")
        finally:
            server.terminate()
            server.wait(timeout=30)
        if answer["status"] != "done":
            raise CommandError(f"The upload ended as {answer['status']}: {answer.get('error')}")
        self._check_stored(case)
        rise = peak - baseline_peak
        mib = 1024 * 1024
        self.stdout.write(
            f"file: {size / mib:.0f} MiB DICOM; upload {uploaded - started:.1f} s "
            f"({size / mib / (uploaded - started):.0f} MiB/s), "
            f"check + de-identify + store {finished - uploaded:.1f} s\n"
            f"worker RSS after warm-up: {baseline_rss / mib:.1f} MiB; peak before: {baseline_peak / mib:.1f} MiB; "
            f"peak after: {peak / mib:.1f} MiB\n"
            f"peak memory raised by {rise / mib:.1f} MiB (limit {limit_mb} MiB)"
        )
        for path in sorted(workdir.iterdir()):
            path.unlink()
        workdir.rmdir()
        if rise >= limit_mb * mib:
            raise CommandError(f"The upload raised the server's peak memory by {rise / mib:.1f} MiB.")

    def _case_and_session(self):
        import time as clock

        from allauth.mfa.adapter import get_adapter as get_mfa_adapter
        from allauth.mfa.models import Authenticator
        from django.contrib.auth import get_user_model
        from django.contrib.sessions.backends.db import SessionStore
        from django.middleware.csrf import _get_new_csrf_string
        from wagtail.models import Locale

        from home.network import ExpertiseArea, MemberCentre, Workstream
        from referrals.models import Case, ClinicianProfile, Role
        from referrals.models.cases import Sex
        from referrals.services.patients import enrol_patient
        from referrals.services.roles import role_group

        english = Locale.objects.get_or_create(language_code="en")[0]
        workstream = Workstream.objects.create(name="Benchmark workstream", locale=english)
        area = ExpertiseArea.objects.create(workstream=workstream, name="Benchmark area", locale=english)
        centre = MemberCentre.objects.create(name="Benchmark Centre", city="Utrecht", country="NL", locale=english)
        email = f"bench-{clock.time_ns()}@bench.invalid"
        owner = get_user_model().objects.create_user(username=email, email=email)
        owner.groups.add(role_group(Role.MEMBER_CLINICIAN))
        ClinicianProfile.objects.create(user=owner, member_centre=centre)
        # The workspace requires a second factor: give the account one (the session below says it was used).
        Authenticator.objects.create(
            user=owner,
            type=Authenticator.Type.TOTP,
            data={"secret": get_mfa_adapter().encrypt(base64.b32encode(os.urandom(20)).decode())},
        )
        patient = enrol_patient(
            by=owner, full_name="Bench Patient", date_of_birth=datetime.date(1970, 1, 1), sex=Sex.FEMALE
        )
        case = Case.objects.create(
            patient=patient, owner=owner, expertise_area=area, title="Benchmark", icd10_code="Q64.1"
        )
        session = SessionStore()
        now = clock.time()
        session[SESSION_KEY] = str(owner.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = owner.get_session_auth_hash()
        session["account_authentication_methods"] = [
            {"method": "password", "at": now, "email": owner.email},
            {"method": "mfa", "at": now, "type": "totp"},
        ]
        session["account_authentication_methods_user"] = str(owner.pk)
        session.create()
        return case, session.session_key, _get_new_csrf_string()

    def _wait_for_worker(self, server, port):
        for _ in range(300):
            if server.poll() is not None:
                raise CommandError("gunicorn exited")
            workers = children(server.pid)
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    if workers:
                        return workers[0]
            except OSError:
                pass
            time.sleep(0.2)
        raise CommandError("gunicorn did not start")

    def _request(self, port, method, path, *, headers, body=None, expect):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1800)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
        finally:
            connection.close()
        if response.status != expect:
            location = response.getheader("Location", "")
            raise CommandError(f"{method} {path}: {response.status} {location} {payload[:500]!r}")
        return json.loads(payload) if response.getheader("Content-Type", "").startswith("application/json") else {}

    def _check_stored(self, case):
        from referrals.models import CaseDocument

        document = CaseDocument.objects.get(case=case)
        with document.file.open("rb") as handle:
            head = handle.read(64 * 1024)
        if SENTINEL.encode() in head or b"BENCH-0001" in head:
            raise CommandError("The stored DICOM still carries the patient's name.")
        self.stdout.write(
            f"stored: {document.get_file_type_display()}, {document.size} bytes, sha256 {document.sha256[:16]}…"
        )
