"""Content sniffing and validation of uploaded clinical files.

Everything here decides by *content*: the client's file name and MIME type are
never trusted, the name is only checked for being safe and for not claiming a
different allowed type than the content really is. All checks stream the file
in bounded chunks so memory stays constant whatever the size (up to 2 GB).

Two entry points:

* :func:`sniff` looks at the first bytes while chunks are still arriving, so an
  oversize or plainly disallowed upload can be refused after the first chunk.
* :func:`detect_and_validate` does the full check on the complete file on disk.
"""

from __future__ import annotations

import codecs
import contextlib
import lzma
import os
import re
import stat
import struct
import tempfile
import unicodedata
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image

CHUNK_SIZE = 1024 * 1024

# Small members compress extremely well (XML, empty padding) and cannot blow up
# memory or disk, so the ratio test only looks at members at least this large.
ZIP_RATIO_MIN_MEMBER_SIZE = 1024 * 1024

# A central directory entry is 46 bytes plus name, extra field and comment;
# 4 KiB per allowed member is generous. Python's zipfile reads the whole
# directory into memory, so a lying "directory size" must be refused before.
ZIP_DIRECTORY_BYTES_PER_MEMBER = 4 * 1024

MAX_NAME_LENGTH = 255


class UploadRejected(ValidationError):
    """An upload that is refused, with a translated message a clinician understands.

    ``code`` is one of: "empty", "too_large", "type", "name", "mismatch",
    "markup", "zip_bomb", "zip_invalid", "dicom_invalid", "dicom_truncated",
    "macro", "infected", "scan_failed". The message is plain text; whoever
    renders it escapes it.
    """

    def __init__(self, message, code: str, params: dict | None = None):
        super().__init__(message, code=code, params=params)

    @property
    def user_message(self) -> str:
        """The message with its parameters filled in."""
        return self.messages[0]


@dataclass(frozen=True)
class DetectedType:
    """An allowed kind of file, as established from its content."""

    key: str
    content_type: str
    extension: str
    family: str  # "document" or "imaging": which size limit applies
    label: str


FILE_TYPES: dict[str, DetectedType] = {
    t.key: t
    for t in (
        DetectedType("pdf", "application/pdf", ".pdf", "document", _("PDF document")),
        DetectedType("jpeg", "image/jpeg", ".jpg", "document", _("JPEG image")),
        DetectedType("png", "image/png", ".png", "document", _("PNG image")),
        DetectedType("dicom", "application/dicom", ".dcm", "imaging", _("DICOM file")),
        DetectedType("dicom_zip", "application/zip", ".zip", "imaging", _("DICOM study (zip)")),
        DetectedType("text", "text/plain; charset=utf-8", ".txt", "document", _("plain text file")),
        DetectedType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".docx",
            "document",
            _("Word document (DOCX)"),
        ),
    )
}

#: What :func:`sniff` returns for any zip. Whether a zip is a DOCX (document
#: limit) or a DICOM study (imaging limit) is only known once the whole file is
#: there, so while chunks arrive a zip is held to the *largest* limit that could
#: apply ("imaging"); :func:`detect_and_validate` then applies the real one.
#: Its key "zip" is deliberately not in :data:`FILE_TYPES`: it is never a final
#: answer.
PROVISIONAL_ZIP = DetectedType("zip", "application/zip", ".zip", "imaging", _("zip archive"))

# What a client's extension claims. Unknown extensions claim nothing.
EXTENSION_CLAIMS = {
    ".pdf": "pdf",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".jpe": "jpeg",
    ".png": "png",
    ".dcm": "dicom",
    ".dicom": "dicom",
    ".zip": "dicom_zip",
    ".txt": "text",
    ".text": "text",
    ".log": "text",
    ".csv": "text",
    ".docx": "docx",
}

MISMATCH_MESSAGES = {
    "pdf": _("The file is called “%(name)s” but its content is not a PDF document."),
    "jpeg": _("The file is called “%(name)s” but its content is not a JPEG image."),
    "png": _("The file is called “%(name)s” but its content is not a PNG image."),
    "dicom": _("The file is called “%(name)s” but its content is not a DICOM file."),
    "dicom_zip": _("The file is called “%(name)s” but its content is not a zipped DICOM study."),
    "text": _("The file is called “%(name)s” but its content is not plain text."),
    "docx": _("The file is called “%(name)s” but its content is not a Word (DOCX) document."),
}

