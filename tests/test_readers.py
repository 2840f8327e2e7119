"""Source readers: round trips and refusals (library level; CLI refusals are in test_cli)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from odf.opendocument import OpenDocumentText
from odf.text import P

from intake.normalise import normalise
from intake.readers import MAX_SOURCE_BYTES, read, read_source
from keys.errors import InputFormatError
from tests.conftest import SAMPLES

LINES = [
    "Q: Where were you born?",
    "A: In Hoeryŏng, near the river. 김보람 came too.",
    "Q: And then?",
    "A: We crossed at night.",
]


def _write(path: Path, fmt: str) -> Path:
    if fmt in ("txt", "md"):
        path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    elif fmt == "docx":
        document = docx.Document()
        for line in LINES:
            document.add_paragraph(line)
        document.save(str(path))
    elif fmt == "odt":
        document = OpenDocumentText()
        for line in LINES:
            document.text.addElement(P(text=line))
        document.save(str(path))
    elif fmt == "srt":
        cues = [
            f"{n}\n00:00:0{n},000 --> 00:00:0{n},900\n{line}\n" for n, line in enumerate(LINES, 1)
        ]
        path.write_text("\n".join(cues), encoding="utf-8")
    elif fmt == "vtt":
        cues = [
            f"00:00:0{n}.000 --> 00:00:0{n}.900\n<v {line[0]}>{line[3:]}\n"
            for n, line in enumerate(LINES, 1)
        ]
        path.write_text("WEBVTT\n\n" + "\n".join(cues), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["txt", "md", "docx", "odt", "srt", "vtt"])
def test_round_trip(tmp_path: Path, fmt: str) -> None:
    document = read(_write(tmp_path / f"t.{fmt}", fmt))
    assert document.source_format == fmt
    assert document.text.rstrip("\n") == "\n".join(LINES)
    speakers = [s.speaker for s in document.segments]
    assert speakers == ["Q", "A", "Q", "A"]
    for segment, line in zip(document.segments, LINES, strict=True):
        assert document.text[segment.start : segment.end].startswith(line)
    if fmt in ("srt", "vtt"):
        assert [(s.begin_ms, s.end_ms) for s in document.segments] == [
            (n * 1000, n * 1000 + 900) for n in range(1, 5)
        ]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("# Interview\n\n**Q:** Where?\n**A:** There.\n", ["Q", "A"]),
        ("A note with no speaker labels at all.\n", []),
        (
            "INTERVIEWER: one\nWitness (through interpreter): two\n",
            ["INTERVIEWER", "Witness (through interpreter)"],
        ),
        ("Time 10:30 is not a label\n", []),
    ],
)
def test_speaker_turns_in_plain_text(tmp_path: Path, text: str, speakers: list[str]) -> None:
    path = tmp_path / "s.md"
    path.write_text(text, encoding="utf-8")
    assert [s.speaker for s in read(path).segments] == speakers


def test_normalisation_nfc_newlines_bom(tmp_path: Path) -> None:
    decomposed = "Hoeryo\u0306ng"  # o + combining breve
    path = tmp_path / "n.txt"
    path.write_bytes(("\ufeffA: " + decomposed + "\r\nQ: x\rY").encode())
    text = read(path).text
    assert text == "A: Hoeryŏng\nQ: x\nY"
    assert text == normalise(text)


def test_every_sample_reads_and_matches_its_gold() -> None:
    golds = sorted(SAMPLES.glob("*.gold.json"))
    assert len(golds) >= 12
    for gold_path in golds:
        gold = json.loads(gold_path.read_text())
        text = read(SAMPLES / gold["file"]).text
        for span in gold["spans"]:
            assert text[span["start"] : span["end"]] == span["text"], gold_path.name


def _corrupt_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("t.pdf", b"%PDF-1.4", "unsupported format '.pdf'"),
        ("noext", b"text", "unsupported format '(no suffix)'"),
        ("t.txt", b"", "the file is empty"),
        ("t.txt", b"  \n\n\t", "the file is empty"),
        ("t.txt", "Kim Bo-ram".encode("cp949") + b"\xb1\xe8", "not UTF-8 text"),
        ("t.srt", b"\xff\xfe1\n", "not UTF-8 text"),
        ("t.docx", b"PK\x03\x04 truncated zip", "not a valid .docx"),
        ("t.docx", _corrupt_zip(), "not a readable .docx"),
        ("t.odt", b"plain text pretending", "not a valid .odt"),
        ("t.odt", _corrupt_zip(), "not a readable .odt"),
        ("t.srt", b"this is not\na subtitle", "not a valid .srt"),
        ("t.vtt", b"1\n00:00 nope", "not a valid .vtt"),
    ],
)
def test_refusals(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFormatError, match=re.escape(message)) as caught:
        read(path)
    assert caught.value.hint


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 200 MB without using the disk
        handle.truncate(200 * 1000 * 1000)
    assert path.stat().st_size > MAX_SOURCE_BYTES
    with pytest.raises(InputFormatError, match="too large"):
        read_source(path)


def test_zip_bomb_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))
    with pytest.raises(InputFormatError, match="unpacks to"):
        read(path)


SECRET = "Ri Chol-min"  # an invented name: it must never reach stdout or stderr


def _odt_bytes() -> bytes:
    document = OpenDocumentText()
    document.text.addElement(P(text=f"A: {SECRET} crossed at night."))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph(f"A: {SECRET} crossed at night.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _replace_member(data: bytes, member: str, content: bytes | None) -> bytes:
    """The archive with ``member`` replaced (or dropped when ``content`` is None)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            if info.filename != member:
                archive.writestr(info.filename, source.read(info.filename))
            elif content is not None:
                archive.writestr(info.filename, content)
    return out.getvalue()


