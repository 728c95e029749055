"""Uploaded documents (evidence, signed decisions): validated on the way in, and served
only through permission-checked views, always as a download, never rendered as HTML."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

# Extension -> (content type, file signatures it may start with).
ALLOWED_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
}


def validate_document(upload) -> None:
    """Refuse files that are too large, of another type, or not what their name claims."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB."),
            code="file_too_large",
            params={"size": round(upload.size / 1_000_000, 1), "limit": limit // 1_000_000},
        )
    extension = Path(upload.name).suffix.lower()
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("This file type is not accepted. Allowed: %(allowed)s."),
            code="file_type",
            params={"allowed": ", ".join(sorted(ALLOWED_TYPES))},
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(ALLOWED_TYPES[extension][1]):
        raise ValidationError(
            _("The content of this file does not match its extension %(extension)s."),
            code="file_content",
            params={"extension": extension},
        )


def document_response(field_file, download_name: str) -> FileResponse:
    """Send a stored document as an attachment with its known, safe content type."""
    extension = Path(field_file.name).suffix.lower()
    content_type = ALLOWED_TYPES.get(extension, ("application/octet-stream",))[0]
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=download_name,
        content_type=content_type,
    )
    # Even if a browser tried to render it, it could run nothing.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


class LimitedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: stops reading an upload once the request has brought
    more than REQUEST_MAX_BYTES, also when it declared no length (chunked transfer), so a
    hostile client cannot fill the disk with temporary files."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.REQUEST_MAX_BYTES:
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None
