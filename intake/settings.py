"""Vault settings: the organisation named in citations and the citation template, kept in the
vault so an editor need not repeat them on every export.

Stored in clear, signed by the pinned admin, like the recipient set::

    DIR/settings.sig   {"format", "version", "seq", "signer", "settings": {...}, "sig"}

Why in clear: both values exist to be printed in every published report (a citation names the
organisation; the template holds placeholders, not testimony), so sealing them would hide
nothing an export does not publish, and export and the field laptop can read them without a
key. Why signed: a changed organisation or template would put words into every citation of the
next report, so anyone able to write the folder must not be able to change them silently. The
admin's Ed25519 signature (checked against ``admin.pin``) and the file's hash in the audit log
(the last ``settings`` entry must name exactly this file, so an older copy put back is refused,
and `audit verify` reports a changed, added or deleted file) make any other change loud.
"""

from __future__ import annotations

import base64
import hashlib
import json
import unicodedata
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intake import audit
from intake import recipients as signed_recipients
from intake.storage import atomic_write
from keys.errors import UsageError, VaultError
from keys.identity import Identity

if TYPE_CHECKING:
    from intake.vault import Vault

SETTINGS_NAME = "settings.sig"
SETTINGS_FORMAT = "testimony-vault-settings"
_DOMAIN = b"testimony-vault-settings-v1\n"
MAX_SETTINGS_BYTES = 64 * 1024
MAX_VALUE_CHARS = 500


@dataclass(frozen=True)
class VaultSettings:
    """What an export takes from the vault when its command line does not say otherwise."""

    organisation: str | None = None
    citation: str | None = None  # a citation template, filled in by export


def _checked(value: str | None, option: str) -> str | None:
    """A setting as given: one line of printable text, bounded; empty clears it."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        return None
    if len(text) > MAX_VALUE_CHARS or any(unicodedata.category(c).startswith("C") for c in text):
        raise UsageError(
            f"{option}: not one line of printable text (at most {MAX_VALUE_CHARS} characters)",
            f"give {option} as one line, quoted",
        )
    return text


def _body_bytes(body: dict[str, Any]) -> bytes:
    unsigned = {k: v for k, v in body.items() if k != "sig"}
    return _DOMAIN + json.dumps(unsigned, sort_keys=True, separators=(",", ":")).encode()


def _damaged(path: Path) -> VaultError:
    return VaultError(
        f"{path}: the vault settings are damaged or not signed by the pinned admin",
        "restore settings.sig from a backup, or set them again as the admin: testimony vault "
        f"settings --vault {path.parent} --organisation NAME --identity ADMIN.key",
    )


def _read(root: Path) -> tuple[int, VaultSettings]:
    path = root / SETTINGS_NAME
    if not path.exists():
        if audit.last_logged(root, SETTINGS_NAME) is not None:
            raise VaultError(
                f"{path}: the vault settings are missing, though the audit log holds them",
                "restore settings.sig from a backup",
            )
        return 0, VaultSettings()
    pin = signed_recipients.read_pin(root)
    try:
        if path.stat().st_size > MAX_SETTINGS_BYTES:
            raise _damaged(path)
        raw = path.read_bytes()
        body = json.loads(raw)
        seq, values, signer = body["seq"], body["settings"], body["signer"]
        signature = base64.b64decode(body["sig"], validate=True)
        settings = VaultSettings(
            organisation=_value(values, "organisation"), citation=_value(values, "citation")
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise _damaged(path) from None
    if (
        body.get("format") != SETTINGS_FORMAT
        or not isinstance(seq, int)
        or signer != pin.fingerprint
        or not pin.verify(signature, _body_bytes(body))
    ):
        raise _damaged(path)
    if audit.last_logged(root, SETTINGS_NAME) != hashlib.sha256(raw).hexdigest():
        raise VaultError(
            f"{path}: is not the one last logged (changed, or an older copy put back?)",
            f"check the vault: testimony audit verify --vault {root}",
        )
    return seq, settings


def _value(values: dict[str, Any], key: str) -> str | None:
    value = values.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(key)
    return value


def load(vault: Vault) -> VaultSettings:
    """The vault's settings (all None when none were set); refused when the file is not the
    one the pinned admin signed and the audit log last named. Public data only."""
    return _read(vault.root)[1]


def save(
    vault: Vault,
    identity: Identity,
    now: datetime,
    organisation: str | None = None,
    citation: str | None = None,
) -> VaultSettings:
    """Change the settings given (None keeps one; an empty string clears it), signed by the
    pinned admin and logged first (a crash leaves a file that differs from its entry, named by
    `audit verify`; run it again). Returns the settings now in force."""
    updates: dict[str, str | None] = {}
    if organisation is not None:
        updates["organisation"] = _checked(organisation, "--organisation")
    if citation is not None:
        updates["citation"] = _checked(citation, "--citation")
    root = vault.root
    with vault.lock():
        pin = signed_recipients.read_pin(root)
        if identity.recipient.ed25519 != pin.ed25519:
            raise VaultError(
                f"changing the vault settings needs the admin identity (pinned: {pin.fingerprint})",
                "run the command with --identity ADMIN.key (the identity used at vault init)",
            )
        seq, current = _read(root)
        settings = replace(current, **updates)
        body: dict[str, Any] = {
            "format": SETTINGS_FORMAT,
            "version": 1,
            "seq": seq + 1,
            "signer": pin.fingerprint,
            "settings": asdict(settings),
        }
        body["sig"] = base64.b64encode(identity.sign(_body_bytes(body))).decode()
        data = json.dumps(body, sort_keys=True, indent=1, ensure_ascii=False).encode() + b"\n"
        files = {SETTINGS_NAME: hashlib.sha256(data).hexdigest()}
        vault.log("settings", now, identity, None, files, locked_already=True)
        atomic_write(root / SETTINGS_NAME, data, 0o644)
    return settings


__all__ = ["SETTINGS_NAME", "VaultSettings", "load", "save"]
