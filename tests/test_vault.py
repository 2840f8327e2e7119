"""The vault: seal and open, tamper evidence, swaps, padding, public-key-only intake."""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.padding import padme
from intake.record import Document, Metadata, Segment
from intake.vault import NewRecord, Vault
from keys import sealing
from keys.errors import DecryptionError, VaultError
from tests.conftest import NOW, Person, snapshot

TEXT = "Q: Where were you born?\nA: In a village near the river.\n"


def _new(text: str = TEXT, attachments: tuple[Path, ...] = ()) -> NewRecord:
    document = Document(text, (Segment(0, len(text), "A"),), "txt")
    return NewRecord(
        "interview.txt",
        text.encode(),
        document,
        Metadata(code="NK-1", date="2026-03-14"),
        ("Term One",),
        attachments,
    )


def test_seal_and_open_round_trip(vault: Vault, alice: Person) -> None:
    added = vault.add(_new(), NOW)
    assert vault.record_ids() == [added.id]
    opened = vault.record(added.id, alice.identity)
    assert opened == added
    assert opened.protected_terms == ("Term One",)
    summary = vault.summary(added.id, alice.identity)
    assert summary["code"] == "NK-1" and summary["words"] == len(TEXT.split())


def test_every_vault_file_is_an_age_file_to_the_recipients(
    vault: Vault, alice: Person, tmp_path: Path
) -> None:
    blob = tmp_path / "audio.bin"
    blob.write_bytes(os.urandom(5000))
    added = vault.add(_new(attachments=(blob,)), NOW)
    folder = vault.root / "records" / added.id
    for path in folder.iterdir():
        data = path.read_bytes()
        if path.name == "source.mac":  # the one clear file: a keyed MAC (intake.duplicates)
            assert re.fullmatch(rb"[0-9a-f]{64}\n", data)
            continue
        assert data.startswith(b"age-encryption.org/v1\n-> X25519 ")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        sealing.open(data, [alice.identity], path.name)  # opens with the identity alone


def test_ciphertext_sizes_are_padded(vault: Vault, alice: Person) -> None:
    short = vault.add(_new("A: yes\n"), NOW)
    longer = vault.add(_new("A: yes, and a few more words than that\n"), NOW)
    payloads = set()
    for added in (short, longer):
        data = (vault.root / "records" / added.id / "record.age").read_bytes()
        header_end = data.index(b"\n", data.index(b"\n--- ") + 1) + 1
        payloads.add(len(data) - header_end)  # rage adds random "grease" stanzas to the header
    assert payloads == {16 + 4096 + 16}, "records of similar length must not be told apart by size"


def test_padme_overhead_is_bounded() -> None:
    for length in [1, 600, 10_000, 123_457, 10**9 + 7]:
        padded = padme(length)
        assert padded >= length and padded <= max(length, 512) * 1.12


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payload=st.binary(max_size=20_000))
def test_any_bytes_survive_an_attachment_round_trip(
    vault: Vault, alice: Person, tmp_path: Path, payload: bytes
) -> None:
    blob = tmp_path / "blob.bin"
    blob.write_bytes(payload)
    added = vault.add(_new(attachments=(blob,)), NOW)
    sink = io.BytesIO()
    vault.open_attachment(added.id, 1, alice.identity, sink)
    assert sink.getvalue() == payload


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=3000))
def test_any_text_survives_a_record_round_trip(vault: Vault, alice: Person, text: str) -> None:
    added = vault.add(_new(text), NOW)
    assert vault.record(added.id, alice.identity).text == text


def test_flipping_any_single_byte_is_detected(vault: Vault, alice: Person) -> None:
    added = vault.add(_new("A: short.\n"), NOW)
    path = vault.root / "records" / added.id / "index.age"
    original = path.read_bytes()
    assert len(original) < 1500
    for index in range(len(original)):
        damaged = bytearray(original)
        damaged[index] ^= 0x01
        path.write_bytes(bytes(damaged))
        with pytest.raises((DecryptionError, VaultError)) as caught:
            vault.summary(added.id, alice.identity)
        assert "short" not in str(caught.value)
    path.write_bytes(original)
    assert vault.summary(added.id, alice.identity)["id"] == added.id


