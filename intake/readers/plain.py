"""Plain text and Markdown: the text itself; speaker turns from ``LABEL:`` at line starts."""

from __future__ import annotations

import re

from intake.normalise import decode_utf8, normalise
from intake.record import Document, Segment

# "Q:", "A:", "INTERVIEWER:", "Witness (through interpreter):", Markdown "**Q:**" at a line start
SPEAKER = re.compile(
    r"^(?:\*\*)?(?P<label>[^\W\d_][\w .'()-]{0,40}?)(?::\*\*|\*\*:|:)\s", re.MULTILINE
)


def speaker_segments(text: str) -> tuple[Segment, ...]:
    """One segment per speaker turn, from one label to the next."""
    matches = list(SPEAKER.finditer(text))
    ends = [m.start() for m in matches[1:]] + ([len(text)] if matches else [])
    return tuple(
        Segment(match.start(), end, match["label"].strip())
        for match, end in zip(matches, ends, strict=True)
    )


def read(data: bytes, source: str) -> Document:
    text = normalise(decode_utf8(data, source))
    fmt = "md" if source.lower().endswith(".md") else "txt"
    return Document(text, speaker_segments(text), fmt)
