"""Validation, de-identification and previews of uploaded clinical files (no models, no views).

The upload service writes the received chunks to a temporary file and calls
:func:`process_upload`; while chunks arrive it may call :func:`sniff` on the
first bytes to refuse oversize or disallowed files early. Everything streams:
memory use does not depend on the file size.
"""

from .detect import (
    FILE_TYPES,
    PROVISIONAL_ZIP,
    DetectedType,
    UploadRejected,
    detect_and_validate,
    format_size,
    refusal_for_head,
    size_limit,
    sniff,
    validate_client_name,
)
from .pipeline import ProcessedFile, process_upload
from .scanning import ClamdScanner, NoScanner, ScanError, ScanResult, VirusScanner, get_scanner

__all__ = [
    "FILE_TYPES",
    "PROVISIONAL_ZIP",
    "ClamdScanner",
    "DetectedType",
    "NoScanner",
    "ProcessedFile",
    "ScanError",
    "ScanResult",
    "UploadRejected",
    "VirusScanner",
    "detect_and_validate",
    "format_size",
    "refusal_for_head",
    "get_scanner",
    "process_upload",
    "size_limit",
    "sniff",
    "validate_client_name",
]