ALLOWED_TYPES_MESSAGE = _(
    "This type of file is not accepted. "
    "Upload a PDF, JPEG, PNG, DICOM file or zipped DICOM study, plain text or DOCX file."
)

# Compatibility of a claimed type with what the first bytes look like, used to
# report a mismatch before deeper checks give a less helpful reason.
_MAGIC_FOR_CLAIM = {
    "pdf": "pdf",
    "jpeg": "jpeg",
    "png": "png",
    "dicom": "dicom",
    "dicom_zip": "zip",
    "docx": "zip",
    "text": "other",
}

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
_ZIP_MAGIC = b"PK\x03\x04"
_MACHO_MAGICS = (
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)

# Archive signatures: a member starting with one of these is a nested archive.
ARCHIVE_MAGICS = (
    _ZIP_MAGIC,
    b"PK\x05\x06",
    b"PK\x07\x08",
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x28\xb5\x2f\xfd",  # zstd
    b"MSCF",  # cab
)
ARCHIVE_EXTENSIONS = {
    ".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".jar", ".cab", ".iso", ".dmg",
}  # fmt: skip

# Markup that browsers would render if they ever sniffed a text file. Checked
# at the start (after a BOM and whitespace), following the WHATWG MIME
# sniffing list plus SVG/XML and other active-content tags.
_LEADING_MARKUP = re.compile(
    r"<(?:!doctype|!--|\?xml|xsl:|"
    r"(?:html|head|body|script|iframe|frameset|frame|svg|math|object|embed|applet|style|title|meta|link|base|"
    r"form|img|h1|div|font|table|a|b|br|p)(?=[\s/>]|$))",
    re.IGNORECASE,
)
# The subset that is refused anywhere in a text file, not just at its start.
_ANYWHERE_MARKUP = re.compile(
    r"<(?:!doctype|\?xml|(?:html|body|script|iframe|frameset|svg|object|embed|applet)(?=[\s/>]|$))",
    re.IGNORECASE,
)
_MARKUP_LOOKBEHIND = 16  # longest token above, so a token split across chunks is still seen

_DRIVE_LETTER = re.compile(r"^[A-Za-z]:")
# Bidirectional overrides and isolates are how "invoice\u202efdp.exe" poses as a PDF.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}


# --------------------------------------------------------------------------- helpers


def _display_name(name: str) -> str:
    """A name safe to quote in a message: control characters made visible, long names shortened."""
    shown = "".join("\ufffd" if _is_control(ch) else ch for ch in name)
    return shown if len(shown) <= 80 else shown[:79] + "…"


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS


def format_size(num_bytes: int) -> str:
    """Human size in binary units labelled the usual way (100 MB, 2 GB)."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if num_bytes >= factor:
            value = f"{num_bytes / factor:.1f}".rstrip("0").rstrip(".")
            return f"{value} {unit}"
    return gettext("%(count)d bytes") % {"count": num_bytes}


def _label(key: str) -> str:
    return str(FILE_TYPES[key].label)


def _file_size(path: Path) -> int:
    return path.stat().st_size


def _read_head(path: Path, length: int = 8192) -> bytes:
    with path.open("rb") as fp:
        return fp.read(length)


def temporary_directory():
    """A private scratch directory next to Django's upload temp files, removed on exit."""
    return tempfile.TemporaryDirectory(prefix="upload-check-", dir=getattr(settings, "FILE_UPLOAD_TEMP_DIR", None))


# --------------------------------------------------------------------------- names and sizes


def validate_client_name(name: str) -> None:
    """Refuse client file names that try path tricks or hide their real extension.

    An empty name is allowed: some clients send none.
    """
    if not name:
        return
    reason = None
    if "/" in name or "\\" in name:
        reason = gettext("it must not contain folder separators (/ or \\).")
    elif ".." in name:
        reason = gettext("it must not contain “..”.")
    elif any(_is_control(ch) for ch in name):
        reason = gettext("it contains invisible control characters.")
    elif name.startswith("."):
        reason = gettext("it must not start with a dot.")
    elif len(name) > MAX_NAME_LENGTH:
        reason = gettext("it is longer than %(max)d characters.") % {"max": MAX_NAME_LENGTH}
    if reason:
        raise UploadRejected(
            gettext("The file name “%(name)s” is not allowed: %(reason)s Rename the file and try again."),
            code="name",
            params={"name": _display_name(name), "reason": reason},
        )


