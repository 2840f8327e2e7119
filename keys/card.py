"""Recipient cards: the public, plain-text, shareable form of a Recipient.

    # testimony recipient card v1
    name: Alice Reviewer
    age: age1...
    ed25519: <base64 of 32 bytes>
    fingerprint: ABCD-EFGH-IJKL-MNOP

The fingerprint line is checked against the keys, so a card copied by hand with a typo fails.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

import pyrage

from keys.errors import KeyFileError
from keys.identity import Recipient
from keys.keyfile import read_small_text

CARD_HEADER = "# testimony recipient card v1"
_FIELDS = ("name", "age", "ed25519", "fingerprint")
MAX_CARD_BYTES = 16 * 1024


def to_text(recipient: Recipient) -> str:
    return (
        "\n".join(
            [
                CARD_HEADER,
                f"name: {recipient.name}",
                f"age: {recipient.age}",
                f"ed25519: {base64.b64encode(recipient.ed25519).decode()}",
                f"fingerprint: {recipient.fingerprint}",
            ]
        )
        + "\n"
    )


def to_json(recipient: Recipient) -> dict[str, str]:
    """The card's fields for ``--json`` (public data only)."""
    return {
        "name": recipient.name,
        "age": recipient.age,
        "ed25519": base64.b64encode(recipient.ed25519).decode(),
        "fingerprint": recipient.fingerprint,
    }


def parse(text: str, source: str) -> Recipient:
    fields: dict[str, tuple[int, str]] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in _FIELDS:
            raise KeyFileError(
                f"{source}: line {number}: expected 'name:', 'age:', 'ed25519:' or 'fingerprint:'",
                "a card is made by: testimony keys card IDENTITY --out FILE",
            )
        if key in fields:
            raise KeyFileError(f"{source}: line {number}: '{key}' appears twice")
        fields[key] = (number, value.strip())
    missing = [f for f in _FIELDS if f not in fields]
    if missing:
        raise KeyFileError(
            f"{source}: not a recipient card (missing {', '.join(missing)})",
            "a card is made by: testimony keys card IDENTITY --out FILE",
        )
    age_line, age = fields["age"]
    try:
        pyrage.x25519.Recipient.from_str(age)
    except pyrage.RecipientError:
        raise KeyFileError(f"{source}: line {age_line}: not an age1... X25519 recipient") from None
    ed_line, ed_text = fields["ed25519"]
    try:
        ed25519 = base64.b64decode(ed_text, validate=True)
    except (binascii.Error, ValueError):
        ed25519 = b""
    if len(ed25519) != 32:
        raise KeyFileError(f"{source}: line {ed_line}: not a base64 Ed25519 public key (32 bytes)")
    recipient = Recipient(fields["name"][1], age, ed25519)
    fp_line, fingerprint = fields["fingerprint"]
    if fingerprint.upper() != recipient.fingerprint:
        raise KeyFileError(
            f"{source}: line {fp_line}: the fingerprint does not match the card's keys",
            "the card was altered or mistyped: ask its owner for a fresh copy (keys card)",
        )
    return recipient


def read(path: Path) -> Recipient:
    text = read_small_text(
        path, MAX_CARD_BYTES, "recipient card", "check the path given to --recipient"
    )
    return parse(text, str(path))
