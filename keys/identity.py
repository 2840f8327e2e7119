"""Identities (secret) and recipients (public), in age's words.

An identity is an age X25519 key plus an Ed25519 signing key. Its text form is a valid age
identity file: the signing key, the name and the public parts ride in ``#`` comment lines, which
the stock ``age`` command ignores, so ``age -d -i IDENTITY`` works on our records directly.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from keys.errors import KeyFileError

IDENTITY_HEADER = "# testimony identity v1"
_SIGNING_PREFIX = "# signing-key: ed25519:"
_NAME_PREFIX = "# name: "
_CREATED_PREFIX = "# created: "


def fingerprint_of(age_recipient: str, ed25519_public: bytes) -> str:
    """Short, human-comparable fingerprint of a recipient: 16 base32 chars in 4 groups."""
    digest = hashlib.sha256(
        b"testimony-recipient-v1\n" + age_recipient.encode() + b"\n" + ed25519_public
    ).digest()
    text = base64.b32encode(digest[:10]).decode()
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class Recipient:
    """Public half: who records are encrypted to and whose signatures we accept."""

    name: str
    age: str  # "age1..."
    ed25519: bytes  # 32-byte raw public key

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.age, self.ed25519)

    def age_recipient(self) -> pyrage.x25519.Recipient:
        return pyrage.x25519.Recipient.from_str(self.age)

    def verify(self, signature: bytes, data: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.ed25519).verify(signature, data)
        except Exception:
            return False
        return True


@dataclass(frozen=True)
class Identity:
    """Secret half. Lives only in memory once unlocked."""

    name: str
    created: str
    age_secret: str  # "AGE-SECRET-KEY-1..."
    signing_seed: bytes  # 32-byte Ed25519 private key seed

    def __repr__(self) -> str:  # never print secrets, even by accident
        return f"Identity(name={self.name!r}, fingerprint={self.recipient.fingerprint!r})"

    def age_identity(self) -> pyrage.x25519.Identity:
        return pyrage.x25519.Identity.from_str(self.age_secret)

    @property
    def recipient(self) -> Recipient:
        public = self._signing_key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return Recipient(self.name, str(self.age_identity().to_public()), public)

    def sign(self, data: bytes) -> bytes:
        return self._signing_key().sign(data)

    def _signing_key(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.signing_seed)


def generate(name: str, now: datetime) -> Identity:
    if not name.strip() or "\n" in name:
        raise KeyFileError("the identity name is empty or spans lines", "give a one-line --name")
    age_secret = str(pyrage.x25519.Identity.generate())
    seed = Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )
    return Identity(name.strip(), now.isoformat(timespec="seconds"), age_secret, seed)


def to_text(identity: Identity) -> str:
    """The identity file's plaintext: a valid age identity file."""
    recipient = identity.recipient
    lines = [
        IDENTITY_HEADER,
        _NAME_PREFIX + identity.name,
        _CREATED_PREFIX + identity.created,
        "# public key: " + recipient.age,
        "# fingerprint: " + recipient.fingerprint,
        _SIGNING_PREFIX + base64.b64encode(identity.signing_seed).decode(),
        identity.age_secret,
    ]
    return "\n".join(lines) + "\n"


def from_text(text: str, source: str) -> Identity:
    name = created = age_secret = None
    seed: bytes | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(_NAME_PREFIX):
            name = line[len(_NAME_PREFIX) :]
        elif line.startswith(_CREATED_PREFIX):
            created = line[len(_CREATED_PREFIX) :]
        elif line.startswith(_SIGNING_PREFIX):
            try:
                seed = base64.b64decode(line[len(_SIGNING_PREFIX) :], validate=True)
            except ValueError:
                seed = None
            if seed is None or len(seed) != 32:
                raise KeyFileError(f"{source}: line {number}: the signing key is malformed")
        elif line.startswith("AGE-SECRET-KEY-1"):
            age_secret = line.strip()
            try:
                pyrage.x25519.Identity.from_str(age_secret)
            except pyrage.IdentityError:
                raise KeyFileError(
                    f"{source}: line {number}: the age secret key is malformed"
                ) from None
    if name is None or age_secret is None or seed is None:
        raise KeyFileError(
            f"{source}: not a testimony identity (name, age key or signing key missing)",
            "an identity is made by: testimony keys new --name NAME --out FILE",
        )
    return Identity(name, created or "", age_secret, seed)