def _cut_xml(data: bytes, member: str) -> bytes:
    xml = zipfile.ZipFile(io.BytesIO(data)).read(member)
    return _replace_member(data, member, xml[: len(xml) - 40])


DAMAGED = [
    ("odt-content-cut", "t.odt", lambda: _cut_xml(_odt_bytes(), "content.xml")),
    (
        "odt-manifest-garbage",
        "t.odt",
        lambda: _replace_member(_odt_bytes(), "META-INF/manifest.xml", b"\x00garbage<<"),
    ),
    ("odt-styles-garbage", "t.odt", lambda: _replace_member(_odt_bytes(), "styles.xml", b"<a>")),
    (
        "odt-no-manifest",
        "t.odt",
        lambda: _replace_member(_odt_bytes(), "META-INF/manifest.xml", None),
    ),
    (
        "docx-rels-broken",
        "t.docx",
        lambda: _replace_member(_docx_bytes(), "_rels/.rels", b"<Relationships"),
    ),
    (
        "docx-doc-rels-garbage",
        "t.docx",
        lambda: _replace_member(_docx_bytes(), "word/_rels/document.xml.rels", b"\xff\xfe"),
    ),
    ("docx-document-cut", "t.docx", lambda: _cut_xml(_docx_bytes(), "word/document.xml")),
    (
        "docx-no-content-types",
        "t.docx",
        lambda: _replace_member(_docx_bytes(), "[Content_Types].xml", None),
    ),
    (
        "srt-absurd-hours",
        "t.srt",
        lambda: f"1\n99999999999999:00:00,000 --> 99999999999999:00:01,000\nA: {SECRET}\n".encode(),
    ),
    (
        "srt-trailing-garbage",
        "t.srt",
        lambda: f"{SECRET} notes\n\n1\n00:00:01,000 --> 00:00:02,000\nA: hi\n".encode(),
    ),
    (
        "vtt-absurd-hours",
        "t.vtt",
        lambda: f"WEBVTT\n\n99999999999999999999:00:00.000 --> 00:00:01.000\n{SECRET}\n".encode(),
    ),
    ("vtt-no-header", "t.vtt", lambda: f"00:00:01.000 --> 00:00:02.000\n{SECRET}\n".encode()),
]


@pytest.mark.parametrize(
    ("name", "content"), [(n, c) for _, n, c in DAMAGED], ids=[i for i, _, _ in DAMAGED]
)
def test_damaged_documents_are_refused_in_silence(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], name: str, content: Callable[[], bytes]
) -> None:
    """A clear refusal (never a partial read, never 'internal error'), and not one byte of the
    document on stdout or stderr, even when the parser prints or logs what it could not parse."""
    path = tmp_path / name
    path.write_bytes(content())
    with pytest.raises(InputFormatError) as caught:
        read(path)
    assert caught.value.hint
    assert SECRET not in caught.value.message
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_the_guard_catches_fd_level_output() -> None:
    """A parser writing straight to file descriptors 1 and 2 is silenced and refused."""
    import os

    from intake.readers._guard import parsing

    refused = pytest.raises(InputFormatError, match="parser reported a problem")
    with refused, parsing("x.odt", ".odt document", "save it again"):
        os.write(1, SECRET.encode())
    refused = pytest.raises(InputFormatError, match="parser reported a problem")
    with refused, parsing("x.odt", ".odt document", "save it again"):
        os.write(2, b"x" * 200_000)  # more than a pipe holds: a short write, never a hang