def size_limit(family: str) -> int:
    """The maximum size in bytes for a family of files ("document" or "imaging")."""
    if family == "document":
        return int(settings.CASE_DOCUMENT_MAX_SIZE)
    if family == "imaging":
        return int(settings.CASE_IMAGING_MAX_SIZE)
    raise ValueError(f"Unknown file family {family!r}")


def _check_size(size: int, detected: DetectedType) -> None:
    limit = size_limit(detected.family)
    if size > limit:
        raise UploadRejected(
            gettext("The file is too large (%(size)s). The limit for this type of file (%(label)s) is %(limit)s."),
            code="too_large",
            params={"size": format_size(size), "limit": format_size(limit), "label": str(detected.label)},
        )


def _check_overall_size(size: int) -> None:
    limit = max(size_limit("document"), size_limit("imaging"))
    if size > limit:
        raise UploadRejected(
            gettext("The file is too large (%(size)s). The largest file accepted is %(limit)s."),
            code="too_large",
            params={"size": format_size(size), "limit": format_size(limit)},
        )


# --------------------------------------------------------------------------- sniffing


def _magic_kind(head: bytes) -> str:
    """What the first bytes are: pdf, jpeg, png, dicom, zip, executable or other."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_JPEG_MAGIC):
        return "jpeg"
    if head.startswith(_PNG_MAGIC):
        return "png"
    if len(head) >= 132 and head[128:132] == b"DICM":
        return "dicom"
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    if _looks_executable(head):
        return "executable"
    return "other"


def _looks_executable(head: bytes) -> bool:
    # A DOS/PE header always has NUL bytes in its first fields; requiring one
    # keeps a clinical note that starts "MZ twins ..." from being called a program.
    if head.startswith(b"MZ") and b"\x00" in head[:64]:
        return True
    return head.startswith((b"\x7fELF", b"#!", *_MACHO_MAGICS))


def _strip_for_markup(text: str) -> str:
    return text.lstrip("\ufeff").lstrip()


def looks_like_markup(text: str) -> bool:
    """Whether text starts like HTML/SVG/XML (after an optional BOM and whitespace)."""
    return bool(_LEADING_MARKUP.match(_strip_for_markup(text)))


def sniff(head: bytes) -> DetectedType | None:
    """Guess the type from the first bytes of an upload (give at least 132 bytes when there are).

    Returns the allowed type the bytes look like, :data:`PROVISIONAL_ZIP` for
    any zip (DOCX and DICOM studies are both zips; the provisional answer uses
    the larger "imaging" limit until the whole file can be inspected), or
    ``None`` for anything not on the allow-list: executables, HTML, SVG, XML
    and other markup, binary junk, text that is not UTF-8.
    """
    kind = _magic_kind(head)
    if kind in ("pdf", "jpeg", "png", "dicom"):
        return FILE_TYPES[kind]
    if kind == "zip":
        return PROVISIONAL_ZIP
    if kind == "executable" or not head or b"\x00" in head:
        return None
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        # final=False: the head may end in the middle of a multi-byte character.
        text = decoder.decode(head, final=False)
    except UnicodeDecodeError:
        return None
    if looks_like_markup(text):
        return None
    return FILE_TYPES["text"]


def refusal_for_head(head: bytes) -> UploadRejected:
    """The clearest reason to give for first bytes that :func:`sniff` did not accept."""
    if _magic_kind(head) == "executable":
        return UploadRejected(
            gettext("The file is a program or a script, which is not accepted. ") + str(ALLOWED_TYPES_MESSAGE),
            code="type",
        )
    try:
        text = codecs.getincrementaldecoder("utf-8")(errors="strict").decode(head, final=False)
    except UnicodeDecodeError:
        text = ""
    if b"\x00" not in head and looks_like_markup(text):
        try:
            _raise_markup()
        except UploadRejected as error:
            return error
    return UploadRejected(str(ALLOWED_TYPES_MESSAGE), code="type")


# --------------------------------------------------------------------------- full validation


def detect_and_validate(path, *, client_name: str = "") -> DetectedType:
    """Establish the type of a complete upload by its content and check it is safe to keep.

    Raises :class:`UploadRejected` with a clear message and code otherwise.
    """
    validate_client_name(client_name)
    path = Path(path)
    size = _file_size(path)
    if size == 0:
        raise UploadRejected(gettext("The file is empty."), code="empty")
    _check_overall_size(size)

    claimed = EXTENSION_CLAIMS.get(os.path.splitext(client_name)[1].lower()) if client_name else None
    head = _read_head(path)
    kind = _magic_kind(head)
    if claimed and _MAGIC_FOR_CLAIM[claimed] != kind:
        _raise_mismatch(claimed, client_name)

    if kind in ("pdf", "jpeg", "png"):
        detected = FILE_TYPES[kind]
        _check_size(size, detected)
        if kind != "pdf":
            verify_image(path, kind)
    elif kind == "dicom":
        from . import dicom  # imported here: dicom.py imports this module

        detected = FILE_TYPES["dicom"]
        _check_size(size, detected)
        dicom.validate_dicom_file(path)
    elif kind == "zip":
        detected = _validate_zip(path)
        _check_size(size, detected)
    elif kind == "executable":
        raise UploadRejected(ALLOWED_TYPES_MESSAGE, code="type")
    else:
        detected = FILE_TYPES["text"]
        _check_size(size, detected)
        _validate_text(path)

    if claimed and claimed != detected.key:
        _raise_mismatch(claimed, client_name)
    return detected


def _raise_mismatch(claimed: str, client_name: str):
    raise UploadRejected(MISMATCH_MESSAGES[claimed], code="mismatch", params={"name": _display_name(client_name)})


# --------------------------------------------------------------------------- images


def verify_image(path: Path, kind: str) -> tuple[int, int]:
    """Check a JPEG or PNG really decodes; return its (width, height).

    ``verify()`` catches broken PNG chunks but not a cut-off JPEG, so a JPEG is
    also decoded at 1/8 scale (libjpeg still reads every byte, memory stays small).
    """
    expected = "JPEG" if kind == "jpeg" else "PNG"
    broken = UploadRejected(
        gettext("The %(label)s could not be read. It may be damaged or incomplete."),
        code="type",
        params={"label": _label(kind)},
    )
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; both are refused.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=[expected]) as image:
                size = image.size
                image.verify()
            if kind == "jpeg":
                with Image.open(path, formats=[expected]) as image:
                    image.draft(None, (1, 1))
                    image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UploadRejected(
            gettext("The image has too many pixels to be processed safely. Reduce its resolution and try again."),
            code="too_large",
        ) from exc
    except (OSError, SyntaxError, ValueError, struct.error, EOFError) as exc:
        raise broken from exc
    return size


# --------------------------------------------------------------------------- text


def _validate_text(path: Path) -> None:
    """Strict UTF-8, no NUL bytes and no markup, decoded incrementally in chunks."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    not_text = UploadRejected(ALLOWED_TYPES_MESSAGE, code="type")
    tail = ""
    started = False  # leading markup is judged on the first non-blank text, however far in
    with path.open("rb") as fp:
        while True:
            chunk = fp.read(CHUNK_SIZE)
            if b"\x00" in chunk:
                raise not_text
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                raise not_text from exc
            if not started and _strip_for_markup(text):
                started = True
                if looks_like_markup(text):
                    _raise_markup()
            window = tail + text
            if _ANYWHERE_MARKUP.search(window):
                _raise_markup()
            tail = window[-_MARKUP_LOOKBEHIND:]
            if not chunk:
                return


