"""Subtitles (.srt via ``srt``, .vtt via ``webvtt-py``): one line per cue, timings kept.

A cue becomes one line of text ("Speaker: words"); its timing and speaker live in its Segment.
"""

from __future__ import annotations

import datetime as dt
import io

import srt
import webvtt
from webvtt.errors import MalformedFileError

from intake.normalise import decode_utf8, normalise
from intake.readers._guard import parsing
from intake.record import Document, Segment
from keys.errors import InputFormatError

SRT_HINT = "check the cue numbers and 00:00:01,000 --> 00:00:02,000 timing lines"
VTT_HINT = "it must start with WEBVTT and have 00:00:01.000 --> 00:00:02.000 timing lines"


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.split("\n") if part.strip())


def read_srt(data: bytes, source: str) -> Document:
    from intake.readers import join_lines
    from intake.readers.plain import SPEAKER

    text = normalise(decode_utf8(data, source))
    with parsing(source, ".srt subtitle file", SRT_HINT):
        try:
            cues = list(srt.parse(text))
        except srt.SRTParseError:  # carries the unparsed text: never shown
            raise InputFormatError(f"{source}: not a valid .srt subtitle file", SRT_HINT) from None
        timed = [(cue.content, _srt_ms(cue.start), _srt_ms(cue.end)) for cue in cues]
    pairs = []
    for content, begin, end in timed:
        line = _one_line(content)
        match = SPEAKER.match(line)
        speaker = match["label"].strip() if match else None
        pairs.append((line, Segment(0, 0, speaker, begin, end)))
    return join_lines(pairs, "srt")


def _srt_ms(stamp: dt.timedelta) -> int:
    return (stamp.days * 86_400 + stamp.seconds) * 1000 + stamp.microseconds // 1000


def _ms(stamp: webvtt.models.Timestamp) -> int:
    return ((stamp.hours * 60 + stamp.minutes) * 60 + stamp.seconds) * 1000 + stamp.milliseconds


def read_vtt(data: bytes, source: str) -> Document:
    from intake.readers import join_lines

    text = normalise(decode_utf8(data, source))
    with parsing(source, ".vtt subtitle file", VTT_HINT):
        try:
            captions = webvtt.WebVTT.from_buffer(io.StringIO(text)).captions
        except MalformedFileError:
            raise InputFormatError(f"{source}: not a valid .vtt subtitle file", VTT_HINT) from None
        cues = [(str(c.text), c.voice, _ms(c.start_time), _ms(c.end_time)) for c in captions]
    pairs = []
    for content, voice, begin, end in cues:
        words = _one_line(content)
        line = f"{voice}: {words}" if voice else words
        pairs.append((line, Segment(0, 0, voice, begin, end)))
    return join_lines(pairs, "vtt")
