"""bech32 (BIP-173), only what age's secret keys need: AGE-SECRET-KEY-1... <-> 32 raw bytes.

Needed by the key backup, because neither pyrage nor cryptography exposes the raw X25519 secret.
Tested against BIP-173's published valid and invalid strings and round-tripped through pyrage.
"""

from __future__ import annotations

from collections.abc import Sequence

from keys.errors import KeyFileError

# BIP-173 (https://github.com/bitcoin/bips/blob/master/bip-0173.mediawiki), as age uses it for
# AGE-SECRET-KEY-1...: no 90-character limit (age's own bech32 package has none either).

_AGE_IDENTITY_HRP = "age-secret-key-"
_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _polymod(values: Sequence[int]) -> int:
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for i, generator in enumerate(_GENERATOR):
            check ^= generator if (top >> i) & 1 else 0
    return check


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _regroup(data: Sequence[int], from_bits: int, to_bits: int, pad: bool) -> list[int] | None:
    acc = bits = 0
    out = []
    for value in data:
        acc = acc << from_bits | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append(acc >> bits & ((1 << to_bits) - 1))
    if pad and bits:
        out.append(acc << (to_bits - bits) & ((1 << to_bits) - 1))
    elif not pad and (bits >= from_bits or acc << (to_bits - bits) & ((1 << to_bits) - 1)):
        return None
    return out


def bech32_encode(hrp: str, data: bytes) -> str:
    """Lower-case bech32 of ``data`` (8-bit bytes) under ``hrp``."""
    values = _regroup(data, 8, 5, pad=True) or []
    polymod = _polymod([*_hrp_expand(hrp), *values, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[v] for v in values + checksum)


def bech32_values(text: str) -> tuple[str, list[int]] | None:
    """``(hrp, 5-bit values without the checksum)`` of a valid bech32 string, else None."""
    if any(not 33 <= ord(c) <= 126 for c in text) or (text.lower() != text != text.upper()):
        return None  # a character out of range, or mixed case
    text = text.lower()
    at = text.rfind("1")
    if at < 1 or at + 7 > len(text) or any(c not in _CHARSET for c in text[at + 1 :]):
        return None
    hrp, values = text[:at], [_CHARSET.index(c) for c in text[at + 1 :]]
    if _polymod(_hrp_expand(hrp) + values) != 1:
        return None
    return hrp, values[:-6]


def bech32_decode(text: str) -> tuple[str, bytes] | None:
    """``(hrp, data)`` of a valid bech32 string carrying whole bytes, else None."""
    decoded = bech32_values(text)
    data = None if decoded is None else _regroup(decoded[1], 5, 8, pad=False)
    return None if decoded is None or data is None else (decoded[0], bytes(data))


def age_secret_bytes(age_secret: str) -> bytes:
    """The 32 raw bytes of an ``AGE-SECRET-KEY-1...`` string."""
    decoded = bech32_decode(age_secret)
    if decoded is None or decoded[0] != _AGE_IDENTITY_HRP or len(decoded[1]) != 32:
        raise KeyFileError("the identity's age secret key is malformed")
    return decoded[1]


def age_secret_text(raw: bytes) -> str:
    return bech32_encode(_AGE_IDENTITY_HRP, raw).upper()
