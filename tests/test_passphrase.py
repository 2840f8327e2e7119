"""New passphrases: strong (zxcvbn) or explicitly allowed weak; generated ones shown once."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from shamir_mnemonic.wordlist import WORDLIST

from keys import backup, passphrase
from keys.errors import PassphraseError, UsageError
from tests.conftest import CLI, PASSPHRASE, Person, assert_refused

WEAK = [
    "x",
    "1",
    "password",
    "password123",
    "12345678",
    "qwertyuiop",
    "letmein!",
    "Bo Reviewer",  # the identity's own name
    "reviewer2026",
    "aaaaaaaaaaaaaaaa",
]
STRONG = [
    PASSPHRASE,
    "demo only - never use for real testimony",  # samples/demo.py
    "plaza-obesity-weapon-luxury-crisis",
    "Umbrella tortoise: 7 glaciers at noon",
    "a sentence far longer than seventy-two characters, which zxcvbn alone would refuse to score",
]


@pytest.mark.parametrize("secret", WEAK)
def test_weak_passphrases_are_refused_with_the_estimators_advice(secret: str) -> None:
    with pytest.raises(PassphraseError, match="too weak") as caught:
        passphrase.check_strength(secret, ["Bo Reviewer"])
    assert "--generate-passphrase" in caught.value.hint
    assert "\n" not in caught.value.hint


@pytest.mark.parametrize("secret", ["Bo Reviewer", "qwertyuiop", "reviewer2026", "password123"])
def test_the_refusal_never_repeats_the_passphrase(secret: str) -> None:
    with pytest.raises(PassphraseError) as caught:
        passphrase.check_strength(secret, ["Bo Reviewer"])
    assert secret not in caught.value.message and secret not in caught.value.hint


def test_the_hint_carries_zxcvbn_feedback() -> None:
    with pytest.raises(PassphraseError) as caught:
        passphrase.check_strength("password")
    assert "This is a top-10 common password. Add another word or two." in caught.value.hint


@pytest.mark.parametrize("secret", STRONG)
def test_strong_passphrases_pass(secret: str) -> None:
    passphrase.check_strength(secret, ["Bo Reviewer"])


def test_generated_passphrases_are_ten_list_words_and_strong() -> None:
    made = [passphrase.generate() for _ in range(20)]
    assert len(set(made)) == 20
    for secret in made:
        words = secret.split("-")
        assert len(words) == passphrase.GENERATED_WORDS == 10
        assert all(word in WORDLIST for word in words)
        passphrase.check_strength(secret)
    assert len(WORDLIST) == 1024  # 10 bits a word: 100 bits


def test_generation_takes_its_randomness_as_a_parameter() -> None:
    first = passphrase.generate(choose=random.Random(3).choice)
    assert first == passphrase.generate(choose=random.Random(3).choice)
    assert first != passphrase.generate(choose=random.Random(4).choice)


def test_new_checks_strength_unless_explicitly_allowed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(passphrase.ENV_VAR, "x")
    with pytest.raises(PassphraseError, match="too weak"):
        passphrase.new(None, "prompt: ")
    assert passphrase.new(None, "prompt: ", allow_weak=True) == "x"


def test_generate_and_a_passphrase_file_conflict(tmp_path: Path) -> None:
    file = tmp_path / "pass.txt"
    file.write_text(PASSPHRASE)
    with pytest.raises(UsageError, match="--generate-passphrase and --passphrase-file"):
        passphrase.new(file, "prompt: ", generated=True)


def test_keys_new_refuses_a_weak_passphrase_and_writes_nothing(cli: CLI, tmp_path: Path) -> None:
    result = cli("keys", "new", "--name", "Bo", "--out", "bo.key", env={passphrase.ENV_VAR: "b"})
    assert_refused(result, message="too weak (strength 0 of 4", hint="--generate-passphrase")
    assert not (tmp_path / "bo.key").exists()


def test_keys_new_allows_a_weak_passphrase_only_when_told(cli: CLI, tmp_path: Path) -> None:
    result = cli(
        "keys",
        "new",
        "--name",
        "Demo",
        "--out",
        "demo.key",
        "--allow-weak-passphrase",
        env={passphrase.ENV_VAR: "b"},
    )
    assert result.code == 0, result.err
    card = cli("keys", "card", "demo.key", env={passphrase.ENV_VAR: "b"})
    assert card.code == 0 and "name: Demo" in card.out


def test_keys_new_generates_a_passphrase_shown_once_on_stderr(cli: CLI, tmp_path: Path) -> None:
    result = cli("keys", "new", "--name", "Gen", "--out", "gen.key", "--generate-passphrase")
    assert result.code == 0, result.err
    shown = [line.strip() for line in result.err.splitlines() if line.startswith("    ")]
    assert len(shown) == 1
    secret = shown[0]
    assert len(secret.split("-")) == 10
    assert result.err.count(secret) == 1 and secret not in result.out
    for path in tmp_path.rglob("*"):  # never in a file
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    card = cli("keys", "card", "gen.key", env={passphrase.ENV_VAR: secret})
    assert card.code == 0 and "name: Gen" in card.out


def test_keys_recover_checks_the_new_passphrase(cli: CLI, tmp_path: Path, alice: Person) -> None:
    shares = backup.write_shares(alice.identity, 2, 3, tmp_path / "shares")
    weak = cli("keys", "recover", *shares[:2], "--out", "back.key", env={passphrase.ENV_VAR: "b"})
    assert_refused(weak, message="too weak", hint="--generate-passphrase")
    assert not (tmp_path / "back.key").exists()
    made = cli("keys", "recover", *shares[:2], "--out", "back.key", "--generate-passphrase")
    assert made.code == 0, made.err
    assert alice.identity.recipient.fingerprint in made.err
