"""Where a passphrase comes from: --passphrase-file, $TESTIMONY_PASSPHRASE, or a prompt."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from keys.errors import PassphraseError

ENV_VAR = "TESTIMONY_PASSPHRASE"


def obtain(passphrase_file: Path | None, prompt: str, confirm: bool = False) -> str:
    if passphrase_file is not None:
        try:
            text = passphrase_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise PassphraseError(
                f"{passphrase_file}: cannot read the passphrase file",
                "check the path given to --passphrase-file",
            ) from None
        value = text.rstrip("\r\n")
    elif os.environ.get(ENV_VAR):
        value = os.environ[ENV_VAR]
    elif sys.stdin.isatty():
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass("Confirm passphrase: ") != value:
            raise PassphraseError("the two passphrases differ", "run the command again")
    else:
        raise PassphraseError(
            "a passphrase is needed but there is no terminal to ask on",
            f"set ${ENV_VAR} or pass --passphrase-file FILE",
        )
    if not value:
        raise PassphraseError("the passphrase is empty")
    return value
