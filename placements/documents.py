"""What an uploaded file really is, read from its first bytes (never its name or declared type)."""

from __future__ import annotations

import zipfile
from typing import IO

# (extension, content type) by what the file's bytes say.
PDF = ("pdf", "application/pdf")
DOCX = ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
ODT = ("odt", "application/vnd.oasis.opendocument.text")
PNG = ("png", "image/png")
JPEG = ("jpg", "image/jpeg")

ACCEPTED = "PDF, Word (DOCX), OpenDocument text (ODT), PNG or JPEG"


def sniff(file: IO[bytes]) -> tuple[str, str] | None:
    """The accepted type the content is, or None; the file is rewound."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _office(file)
        return None
    finally:
        file.seek(0)


def _office(file: IO[bytes]) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT[1].encode():
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None
