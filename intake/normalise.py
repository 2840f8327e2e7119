"""Text normalisation: UTF-8 in, NFC, ``\\n`` line ends, no BOM. Offsets downstream index this."""

from __future__ import annotations

import unicodedata

from keys.errors import InputFormatError


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
