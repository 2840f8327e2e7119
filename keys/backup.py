"""K-of-N paper backup of an identity: Shamir shares as SLIP-39 mnemonics (``shamir-mnemonic``).

The shared secret is 64 bytes, the identity's two keys: the raw X25519 secret inside its
``AGE-SECRET-KEY-1...`` string, then the 32-byte Ed25519 seed. The name, creation date and
fingerprint are public and ride in each share file's header; recovery checks the rebuilt keys
against that fingerprint. A share file is printable text::

    # testimony identity backup share v1
    # ... what this is and the exact ``testimony keys recover`` command ...
    share: 2 of 5 (any 3 recover)
    set: 1A2B
    name: Alice Reviewer
    created: 2026-03-14T09:30:00+00:00
    fingerprint: ABCD-EFGH-IJKL-MNOP
    words:
     1. academic acid acne acquire acrobat
    ... (59 SLIP-39 words, numbered 5 to a line; their RS1024 checksum catches corruption)
    sha256: <SHA-256 of the words joined by single spaces, in groups of 8 hex digits>

The sha256 line can be checked by hand (``printf '%s' 'w1 w2 ...' | sha256sum``) and catches a
transcription error even where the retyped words still happen to form a valid mnemonic.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import shamir_mnemonic

from keys._age.bech32 import age_secret_bytes, age_secret_text
from keys.errors import KeyFileError
from keys.identity import Identity
from keys.keyfile import read_small_text, write_exclusive

SHARE_HEADER = "# testimony identity backup share v1"
MIN_THRESHOLD = 2
MAX_SHARES = 16  # SLIP-39's limit
MAX_SHARE_BYTES = 16 * 1024
_SECRET_BYTES = 64  # X25519 secret || Ed25519 seed
# There is no passphrase on the shares (the paper's custody is the protection), so SLIP-39's
# PBKDF2 stretching would protect nothing: use its smallest work factor.
_ITERATION_EXPONENT = 0
_WORDS_PER_LINE = 5
_SHARE_LINE = re.compile(r"(\d+) of (\d+) \(any (\d+) recover\)")
_RECOVER_HINT = "recover with any {k} shares of one set: testimony keys recover SHARE... --out FILE"


@dataclass(frozen=True)
class Share:
    """One share as written on paper. ``source`` (a file name) is for error messages only."""

    number: int  # 1-based
    count: int
    threshold: int
    name: str
    created: str
    fingerprint: str
    mnemonic: str  # SLIP-39 words joined by single spaces (secret)
    source: str = field(default="", compare=False)

    def __repr__(self) -> str:  # never print the words, even by accident
        return f"Share({self.number} of {self.count}, fingerprint={self.fingerprint!r})"

    @property
    def set_id(self) -> str:
        """The SLIP-39 identifier shared by every share of one backup, for sorting papers."""
        return f"{shamir_mnemonic.Share.from_mnemonic(self.mnemonic).identifier:04X}"

    @property
    def file_name(self) -> str:
        return f"share-{self.number}-of-{self.count}.txt"


# --- splitting ------------------------------------------------------------------------------


def check_scheme(threshold: int, count: int) -> None:
    """Refuse a K-of-N scheme that SLIP-39 cannot make or that would not be a real split."""
    example = "e.g. --shares 5 --threshold 3"
    if count > MAX_SHARES:
        raise KeyFileError(f"{count} shares asked; at most {MAX_SHARES} can be made", example)
    if threshold < MIN_THRESHOLD:
        raise KeyFileError(
            f"a threshold of {threshold} would make every share a full copy of the key",
            f"give --threshold {MIN_THRESHOLD} or more ({example})",
        )
    if threshold > count:
        raise KeyFileError(
            f"a threshold of {threshold} is more than the {count} shares made",
            f"the threshold must be at most --shares ({example})",
        )


def split(identity: Identity, threshold: int, count: int) -> list[Share]:
    """Split ``identity`` into ``count`` shares of which any ``threshold`` recover it."""
    check_scheme(threshold, count)
    secret = age_secret_bytes(identity.age_secret) + identity.signing_seed
    groups = shamir_mnemonic.generate_mnemonics(
        group_threshold=1,
        groups=[(threshold, count)],
        master_secret=secret,
        passphrase=b"",
        extendable=True,
        iteration_exponent=_ITERATION_EXPONENT,
    )
    fingerprint = identity.recipient.fingerprint
    return [
        Share(n, count, threshold, identity.name, identity.created, fingerprint, str(words))
        for n, words in enumerate(groups[0], 1)
    ]


def write_shares(identity: Identity, threshold: int, count: int, folder: Path) -> list[Path]:
    """Write the shares into ``folder`` (made 0700 if missing, else it must be empty), 0600."""
    check_scheme(threshold, count)
    prepare_folder(folder)
    written = []
    for share in split(identity, threshold, count):
        path = folder / share.file_name
        write_exclusive(path, to_text(share).encode("utf-8"))
        written.append(path)
    return written


def check_folder(folder: Path) -> None:
    """Refuse an ``--out`` that is a file or a folder with anything in it."""
    if folder.is_dir() and any(folder.iterdir()):
        raise KeyFileError(
            f"{folder}: the folder is not empty; refusing to mix shares with other files",
            "give --out a new or empty folder",
        )
    if folder.exists() and not folder.is_dir():
        raise KeyFileError(f"{folder}: exists and is not a folder", "give --out a new folder")


def prepare_folder(folder: Path) -> None:
    check_folder(folder)
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=0o700)
    except OSError as exc:
        raise KeyFileError(
            f"{folder}: cannot create the folder ({exc.strerror})",
            "give --out a folder whose parent exists",
        ) from None


# --- the share file -------------------------------------------------------------------------


def _checksum(mnemonic: str) -> str:
    digest = hashlib.sha256(mnemonic.encode("ascii")).hexdigest()
    return " ".join(digest[i : i + 8] for i in range(0, 64, 8))


def to_text(share: Share) -> str:
    k, n = share.threshold, share.count
    examples = " ".join(f"share-{i}-of-{n}.txt" for i in range(1, k + 1))
    words = share.mnemonic.split()
    word_lines = [
        f"{i + 1:2d}. " + " ".join(words[i : i + _WORDS_PER_LINE])
        for i in range(0, len(words), _WORDS_PER_LINE)
    ]
    lines = [
        SHARE_HEADER,
        "#",
        "# One share of a Shamir (SLIP-39) backup of a testimony identity (its secret keys).",
        f"# Share {share.number} of {n} (any {k} recover). Fewer than {k} shares reveal",
        f"# nothing of the keys, but any {k} of them ARE the identity: keep this paper apart",
        "# from the other shares, and keep no copy of it on a computer.",
        "#",
        f"# To recover, gather any {k} of the {n} shares of set {share.set_id}; retype the lines",
        "# below into a text file if only the paper is left. Then run, with their file names:",
        f"#   testimony keys recover {examples} --out recovered.key",
        "#",
        f"share: {share.number} of {n} (any {k} recover)",
        f"set: {share.set_id}",
        f"name: {share.name}",
        f"created: {share.created}",
        f"fingerprint: {share.fingerprint}",
        "words:",
        *word_lines,
        f"sha256: {_checksum(share.mnemonic)}",
    ]
    return "\n".join(lines) + "\n"


def _corrupt(source: str, what: str) -> KeyFileError:
    return KeyFileError(
        f"{source}: {what}",
        "compare the file with its paper copy and retype the wrong line, or use another share",
    )


def _fields(text: str, source: str) -> tuple[dict[str, str], list[str]]:
    """The ``key: value`` lines and the word tokens under ``words:`` (numbering dropped)."""
    fields: dict[str, str] = {}
    words: list[str] = []
    in_words = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in ("share", "set", "name", "created", "fingerprint", "words", "sha256"):
            if key in fields:
                raise _corrupt(source, f"the '{key}:' line appears twice")
            fields[key] = value.strip()
            in_words = key == "words"
        elif in_words:
            words += [w.lower() for w in line.split() if not w.rstrip(".").isdigit()]
        else:
            raise _corrupt(source, "a line is neither a field nor part of the words")
    return fields, words


def parse(text: str, source: str) -> Share:
    """Read a share file's text; refuse it, naming ``source``, if anything is damaged."""
    if SHARE_HEADER not in text:
        raise KeyFileError(
            f"{source}: not a testimony backup share",
            "share files are made by: testimony keys backup IDENTITY --shares N --threshold K",
        )
    fields, words = _fields(text, source)
    missing = [f for f in ("share", "name", "fingerprint", "sha256") if f not in fields]
    if missing or not words:
        raise _corrupt(source, f"missing {', '.join(missing) or 'the words'}")
    matched = _SHARE_LINE.fullmatch(fields["share"])
    if matched is None:
        raise _corrupt(source, "the 'share:' line is not like '2 of 5 (any 3 recover)'")
    number, count, threshold = (int(g) for g in matched.groups())
    mnemonic = " ".join(words)
    try:
        decoded = shamir_mnemonic.Share.from_mnemonic(mnemonic)
    except shamir_mnemonic.MnemonicError:
        raise _corrupt(source, "the words are damaged (their SLIP-39 checksum fails)") from None
    if "".join(fields["sha256"].split()).lower() != _checksum(mnemonic).replace(" ", ""):
        raise _corrupt(source, "the sha256 line does not match the words (one of them is wrong)")
    if (decoded.index + 1, decoded.member_threshold) != (number, threshold) or count < number:
        raise _corrupt(source, "the 'share:' line does not match the words")
    if fields.get("set", "").upper() not in ("", f"{decoded.identifier:04X}"):
        raise _corrupt(source, "the 'set:' line does not match the words")
    return Share(
        number,
        count,
        threshold,
        fields["name"],
        fields.get("created", ""),
        fields["fingerprint"].upper(),
        mnemonic,
        source,
    )


