"""Padmé padding (Nikitin et al., PETS 2019): sizes leak O(log log n) bits, overhead <= 12 %."""

from __future__ import annotations


def padme(length: int, minimum: int = 512) -> int:
    """The padded size for ``length`` bytes, at least ``minimum``."""
    length = max(length, minimum)
    exponent = length.bit_length() - 1  # floor(log2(length))
    size_bits = exponent.bit_length()  # floor(log2(exponent)) + 1
    last_bits = exponent - size_bits
    mask = (1 << last_bits) - 1
    return (length + mask) & ~mask
