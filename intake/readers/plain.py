"""Plain text and Markdown: the text itself; speaker turns from ``LABEL:`` at line starts."""

from __future__ import annotations

import re

from intake.normalise import decode_utf8, normalise
from intake.record import Document, Segment

# "Q:", "A:", "INTERVIEWER:", "Witness (through interpreter):" at the start of a line
SPEAKER = re.compile(r"^(?P<label>[^\W\d][\w .'()-]{0,40}?):\s", re.MULTILINE)


def speaker_segments(text: str) -> tuple[Segment, ...]:
    """One segment per speaker turn, from one label to the next."""
    matches = list(SPEAKER.finditer(text))
    segments = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(text)
        segments.append(Segment(match.start(), end, match["label"].strip()))
    return tuple(segments)


def read(data: bytes, source: str) -> Document:
    text = normalise(decode_utf8(data, source))
    fmt = "md" if source.lower().endswith(".md") else "txt"
    return Document(text, speaker_segments(text), fmt)
