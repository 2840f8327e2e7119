"""One signed hash chain, for the audit log (``intake.audit``) and a record's review decisions
(``redact.review.decisions``).

An entry is a JSON object. Its signed bytes are its canonical JSON without the ``sig`` field
(sorted keys, no spaces, ASCII only); ``sig`` holds the base64 Ed25519 signature of them by the
acting identity. Each entry carries its position (a number field, from 1) and ``prev``, the
SHA-256 of the entry before it (``GENESIS`` for the first), so no entry can be changed, removed,
inserted or moved without breaking the chain.

The two chains take the hash of an entry from different bytes, kept as they always were so that
existing vaults still verify: the audit log hashes each line exactly as stored (`line_hash`);
decision events, kept inside an encrypted document rather than as lines, hash their canonical
bytes followed by their signature (`entry_hash`).

:func:`check` finds the first problem with one entry; each chain words it for its readers.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from typing import Any, Literal

from keys.identity import Identity, Recipient

GENESIS = "0" * 64
SIG = "sig"

Problem = Literal["number", "prev", "unsigned", "unknown-signer", "malformed", "changed"]


def canonical(entry: Mapping[str, Any]) -> bytes:
    """The bytes an entry's signature covers: everything but ``sig``, in canonical JSON."""
    body = {k: v for k, v in entry.items() if k != SIG}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def sign(entry: Mapping[str, Any], identity: Identity) -> str:
    """The base64 signature of ``entry`` by ``identity`` (the value of its ``sig`` field)."""
    return base64.b64encode(identity.sign(canonical(entry))).decode()


def line(entry: Mapping[str, Any]) -> bytes:
    """An entry as one stored line (the audit log's form), newline included."""
    return json.dumps(entry, sort_keys=True, separators=(",", ":")).encode() + b"\n"


def line_hash(stored: bytes) -> str:
    """The link to an entry stored as a line: the SHA-256 of the line (without its newline)."""
    return hashlib.sha256(stored).hexdigest()


def entry_hash(entry: Mapping[str, Any]) -> str:
    """The link to an entry kept inside a document: SHA-256 of its canonical bytes and ``sig``."""
    return hashlib.sha256(canonical(entry) + str(entry.get(SIG)).encode()).hexdigest()


def signature_problem(entry: Mapping[str, Any], signer: Recipient) -> Problem | None:
    """None when ``sig`` is ``signer``'s signature of the entry."""
    try:
        signature = base64.b64decode(str(entry.get(SIG, "")), validate=True)
    except ValueError:
        return "malformed"
    return None if signer.verify(signature, canonical(entry)) else "changed"


def check(
    entry: Mapping[str, Any],
    position: int,
    prev: str,
    signers: Mapping[str, Recipient],
    number_field: str,
    signer_field: str,
    unsigned_allowed: bool = False,
) -> Problem | None:
    """The first problem with ``entry`` at ``position`` after an entry hashing to ``prev``
    (numbering, link, then signature by a known signer); None when it holds."""
    if entry.get(number_field) != position:
        return "number"
    if entry.get("prev") != prev:
        return "prev"
    if entry.get(SIG) is None:
        return None if unsigned_allowed else "unsigned"
    signer = signers.get(str(entry.get(signer_field)))
    if signer is None:
        return "unknown-signer"
    return signature_problem(entry, signer)
