"""Subtitles (.srt via ``srt``, .vtt via ``webvtt-py``): one line per cue, timings kept.

A cue becomes one line of text ("Speaker: words"); its timing and speaker live in its Segment.
"""

from __future__ import annotations

import io

import srt
import webvtt
from webvtt.errors import MalformedFileError

from intake.normalise import decode_utf8, normalise
from intake.record import Document, Segment
from keys.errors import InputFormatError


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.split("\n") if part.strip())


def read_srt(data: bytes, source: str) -> Document:
    from intake.readers import join_lines
    from intake.readers.plain import SPEAKER

    text = normalise(decode_utf8(data, source))
    try:
        cues = list(srt.parse(text))
    except srt.SRTParseError:
        raise InputFormatError(
            f"{source}: not a valid .srt subtitle file",
            "check the cue numbers and 00:00:01,000 --> 00:00:02,000 timing lines",
        ) from None
    pairs = []
    for cue in cues:
        line = _one_line(cue.content)
        match = SPEAKER.match(line)
        speaker = match["label"].strip() if match else None
        begin = int(cue.start.total_seconds() * 1000)
        end = int(cue.end.total_seconds() * 1000)
        pairs.append((line, Segment(0, 0, speaker, begin, end)))
    return join_lines(pairs, "srt")


def _ms(stamp: webvtt.models.Timestamp) -> int:
    return ((stamp.hours * 60 + stamp.minutes) * 60 + stamp.seconds) * 1000 + stamp.milliseconds


def read_vtt(data: bytes, source: str) -> Document:
    from intake.readers import join_lines

    text = normalise(decode_utf8(data, source))
    try:
        captions = webvtt.WebVTT.from_buffer(io.StringIO(text)).captions
    except (MalformedFileError, ValueError, IndexError):
        raise InputFormatError(
            f"{source}: not a valid .vtt subtitle file",
            "it must start with WEBVTT and have 00:00:01.000 --> 00:00:02.000 timing lines",
        ) from None
    pairs = []
    for caption in captions:
        words = _one_line(caption.text)
        line = f"{caption.voice}: {words}" if caption.voice else words
        pairs.append(
            (line, Segment(0, 0, caption.voice, _ms(caption.start_time), _ms(caption.end_time)))
        )
    return join_lines(pairs, "vtt")
