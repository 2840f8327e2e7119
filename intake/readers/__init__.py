"""Source readers: one module per format, chosen by file suffix.

Every reader takes the file's bytes and returns a :class:`~intake.record.Document` whose text is
normalised (UTF-8, NFC, ``\\n``). Refusals are InputFormatErrors naming the file, never its content.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from intake.normalise import has_visible, normalise
from intake.readers import docx, odt, plain, subtitles
from intake.readers._files import read_bounded
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
    """Read ``path``: its original bytes (for the custody hash) and the normalised document.

    Only a regular file is read (no link, pipe, device or folder), and never more than
    ``MAX_SOURCE_BYTES + 1`` bytes of it, whatever its size claims.
    """
    reader = reader_for(path)
    data = read_bounded(
        path, MAX_SOURCE_BYTES, "split it into several files, or add audio and video with --attach"
    )
    return data, parse(data, str(path), reader)


def parse(
    data: bytes, source: str, reader: Callable[[bytes, str], Document] | None = None
) -> Document:
    """The document in ``data`` (named ``source``); refused when no character of it is visible."""
    if reader is None:
        reader = reader_for(Path(source))
    if not data.strip():
        raise InputFormatError(f"{source}: the file is empty", "check that it is the right file")
    document = reader(data, source)
    if not has_visible(document.text):
        raise InputFormatError(
            f"{source}: no visible text in the file (only spaces, invisible or format characters)",
            "check that it is the right file",
        )
    return document


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
    "parse",
    "read",
    "read_source",
    "reader_for",
]
