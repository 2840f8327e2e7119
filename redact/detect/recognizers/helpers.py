"""What several recognizers share: word lists as data, "longest wins" overlap resolution, and the
partial-name readings of a text (every capitalised word that reads as a surname or given name
alone), computed once per text however many recognizers look for lone names."""

from __future__ import annotations

import functools

from redact.detect.recognizers.base import Finding
from redact.text.variants import find_mentions


def words(block: str) -> frozenset[str]:
    """The whitespace-separated words of a data block."""
    return frozenset(block.split())


def resolve(found: list[Finding]) -> list[Finding]:
    """Drop findings overlapping a longer one (ties: higher score first)."""
    ordered = sorted(found, key=lambda f: (-(f.end - f.start), -f.score, f.start))
    kept: list[Finding] = []
    for f in ordered:
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


class _EveryKey(dict[str, str]):
    """A ``wanted`` table for :func:`find_mentions` that wants every partial key, reported as is."""

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str) -> str:
        return key


@functools.lru_cache(maxsize=4)
def _readings(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(find_mentions(text, _EveryKey()))


def lone_mentions(text: str, wanted: dict[str, str]) -> list[tuple[int, int, str]]:
    """:func:`find_mentions` (capitalised words of ``text`` that are a surname or given name
    alone of a name in ``wanted``, with the key to report), reading each text's words once for
    all the recognizers that ask (kept in memory for the last few texts, never on disk)."""
    if not wanted:
        return []
    return [(start, end, wanted[key]) for start, end, key in _readings(text) if key in wanted]
