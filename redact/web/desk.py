"""What one serving session works with: the vault, the unlocked reviewer, the policy, and what
it keeps in memory only (never on disk): decrypted texts, logs and record summaries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from intake.vault import Vault
from keys.identity import Identity
from redact.plan import redaction_log
from redact.plan.policy import Policy


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Desk:
    vault: Vault
    identity: Identity
    policy: Policy
    clock: Callable[[], datetime] = utc_now
    viewed: set[str] = field(default_factory=set)
    texts: dict[str, str] = field(default_factory=dict)  # sealed records never change
    summaries: dict[str, dict[str, Any]] = field(default_factory=dict)
    logs: dict[str, tuple[tuple[int, int, int], redaction_log.RedactionLog]] = field(
        default_factory=dict
    )

    def log(self, record_id: str) -> redaction_log.RedactionLog | None:
        """The record's redaction log, decrypted again only when its file was replaced
        (every save is an atomic rename: a new inode)."""
        try:
            info = (self.vault.record_dir(record_id) / "redaction.age").stat()
        except FileNotFoundError:
            return None
        stamp = (info.st_ino, info.st_mtime_ns, info.st_size)
        cached = self.logs.get(record_id)
        if cached is None or cached[0] != stamp:
            found = redaction_log.load(self.vault, record_id, self.identity)
            if found is None:
                return None
            cached = self.logs[record_id] = (stamp, found)
        return cached[1]

    def require(self, record_id: str) -> redaction_log.RedactionLog:
        """The record's log; RedactionError when the record was never analysed."""
        self.vault.record_dir(record_id)
        found = self.log(record_id)
        if found is None:
            raise redaction_log.not_analysed(self.vault, record_id)
        return found

    def text(self, record_id: str) -> str:
        if record_id not in self.texts:
            self.texts[record_id] = self.vault.record(record_id, self.identity).text
        return self.texts[record_id]

    def summary(self, record_id: str) -> dict[str, Any]:
        if record_id not in self.summaries:
            self.summaries[record_id] = self.vault.summary(record_id, self.identity)
        return self.summaries[record_id]
