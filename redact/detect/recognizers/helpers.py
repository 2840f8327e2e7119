"""What several recognizers share: word lists as data, "longest wins" overlap resolution, and
the frequency of a Korean or Chinese word.
Name keys and the lone-name readings of a text come from the text layer
(:func:`redact.text.variants.name_key`, :func:`~redact.text.variants.find_mentions`), which
remembers them."""

from __future__ import annotations

import functools

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


@functools.cache
def _zipfs(lang: str) -> dict[str, float]:
    from wordfreq import get_frequency_list

    # wordfreq's own buckets (bucket i holds the words of frequency 10 ** (-i / 100)), read as
    # they are: its Korean and Chinese lookups tokenize with MeCab and jieba, which are not
    # installed, and a dict of frequencies costs 4x the time to build
    buckets = get_frequency_list(lang, wordlist="small")
    return {word: 9 - i / 100 for i, words in enumerate(buckets) for word in words}


def cjk_zipf(word: str, lang: str) -> float:
    """Zipf frequency of a Korean ("ko") or Chinese ("zh") word in wordfreq's small list, as
    written (no tokenization); 0 when not in it."""
    return _zipfs(lang).get(word, 0.0)
