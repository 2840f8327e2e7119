"""Source readers: one module per format, chosen by file suffix.

Every reader takes the file's bytes and returns a :class:`~intake.record.Document` whose text is
normalised (UTF-8, NFC, ``\\n``). Refusals are InputFormatErrors naming the file, never its content.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from intake.normalise import normalise
from intake.readers import docx, odt, plain, subtitles
from intake.record import Document, Segment
from keys.errors import InputFormatError

MAX_SOURCE_BYTES = 64 * 1024 * 1024  # a transcript is text; 64 MiB is far beyond any interview

_READERS: dict[str, Callable[[bytes, str], Document]] = {
    ".txt": plain.read,
    ".md": plain.read,
    ".docx": docx.read,
    ".odt": odt.read,
    ".srt": subtitles.read_srt,
    ".vtt": subtitles.read_vtt,
}
SUPPORTED = tuple(_READERS)


def reader_for(path: Path) -> Callable[[bytes, str], Document]:
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise InputFormatError(
            f"{path}: unsupported format '{path.suffix or '(no suffix)'}'",
            "supported: " + " ".join(SUPPORTED) + "; save the transcript in one of them",
        )
    return reader


def read_source(path: Path) -> tuple[bytes, Document]:
    """Read ``path``: its original bytes (for the custody hash) and the normalised document."""
    reader = reader_for(path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise InputFormatError(
                f"{path}: too large for a transcript ({size // (1024 * 1024)} MiB, "
                f"limit {MAX_SOURCE_BYTES // (1024 * 1024)} MiB)",
                "split it into several files, or add audio and video with --attach",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputFormatError(f"{path}: no such file", "check the path") from None
    except IsADirectoryError:
        raise InputFormatError(
            f"{path}: is a folder", "give the transcript files themselves"
        ) from None
    except PermissionError:
        raise InputFormatError(
            f"{path}: permission denied", "check the file's permissions"
        ) from None
    if not data.strip():
        raise InputFormatError(f"{path}: the file is empty", "check that it is the right file")
    document = reader(data, str(path))
    if not document.text.strip():
        raise InputFormatError(
            f"{path}: no text found in the file", "check that it is the right file"
        )
    return data, document


def read(path: Path) -> Document:
    return read_source(path)[1]


def join_lines(lines: list[tuple[str, Segment]], source_format: str) -> Document:
    """Join (line, segment-without-offsets) pairs with ``\\n`` and fill in the offsets."""
    parts: list[str] = []
    segments: list[Segment] = []
    position = 0
    for line, seg in lines:
        line = normalise(line)
        segments.append(
            Segment(position, position + len(line), seg.speaker, seg.begin_ms, seg.end_ms)
        )
        parts.append(line)
        position += len(line) + 1
    return Document("\n".join(parts), tuple(segments), source_format)


def paragraphs(lines: list[str], source_format: str) -> Document:
    """Paragraphs joined with ``\\n``; a paragraph starting "LABEL:" is that speaker's turn."""
    from intake.readers.plain import SPEAKER

    pairs = []
    for line in lines:
        match = SPEAKER.match(line)
        pairs.append((line, Segment(0, 0, match["label"].strip() if match else None)))
    return join_lines(pairs, source_format)


__all__ = [
    "MAX_SOURCE_BYTES",
    "SUPPORTED",
    "join_lines",
    "paragraphs",
    "read",
    "read_source",
    "reader_for",
]