def _raise_markup():
    raise UploadRejected(
        gettext(
            "The file contains web page or script code (HTML, SVG or XML), which is not accepted. "
            "Save it as a PDF or as plain text and upload that."
        ),
        code="markup",
    )


# --------------------------------------------------------------------------- zips


class GuardedMemberReader:
    """Reads one zip member and refuses to hand out more bytes than the directory declared.

    Python's zipfile already stops at the declared size, but the size limits
    and ratio checks are only as good as that promise, so it is enforced here
    too, independently of the zip implementation underneath.
    """

    def __init__(self, raw, declared_size: int, name: str):
        self._raw = raw
        self._declared = declared_size
        self._name = name
        self.count = 0

    def read(self, n: int) -> bytes:
        if n is None or n < 0:
            raise ValueError("read() needs an explicit size")
        data = self._raw.read(n)
        self.count += len(data)
        if self.count > self._declared:
            raise UploadRejected(
                gettext("The zip file “%(member)s” unpacks to more data than its index says. It was refused."),
                code="zip_bomb",
                params={"member": _display_name(self._name)},
            )
        return data


@contextlib.contextmanager
def open_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    """Open a member for reading behind :class:`GuardedMemberReader`; zip damage becomes "zip_invalid"."""
    try:
        with archive.open(info) as raw:
            yield GuardedMemberReader(raw, info.file_size, info.filename)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        lzma.LZMAError,
        EOFError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        raise zip_damaged() from exc


