"""The audit log: append-only, hash-chained, signed — verifiable with public cards alone.

``VAULT/audit.log`` holds one JSON object per line, in clear: ids, hashes of sealed files,
fingerprints and times only, never content. Each entry names the SHA-256 of the previous line
(``prev``), so no line can be changed, removed, inserted or moved without breaking the chain, and
is signed (Ed25519) by the acting identity. The field laptop holds no key, so its intake entries
are unsigned (as is the vault's "init"): the next signed entry commits to them through the chain
("countersigned"). Recipient changes are logged with the card files' hashes, so a card added by
hand, outside testimony, is caught by `audit verify`. The vault's own public files (the admin
pin and the signed recipient set) are logged like sealed files, under the record "".

Entry: {"seq", "time", "action", "actor" (fingerprint or null), "record" (id or null),
        "files" {name: sha256 of the sealed file}, "prev", "sig" (base64 or null)}
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from intake import chain
from keys import card
from keys.errors import UsageError, VaultError
from keys.identity import Identity, Recipient

LOG_NAME = "audit.log"
GENESIS = chain.GENESIS
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
        "sign-recipients",
        "settings",
    }
)
RECIPIENT_ACTIONS = frozenset({"init", "add-recipient", "remove-recipient", "sign-recipients"})


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _last_line(path: Path) -> tuple[int, str]:
    """(seq, sha256) of the log's last line; (0, GENESIS) for an empty or missing log."""
    if not path.exists():
        return 0, GENESIS
    last = _tail(path)
    if last is None:
        return 0, GENESIS
    try:
        seq = int(json.loads(last)["seq"])
    except (ValueError, KeyError, TypeError):
        raise VaultError(
            f"{path}: the last audit entry is unreadable", "run: testimony audit verify --vault DIR"
        ) from None
    return seq, chain.line_hash(last)


def _tail(path: Path, block: int = 1 << 16) -> bytes | None:
    """The log's last line (as ``splitlines`` gives it), read from the end: appending an entry
    costs the same at ten entries and at a million."""
    with path.open("rb") as handle:
        position = handle.seek(0, os.SEEK_END)
        data = b""
        while position > 0:
            step = min(block, position)
            position -= step
            handle.seek(position)
            data = handle.read(step) + data
            lines = data.splitlines()
            if len(lines) > 1 or position == 0:  # the last line is whole
                return lines[-1] if lines else None
    return None


def head(root: Path) -> tuple[int, str]:
    """(entry number, SHA-256) of the log's last line, as `audit verify` prints it, unverified
    (a quick look: only `audit verify` proves the chain up to it)."""
    return _last_line(root / LOG_NAME)


def intake_files(root: Path, record_id: str) -> dict[str, str] | None:
    """The files the log's intake entry for ``record_id`` names (None without one)."""
    try:
        lines = (root / LOG_NAME).read_bytes().splitlines()
    except FileNotFoundError:
        return None
    for line in lines:
        try:
            entry = json.loads(line)
            if entry["action"] == "intake" and entry["record"] == record_id:
                return dict(entry["files"])
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
    return None


def last_logged(root: Path, name: str) -> str | None:
    """The SHA-256 that the log's last entry naming vault file ``name`` gives it (no signature
    check: a quick look for the field laptop; `audit verify` proves the chain)."""
    path = root / LOG_NAME
    try:
        lines = path.read_bytes().splitlines()
    except FileNotFoundError:
        return None
    needle = json.dumps(name).encode()
    for line in reversed(lines):  # the newest entry naming it; most lines never do
        if needle not in line:
            continue
        try:
            entry = json.loads(line)
            record, files = entry.get("record"), entry["files"]
        except (ValueError, KeyError, TypeError, AttributeError):
            raise VaultError(
                f"{path}: an audit entry is unreadable; nothing was written",
                f"run: testimony audit verify --vault {root}",
            ) from None
        if not record and isinstance(files, dict) and name in files:
            found = files[name]
            return found if isinstance(found, str) else None
    return None