def read(path: Path) -> Share:
    text = read_small_text(path, MAX_SHARE_BYTES, "backup share", "check the share file names")
    return parse(text, str(path))


# --- recovery -------------------------------------------------------------------------------


def _check_set(shares: Sequence[Share]) -> None:
    """Every share of one backup of one identity, no share twice, at least the threshold."""
    if not shares:
        raise KeyFileError("no share given", _RECOVER_HINT.format(k="K"))
    first = shares[0]
    for share in shares[1:]:
        if share.fingerprint != first.fingerprint:
            raise KeyFileError(
                f"{first.source} and {share.source} are shares of different identities",
                _RECOVER_HINT.format(k=first.threshold),
            )
        if (share.name, share.created) != (first.name, first.created):
            raise KeyFileError(
                f"{first.source} and {share.source} disagree on the 'name:' or 'created:' line",
                "one of them was mistyped: correct it from the paper copy",
            )
        if (share.set_id, share.count, share.threshold) != (
            first.set_id,
            first.count,
            first.threshold,
        ):
            raise KeyFileError(
                f"{first.source} and {share.source} come from different backups of the identity",
                "use shares with the same 'set:' line; shares of two backups never combine",
            )
    seen: dict[int, str] = {}
    for share in shares:
        if share.number in seen:
            raise KeyFileError(
                f"{seen[share.number]} and {share.source} are the same share "
                f"({share.number} of {share.count})",
                f"give {first.threshold} different shares",
            )
        seen[share.number] = share.source
    if len(shares) < first.threshold:
        raise KeyFileError(
            f"{first.threshold} shares needed, {len(shares)} given",
            f"find {first.threshold - len(shares)} more share(s) of set {first.set_id}",
        )


def recover(shares: Sequence[Share]) -> Identity:
    """Rebuild the identity from at least ``threshold`` shares of one backup."""
    _check_set(shares)
    first = shares[0]
    try:
        # SLIP-39 combines exactly the threshold; any such subset of a checked set will do
        words = [s.mnemonic for s in shares[: first.threshold]]
        secret = bytes(shamir_mnemonic.combine_mnemonics(words))
    except (shamir_mnemonic.MnemonicError, ValueError):
        secret = b""
    if len(secret) != _SECRET_BYTES:
        raise KeyFileError(
            "the shares do not combine into an identity",
            "one of them is damaged or from another backup: try another combination of shares",
        )
    rebuilt = Identity(first.name, first.created, age_secret_text(secret[:32]), bytes(secret[32:]))
    if rebuilt.recipient.fingerprint != first.fingerprint:
        raise KeyFileError(
            "the recovered keys do not match the fingerprint on the shares",
            "a share's header was altered: check each fingerprint line against the paper",
        )
    return rebuilt


def recover_files(paths: Sequence[Path]) -> Identity:
    return recover([read(path) for path in paths])