def zip_damaged() -> UploadRejected:
    return UploadRejected(
        gettext("The zip file is damaged or incomplete and could not be unpacked. Create it again and upload it."),
        code="zip_invalid",
    )


def drain(reader: GuardedMemberReader) -> None:
    """Read a member to its end, which makes zipfile check its CRC."""
    while reader.read(CHUNK_SIZE):
        pass


def is_os_junk(name: str) -> bool:
    """Files operating systems add to zips by themselves; ignored, never kept."""
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    if not parts:
        return False
    base = parts[-1].lower()
    return "__MACOSX" in parts or base in {".ds_store", "thumbs.db", "desktop.ini"} or base.startswith("._")


def is_dicomdir_name(name: str) -> bool:
    return name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1].upper() == "DICOMDIR"


def _zip_directory_size(path: Path, size: int) -> tuple[int, int]:
    """(number of entries, central directory size) from the end record, before zipfile reads anything."""
    with path.open("rb") as fp:
        tail_length = min(size, 22 + 65535)
        fp.seek(size - tail_length)
        tail = fp.read(tail_length)
        index = tail.rfind(b"PK\x05\x06")
        if index < 0 or len(tail) - index < 22:
            raise zip_damaged()
        entries, directory_size, directory_offset = struct.unpack("<10xHLL", tail[index : index + 20])
        if entries == 0xFFFF or directory_size == 0xFFFFFFFF or directory_offset == 0xFFFFFFFF:
            locator = tail[index - 20 : index] if index >= 20 else b""
            if not locator.startswith(b"PK\x06\x07"):
                raise zip_damaged()
            (record_offset,) = struct.unpack("<8xQ4x", locator)
            if record_offset > size - 56:
                raise zip_damaged()
            fp.seek(record_offset)
            record = fp.read(56)
            if not record.startswith(b"PK\x06\x06"):
                raise zip_damaged()
            entries, directory_size = struct.unpack("<QQ", record[32:48])
        return entries, directory_size


def _zip_bomb(message, **params) -> UploadRejected:
    return UploadRejected(message, code="zip_bomb", params=params or None)


def _zip_invalid(message, **params) -> UploadRejected:
    return UploadRejected(message, code="zip_invalid", params=params or None)


