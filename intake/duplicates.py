"""The same file taken in twice: noticed on the field laptop, which can read no record back.

Each record folder holds ``source.mac``: HMAC-SHA256 of the source file's exact bytes, keyed by
``DIR/intake.salt`` (32 random bytes made with the vault). Intake compares a new file's MAC
with those of the records already there and warns, naming the earlier record.

Why this leaks nothing: computing a MAC needs the whole file, byte for byte, so the values say
nothing about any record's content to anyone who does not already hold that very file (a
transcript is far too long to guess), and the random per-vault key makes them differ from any
published hash and from the same file's MAC in another vault (two vaults cannot be linked by
them). What remains is that someone holding both the vault folder and an exact copy of a source
can confirm this vault took it in; the salt does not hide that, and nothing kept in clear for a
keyless laptop could. The plain SHA-256 of the source stays sealed inside the record (custody).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

from intake.storage import atomic_write

SALT_NAME = "intake.salt"
MAC_NAME = "source.mac"
_SALT_BYTES = 32


def salt(root: Path) -> bytes:
    """The vault's intake salt, made on first use (a vault made before it existed). Call under
    the writer lock when it may have to be made."""
    path = root / SALT_NAME
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = b""
    if len(data) == _SALT_BYTES:
        return data
    made = secrets.token_bytes(_SALT_BYTES)
    atomic_write(path, made, 0o644)
    return made


def mac(key: bytes, source: bytes) -> str:
    return hmac.new(key, source, hashlib.sha256).hexdigest()


def earlier(root: Path, source: bytes) -> list[str]:
    """The ids of records already taken in from exactly these bytes (none when the vault has
    no salt yet: then no record has a MAC either)."""
    path = root / SALT_NAME
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        return []
    if len(key) != _SALT_BYTES:
        return []
    wanted = mac(key, source).encode()
    found = []
    records = root / "records"
    for folder in sorted(records.iterdir()):
        if folder.name.startswith("."):
            continue  # a staged or withdrawn folder
        try:
            held = (folder / MAC_NAME).read_bytes().strip()
        except (FileNotFoundError, NotADirectoryError):
            continue
        if hmac.compare_digest(held, wanted):
            found.append(folder.name)
    return found


def write(folder: Path, key: bytes, source: bytes) -> None:
    """Keep the MAC of ``source`` in a (staged) record folder."""
    atomic_write(folder / MAC_NAME, mac(key, source).encode() + b"\n", 0o644)
