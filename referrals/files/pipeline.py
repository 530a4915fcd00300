"""The one call the upload service makes for a received file: validate, scan, de-identify, preview.

The caller has written the upload to a temporary file and made a working
directory it will delete afterwards. :func:`process_upload` never keeps an
original DICOM, JPEG or PNG: imaging is always de-identified, and photographs
stripped of their metadata, into a NEW file inside ``workdir``, and that copy
is what the caller stores.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext

from . import dicom, image_metadata, previews
from .detect import CHUNK_SIZE, DetectedType, UploadRejected, detect_and_validate
from .scanning import ScanError, ScanResult, get_scanner

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProcessedFile:
    path: Path  # the file to keep: the de-identified copy for DICOM, JPEG and PNG, the original otherwise
    detected: DetectedType
    sha256: str  # of path, computed streaming
    size: int  # of path
    preview_path: Path | None  # PNG, at most 1024 px on the long side
    metadata: dict  # non-identifying, JSON-serialisable facts
    scan: ScanResult


def _new_path(workdir: Path, stem: str, suffix: str) -> Path:
    # Random names, so a caller reusing a workdir never overwrites an earlier
    # result; the writers open with "x" and would refuse an existing file.
    return workdir / f"{stem}-{secrets.token_hex(8)}{suffix}"


def _preview(make, *args, out_path: Path) -> Path | None:
    """Run a preview maker; previews are best effort, so a failure just means no preview."""
    result = make(*args, out_path)
    if result is None:
        out_path.unlink(missing_ok=True)  # a writer may have left a partial file
    return result


def _digest(path: Path) -> tuple[str, int]:
    sha = hashlib.sha256()
    size = 0
    with path.open("rb") as fp:
        while chunk := fp.read(CHUNK_SIZE):
            sha.update(chunk)
            size += len(chunk)
    return sha.hexdigest(), size


def _scan(path: Path) -> ScanResult:
    try:
        result = get_scanner().scan(path)
    except (ScanError, OSError) as exc:
        logger.warning("Virus scan failed, upload refused: %s", exc)
        raise UploadRejected(
            gettext("The file could not be checked for viruses just now, so it was not accepted. Try again later."),
            code="scan_failed",
        ) from exc
    if not result.clean:
        logger.warning("Upload refused, virus scanner found %s", result.signature)
        raise UploadRejected(
            gettext("The virus scanner found a threat in this file (%(signature)s). It was not accepted."),
            code="infected",
            params={"signature": result.signature or gettext("unknown")},
        )
    return result


def process_upload(path, *, client_name: str = "", workdir, pseudonym: str) -> ProcessedFile:
    """Validate by content, virus-scan (fail closed), de-identify imaging, make a preview.

    ``pseudonym`` (the patient's portal pseudonym, e.g. "EUG-7F3K-92") becomes
    PatientName and PatientID of de-identified DICOM so the panel's viewer
    groups the study; nothing else identifying is kept.
    Raises :class:`UploadRejected` for anything that must not be stored.
    """
    path = Path(path)
    workdir = Path(workdir)
    detected = detect_and_validate(path, client_name=client_name)
    scan = _scan(path)

    created: list[Path] = []
    try:
        kept = path
        metadata: dict = {}
        preview_path = None
        preview_target = _new_path(workdir, "preview", ".png")
        created.append(preview_target)
        if detected.key == "dicom":
            kept = _new_path(workdir, "deidentified", ".dcm")
            created.append(kept)
            summary = dicom.deidentify_dicom_file(path, kept, pseudonym=pseudonym)
            metadata = dicom.study_metadata([summary])
            if summary.has_pixels:
                preview_path = _preview(dicom.make_dicom_preview, kept, out_path=preview_target)
        elif detected.key == "dicom_zip":
            kept = _new_path(workdir, "deidentified", ".zip")
            created.append(kept)
            study = dicom.deidentify_dicom_zip(path, kept, pseudonym=pseudonym)
            metadata = dicom.study_metadata([summary for _, summary in study.instances])
            preview_path = _preview(
                lambda zip_path, out: dicom.make_study_preview(zip_path, study, out, workdir),
                kept,
                out_path=preview_target,
            )
        elif detected.key in ("jpeg", "png"):
            # Like DICOM, a photograph is kept only as a copy without its metadata (GPS, dates, names).
            kept = _new_path(workdir, "deidentified", detected.extension)
            created.append(kept)
            removed = image_metadata.strip_image_metadata(detected.key, path, kept)
            width, height = previews.image_dimensions(kept)
            metadata = {"width": width, "height": height, "metadata_removed": removed}
            preview_path = _preview(previews.make_image_preview, kept, out_path=preview_target)
        sha256, size = _digest(kept)
    except BaseException:
        for created_path in created:
            created_path.unlink(missing_ok=True)
        raise
    return ProcessedFile(
        path=kept,
        detected=detected,
        sha256=sha256,
        size=size,
        preview_path=preview_path,
        metadata=metadata,
        scan=scan,
    )
