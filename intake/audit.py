"""The audit log: append-only, hash-chained, signed — verifiable with public cards alone.

``VAULT/audit.log`` holds one JSON object per line, in clear: ids, hashes of sealed files,
fingerprints and times only, never content. Each entry names the SHA-256 of the previous line
(``prev``), so no line can be changed, removed, inserted or moved without breaking the chain, and
is signed (Ed25519) by the acting identity. The field laptop holds no key, so its intake entries
are unsigned (as is the vault's "init"): the next signed entry commits to them through the chain
("countersigned"). Recipient changes are logged with the card files' hashes, so a card added by
hand, outside testimony, is caught by `audit verify`.

Entry: {"seq", "time", "action", "actor" (fingerprint or null), "record" (id or null),
        "files" {name: sha256 of the sealed file}, "prev", "sig" (base64 or null)}
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from keys.errors import VaultError
from keys.identity import Identity, Recipient

LOG_NAME = "audit.log"
GENESIS = "0" * 64
UNSIGNED_ACTIONS = frozenset({"init", "intake"})  # what needs no key: set-up, the field laptop
ACTIONS = frozenset(
    {
        "init",
        "intake",
        "view",
        "analysis",
        "decision",
        "approval",
        "export",
        "add-recipient",
        "remove-recipient",
        "rewrap",
        "withdrawal",
    }
)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _canonical(entry: Mapping[str, Any]) -> bytes:
    body = {k: v for k, v in entry.items() if k != "sig"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _last_line(path: Path) -> tuple[int, str]:
    """(seq, sha256) of the log's last line; (0, GENESIS) for an empty or missing log."""
    if not path.exists():
        return 0, GENESIS
    with path.open("rb") as handle:
        lines = handle.read().splitlines()
    if not lines:
        return 0, GENESIS
    last = lines[-1]
    try:
        seq = int(json.loads(last)["seq"])
    except (ValueError, KeyError, TypeError):
        raise VaultError(
            f"{path}: the last audit entry is unreadable", "run: testimony audit verify --vault DIR"
        ) from None
    return seq, hashlib.sha256(last).hexdigest()


def append_locked(
    root: Path,
    action: str,
    now: datetime,
    identity: Identity | None,
    record: str | None = None,
    files: Mapping[str, str] | None = None,
) -> None:
    """Append one entry. The caller holds the vault's writer lock."""
    if action not in ACTIONS:
        raise VaultError(f"unknown audit action '{action}'")
    if identity is None and action not in UNSIGNED_ACTIONS:
        raise VaultError(
            f"the audit action '{action}' must be signed",
            "give --identity so the action can be signed",
        )
    path = root / LOG_NAME
    seq, prev = _last_line(path)
    entry: dict[str, Any] = {
        "seq": seq + 1,
        "time": now.isoformat(timespec="seconds"),
        "action": action,
        "actor": identity.recipient.fingerprint if identity else None,
        "record": record,
        "files": dict(sorted((files or {}).items())),
        "prev": prev,
    }
    entry["sig"] = base64.b64encode(identity.sign(_canonical(entry))).decode() if identity else None
    line = json.dumps(entry, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class Verdict:
    entries: int = 0
    head: str = GENESIS  # SHA-256 of the last line: keep a copy elsewhere to detect a cut tail
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    latest: dict[tuple[str, str], str] = field(default_factory=dict)  # (record, file) -> sha256
    withdrawn: set[str] = field(default_factory=set)
    recipients: dict[str, str] = field(default_factory=dict)  # card file -> sha256, per the log

    @property
    def ok(self) -> bool:
        return not self.errors


def verify_chain(root: Path, signers: Sequence[Recipient]) -> Verdict:
    """Check the chain and every signature; collect the latest hash of every sealed file."""
    verdict = Verdict()
    path = root / LOG_NAME
    if not path.exists():
        verdict.errors.append("the vault has no audit log")
        return verdict
    by_fingerprint = {r.fingerprint: r for r in signers}
    prev, unsigned_since = GENESIS, None
    for number, line in enumerate(path.read_bytes().splitlines(), 1):
        problem = _check_entry(number, line, prev, by_fingerprint, verdict)
        if problem:
            verdict.errors.append(f"audit entry {number}: {problem}")
            return verdict  # after a break nothing later can be trusted
        entry = json.loads(line)
        unsigned_since = (unsigned_since or number) if entry["sig"] is None else None
        prev = hashlib.sha256(line).hexdigest()
        verdict.entries, verdict.head = number, prev
    if unsigned_since is not None:
        verdict.warnings.append(
            f"audit entries {unsigned_since}-{verdict.entries} are not yet "
            "countersigned by a reviewer (any signed action will do)"
        )
    return verdict


def _check_entry(
    number: int, line: bytes, prev: str, signers: Mapping[str, Recipient], verdict: Verdict
) -> str | None:
    try:
        entry = json.loads(line)
        fields = (entry["seq"], entry["action"], entry["prev"], entry["files"], entry["actor"])
    except (ValueError, KeyError, TypeError):
        return "not a valid entry (changed or truncated)"
    seq, action, entry_prev, files, actor = fields
    if seq != number:
        return f"sequence number {seq} where {number} was expected (inserted, removed or moved)"
    if entry_prev != prev:
        return "does not follow the previous entry (changed, inserted, removed or moved)"
    if entry.get("sig") is None:
        if action not in UNSIGNED_ACTIONS or actor is not None:
            return f"an unsigned '{action}' entry"
    else:
        signer = signers.get(actor)
        if signer is None:
            return f"signed by {actor}, which is not a known card"
        try:
            signature = base64.b64decode(entry["sig"], validate=True)
        except ValueError:
            return "the signature is malformed"
        if not signer.verify(signature, _canonical(entry)):
            return "the signature does not verify (the entry was changed)"
    record = entry.get("record")
    if action == "withdrawal" and record:
        verdict.withdrawn.add(record)
    if action in ("init", "add-recipient"):
        verdict.recipients.update(files)
        return None
    if action == "remove-recipient":
        for name in files:
            verdict.recipients.pop(name, None)
        return None
    for name, digest in files.items():
        verdict.latest[(record or "", name)] = digest
    return None
