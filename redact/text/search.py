"""Variant-tolerant phrase search: case, diacritics, apostrophes, hyphen/space/joined, line breaks.

``fold`` maps a text to one of the same length (so offsets carry over): lower case, diacritics
dropped per character (Hoeryŏng -> hoeryong). ``phrase_pattern`` turns a phrase into a regex over
folded text where parts may be joined by nothing, spaces, hyphens or line breaks and apostrophes
are optional: "Ch'ŏng-jin" finds "Chongjin", "CH'ONG JIN" and "Chong-\\njin". A phrase in Chinese
characters is found inside a sentence of them too (no spaces between words).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from redact.text.folding import search_fold

_APOSTROPHES = "'\u2019\u2018`\u02bc\u02bb"
_SEPARATORS = r"[\s\-\u2010\u2011\u2013_.·]*"
# Inside one part: an optional apostrophe or a hyphen (line-end hyphenation too) between letters.
_INTRA = r"(?:[\-\u2010\u2011'\u2019\u2018`\u02bc\u02bb]\s*)?"


def fold(text: str) -> str:
    """Same length as ``text``; offsets into one are offsets into the other
    (:func:`redact.text.folding.search_fold`)."""
    return search_fold(text)


@functools.lru_cache(maxsize=65536)
def compact(phrase: str) -> str:
    """The phrase's letters and digits only, folded: the unit of comparison."""
    return "".join(c for c in fold(phrase) if c.isalnum())


_PARTS = re.compile(r"[\s\-\u2010\u2011\u2013_.·]+")
HAN_RANGE = "\u3400-\u4dbf\u4e00-\u9fff"  # Chinese characters (CJK unified ideographs, ext. A)
_HAN = re.compile(f"[{HAN_RANGE}]")
_HAN_EDGE_BEFORE = rf"(?<![^\W{HAN_RANGE}])"  # not after a letter of another script
_HAN_EDGE_AFTER = rf"(?![^\W{HAN_RANGE}])"


@functools.lru_cache(maxsize=65536)
def phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    """The pattern of a phrase; spellings that fold to the same parts ("Ha-yun", "HA-YUN")
    share one compiled pattern."""
    return _parts_pattern(tuple(p for p in _PARTS.split(fold(phrase)) if p))


@functools.lru_cache(maxsize=16384)
def _parts_pattern(parts: tuple[str, ...]) -> re.Pattern[str] | None:
    if not parts:
        return None
    pieces = []
    for part in parts:
        letters = [re.escape(c) for c in part if c not in _APOSTROPHES]
        if not letters:
            continue
        pieces.append(_INTRA.join(letters))
    if not pieces:
        return None
    # Between parts any separator (or none); within a part only an apostrophe or a hyphen. A
    # phrase that starts or ends in a Chinese character may sit inside a sentence of them.
    before = _HAN_EDGE_BEFORE if _HAN.match(parts[0][0]) else r"(?<![\w])"
    after = _HAN_EDGE_AFTER if _HAN.match(parts[-1][-1]) else r"(?![\w])"
    return re.compile(before + _SEPARATORS.join(pieces) + after)


@functools.lru_cache(maxsize=64)
def _letters(folded: str) -> str:
    return "".join(c for c in folded if c.isalnum())


def find_all(text: str, phrase: str, folded: str | None = None) -> list[tuple[int, int]]:
    haystack = fold(text) if folded is None else folded
    # Any match's letters are the phrase's letters, contiguous once separators are dropped:
    # a cheap substring test rules out most phrases before the regex runs.
    if compact(phrase) not in _letters(haystack):
        return []
    pattern = phrase_pattern(phrase)
    if pattern is None:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(haystack)]


def same_phrase(a: str, b: str) -> bool:
    return compact(a) == compact(b)


_POSSESSIVE = re.compile("['\u2019]s?$")


def word_alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (literals; an apostrophe in one also matches a typographic
    one), shaped as a trie: "Kim|Ki|Ko" becomes "K(?:i(?:m)?|o)". It matches what the alternation
    of the words longest first matches, preferring the longer word as that one does, but the
    engine rejects a position after a letter or two instead of trying every word (the surname
    patterns run twelve times faster)."""
    trie: _Trie = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _branches(trie)


_Trie = dict[str, "_Trie"]  # a character -> what follows it ("" -> {}: a word ends here)


def _branches(node: _Trie) -> str:
    parts = [_char(c) + _branches(node[c]) for c in sorted(c for c in node if c)]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"
    if "" not in node:
        return body
    return f"(?:{body})?"  # greedy: the longer word first, the shorter one if the rest fails


def _char(char: str) -> str:
    return "['\u2019]" if char == "'" else re.escape(char)


def strip_possessive(surface: str) -> str:
    """ "Kim Jong-un's" -> "Kim Jong-un" (English possessive on a name)."""
    return _POSSESSIVE.sub("", surface.strip())
