"""Folds: one text read with the differences that do not matter taken out, named by purpose.

A testimony writes one name many ways: McCune-Reischauer breves and apostrophes (Ch'oe Yŏng-dal,
Kŭm-ok, Kŭmp'a-guyŏk), accents of other romanizations (Ölziibaatar), Cyrillic (Людмила), case.
Each fold below takes out what its user does not need and keeps what it does:

============== ====== ========== =========== ============== =========================
fold           case   diacritics apostrophe  Cyrillic       offsets
============== ====== ========== =========== ============== =========================
latin_fold     kept   dropped    kept        kept           same length
search_fold    lower  dropped    kept        kept           same length
name_fold      lower  dropped    dropped     transliterated not kept (a key, not text)
mapped_fold    lower  dropped    dropped     kept           an origin index per char
============== ====== ========== =========== ============== =========================

* :func:`latin_fold` lets recognizer rules written for plain Latin letters read every spelling.
* :func:`search_fold` is the haystack of variant-tolerant phrase search (``redact.text.search``).
* :func:`name_fold` is the first step of a name's identity key (``redact.text.variants``).
* :func:`mapped_fold` reads a text for gazetteer lookups (places, camps), mapping every folded
  character back to the original one.

Folds of short strings are cached in memory (never on disk): the same words recur in every record.
"""

from __future__ import annotations

import functools
import unicodedata

# Latin-1 Supplement letters .. Latin Extended-B, and Latin Extended Additional.
_LATIN = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))
_SPECIAL = {"ß": "s", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "\u0131": "i"}
APOSTROPHES = "'\u2019\u2018`\u02bc\u02bb\u00b4"
_NAME_APOSTROPHES = str.maketrans(dict.fromkeys("'\u2019\u2018`\u02bc", ""))
_LATIN_FOR_CYRILLIC = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya"
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN_FOR_CYRILLIC.split(), strict=True))


@functools.lru_cache(maxsize=4096)
def _latin_char(char: str) -> str:
    code = ord(char)
    if not any(low <= code <= high for low, high in _LATIN):
        return char
    if char in _SPECIAL:
        return _SPECIAL[char]
    base = unicodedata.normalize("NFD", char)[0]
    return base if base.isascii() and base.isalpha() else char


def latin_fold(text: str) -> str:
    """'Ch'oe Yŏng-dal' -> "Ch'oe Yong-dal"; same length, case kept, non-Latin untouched."""
    if text.isascii():
        return text
    return "".join(_latin_char(c) for c in text)


@functools.lru_cache(maxsize=4096)
def _search_char(char: str) -> str:
    if "\uac00" <= char <= "\ud7a3":  # a Hangul syllable is a letter of its own (경 is not 교)
        return char
    lowered = char.lower()
    if len(lowered) != 1:
        lowered = char
    base = unicodedata.normalize("NFD", lowered)[0]
    return base if base.isalnum() or base in APOSTROPHES else lowered


def search_fold(text: str) -> str:
    """'Hoeryŏng' -> 'hoeryong'; same length as ``text``: offsets in one are offsets in the
    other. Apostrophes stay (the phrase patterns make them optional)."""
    if text.isascii():
        return text.lower()
    return "".join(_search_char(c) for c in text)


@functools.lru_cache(maxsize=65536)
def name_fold(text: str) -> str:
    """ "Ch'ŏe" -> 'choe', 'Людмила' -> 'lyudmila': lower case, no diacritics, no apostrophes,
    Cyrillic transliterated. Not length-preserving: for identity keys, not for offsets."""
    text = unicodedata.normalize("NFKD", text.translate(_NAME_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    if not text.isascii():
        text = "".join(_CYRILLIC.get(c, c) for c in text)
    return text.replace("_", "")


@functools.lru_cache(maxsize=8192)
def _mapped_char(char: str) -> str:
    """What one character folds to in :func:`mapped_fold` (empty for an apostrophe)."""
    if char in APOSTROPHES:
        return ""
    parts = unicodedata.normalize("NFKD", char)
    return "".join(p.lower() for p in parts if not unicodedata.combining(p))


def mapped_fold(text: str) -> tuple[str, list[int]]:
    """``text`` lower-cased without diacritics or apostrophes, and for each folded character the
    index of the character of ``text`` it comes from."""
    if text.isascii():
        kept = [i for i, ch in enumerate(text) if ch not in APOSTROPHES]
        if len(kept) == len(text):
            return text.lower(), kept
        return "".join(text[i] for i in kept).lower(), kept
    folded = [_mapped_char(ch) for ch in text]
    if all(len(f) == 1 for f in folded):
        return "".join(folded), list(range(len(text)))
    origin = [i for i, f in enumerate(folded) for _ in f]
    return "".join(folded), origin
