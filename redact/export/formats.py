"""The export file formats, and the text a reader of each produced file sees (for the gate).

Markdown: each quote a block quote with a footnote holding its citation. DOCX (``word``): each
quote a "Quote" paragraph whose citation is a real Word footnote, page numbers in the footer.
CSV and JSON: one row per quote with its number, record, interview code, speaker, quote,
citation and the quote's offsets in the record's redacted text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

FORMATS = ("md", "docx", "csv", "json")
CSV_FIELDS = ("number", "record", "code", "speaker", "quote", "citation", "start", "end")
TITLE = "Anonymized quotes"
NOTES = "Notes"


@dataclass(frozen=True)
class About:
    """Who publishes the file and when (the DOCX core properties)."""

    organisation: str
    now: dt.datetime


@dataclass(frozen=True)
class Quote:
    number: int
    record: str  # "record <short id>": no identifying data
    speaker: str  # the witness's pseudonym
    text: str  # the redacted excerpt
    citation: str
    start: int  # offsets of the excerpt in the record's redacted text
    end: int
    code: str = ""  # the record's interview code, when it has one

    def row(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "record": self.record,
            "code": self.code,
            "speaker": self.speaker,
            "quote": self.text,
            "citation": self.citation,
            "start": self.start,
            "end": self.end,
        }


def preamble(marker: str) -> str:
    sample = marker.replace("{}", "like this")
    return (
        f"Replacements are marked {sample}: names, places and other identifying details were "
        "replaced or generalised before publication."
    )


def boilerplate(marker: str) -> tuple[str, ...]:
    """The fixed words this module adds around the quotes."""
    return (TITLE, preamble(marker), NOTES)


def render(fmt: str, quotes: Sequence[Quote], marker: str, about: About | None = None) -> bytes:
    if fmt == "md":
        return markdown(quotes, marker).encode("utf-8")
    if fmt == "docx":
        from redact.export import word

        return word.docx(quotes, marker, about or About("", dt.datetime.now(dt.UTC)))
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, CSV_FIELDS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(q.row() for q in quotes)
        return out.getvalue().encode("utf-8")
    body = {"format": 1, "quotes": [q.row() for q in quotes]}
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def markdown(quotes: Sequence[Quote], marker: str) -> str:
    lines = [f"# {TITLE}", "", preamble(marker), ""]
    for q in quotes:
        body = q.text.split("\n")
        body[-1] += f"[^{q.number}]"
        lines += [f"> {line}" if line else ">" for line in body] + [""]
    lines += [f"[^{q.number}]: {q.citation}" for q in quotes]
    return "\n".join(lines) + "\n"


def visible_text(fmt: str, data: bytes) -> str:
    """The text a reader of the produced file sees, parsed back from the file's bytes."""
    if fmt == "md":
        return data.decode("utf-8")
    if fmt == "docx":
        return "\n".join(_docx_paragraphs(data))
    if fmt == "csv":
        rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
        return "\n".join(cell for row in rows for cell in row)
    return "\n".join(_strings(json.loads(data.decode("utf-8"))))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    else:
        yield str(value)


def _docx_paragraphs(data: bytes) -> Iterator[str]:
    """Every paragraph of every XML part (body, tables, headers, footers, notes, comments),
    its runs joined, so a name split across runs is one string again."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(archive.read(name))
            for paragraph in root.iter(f"{w}p"):
                parts: list[str] = []
                for node in paragraph.iter(f"{w}t", f"{w}br", f"{w}cr", f"{w}tab"):
                    if node.tag == f"{w}t":
                        raised = node.getparent().find(f"{w}rPr/{w}vertAlign")
                        if raised is not None and parts:  # a note mark: it ends a word
                            parts.append(" ")
                        parts.append(node.text or "")
                    else:
                        parts.append("\t" if node.tag == f"{w}tab" else "\n")
                yield "".join(parts)
