"""The one exception tree of the toolkit (it lives here, in the lowest layer).

    TestimonyError                 message + hint + exit code; never carries testimony text
    ├── UsageError                 bad command-line use (exit 2)
    ├── KeyFileError               identity file or recipient card unusable
    │   └── PassphraseError        wrong or missing passphrase
    ├── VaultError                 vault missing, locked, inconsistent
    │   └── DecryptionError        deliberately vague: wrong key and tampering look alike
    ├── InputFormatError           a source we cannot take in (unsupported, corrupt, empty, ...)
    ├── RedactionError
    ├── ReviewError
    └── ExportError

Rule: messages name files, record ids and offsets - never names, places or passphrases.
"""

from __future__ import annotations


class TestimonyError(Exception):
    """Root of every error the toolkit raises on purpose."""

    __test__ = False  # not a pytest test class, despite the name
    exit_code = 1
    default_hint = "run the command with --help to see how it is used"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint or self.default_hint


class UsageError(TestimonyError):
    exit_code = 2


class KeyFileError(TestimonyError):
    default_hint = (
        "check the file path; make a new identity with: testimony keys new --name NAME --out FILE"
    )


class PassphraseError(KeyFileError):
    default_hint = (
        "type the passphrase again, or set $TESTIMONY_PASSPHRASE / --passphrase-file for scripts"
    )


class VaultError(TestimonyError):
    default_hint = "check --vault; create a vault with: testimony vault init DIR --recipient CARD"


class DecryptionError(VaultError):
    default_hint = (
        "use an identity that is one of the vault's recipients; if it is, the file was "
        "changed or damaged: restore it from a backup"
    )


class InputFormatError(TestimonyError):
    default_hint = "supported formats: .txt .md .docx .odt .srt .vtt (UTF-8 text)"


class RedactionError(TestimonyError):
    pass


class ReviewError(TestimonyError):
    pass


class ExportError(TestimonyError):
    pass