def parse_head(text: str) -> tuple[int, str]:
    """``N:HASH`` as `audit verify` prints it."""
    number, _, digest = text.strip().partition(":")
    digest = digest.lower()
    if (
        not number.isdigit()
        or int(number) < 1
        or len(digest) != 64
        or any(c not in "0123456789abcdef" for c in digest)
    ):
        raise UsageError(
            f"--head '{text}' is not a head",
            "give it as audit verify printed it: --head N:HASH (entry number, 64 hex digits)",
        )
    return int(number), digest


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
    entry["sig"] = chain.sign(entry, identity) if identity else None
    line = chain.line(entry)
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


def verify_chain(
    root: Path, signers: Sequence[Recipient], head: tuple[int, str] | None = None
) -> Verdict:
    """Check the chain and every signature; collect the latest hash of every sealed file.
    With ``head`` (a kept (entry number, hash)), the log must still hold that very entry."""
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
        prev = chain.line_hash(line)
        verdict.entries, verdict.head = number, prev
        if head is not None and number == head[0] and prev != head[1]:
            verdict.errors.append(
                f"audit entry {number} is not the kept head (the log was rewritten from there "
                "or before)"
            )
            return verdict
    if head is not None and verdict.entries < head[0]:
        verdict.errors.append(
            f"the audit log ends at entry {verdict.entries}, before the kept head {head[0]} "
            "(entries were cut from the end)"
        )
        return verdict
    if unsigned_since is not None:
        verdict.warnings.append(
            f"audit entries {unsigned_since}-{verdict.entries} are not yet "
            "countersigned by a reviewer (any signed action will do)"
        )
    return verdict


_CHAIN_PROBLEMS: Mapping[chain.Problem, str] = {
    "number": "sequence number {seq} where {number} was expected (inserted, removed or moved)",
    "prev": "does not follow the previous entry (changed, inserted, removed or moved)",
    "unsigned": "an unsigned '{action}' entry",
    "unknown-signer": "signed by {actor}, which is not a known card",
    "malformed": "the signature is malformed",
    "changed": "the signature does not verify (the entry was changed)",
}


def _card_sha256(recipient: Recipient) -> str:
    """The SHA-256 of the card file testimony writes for ``recipient`` (as logged)."""
    return hashlib.sha256(card.to_text(recipient).encode()).hexdigest()


def _check_entry(
    number: int, line: bytes, prev: str, signers: Mapping[str, Recipient], verdict: Verdict
) -> str | None:
    try:
        entry = json.loads(line)
        fields = (entry["seq"], entry["action"], entry["prev"], entry["files"], entry["actor"])
    except (ValueError, KeyError, TypeError):
        return "not a valid entry (changed or truncated)"
    seq, action, _, files, actor = fields
    if not isinstance(files, dict):
        return "not a valid entry (changed or truncated)"
    unsigned_allowed = action in UNSIGNED_ACTIONS and actor is None
    problem = chain.check(entry, number, prev, signers, "seq", "actor", unsigned_allowed)
    if problem is not None:
        return _CHAIN_PROBLEMS[problem].format(seq=seq, number=number, action=action, actor=actor)
    signer = signers.get(actor) if entry.get("sig") is not None else None
    if signer is not None:
        admitted = files if action == "init" else verdict.recipients
        if admitted.get(f"{actor}.card") != _card_sha256(signer):
            return (
                f"signed by {actor}, whose card the log had not added (or had removed) at the "
                "time: a card placed in recipients/ by hand?"
            )
    record = entry.get("record")
    if action == "withdrawal" and record:
        verdict.withdrawn.add(record)
    if action in RECIPIENT_ACTIONS:
        cards = {n: d for n, d in files.items() if n.endswith(".card")}
        if action == "remove-recipient":
            for name in cards:
                verdict.recipients.pop(name, None)
        else:
            verdict.recipients.update(cards)
        files = {n: d for n, d in files.items() if n not in cards}
    for name, digest in files.items():
        verdict.latest[(record or "", name)] = digest
    return None