def check_zip_structure(path: Path, archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """Apply the archive-level rules; return the members (directories included)."""
    max_members = int(settings.CASE_ZIP_MAX_MEMBERS)
    infos = archive.infolist()
    if len(infos) > max_members:
        raise _zip_bomb(
            gettext("The zip file contains more than %(max)d files, which is more than we accept."), max=max_members
        )
    seen = set()
    total = 0
    max_ratio = int(settings.CASE_ZIP_MAX_RATIO)
    for info in infos:
        name = info.filename
        shown = _display_name(name)
        normalized = name.replace("\\", "/")
        parts = normalized.split("/")
        if normalized.startswith("/") or _DRIVE_LETTER.match(normalized) or ".." in parts:
            raise _zip_invalid(
                gettext("The zip file contains “%(member)s”, whose path points outside the archive. It was refused."),
                member=shown,
            )
        if any(_is_control(ch) for ch in name):
            raise _zip_invalid(
                gettext("The zip file contains a file name with control characters (“%(member)s”)."), member=shown
            )
        if normalized in seen:
            raise _zip_invalid(gettext("The zip file contains “%(member)s” more than once."), member=shown)
        seen.add(normalized)
        if info.flag_bits & 0x41:  # bit 0: encrypted, bit 6: strong encryption
            raise _zip_invalid(
                gettext("The zip file contains encrypted files (“%(member)s”). Upload it without a password."),
                member=shown,
            )
        if info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16):
            raise _zip_invalid(
                gettext("The zip file contains a link (“%(member)s”) instead of a file. It was refused."),
                member=shown,
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
            raise _zip_invalid(
                gettext("The zip file uses a compression method we cannot unpack. Create it with standard zip."),
            )
        total += info.file_size
        if info.file_size >= ZIP_RATIO_MIN_MEMBER_SIZE and info.file_size > max_ratio * max(info.compress_size, 1):
            raise _zip_bomb(
                gettext(
                    "The zip file contains “%(member)s”, which would unpack to more than %(ratio)d times its "
                    "compressed size. Such files are refused to protect the service."
                ),
                member=shown,
                ratio=max_ratio,
            )
        if not info.is_dir() and not is_os_junk(name) and os.path.splitext(normalized)[1].lower() in ARCHIVE_EXTENSIONS:
            raise _nested_archive(name)
    max_total = int(settings.CASE_ZIP_MAX_UNCOMPRESSED_SIZE)
    if total > max_total:
        raise _zip_bomb(
            gettext("The zip file would unpack to %(size)s, more than the %(limit)s we accept."),
            size=format_size(total),
            limit=format_size(max_total),
        )
    return infos


def _nested_archive(name: str) -> UploadRejected:
    return _zip_invalid(
        gettext(
            "The zip file contains another archive (“%(member)s”). Unpack it and upload its files in a single zip."
        ),
        member=_display_name(name),
    )


def open_checked_zip(path: Path) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """Open a zip after the pre-checks that protect zipfile itself; caller closes it."""
    entries, directory_size = _zip_directory_size(path, _file_size(path))
    max_members = int(settings.CASE_ZIP_MAX_MEMBERS)
    if entries > max_members:
        raise _zip_bomb(
            gettext("The zip file contains more than %(max)d files, which is more than we accept."), max=max_members
        )
    if directory_size > max(CHUNK_SIZE, max_members * ZIP_DIRECTORY_BYTES_PER_MEMBER):
        raise _zip_bomb(gettext("The zip file has an oversized index and was refused."))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise zip_damaged() from exc
    try:
        infos = check_zip_structure(path, archive)
    except BaseException:
        archive.close()
        raise
    return archive, infos


def _validate_zip(path: Path) -> DetectedType:
    archive, infos = open_checked_zip(path)
    with archive:
        names = {info.filename.lower() for info in infos}
        if "[content_types].xml" in names and "word/document.xml" in names:
            _validate_docx(archive, infos)
            return FILE_TYPES["docx"]
        from . import dicom  # imported here: dicom.py imports this module

        dicom.validate_dicom_zip(archive, infos)
        return FILE_TYPES["dicom_zip"]


def _validate_docx(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    macro = UploadRejected(
        gettext(
            "The Word document contains macros or other active content, which is not accepted. "
            "Save it as a normal .docx document (without macros) and upload that."
        ),
        code="macro",
    )
    for info in infos:
        if info.is_dir():
            continue
        lowered = info.filename.lower()
        base = lowered.rsplit("/", 1)[-1]
        if base in {"vbaproject.bin", "vbadata.xml"} or lowered.startswith("word/activex/"):
            raise macro
    for info in infos:
        if info.is_dir():
            continue
        with open_member(archive, info) as reader:
            head = reader.read(8)
            if head.startswith(ARCHIVE_MAGICS):
                raise _zip_invalid(
                    gettext(
                        "The Word document contains an embedded file or archive (“%(member)s”), which cannot be "
                        "checked. Remove embedded objects and upload it again."
                    ),
                    member=_display_name(info.filename),
                )
            if info.filename.lower() == "[content_types].xml":
                content_types = bytearray(head)
                while chunk := reader.read(CHUNK_SIZE):
                    content_types += chunk
                    if len(content_types) > CHUNK_SIZE:
                        raise zip_damaged()
                lowered_types = bytes(content_types).lower()
                if b"macroenabled" in lowered_types or b"vbaproject" in lowered_types:
                    raise macro
            else:
                drain(reader)
