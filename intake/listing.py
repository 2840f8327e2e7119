"""Records as people name them (listed by interview code, then date, then id), and the vault
at a glance (``overview``: recipients, admin, records, audit head; public data only).

``summaries`` decrypts each record's small index file (never its text); ``by_code`` is the
order every list of records uses, so ``intake list``, ``review list`` and the exports agree.
Codes sort naturally: NK-2026-9 before NK-2026-10; records without a code come last.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from intake import audit, settings
from intake import recipients as signed_recipients
from keys import card
from keys.errors import VaultError
from keys.identity import Identity, Recipient

if TYPE_CHECKING:
    from intake.vault import Vault

_PARTS = re.compile(r"(\d+)")


def _natural(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(
        (1, int(part), "") if part.isdigit() else (0, 0, part.casefold())
        for part in _PARTS.split(text)
        if part
    )


def by_code(summary: Mapping[str, Any]) -> tuple[Any, ...]:
    """Sort key of a record's listing entry: code (natural order), date, id."""
    code = summary.get("code") or ""
    return (not code, _natural(str(code)), str(summary.get("date") or ""), summary["id"])


def summaries(vault: Vault, identity: Identity) -> list[dict[str, Any]]:
    """Every record's listing entry (code, date, sizes), in :func:`by_code` order."""
    return sorted((vault.summary(i, identity) for i in vault.record_ids()), key=by_code)


def label(summary: Mapping[str, Any]) -> str:
    """How a record is named to a person: ``NK-2026-002 of 2026-03-14 (record abcdefgh...)``."""
    code, date = summary.get("code"), summary.get("date")
    named = f"{code} of {date}" if code and date else str(code or date or "a record without code")
    return f"{named} (record {summary['id']})"


_ID = re.compile(r"^[a-z2-7]{20}$")  # the shape of a record id (intake.vault)


def looks_like_id(ref: str) -> bool:
    """Whether ``ref`` has the shape of a whole record id (an interview code has not)."""
    return bool(_ID.match(ref.strip().lower()))


def id_matches(vault: Vault, ref: str) -> list[str]:
    """The record ids that ``ref`` is, or is a prefix of (4+ characters); no key needed."""
    ids = vault.record_ids()
    wanted = ref.strip().lower()
    if wanted in ids:
        return [wanted]
    return [i for i in ids if len(wanted) >= 4 and i.startswith(wanted)]


def resolve(vault: Vault, ref: str, identity: Identity | None = None) -> str:
    """See ``Vault.resolve``: a full id, a unique id prefix, or (with an identity) a code."""
    matches = id_matches(vault, ref)
    if identity is not None and not matches and ref.strip():
        wanted = ref.strip().casefold()
        codes = {i: str(vault.summary(i, identity).get("code") or "") for i in vault.record_ids()}
        matches = [i for i, code in codes.items() if code.casefold() == wanted]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise VaultError(
            f"'{ref}' names {len(matches)} records: {', '.join(matches[:5])}",
            "give more of the id, or the full id",
        )
    how = "an interview code, a record id or a unique prefix of 4+ characters"
    raise VaultError(
        f"no record '{ref}' in {vault.root}",
        f"give {how}; list them with: testimony intake list --vault {vault.root}",
    )


def overview(vault: Vault) -> dict[str, Any]:
    """What `vault show` prints: needs no identity and decrypts nothing. The audit head is the
    log's last line as found (`audit verify` proves it); recipients come from the admin-signed
    set (``signed`` false for a vault made before signed recipients)."""
    root = vault.root
    try:
        admin = signed_recipients.read_pin(root)
    except VaultError:
        if (root / signed_recipients.PIN_NAME).exists():
            raise
        admin, cards = None, [card.read(p) for p in sorted((root / "recipients").glob("*.card"))]
    else:
        cards = vault.recipients()
    seq, digest = audit.head(root)
    return {
        "vault": str(root),
        "admin": _person(admin) if admin else None,
        "signed": admin is not None,
        "recipients": [
            {**_person(r), "admin": admin is not None and r.fingerprint == admin.fingerprint}
            for r in cards
        ],
        "records": len(vault.record_ids()),
        "audit_head": f"{seq}:{digest}",
        "settings": asdict(settings.load(vault)),
    }


def _person(recipient: Recipient) -> dict[str, str]:
    return {"name": recipient.name, "fingerprint": recipient.fingerprint}


__all__ = [
    "by_code",
    "id_matches",
    "label",
    "looks_like_id",
    "overview",
    "resolve",
    "summaries",
]
