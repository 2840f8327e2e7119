"""What several recognizers share: word lists as data and "longest wins" overlap resolution.
Name keys and the lone-name readings of a text come from the text layer
(:func:`redact.text.variants.name_key`, :func:`~redact.text.variants.find_mentions`), which
remembers them."""

from __future__ import annotations

from redact.detect.recognizers.base import Finding


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
