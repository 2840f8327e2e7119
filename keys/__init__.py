"""Keys: identities (secret), recipients and cards (public), and sealing.

``keys.sealing`` holds the safe functions that make and read age files (bytes and streams, to
recipients or with a passphrase); the primitives beneath it (pyrage, bech32, the streaming
engines) are the private ``keys._age``, imported by nobody outside ``keys``. Imports nothing
from ``intake`` or ``redact``.
"""

from keys.errors import (
    DecryptionError,
    ExportError,
    InputFormatError,
    KeyFileError,
    PassphraseError,
    RedactionError,
    ReviewError,
    TestimonyError,
    UsageError,
    VaultError,
)
from keys.identity import Identity, Recipient, fingerprint_of, generate

__all__ = [
    "DecryptionError",
    "ExportError",
    "Identity",
    "InputFormatError",
    "KeyFileError",
    "PassphraseError",
    "Recipient",
    "RedactionError",
    "ReviewError",
    "TestimonyError",
    "UsageError",
    "VaultError",
    "fingerprint_of",
    "generate",
]
