"""Guard for zip-based formats (.docx, .odt): refuse corrupt archives and zip bombs early."""

from __future__ import annotations

import io
import zipfile

from keys.errors import InputFormatError

MAX_UNPACKED_BYTES = 256 * 1024 * 1024


def check_archive(data: bytes, source: str, kind: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception:  # hostile bytes: BadZipFile, NotImplementedError (version), struct.error...
        raise InputFormatError(
            f"{source}: not a valid {kind} file (damaged or not a zip archive)",
            f"open it in a word processor and save it again as {kind}",
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputFormatError(
            f"{source}: unpacks to {unpacked // (1024 * 1024)} MiB, too large for a transcript",
            "save the text alone as .txt and add media with --attach",
        )
