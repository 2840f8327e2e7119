"""Text normalisation: UTF-8 in, NFC, ``\\n`` line ends, no BOM. Offsets downstream index this."""

from __future__ import annotations

import unicodedata

import regex

from keys.errors import InputFormatError

# A character someone reading the text would see: not white space, not a control, format,
# surrogate, private-use or unassigned code point, not default-ignorable (zero-width characters,
# soft hyphen, BOM, bidi controls, variation selectors, Hangul fillers), not the blank braille cell.
_VISIBLE = regex.compile(
    r"[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}"
    r"\p{Zs}\p{Zl}\p{Zp}\u2800]"
)


def decode_utf8(data: bytes, source: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputFormatError(
            f"{source}: not UTF-8 text (invalid byte at offset {exc.start})",
            f"convert it first, e.g.: iconv -f CP949 -t UTF-8 '{source}' > converted.txt",
        ) from None
    return text


def normalise(text: str) -> str:
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return unicodedata.normalize("NFC", text)


def has_visible(text: str) -> bool:
    """Whether ``text`` holds at least one character that shows when rendered."""
    return _VISIBLE.search(text) is not None
