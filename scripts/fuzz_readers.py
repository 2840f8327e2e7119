"""Fuzz the six source readers with damaged documents built in memory.

    .venv/bin/python scripts/fuzz_readers.py --inputs 300000 --seed 1

Valid .txt .md .docx .odt .srt .vtt documents (with invented names in them) are built once, then
mutated: byte flips, insertions, deletions, truncations, splices; zip member damage (dropped,
cut, garbled, renamed, duplicated members, a broken CRC); XML damage (cut tags, unbalanced and
unknown elements, deep nesting, entity declarations, bad UTF-8); cue damage (absurd hours,
broken arrows, lost blank lines, missing header); invisible characters. Every input goes through
``intake.readers.parse`` with file descriptors 1 and 2 captured in memory.

It prints counts and exits 1 unless: 0 internal errors (any exception outside the toolkit's one
error tree), 0 bytes written to stdout or stderr while parsing, and no input slower than the
per-input limit. Nothing is written to disk; the names in the documents are invented.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import os
import random
import signal
import sys
import time
import traceback
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from intake.readers import parse
from keys.errors import TestimonyError

FORMATS = ("txt", "md", "docx", "odt", "srt", "vtt")
NAMES = ["Ri Chol-min", "Pak Sun-hui", "Hoeryong", "김보람", "Onsong"]  # invented or public places
LINES = [
    f"Q: Where did you meet {NAMES[0]}?",
    f"A: In {NAMES[2]}, with {NAMES[1]}. {NAMES[3]} came too.",
    f"Q: And then?\u200b A: We crossed near {NAMES[4]} at night.",
]


class Slow(BaseException):  # not an Exception: the reader guard must not swallow it
    pass


# -- valid seeds ----------------------------------------------------------------------------------


def _docx() -> bytes:
    import docx

    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = NAMES[1]
    table.rows[0].cells[1].text = NAMES[2]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _odt() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P, Span

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Interview"))
    for line in LINES:
        paragraph = P(text=line)
        paragraph.addElement(Span(text=f" ({NAMES[3]})"))
        document.text.addElement(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _srt() -> bytes:
    cues = [f"{n}\n00:00:0{n},000 --> 00:00:0{n},900\n{line}\n" for n, line in enumerate(LINES, 1)]
    return "\n".join(cues).encode()


def _vtt() -> bytes:
    cues = [
        f"00:00:0{n}.000 --> 00:00:0{n}.900\n<v {line[0]}>{line[3:]}\n"
        for n, line in enumerate(LINES, 1)
    ]
    return ("WEBVTT\n\nNOTE invented\n\n" + "\n".join(cues)).encode()


def seeds() -> dict[str, bytes]:
    text = ("\n".join(LINES) + "\n").encode()
    return {
        "txt": text,
        "md": b"# Interview\n\n**" + text.replace(b"\n", b"**\n**", 1),
        "docx": _docx(),
        "odt": _odt(),
        "srt": _srt(),
        "vtt": _vtt(),
    }


# -- mutations ------------------------------------------------------------------------------------

Mutation = Callable[[random.Random, bytes], bytes]


def flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 4, 16))):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def insert(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = rng.choice(
        [
            rng.randbytes(rng.randint(1, 16)),
            b"\x00",
            b"\xff\xfe",
            "\u200b\u202e\ufeff".encode(),
            b"\r",
            b"-->",
            b"<",
            b"&",
            b"]]>",
        ]
    )
    return data[:at] + junk + data[at:]


def delete(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.randint(1, 64) :]


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def duplicate(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    piece = data[at : at + rng.randint(1, 256)]
    return data[:at] + piece * rng.randint(2, 8) + data[at:]


BYTE_MUTATIONS: list[Mutation] = [flip, insert, delete, truncate, duplicate]


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]] | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        return [(info, archive.read(info.filename)) for info in archive.infolist()]
    except Exception:
        return None


def _pack(members: list[tuple[str, bytes]], rng: random.Random) -> bytes:
    out = io.BytesIO()
    method = rng.choice((zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED))
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", compression=method) as archive:
        warnings.simplefilter("ignore")  # duplicate member names are one of the mutations
        for name, content in members:
            archive.writestr(name, content)
    return out.getvalue()


def xml_damage(rng: random.Random, xml: bytes) -> bytes:
    choice = rng.randrange(10)
    if choice == 0 and b"<" in xml:  # cut a tag open
        at = rng.choice([i for i, c in enumerate(xml) if c == ord("<")][:2000])
        return xml[:at] + xml[at + rng.randint(1, 12) :]
    if choice == 1:  # an unknown element, unbalanced
        at = xml.rfind(b"</")
        return xml[:at] + b"<text:zz>" + xml[at:] if at > 0 else xml + b"<a>"
    if choice == 2:  # deep nesting
        depth = rng.choice((100, 1000, 5000))
        at = xml.rfind(b"</")
        inner = b"<text:span>" * depth + b"x" + b"</text:span>" * depth
        return xml[:at] + inner + xml[at:] if at > 0 else inner
    if choice == 3:  # entity declarations (billion laughs, external)
        doctype = rng.choice(
            [
                b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
                b'<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
            ]
        )
        end = xml.find(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        return xml[:end] + doctype + xml[end:]
    if choice == 4:  # bad UTF-8
        at = rng.randrange(len(xml) + 1)
        return xml[:at] + b"\xc3\x28\xff" + xml[at:]
    if choice == 5:  # a namespace prefix lost
        return xml.replace(b"xmlns:", b"xmlnz:", 1)
    if choice == 6:  # text nodes replaced by control characters
        return xml.replace(b"Ri Chol-min", b"\x01\x02\x1b[2J")
    if choice == 7:
        return xml[: rng.randrange(len(xml) + 1)]
    if choice == 8:
        return b""
    return flip(rng, xml)


def zip_damage(rng: random.Random, data: bytes) -> bytes:
    members = _members(data)
    if not members:
        return flip(rng, data)
    names = [(info.filename, content) for info, content in members]
    index = rng.randrange(len(names))
    name, content = names[index]
    choice = rng.randrange(8)
    if choice == 0:
        del names[index]
    elif choice == 1:
        names[index] = (name, content[: rng.randrange(len(content) + 1)])
    elif choice == 2:
        names[index] = (name, rng.randbytes(rng.randint(0, 64)))
    elif choice == 3:
        names[index] = (name + rng.choice(("x", "/", ".bak")), content)
    elif choice == 4:
        names.append((name, content))  # a duplicate member
    elif choice == 5:
        xml_members = [i for i, (n, _) in enumerate(names) if n.endswith((".xml", ".rels"))]
        if xml_members:
            index = rng.choice(xml_members)
            name, content = names[index]
        names[index] = (name, xml_damage(rng, content))
    elif choice == 6:
        packed = _pack(names, rng)  # then a broken CRC or header byte
        return flip(rng, packed)
    else:
        rng.shuffle(names)
    return _pack(names, rng)


def xml_member_damage(rng: random.Random, data: bytes) -> bytes:
    members = _members(data)
    if not members:
        return flip(rng, data)
    names = [(info.filename, content) for info, content in members]
    targets = [
        i
        for i, (n, _) in enumerate(names)
        if n in ("content.xml", "word/document.xml", "styles.xml", "META-INF/manifest.xml")
        or n.endswith(".rels")
        or n == "[Content_Types].xml"
    ]
    index = rng.choice(targets or [0])
    name, content = names[index]
    names[index] = (name, xml_damage(rng, content))
    return _pack(names, rng)


def cue_damage(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    choice = rng.randrange(10)
    if choice == 0:
        hours = rng.choice(("99999999999999", "-1", "1" + "0" * 30, "25", "٣"))
        text = text.replace("00:00:0", f"{hours}:00:0", rng.randint(1, 3))
    elif choice == 1:
        text = text.replace("-->", rng.choice(("->", "-- >", "-->-->", "")), 1)
    elif choice == 2:
        text = text.replace("\n\n", "\n", rng.randint(1, 4))
    elif choice == 3:
        text = text.replace("WEBVTT", rng.choice(("", "WEBVT", "WEBVTTX", "\ufeffWEBVTT")), 1)
    elif choice == 4:
        text = text.replace(",000", rng.choice((",9999", ",", ".000", ",-1")), 1)
    elif choice == 5:
        text = text.replace("\n1\n", rng.choice(("\nx\n", "\n-5\n", "\n" + "9" * 40 + "\n")), 1)
    elif choice == 6:
        text = rng.choice(("STYLE\n::cue {}\n\n", "NOTE\n\n", "REGION\nid:x\n\n")) + text
    elif choice == 7:
        text = text.replace("<v ", rng.choice(("<v", "<v.x ", "<c.", "<v <v ")), 1)
    elif choice == 8:
        text = text.replace(".000", ".000 align:start position:999%", 1)
    else:
        lines = text.split("\n")
        rng.shuffle(lines)
        text = "\n".join(lines)
    return text.encode()


def text_damage(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    choice = rng.randrange(5)
    if choice == 0:  # only invisible characters
        return "".join(
            rng.choice("\u200b\u200c\u200d\ufeff\u00ad \n\u3164\u2800") for _ in range(40)
        ).encode()
    if choice == 1:
        return text.replace("\n", "\r\n").encode("utf-8")
    if choice == 2:
        return text.encode("utf-16")
    if choice == 3:
        return text.encode("cp949", "replace")
    return ("\u202e" + text).encode()


MUTATIONS: dict[str, list[Mutation]] = {
    "txt": [*BYTE_MUTATIONS, text_damage],
    "md": [*BYTE_MUTATIONS, text_damage],
    "docx": [*BYTE_MUTATIONS, zip_damage, zip_damage, xml_member_damage, xml_member_damage],
    "odt": [*BYTE_MUTATIONS, zip_damage, zip_damage, xml_member_damage, xml_member_damage],
    "srt": [*BYTE_MUTATIONS, cue_damage, cue_damage, text_damage],
    "vtt": [*BYTE_MUTATIONS, cue_damage, cue_damage, text_damage],
}


# -- the harness ----------------------------------------------------------------------------------


@contextlib.contextmanager
def captured_fds() -> Iterator[Callable[[], int]]:
    """Point fds 1 and 2 into an in-memory file; yields: bytes written since the last call."""
    sys.stdout.flush()
    sys.stderr.flush()
    sink = os.memfd_create("fuzz-capture")
    saved = [os.dup(1), os.dup(2)]
    os.dup2(sink, 1)
    os.dup2(sink, 2)

    def taken() -> int:
        size = os.fstat(sink).st_size
        if size:
            os.ftruncate(sink, 0)
            os.lseek(sink, 0, os.SEEK_SET)
        return size

    try:
        yield taken
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, sink):
            os.close(fd)


def _slow(signum: int, frame: FrameType | None) -> None:
    raise Slow


def run(
    inputs: int, seed: int, per_input_s: float = 10.0, progress: Callable[[str], None] | None = None
) -> dict[str, object]:
    rng = random.Random(seed)  # noqa: S311 - reproducible mutations, not secrets
    valid = seeds()
    counts: collections.Counter[str] = collections.Counter()
    internal: collections.Counter[str] = collections.Counter()
    leaked_bytes = 0
    slowest = 0.0
    previous = signal.signal(signal.SIGALRM, _slow)
    started = time.monotonic()
    py_out, py_err = sys.stdout, sys.stderr
    try:
        with captured_fds() as taken:
            for n in range(inputs):
                fmt = FORMATS[n % len(FORMATS)]
                data = valid[fmt]
                mutation = rng.choice(MUTATIONS[fmt])
                for _ in range(rng.choice((1, 1, 1, 2, 3))):
                    data = mutation(rng, data)
                    mutation = rng.choice(MUTATIONS[fmt])
                taken()  # what the mutations said (zipfile warns of duplicate names) is not counted
                sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
                begin = time.monotonic()
                signal.setitimer(signal.ITIMER_REAL, per_input_s)
                try:
                    parse(data, f"fuzz.{fmt}")
                    outcome = "ok"
                except TestimonyError:
                    outcome = "refused"
                except Slow:
                    outcome = "slow"
                except Exception as error:
                    outcome = "internal"
                    where = traceback.extract_tb(error.__traceback__)[-1]  # a place, never data
                    at = f"{Path(where.filename).name}:{where.lineno}"
                    internal[f"{fmt} {type(error).__name__} at {at}"] += 1
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    python_text = len(sys.stdout.getvalue()) + len(sys.stderr.getvalue())
                    sys.stdout, sys.stderr = py_out, py_err
                slowest = max(slowest, time.monotonic() - begin)
                leaked = taken() + python_text
                leaked_bytes += leaked
                counts[f"{fmt} {outcome}"] += 1
                if leaked:
                    counts[f"{fmt} leaked"] += 1
                if progress and (n + 1) % 10000 == 0:
                    progress(f"{n + 1} inputs, {time.monotonic() - started:.0f} s")
    finally:
        signal.signal(signal.SIGALRM, previous)
    return {
        "inputs": inputs,
        "seed": seed,
        "counts": dict(sorted(counts.items())),
        "internal": dict(internal),
        "internal_errors": sum(internal.values()),
        "slow": sum(v for k, v in counts.items() if k.endswith(" slow")),
        "leaked_bytes": leaked_bytes,
        "slowest_s": round(slowest, 3),
        "seconds": round(time.monotonic() - started, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-input-s", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=1, choices=[1], help="one: a shared machine")
    args = parser.parse_args()

    def progress(line: str) -> None:
        os.write(saved_err, (line + "\n").encode())

    saved_err = os.dup(2)
    result = run(args.inputs, args.seed, args.per_input_s, progress)
    os.close(saved_err)
    print(f"inputs {result['inputs']}  seed {result['seed']}  seconds {result['seconds']}")
    for key, value in result["counts"].items():  # type: ignore[attr-defined]
        print(f"  {key:<18} {value}")
    print(f"internal errors {result['internal_errors']}  {result['internal']}")
    print(f"bytes on stdout/stderr while parsing {result['leaked_bytes']}")
    print(f"slow inputs {result['slow']}  slowest {result['slowest_s']} s")
    ok = not result["internal_errors"] and not result["leaked_bytes"] and not result["slow"]
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