@pytest.mark.parametrize("keep", [0, 21, 100, 400, -1])
def test_truncation_is_detected(vault: Vault, alice: Person, keep: int) -> None:
    added = vault.add(_new(), NOW)
    path = vault.root / "records" / added.id / "record.age"
    data = path.read_bytes()
    path.write_bytes(data[:keep] if keep >= 0 else data[:-1])
    with pytest.raises(DecryptionError, match=f"cannot decrypt record {added.id}"):
        vault.record(added.id, alice.identity)


def test_swapped_record_files_are_detected(vault: Vault, alice: Person) -> None:
    first, second = vault.add(_new("A: one\n"), NOW), vault.add(_new("A: two\n"), NOW)
    a = vault.root / "records" / first.id / "record.age"
    b = vault.root / "records" / second.id / "record.age"
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)
    for record_id in (first.id, second.id):
        with pytest.raises(VaultError, match="belongs to another record"):
            vault.record(record_id, alice.identity)


def test_swapped_attachments_are_detected(vault: Vault, alice: Person, tmp_path: Path) -> None:
    one, two = tmp_path / "one.bin", tmp_path / "two.bin"
    one.write_bytes(b"1" * 3000)
    two.write_bytes(b"2" * 3000)
    first, second = (
        vault.add(_new(attachments=(one,)), NOW),
        vault.add(_new(attachments=(two,)), NOW),
    )
    a = vault.root / "records" / first.id / "att-1.age"
    b = vault.root / "records" / second.id / "att-1.age"
    shutil.copyfile(b, a)
    with pytest.raises(VaultError, match="custody hash"):
        vault.open_attachment(first.id, 1, alice.identity, io.BytesIO())


def test_a_stranger_cannot_open_records(vault: Vault, mallory: Person) -> None:
    added = vault.add(_new(), NOW)
    with pytest.raises(DecryptionError):
        vault.record(added.id, mallory.identity)


def test_intake_needs_no_identity(tmp_path: Path, alice: Person) -> None:
    """The field laptop: only the vault's public cards, no identity anywhere."""
    vault = Vault.init(tmp_path / "v", [alice.identity.recipient], NOW, alice.identity)
    added = Vault.open(tmp_path / "v").add(_new(), NOW)  # no Identity object in sight
    assert vault.record(added.id, alice.identity).id == added.id


def test_stale_temp_folders_are_swept_and_never_listed(vault: Vault) -> None:
    stale = vault.root / "records" / ".tmp-deadbeef"
    stale.mkdir()
    (stale / "record.age").write_bytes(b"half")
    assert vault.record_ids() == []
    vault.add(_new(), NOW)
    assert not stale.exists()


def test_failed_attachment_leaves_vault_unchanged(vault: Vault, tmp_path: Path) -> None:
    vault.add(_new(), NOW)
    before = snapshot(vault.root)
    missing = tmp_path / "gone.bin"
    with pytest.raises(VaultError):
        vault.add(_new(attachments=(missing,)), NOW)
    assert snapshot(vault.root) == before


def test_unknown_record_id(vault: Vault, alice: Person) -> None:
    with pytest.raises(VaultError, match="no record 'nope'"):
        vault.record("nope", alice.identity)


def test_opening_a_non_vault(tmp_path: Path) -> None:
    with pytest.raises(VaultError, match="not a testimony vault"):
        Vault.open(tmp_path)


def test_init_refuses_a_non_empty_folder(tmp_path: Path, alice: Person) -> None:
    (tmp_path / "x").write_text("keep me")
    with pytest.raises(VaultError, match="not an empty folder"):
        Vault.init(tmp_path, [alice.identity.recipient], NOW, alice.identity)
    assert (tmp_path / "x").read_text() == "keep me"


