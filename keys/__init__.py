"""Keys: identities (secret), recipients and cards (public), the age format door.

Imports nothing from ``intake`` or ``redact``.
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
