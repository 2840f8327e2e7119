"""The vault: an encrypted store on disk; it seals and opens records and their documents
(``intake.lifecycle`` re-seals the same files to new recipients, in ``vault rewrap``).

Layout (everything with content or metadata is an age v1 file to all the vault's recipients)::

    DIR/VAULT                        format marker (clear: "testimony-vault", format version)
    DIR/recipients/FINGERPRINT.card  public recipient cards (clear: public keys)
    DIR/admin.pin                    the admin's card, pinned at init (clear: public keys)
    DIR/recipients.sig               the recipient set, signed by the admin (clear)
    DIR/records/ID/record.age        the record: text, structure, metadata, protected terms,
                                     custody hash, attachment list (JSON, padded)
    DIR/records/ID/index.age         its listing entry (code, date, sizes; JSON, padded)
    DIR/records/ID/att-N.age         attachment N, streamed, zero-padded (true size in record)
    DIR/records/ID/source.mac        keyed MAC of the source file, for duplicates (clear: see
                                     ``intake.duplicates``; DIR/intake.salt is its key)
    DIR/records/ID/NAME.age          documents about the record, named by the layer above
    DIR/NAME.age                     vault-wide documents (NAME: lower-case letters and -)
    DIR/settings.sig                 vault settings, signed by the admin (``intake.settings``)
    DIR/.lock                        writers' lock

A record appears atomically: it is built in ``records/.tmp-ID`` and renamed into place, so a crash
leaves either the whole record or none (stale temp folders hold only ciphertext and are swept; one
whose intake was already logged is finished, renamed into place, by the next intake). Records are
encrypted only to the cards of the admin-signed recipient set (``intake.recipients``).
Sealed JSON carries its own record id, so files swapped between records are detected.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from intake import attachments as sealed_attachments
from intake import audit, duplicates
from intake import recipients as signed_recipients
from intake import record as record_model
from intake.audit import file_sha256
from intake.padding import padme
from intake.record import Attachment, Document, Metadata, Record
from intake.storage import TEMP_PREFIX, atomic_write, fsync_dir, locked
from keys import card, sealing
from keys.errors import DecryptionError, VaultError
from keys.identity import Identity, Recipient

_DOCUMENT = re.compile(r"^[a-z][a-z-]{0,30}[a-z]$")  # names of the layers above; not intake's own
RESERVED_NAMES = frozenset({"record", "index"})
VAULT_OWNER = "vault"
MARKER = "VAULT"
MARKER_TEXT = "testimony-vault\nformat: 1\n"
_ID = re.compile(r"^[a-z2-7]{20}$")


def new_record_id() -> str:
    """A random, meaningless record id (100 bits, base32)."""
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    return "".join(secrets.choice(alphabet) for _ in range(20))


def _pad_json(body: dict[str, Any] | bytes, minimum: int) -> bytes:
    """JSON padded with spaces (still valid JSON for anyone decrypting with stock age)."""
    data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    return data + b" " * (padme(len(data) + 1, minimum) - len(data) - 1) + b"\n"


@dataclass(frozen=True)
class NewRecord:
    """Everything intake knows about one source before it is sealed."""

    source_name: str
    source_bytes: bytes
    document: Document
    metadata: Metadata
    protected_terms: tuple[str, ...] = ()
    attachments: tuple[Path, ...] = ()


class Vault:
    def __init__(self, root: Path) -> None:
        self.root = root

    # -- creation and opening -------------------------------------------------------------

    @classmethod
    def init(
        cls, root: Path, recipients: Sequence[Recipient], now: datetime, admin: Identity
    ) -> Vault:
        """A new vault encrypting to ``recipients``; ``admin``'s signing key is pinned and signs
        the recipient set (its card must be one of the recipients)."""
        if not recipients:
            raise VaultError(
                "a vault needs at least one recipient",
                "give --recipient CARD (made by: testimony keys card IDENTITY)",
            )
        if admin.recipient.fingerprint not in {r.fingerprint for r in recipients}:
            raise VaultError(
                f"the admin identity ({admin.recipient.fingerprint}) is not among the recipients",
                "give the admin's own card too: --recipient ADMIN.card",
            )
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise VaultError(
                f"{root}: already exists and is not an empty folder",
                "choose a new folder for the vault",
            )
        try:
            (root / "records").mkdir(parents=True, exist_ok=True, mode=0o700)
            (root / "recipients").mkdir(mode=0o700)
        except OSError as exc:
            raise VaultError(f"{root}: cannot create the vault ({exc.strerror})") from None
        vault = cls(root)
        for recipient in recipients:
            atomic_write(vault._card_path(recipient), card.to_text(recipient).encode(), 0o644)
        cards = signed_recipients.cards_on_disk(root)
        pin = root / signed_recipients.PIN_NAME
        atomic_write(pin, signed_recipients.pin_text(admin.recipient).encode(), 0o644)
        signed = root / signed_recipients.SET_NAME
        atomic_write(signed, signed_recipients.signed_set(admin, cards, 1), 0o644)
        files = {**cards, pin.name: file_sha256(pin), signed.name: file_sha256(signed)}
        audit.append_locked(root, "init", now, admin, None, files)
        atomic_write(root / MARKER, MARKER_TEXT.encode(), 0o644)
        return vault

    @classmethod
    def open(cls, root: Path) -> Vault:
        marker = root / MARKER
        try:
            text = marker.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
            raise VaultError(f"{root}: not a testimony vault") from None
        if text != MARKER_TEXT:
            raise VaultError(
                f"{root}: unsupported vault format", "upgrade testimony to open this vault"
            )
        return cls(root)

    def _card_path(self, recipient: Recipient) -> Path:
        return self.root / "recipients" / f"{recipient.fingerprint}.card"

    def recipients(self) -> list[Recipient]:
        """The admin-signed recipient set, checked against the pinned key (public data only);
        a card in recipients/ that the admin did not sign is refused, naming the file."""
        cards = signed_recipients.verified_cards(self.root)
        recipients = [card.read(path) for path in cards]
        for path, recipient in zip(cards, recipients, strict=True):
            if path.stem != recipient.fingerprint:
                raise VaultError(
                    f"{path}: the card's name does not match its fingerprint",
                    "restore the recipients/ folder from a backup",
                )
        if not recipients:
            raise VaultError(
                f"{self.root}: the vault has no recipients",
                "restore the recipients/ folder from a backup",
            )
        return recipients

    # -- listing ----------------------------------------------------------------------------

    def record_ids(self) -> list[str]:
        folder = self.root / "records"
        return sorted(p.name for p in folder.iterdir() if _ID.match(p.name) and p.is_dir())

    def record_dir(self, record_id: str) -> Path:
        if not _ID.match(record_id) or not (self.root / "records" / record_id).is_dir():
            raise VaultError(
                f"no record '{record_id}' in {self.root}",
                f"list the records with: testimony intake list --vault {self.root}",
            )
        return self.root / "records" / record_id

    def resolve(self, ref: str, identity: Identity | None = None) -> str:
        """The record id ``ref`` names: a full id, a unique id prefix (4+ characters), or, with an
        identity to read the listings, an interview code (case-insensitive). An ambiguous ``ref``
        is refused with its candidates, never guessed (``intake.listing.resolve``)."""
        from intake import listing

        return listing.resolve(self, ref, identity)

    # -- writing ----------------------------------------------------------------------------

    def add(
        self,
        new: NewRecord,
        now: datetime,
        new_id: Callable[[], str] = new_record_id,
    ) -> Record:
        """Seal one record (and its attachments) into the vault, all or nothing."""
        recipients = self.recipients()
        records = self.root / "records"
        with locked(self.root / ".lock", str(self.root)):
            self._sweep_temp()
            record_id = new_id()
            while (records / record_id).exists():
                record_id = new_id()
            staging = records / f"{TEMP_PREFIX}{record_id}"
            staging.mkdir(mode=0o700)
            try:
                duplicates.write(staging, duplicates.salt(self.root), new.source_bytes)
                hashes: dict[str, str] = {}  # the sealed files' SHA-256, taken as they were written
                attachments = tuple(
                    self._seal_attachment(staging / f"att-{n}.age", n, path, recipients, hashes)
                    for n, path in enumerate(new.attachments, 1)
                )
                record = Record(
                    id=record_id,
                    added_at=now.isoformat(timespec="seconds"),
                    source_name=new.source_name,
                    source_format=new.document.source_format,
                    source_sha256=_sha256(new.source_bytes),
                    text_sha256=_sha256(new.document.text.encode()),
                    text=new.document.text,
                    segments=new.document.segments,
                    metadata=new.metadata,
                    protected_terms=new.protected_terms,
                    attachments=attachments,
                )
                self._seal(staging / "index.age", _pad_json(record.summary(), 1024), recipients)
                self._seal(
                    staging / "record.age",
                    _pad_json(record_model.to_json(record), 4096),
                    recipients,
                )
                fsync_dir(staging)
                staged = sorted(staging.iterdir())
                # the log first: a crash here leaves an entry without files (reported by
                # `audit verify` as an interrupted intake), never files without an entry
                files = {p.name: hashes.get(p.name) or file_sha256(p) for p in staged}
                audit.append_locked(self.root, "intake", now, None, record_id, files)
                os.rename(staging, records / record_id)
                fsync_dir(records)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
        return record

    def _sweep_temp(self) -> None:
        """Finish an intake interrupted after its audit entry (the staged files are exactly
        those logged: rename them into place); remove anything else an interrupted writer left
        (only ciphertext). Call under the lock."""
        records = self.root / "records"
        for stale in sorted(records.glob(f"{TEMP_PREFIX}*")):
            record_id = stale.name[len(TEMP_PREFIX) :]
            if _ID.match(record_id) and stale.is_dir() and not (records / record_id).exists():
                logged = audit.intake_files(self.root, record_id)
                staged = {p.name: file_sha256(p) for p in sorted(stale.iterdir()) if p.is_file()}
                if logged and staged == logged:
                    os.rename(stale, records / record_id)
                    fsync_dir(records)
                    continue
            shutil.rmtree(stale, ignore_errors=True)

    @staticmethod
    def _seal(path: Path, plaintext: bytes, recipients: Sequence[Recipient]) -> None:
        atomic_write(path, sealing.seal(plaintext, recipients))

    @staticmethod
    def _seal_attachment(
        path: Path,
        number: int,
        source: Path,
        recipients: Sequence[Recipient],
        hashes: dict[str, str],
    ) -> Attachment:
        attachment, hashes[path.name] = sealed_attachments.seal(path, number, source, recipients)
        return attachment

    # -- documents kept beside the records: the layers above name them (intake knows none) ----

    def _document_path(self, record_id: str | None, name: str) -> tuple[Path, str]:
        if not _DOCUMENT.match(name) or name in RESERVED_NAMES or name.startswith("att-"):
            raise VaultError(f"'{name}' cannot name a vault document")
        if record_id is None:
            return self.root / f"{name}.age", VAULT_OWNER
        return self.record_dir(record_id) / f"{name}.age", record_id

    def has_document(self, record_id: str | None, name: str) -> bool:
        return self._document_path(record_id, name)[0].exists()

    def write_document(self, record_id: str | None, name: str, body: dict[str, Any]) -> None:
        """Seal ``body`` (JSON) as a document of a record, or of the vault when id is None.
        Atomic; the caller holds :meth:`lock` when read-modify-write must not interleave."""
        path, owner = self._document_path(record_id, name)
        sealed = {**body, "id": owner, "document": name}
        self._seal(path, _pad_json(sealed, 1024), self.recipients())

    def read_document(
        self, record_id: str | None, name: str, identity: Identity
    ) -> dict[str, Any] | None:
        path, owner = self._document_path(record_id, name)
        if not path.exists():
            return None
        body = self._open_json(path, identity, owner)
        if body.get("document") != name:
            raise VaultError(
                f"{path.name}: holds another document (swapped or moved)",
                "restore it from a backup",
            )
        return body

    def sealed_files(self, record_id: str | None) -> dict[str, str]:
        """SHA-256 of each sealed file of a record (or of the vault's own documents)."""
        if record_id is None:
            paths = sorted(self.root.glob("*.age"))
        else:
            paths = sorted(self.record_dir(record_id).glob("*.age"))
        return {p.name: file_sha256(p) for p in paths}

    def sealed_file(self, record_id: str, name: str) -> dict[str, str]:
        """{name: SHA-256} of one sealed file of a record (for its audit entry)."""
        return {name: file_sha256(self.record_dir(record_id) / name)}

    def log(
        self,
        action: str,
        now: datetime,
        identity: Identity | None,
        record_id: str | None = None,
        files: dict[str, str] | None = None,
        locked_already: bool = False,
    ) -> None:
        """Append an audit entry (signed by ``identity``); takes the writer lock unless held."""
        if locked_already:
            audit.append_locked(self.root, action, now, identity, record_id, files)
            return
        with self.lock():
            audit.append_locked(self.root, action, now, identity, record_id, files)

    def lock(self) -> AbstractContextManager[None]:
        """The vault's writer lock, for read-modify-write sequences across documents."""
        return locked(self.root / ".lock", str(self.root))

    # -- reading ----------------------------------------------------------------------------

    def _open_json(self, path: Path, identity: Identity, record_id: str) -> dict[str, Any]:
        what = f"record {record_id} ({path.name})" if record_id != VAULT_OWNER else path.name
        try:
            ciphertext = path.read_bytes()
        except FileNotFoundError:
            raise VaultError(f"{what}: file missing", "restore the record from a backup") from None
        plaintext = sealing.open(ciphertext, [identity], what)
        try:
            body = json.loads(plaintext.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise DecryptionError(f"cannot decrypt {what}") from None
        if not isinstance(body, dict) or body.get("id") != record_id:
            raise VaultError(
                f"{what}: the file belongs to another record (swapped or moved)",
                "restore the record's folder from a backup",
            )
        return body

    def summary(self, record_id: str, identity: Identity) -> dict[str, Any]:
        return self._open_json(self.record_dir(record_id) / "index.age", identity, record_id)

    def record(self, record_id: str, identity: Identity) -> Record:
        body = self._open_json(self.record_dir(record_id) / "record.age", identity, record_id)
        return record_model.from_body(body, f"record {record_id}")

    def open_attachment(
        self, record_id: str, number: int, identity: Identity, sink: BinaryIO
    ) -> Attachment:
        """Stream attachment ``number`` into ``sink``. On any error the sink holds garbage and
        the caller must discard it; success means the custody hash matched."""
        record = self.record(record_id, identity)
        matches = [a for a in record.attachments if a.number == number]
        if not matches:
            raise VaultError(
                f"record {record_id} has no attachment {number}",
                f"see its attachments with: testimony intake list --vault {self.root}",
            )
        path = self.record_dir(record_id) / f"att-{number}.age"
        what = f"record {record_id} attachment {number}"
        sealed_attachments.open_(path, matches[0], identity, sink, what)
        return matches[0]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


__all__ = ["NewRecord", "Vault", "new_record_id"]
