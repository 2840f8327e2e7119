"""Attachments (recordings, up to many GiB): sealed and opened as streams, in constant memory.

Sealing reads the source once, through ``intake.readers._files.open_regular`` (a regular file,
no link, not swapped while opened), zero-pads it to its Padme size and hashes it on the way
(the custody hash of the plaintext); the ciphertext is hashed as it is written (the audit log's
file hash: no second read) and made durable with one ``fsync``, its writing started early.
Opening streams the plaintext to a sink, drops the padding (which must be zeros) and compares the
custody hash: success means the content is the one sealed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from intake.padding import padme
from intake.record import Attachment
from intake.streams import HashingFile, PaddedHashingReader, TrimmingHashingWriter
from keys import sealing
from keys.errors import InputFormatError, VaultError
from keys.identity import Identity, Recipient

MIN_PADDED = 4096


def seal(
    path: Path, number: int, source: Path, recipients: Sequence[Recipient]
) -> tuple[Attachment, str]:
    """Seal ``source`` into the new file ``path``: the attachment's entry and the SHA-256 of
    the sealed file."""
    # here, not at the top: intake.readers' package imports every reader (python-docx, odfpy...)
    from intake.readers._files import open_regular

    try:
        fd = open_regular(source, "attachment")
    except InputFormatError as error:  # the vault's contract: every failure of add is a VaultError
        raise VaultError(f"attachment {number}: {error.message}", error.hint) from None
    try:
        os.set_blocking(fd, True)
        size = os.fstat(fd).st_size
        with os.fdopen(fd, "rb", buffering=0) as plain:
            reader = PaddedHashingReader(plain, padme(size, minimum=MIN_PADDED))
            sealed = HashingFile(path)
            try:
                sealing.seal_stream(reader, sealed, recipients)
                sealed.sync()
            finally:
                sealed.close()
    except OSError as exc:
        raise VaultError(f"attachment {number}: cannot seal it ({exc.strerror})") from None
    if reader.size != size:
        raise VaultError(
            f"attachment {number} changed while it was being read",
            "wait until the recording is finished, then add it again",
        )
    entry = Attachment(number, source.name, size, reader.sha256.hexdigest())
    return entry, sealed.sha256.hexdigest()


def open_(
    path: Path, attachment: Attachment, identity: Identity, sink: BinaryIO, what: str
) -> None:
    """Stream the attachment sealed in ``path`` into ``sink``. On any error the sink holds
    garbage and the caller must discard it; success means the custody hash matched."""
    writer = TrimmingHashingWriter(sink, attachment.size)
    try:
        with path.open("rb", buffering=0) as sealed:
            sealing.open_stream(sealed, writer, [identity], what)
    except FileNotFoundError:
        raise VaultError(f"{what}: file missing", "restore the record from a backup") from None
    except OSError as exc:
        raise VaultError(
            f"{what}: cannot open it ({exc.strerror})", "check the disk and the output path"
        ) from None
    if writer.sha256.hexdigest() != attachment.sha256 or not writer.padding_clean:
        raise VaultError(
            f"{what}: content does not match its custody hash (swapped or altered)",
            "restore the record's folder from a backup",
        )
