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


def tiny_pdf(text: str) -> bytes:
    """A small valid one-page PDF saying ``text`` (demo data and tests)."""
    safe = text.replace("\\", "").replace("(", "").replace(")", "")[:80]
    stream = f"BT /F1 14 Tf 72 720 Td ({safe}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
