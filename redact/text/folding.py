"""Length-preserving folds, so that rules written for plain Latin letters read every spelling.

McCune-Reischauer writes breves and apostrophes (Ch'oe Yŏng-sil, Kŭm-hŭi, Kŭmp'a-guyŏk); other
romanizations add accents (Tsendsuren, Sükhbaatar). :func:`latin_fold` maps each accented Latin
letter to its base letter, keeping case, apostrophes and every other character (Hangul, Han,
Cyrillic), so offsets in the folded text are offsets in the original.
"""

from __future__ import annotations

import functools
import unicodedata

# Latin-1 Supplement letters .. Latin Extended-B, and Latin Extended Additional.
_LATIN = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))
_SPECIAL = {"ß": "s", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "\u0131": "i"}


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    code = ord(char)
    if not any(low <= code <= high for low, high in _LATIN):
        return char
    if char in _SPECIAL:
        return _SPECIAL[char]
    base = unicodedata.normalize("NFD", char)[0]
    return base if base.isascii() and base.isalpha() else char


def latin_fold(text: str) -> str:
    """'Ch'oe Yŏng-sil' -> "Ch'oe Yong-sil"; same length, case kept, non-Latin untouched."""
    if text.isascii():
        return text
    return "".join(_fold_char(c) for c in text)