def test_documents_are_sealed_bound_to_their_owner(vault: Vault, alice: Person) -> None:
    first, second = vault.add(_new("A: one\n"), NOW), vault.add(_new("A: two\n"), NOW)
    vault.write_document(first.id, "redaction", {"spans": [1]})
    vault.write_document(second.id, "redaction", {"spans": [2]})
    vault.write_document(None, "pseudonyms", {"entries": {}})
    assert vault.read_document(first.id, "redaction", alice.identity)["spans"] == [1]
    assert vault.read_document(None, "pseudonyms", alice.identity)["entries"] == {}
    assert (vault.root / "pseudonyms.age").read_bytes().startswith(b"age-encryption.org/v1")
    a = vault.root / "records" / first.id / "redaction.age"
    b = vault.root / "records" / second.id / "redaction.age"
    shutil.copyfile(b, a)
    with pytest.raises(VaultError, match="belongs to another record"):
        vault.read_document(first.id, "redaction", alice.identity)


@pytest.mark.parametrize("name", ["index", "record", "att-1", "../notes", "Notes", "n", "a" * 40])
def test_a_document_name_cannot_reach_intakes_own_files(vault: Vault, name: str) -> None:
    """Any layer above may name its documents (intake knows none of them), but never so as to
    overwrite a record's own files or leave the folder."""
    before = snapshot(vault.root)
    with pytest.raises(VaultError, match="cannot name a vault document"):
        vault.write_document(None, name, {})
    assert snapshot(vault.root) == before


def test_an_intake_interrupted_after_its_entry_is_finished_by_the_next(vault: Vault) -> None:
    """Crash between the audit entry and the rename: the staged record is put in place by the
    next intake; a record folder deleted outright is an error, not this warning."""
    from intake import custody

    first = vault.add(_new("A: one\n"), NOW)
    folder = vault.root / "records" / first.id
    staged = folder.with_name(f".tmp-{first.id}")
    folder.rename(staged)  # as if the process died just before os.rename
    verdict = custody.verify(vault, None)
    assert verdict.ok and any("interrupted" in w for w in verdict.warnings), verdict.errors
    vault.add(_new("A: two\n"), NOW)
    assert first.id in vault.record_ids() and not staged.exists()
    assert custody.verify(vault, None).ok
    shutil.rmtree(folder)
    assert any("folder is missing" in e for e in custody.verify(vault, None).errors)


def _coded(vault: Vault, record_id: str, code: str | None, date: str = "2026-03-14") -> str:
    text = f"A: record {record_id}\n"
    document = Document(text, (Segment(0, len(text), "A"),), "txt")
    new = NewRecord("t.txt", text.encode(), document, Metadata(code=code, date=date))
    return vault.add(new, NOW, new_id=lambda: record_id).id


def test_resolve_a_record_by_code_id_or_prefix(vault: Vault, alice: Person) -> None:
    first = _coded(vault, "abcdefghijklmnopqrst", "NK-2026-002")
    second = _coded(vault, "abcdzzzzzzzzzzzzzzzz", "NK-2026-010")
    assert vault.resolve(first) == first
    assert vault.resolve("abcde") == first and vault.resolve("ABCDZ") == second
    assert vault.resolve("nk-2026-010", alice.identity) == second  # any case
    assert vault.resolve(" NK-2026-002 ", alice.identity) == first
    with pytest.raises(VaultError, match="no record 'NK-2026-002'") as refused:
        vault.resolve("NK-2026-002")  # a code needs the identity to read the listings
    assert "interview code" in refused.value.hint


def test_an_ambiguous_ref_is_refused_with_its_candidates(vault: Vault, alice: Person) -> None:
    first = _coded(vault, "abcdefghijklmnopqrst", "NK-1")
    second = _coded(vault, "abcdzzzzzzzzzzzzzzzz", "NK-1")
    for ref, identity in (("abcd", None), ("NK-1", alice.identity)):
        with pytest.raises(VaultError, match="names 2 records") as refused:
            vault.resolve(ref, identity)
        assert first in refused.value.message and second in refused.value.message
    with pytest.raises(VaultError, match="no record 'abc'"):
        vault.resolve("abc")  # under 4 characters: never a prefix


@pytest.mark.parametrize("ref", ["zzzz", "qqqqqqqqqqqqqqqqqqqq", "NK-9", "None", ""])
def test_an_unknown_ref_is_refused(vault: Vault, alice: Person, ref: str) -> None:
    _coded(vault, "abcdefghijklmnopqrst", None)  # no code: not matched by "None" or ""
    with pytest.raises(VaultError, match="no record") as refused:
        vault.resolve(ref, alice.identity)
    assert "intake list" in refused.value.hint
