"""The signed recipient set: who new records are encrypted to, as the admin decided.

Two public files beside the cards (clear, no secrets)::

    DIR/admin.pin        the admin's card (age + Ed25519 public keys), pinned at `vault init`
    DIR/recipients.sig   {"cards": {FILE: sha256 of the card file}, "seq", "signer", "sig"}:
                         the recipient set, signed (Ed25519) by the pinned admin key

Whoever encrypts (the field laptop, with public data only) checks the set against the pin and
refuses a card in ``recipients/`` that the admin did not sign, so a card dropped into the folder
by hand never receives a testimony. Both files' hashes are in the audit log, and the set's hash
must equal the last one logged, so an older set put back is refused too.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from intake import audit
from intake.audit import file_sha256
from keys import card
from keys.errors import KeyFileError, VaultError
from keys.identity import Identity, Recipient

PIN_NAME = "admin.pin"
SET_NAME = "recipients.sig"
PIN_HEADER = "# testimony admin pin v1 (the admin's card; the recipient set must be signed by it)"
SET_FORMAT = "testimony-recipient-set"
_DOMAIN = b"testimony-recipient-set-v1\n"
MAX_SET_BYTES = 1024 * 1024


def _hint(root: Path) -> str:
    return f"sign the set as the admin: testimony vault pin --vault {root} --identity ADMIN.key"


def pin_text(admin: Recipient) -> str:
    return PIN_HEADER + "\n" + card.to_text(admin)


def cards_on_disk(root: Path) -> dict[str, str]:
    """{card file name: sha256} of every card in recipients/ (not recipients/former/)."""
    return {p.name: file_sha256(p) for p in sorted((root / "recipients").glob("*.card"))}


def _body_bytes(body: Mapping[str, Any]) -> bytes:
    unsigned = {k: v for k, v in body.items() if k != "sig"}
    return _DOMAIN + json.dumps(unsigned, sort_keys=True, separators=(",", ":")).encode()


def signed_set(admin: Identity, cards: Mapping[str, str], seq: int) -> bytes:
    """The bytes of recipients.sig for ``cards``, signed by ``admin`` (deterministic)."""
    body: dict[str, Any] = {
        "format": SET_FORMAT,
        "version": 1,
        "seq": seq,
        "signer": admin.recipient.fingerprint,
        "cards": dict(sorted(cards.items())),
    }
    body["sig"] = base64.b64encode(admin.sign(_body_bytes(body))).decode()
    return json.dumps(body, sort_keys=True, indent=1).encode() + b"\n"


def read_pin(root: Path) -> Recipient:
    path = root / PIN_NAME
    if not path.exists() and not (root / SET_NAME).exists():
        raise VaultError(
            f"{root}: the recipient set is not signed (a vault made before signed recipients)",
            _hint(root),
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise VaultError(
            f"{path}: the admin pin is missing or unreadable; nothing was written",
            "restore admin.pin from a backup (or a copy of the vault made before)",
        ) from None
    try:
        return card.parse(text, str(path))
    except KeyFileError:
        raise VaultError(
            f"{path}: the admin pin is damaged; nothing was written",
            "restore admin.pin from a backup",
        ) from None


def read_set(root: Path, pin: Recipient) -> tuple[int, dict[str, str]]:
    """(seq, {card file: sha256}) of the signed set, checked against the pinned admin key."""
    path = root / SET_NAME
    damaged = VaultError(
        f"{path}: the signed recipient set is missing, damaged or not signed by the pinned "
        "admin; nothing was written",
        f"restore it from a backup, or re-sign the set: testimony vault pin --vault {root} "
        "--identity ADMIN.key",
    )
    try:
        if path.stat().st_size > MAX_SET_BYTES:
            raise damaged
        body = json.loads(path.read_bytes())
        seq, cards, signer = body["seq"], body["cards"], body["signer"]
        signature = base64.b64decode(body["sig"], validate=True)
    except (OSError, ValueError, KeyError, TypeError):
        raise damaged from None
    if (
        not isinstance(body, dict)
        or body.get("format") != SET_FORMAT
        or not isinstance(seq, int)
        or not isinstance(cards, dict)
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in cards.items())
        or signer != pin.fingerprint
        or not pin.verify(signature, _body_bytes(body))
    ):
        raise damaged
    return seq, dict(cards)


def verified_cards(root: Path) -> list[Path]:
    """The card files of the signed set, in order; refuses anything else in recipients/.

    Needs public data only: the pin, the signed set, the cards and the audit log."""
    pin = read_pin(root)
    _, signed = read_set(root, pin)
    for name in (PIN_NAME, SET_NAME):
        logged = audit.last_logged(root, name)
        if logged is not None and logged != file_sha256(root / name):
            raise VaultError(
                f"{root / name}: is not the one last logged (replaced, or an older copy put "
                "back?); nothing was written",
                f"check the vault: testimony audit verify --vault {root}",
            )
    on_disk = cards_on_disk(root)
    for name in sorted(on_disk.keys() - signed.keys()):
        raise VaultError(
            f"{root / 'recipients' / name}: this card is not in the admin-signed recipient set "
            "(put there by hand?); nothing was written",
            "remove the file; a new reviewer is added by the admin with: testimony vault "
            f"add-recipient CARD --vault {root} --identity ADMIN.key",
        )
    for name in sorted(signed):
        path = root / "recipients" / name
        if name not in on_disk:
            raise VaultError(
                f"{path}: a card of the signed recipient set is missing; nothing was written",
                "restore the recipients/ folder from a backup",
            )
        if on_disk[name] != signed[name]:
            raise VaultError(
                f"{path}: differs from the card the admin signed; nothing was written",
                "restore the recipients/ folder from a backup",
            )
    return [root / "recipients" / name for name in sorted(signed)]


def read_cards(paths: Sequence[Path]) -> list[Recipient]:
    """The cards given to `vault init`, each once."""
    recipients = [card.read(path) for path in paths]
    seen: set[str] = set()
    for path, recipient in zip(paths, recipients, strict=True):
        if recipient.fingerprint in seen:
            raise KeyFileError(f"{path}: the same recipient is given twice")
        seen.add(recipient.fingerprint)
    return recipients


def require_admin(root: Path, identity: Identity) -> tuple[Recipient, int]:
    """The pin and the current seq, refused unless ``identity`` is the pinned admin."""
    pin = read_pin(root)
    seq, _ = read_set(root, pin)
    if identity.recipient.ed25519 != pin.ed25519:
        raise VaultError(
            f"changing the recipients needs the admin identity (pinned: {pin.fingerprint})",
            "run the command with --identity ADMIN.key (the identity used at vault init)",
        )
    return pin, seq
