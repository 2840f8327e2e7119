"""The record model: frozen dataclasses and their JSON form (the plaintext inside record.age)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from keys.errors import VaultError

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Segment:
    """A stretch of the text with structure: a speaker turn, a subtitle cue, a paragraph."""

    start: int
    end: int
    speaker: str | None = None
    begin_ms: int | None = None  # subtitle timing, when the source had it
    end_ms: int | None = None


@dataclass(frozen=True)
class Document:
    """What a reader returns: the normalised text and its structure."""

    text: str
    segments: tuple[Segment, ...]
    source_format: str


@dataclass(frozen=True)
class Metadata:
    code: str | None = None
    date: str | None = None
    place: str | None = None
    interviewer: str | None = None
    language: str | None = None
    consent: str | None = None


@dataclass(frozen=True)
class Attachment:
    number: int
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Record:
    id: str
    added_at: str
    source_name: str
    source_format: str
    source_sha256: str  # chain of custody: SHA-256 of the original bytes
    text_sha256: str  # ... and of the normalised text, re-checked by `audit verify`
    text: str
    segments: tuple[Segment, ...]
    metadata: Metadata
    protected_terms: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)

    def summary(self) -> dict[str, Any]:
        """The listing entry kept in the record's sealed index file."""
        return {
            "format": FORMAT_VERSION,
            "id": self.id,
            "added_at": self.added_at,
            "source_format": self.source_format,
            "characters": len(self.text),
            "words": len(self.text.split()),
            "attachments": len(self.attachments),
            "protected_terms": len(self.protected_terms),
            **{k: v for k, v in asdict(self.metadata).items()},
        }


def to_json(record: Record) -> bytes:
    body = {"format": FORMAT_VERSION, **asdict(record)}
    return json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")


def from_json(data: bytes, what: str) -> Record:
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise VaultError(
            f"{what}: the decrypted record is malformed", "run: testimony audit verify --vault DIR"
        ) from None
    return from_body(body, what)


def from_body(body: dict[str, Any], what: str) -> Record:
    """A record from its decoded JSON object (the caller's copy is not changed)."""
    try:
        body = dict(body)
        version = body.pop("format", None)
        if version != FORMAT_VERSION:
            raise VaultError(
                f"{what}: record format {version} is not supported",
                "upgrade testimony to read this vault",
            )
        return Record(
            id=body["id"],
            added_at=body["added_at"],
            source_name=body["source_name"],
            source_format=body["source_format"],
            source_sha256=body["source_sha256"],
            text_sha256=body["text_sha256"],
            text=body["text"],
            segments=tuple(Segment(**s) for s in body["segments"]),
            metadata=Metadata(**body["metadata"]),
            protected_terms=tuple(body["protected_terms"]),
            attachments=tuple(Attachment(**a) for a in body["attachments"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise VaultError(
            f"{what}: the decrypted record is malformed", "run: testimony audit verify --vault DIR"
        ) from None
