"""What several recognizers share: word lists as data, "longest wins" overlap resolution, name
keys remembered (:func:`name_key`), and the partial-name readings of a text (every capitalised
word that reads as a surname or given name alone), computed once per text however many
recognizers look for lone names."""

from __future__ import annotations

import functools
import re

from redact.detect.recognizers.base import Finding
from redact.text import variants


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


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """:func:`redact.text.variants.name_key`, remembered: the same words recur in every record
    (kept in this process's memory only, never on disk)."""
    return variants.name_key(text)


# The capitalised words a lone surname or given name can be, as variants.find_mentions reads
# them (tests/test_name_families.py checks that the two agree).
_CANDIDATE = re.compile(r"(?<![\w'\u2019-])[A-ZŎŬ][\w'\u2019]*(?:-[\w'\u2019]+)*")
_NEVER_ALONE = words("i o u a in no on an so go do to he me we be")


@functools.lru_cache(maxsize=4)
def _readings(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, partial key) of every capitalised word of ``text`` that reads as a surname or
    a given name alone, possessive 's left out."""
    found: list[tuple[int, int, str]] = []
    for match in _CANDIDATE.finditer(text):
        start, end = match.span()
        word = match.group()
        if word[-2:] in ("'s", "\u2019s"):
            word, end = word[:-2], end - 2
        if word.lower() in _NEVER_ALONE:
            continue
        key = name_key(word)
        if "|" in key:
            found.append((start, end, key))
    return tuple(found)


def lone_mentions(text: str, wanted: dict[str, str]) -> list[tuple[int, int, str]]:
    """Capitalised words of ``text`` that are a surname or given name alone of a name in
    ``wanted`` (partial key -> the key to report), as :func:`variants.find_mentions` finds them,
    but with each text read once for all the recognizers that ask and every reading cached."""
    if not wanted:
        return []
    return [(start, end, wanted[key]) for start, end, key in _readings(text) if key in wanted]
