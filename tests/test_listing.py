"""Records as people name them: the order of every list, and how a record is named."""

from __future__ import annotations

from typing import Any

import pytest

from intake import listing
from intake.vault import Vault
from keys import card
from keys.errors import VaultError
from tests.conftest import Person


def _entry(record_id: str, code: str | None, date: str | None) -> dict[str, Any]:
    return {"id": record_id, "code": code, "date": date}


def test_lists_go_by_code_in_natural_order_then_date_then_id() -> None:
    entries = [
        _entry("e" * 20, None, "2026-01-01"),
        _entry("d" * 20, "NK-2026-10", "2026-01-01"),
        _entry("c" * 20, "nk-2026-9", "2026-02-01"),
        _entry("b" * 20, "NK-2026-9", "2026-01-15"),
        _entry("a" * 20, "NK-2026-9", "2026-01-15"),
        _entry("f" * 20, "AB-7", None),
    ]
    ordered = [e["id"][0] for e in sorted(entries, key=listing.by_code)]
    assert ordered == ["f", "a", "b", "c", "d", "e"]


@pytest.mark.parametrize(
    ("code", "date", "named"),
    [
        ("NK-2026-002", "2026-03-14", "NK-2026-002 of 2026-03-14 (record {id})"),
        ("NK-2026-002", None, "NK-2026-002 (record {id})"),
        (None, "2026-03-14", "2026-03-14 (record {id})"),
        (None, None, "a record without code (record {id})"),
    ],
)
def test_a_record_is_named_by_code_and_date(code: str | None, date: str | None, named: str) -> None:
    record_id = "q" * 20
    assert listing.label(_entry(record_id, code, date)) == named.format(id=record_id)


@pytest.mark.parametrize(
    ("ref", "shaped"),
    [("a" * 20, True), (" ABCDEFGHIJKLMNOPQRST ", True), ("a" * 19, False), ("NK-2026-002", False)],
)
def test_an_id_has_one_shape(ref: str, shaped: bool) -> None:
    assert listing.looks_like_id(ref) is shaped


def test_overview_of_a_vault_made_before_signed_recipients(vault: Vault, alice: Person) -> None:
    """No pin and no signed set: the cards are shown, marked unsigned, and none is the admin."""
    (vault.root / "admin.pin").unlink()
    (vault.root / "recipients.sig").unlink()
    shown = listing.overview(vault)
    assert shown["admin"] is None and shown["signed"] is False
    assert [r["fingerprint"] for r in shown["recipients"]] == [alice.identity.recipient.fingerprint]
    assert shown["recipients"][0]["admin"] is False and shown["records"] == 0


def test_overview_refuses_a_planted_card(vault: Vault, mallory: Person) -> None:
    planted = vault.root / "recipients" / f"{mallory.identity.recipient.fingerprint}.card"
    planted.write_text(card.to_text(mallory.identity.recipient))
    with pytest.raises(VaultError, match="not in the admin-signed recipient set"):
        listing.overview(vault)
