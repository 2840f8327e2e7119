"""Sealing: the safe functions every caller uses to make and read age files.

Every file this toolkit encrypts is a standard age v1 file that the stock ``age`` reads; these
functions add nothing to the format. They take our own types (``Recipient``, ``Identity``) and
raise only from the one error tree: a wrong key and a tampered file are one deliberately vague
``DecryptionError`` naming ``what`` (a path or a record id, never content).

    seal(plaintext, recipients) -> bytes           open(ciphertext, identities, what) -> bytes
    seal_stream(source, sink, recipients)          open_stream(source, sink, identities, what)
    seal_passphrase(plaintext, passphrase)         open_passphrase(ciphertext, passphrase, what)

The streams run in constant memory: ``source`` is read with ``readinto`` in 1 MiB blocks on a
thread of its own, ``sink.write`` gets 1 MiB blocks here, and the encryption itself runs in the
stock ``age`` command when installed (``engine()`` says which), else in pyrage. ``open_stream``
gives plaintext to ``sink`` before the end is authenticated: on an error the caller discards what
the sink received. The primitives live in the private :mod:`keys._age` (never import it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from keys._age import format as _format
from keys._age import stream as _stream
from keys._age.binary import AGE_ENV, Readable, Writable
from keys.identity import Identity, Recipient

MAX_SCRYPT_WORK_FACTOR = _format.MAX_SCRYPT_WORK_FACTOR


def seal(plaintext: bytes, recipients: Sequence[Recipient]) -> bytes:
    """``plaintext`` encrypted to every recipient (at least one)."""
    return _format.encrypt(plaintext, recipients)


def open(ciphertext: bytes, identities: Sequence[Identity | str], what: str) -> bytes:
    """All of the plaintext, or a DecryptionError naming ``what``. An identity may also be a
    bare ``AGE-SECRET-KEY-1...`` string (stock-age keys, test vectors)."""
    return _format.decrypt(ciphertext, identities, what)


def seal_stream(source: Readable, sink: Writable, recipients: Sequence[Recipient]) -> None:
    """Encrypt everything ``source.readinto`` yields into ``sink``, in constant memory."""
    _stream.seal_stream(source, sink, recipients)


def open_stream(
    source: BinaryIO, sink: Writable, identities: Sequence[Identity | str], what: str
) -> None:
    """Decrypt ``source`` into ``sink`` in constant memory (discard the sink on error)."""
    _stream.open_stream(source, sink, identities, what)


def seal_passphrase(plaintext: bytes, passphrase: str) -> bytes:
    """age's scrypt recipient (rage's default work factor)."""
    return _format.encrypt_passphrase(plaintext, passphrase)


def open_passphrase(ciphertext: bytes, passphrase: str, what: str) -> bytes:
    """The plaintext, or a PassphraseError (wrong passphrase, damaged file, or a work factor
    above ``MAX_SCRYPT_WORK_FACTOR``, refused before any work)."""
    return _format.decrypt_passphrase(ciphertext, passphrase, what)


def engine() -> str:
    """Which implementation streams: the stock age command's path, or ``pyrage``
    (``$TESTIMONY_AGE`` names the command, or ``pyrage`` to use only the library)."""
    return _stream.engine()


__all__ = [
    "AGE_ENV",
    "MAX_SCRYPT_WORK_FACTOR",
    "Readable",
    "Writable",
    "engine",
    "open",
    "open_passphrase",
    "open_stream",
    "seal",
    "seal_passphrase",
    "seal_stream",
]
