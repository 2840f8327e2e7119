"""Build the fictional sample corpus and its gold annotations.

Run from the repository root:

    .venv/bin/python samples/build.py

For every marked-up source ``samples/src/NN-slug.<fmt>.txt`` this script

1. parses the front-matter block and the ``{{...}}`` markup,
2. renders the plain document ``samples/NN-slug.<fmt>`` (txt, md, docx, odt, srt, vtt),
3. reads that file back with ``intake.readers.read`` and locates every marked span in
   ``doc.text`` (sequential search, each span after the end of the previous one),
4. writes ``samples/NN-slug.gold.json``.

The output is deterministic: docx/odt metadata use fixed values and timestamps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
ROOT = HERE.parent

TYPES = {
    "PERSON",
    "LOCATION",
    "CAMP",
    "PHONE",
    "WECHAT",
    "QQ",
    "EMAIL",
    "HANDLE",
    "DATE",
    "AGE",
    "PRICE",
    "ORGANIZATION",
    "ID_NUMBER",
    "COUNTRY",
}
META_KEYS = ("code", "date", "place", "interviewer", "language", "consent")
FIXED_TIME = dt.datetime(2026, 1, 1, 9, 0, 0)

# {{KEEP:TYPE|surface}}  or  {{TYPE:ENTITY_ID|surface}}  or  {{TYPE:ENTITY_ID|surface|quasi}}
MARKUP = re.compile(
    r"\{\{(?P<head>[A-Z_]+):(?P<arg>[A-Za-z0-9_\-]+)\|(?P<surface>[^{}|]+)(?P<quasi>\|quasi)?\}\}"
)
SRT_TIME = re.compile(r"^\d\d:\d\d:\d\d[,.]\d\d\d --> \d\d:\d\d:\d\d[,.]\d\d\d$")


@dataclass
class Item:
    keep: bool
    type: str
    entity: str | None
    surface: str
    must_mask: bool
    expected_start: int = -1  # offset in the contract-expected text (self-check)


@dataclass
class Source:
    path: Path
    stem: str  # NN-slug
    fmt: str
    meta: dict[str, str]
    protect: list[str]
    lines: list[str] = field(default_factory=list)  # plain lines (markup stripped)
    cues: list[tuple[str, str, str]] = field(default_factory=list)  # (start, end, plain text)
    items: list[Item] = field(default_factory=list)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def strip_markup(line: str, items: list[Item], where: str) -> str:
    """Return the plain line and append the markup items found in it (in order)."""
    out: list[str] = []
    last = 0
    for m in MARKUP.finditer(line):
        out.append(line[last : m.start()])
        head, arg, surface = m["head"], m["arg"], m["surface"]
        if head == "KEEP":
            if arg not in TYPES:
                raise SystemExit(f"{where}: unknown KEEP type {arg!r}")
            items.append(Item(True, arg, None, surface, False))
        else:
            if head not in TYPES:
                raise SystemExit(f"{where}: unknown type {head!r}")
            items.append(Item(False, head, arg, surface, m["quasi"] is None))
        out.append(surface)
        last = m.end()
    out.append(line[last:])
    plain = "".join(out)
    if "{{" in plain or "}}" in plain:
        raise SystemExit(f"{where}: malformed markup in line: {line!r}")
    return plain


def parse_source(path: Path) -> Source:
    m = re.fullmatch(r"(\d\d-[a-z0-9\-]+)\.(txt|md|docx|odt|srt|vtt)\.txt", path.name)
    if not m:
        raise SystemExit(f"bad source name: {path.name}")
    stem, fmt = m.group(1), m.group(2)
    raw = nfc(path.read_text(encoding="utf-8")).replace("\r\n", "\n")
    lines = raw.split("\n")
    if lines[0] != "---":
        raise SystemExit(f"{path.name}: missing front matter")
    end = lines.index("---", 1)
    meta: dict[str, str] = {}
    for fm in lines[1:end]:
        key, _, value = fm.partition(":")
        meta[key.strip()] = value.strip()
    missing = [k for k in (*META_KEYS, "protect") if k not in meta]
    if missing:
        raise SystemExit(f"{path.name}: front matter lacks {missing}")
    protect = [p.strip() for p in meta.pop("protect").split(";") if p.strip()]
    src = Source(path, stem, fmt, {k: meta[k] for k in META_KEYS}, protect)

    body = lines[end + 1 :]
    while body and not body[0].strip():
        body.pop(0)
    while body and not body[-1].strip():
        body.pop()

    if fmt in ("srt", "vtt"):
        i = 0
        while i < len(body):
            if not body[i].strip():
                i += 1
                continue
            ts = body[i].strip()
            if not SRT_TIME.match(ts):
                raise SystemExit(f"{path.name}:{end + 2 + i}: expected timestamp, got {ts!r}")
            text = body[i + 1] if i + 1 < len(body) else ""
            if not text.strip() or (i + 2 < len(body) and body[i + 2].strip()):
                raise SystemExit(f"{path.name}:{end + 2 + i}: cue must have exactly one text line")
            start, _, stop = ts.partition(" --> ")
            plain = strip_markup(text, src.items, f"{path.name}:{end + 3 + i}")
            src.cues.append((start, stop, plain))
            i += 2
    else:
        for n, line in enumerate(body):
            src.lines.append(strip_markup(line, src.items, f"{path.name}:{end + 2 + n}"))
    return src


# --------------------------------------------------------------------------- rendering

VOICE = re.compile(r"^<v ([^>]+)>(.*)$")


def fix_zip_times(path: Path) -> None:
    """Rewrite a docx/odt zip with fixed entry timestamps so rebuilds are byte-identical."""
    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in entries:  # order kept: odt needs "mimetype" first, stored
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16
            z.writestr(fixed, data)


def render(src: Source, out: Path) -> str:
    """Write the document; return the text the reader contract says ``read`` should give."""
    fmt = src.fmt
    title = f"Testimony sample {src.meta['code']} (fictional)"
    if fmt in ("txt", "md"):
        text = "\n".join(src.lines) + "\n"
        out.write_bytes(text.encode("utf-8"))
        return text
    paras = [ln for ln in src.lines if ln.strip()]
    if fmt == "docx":
        import docx

        d = docx.Document()
        for p in paras:
            d.add_paragraph(p)
        cp = d.core_properties
        cp.author = "Sample corpus (fictional)"
        cp.last_modified_by = "Sample corpus (fictional)"
        cp.title = title
        cp.subject = ""
        cp.keywords = ""
        cp.comments = ""
        cp.created = FIXED_TIME
        cp.modified = FIXED_TIME
        cp.last_printed = FIXED_TIME
        cp.revision = 1
        d.save(str(out))
        fix_zip_times(out)
        return "\n".join(paras)
    if fmt == "odt":
        from odf import dc, meta
        from odf.opendocument import OpenDocumentText
        from odf.text import P

        d = OpenDocumentText()
        d.meta.addElement(dc.Title(text=title))
        d.meta.addElement(dc.Creator(text="Sample corpus (fictional)"))
        d.meta.addElement(meta.InitialCreator(text="Sample corpus (fictional)"))
        d.meta.addElement(meta.CreationDate(text=FIXED_TIME.isoformat()))
        d.meta.addElement(dc.Date(text=FIXED_TIME.isoformat()))
        for p in paras:
            d.text.addElement(P(text=p))
        d.save(str(out))
        fix_zip_times(out)
        return "\n".join(paras)
    if fmt == "srt":
        import srt

        subs = [
            srt.Subtitle(
                index=i + 1,
                start=srt.srt_timestamp_to_timedelta(a),
                end=srt.srt_timestamp_to_timedelta(b),
                content=t,
            )
            for i, (a, b, t) in enumerate(src.cues)
        ]
        out.write_text(srt.compose(subs), encoding="utf-8", newline="\n")
        return "\n".join(t for _, _, t in src.cues)
    if fmt == "vtt":
        blocks = ["WEBVTT", ""]
        expected = []
        for a, b, t in src.cues:
            blocks += [f"{a.replace(',', '.')} --> {b.replace(',', '.')}", t, ""]
            m = VOICE.match(t)
            if not m:
                raise SystemExit(f"{src.path.name}: vtt cue without <v Name> tag: {t!r}")
            expected.append(f"{m.group(1)}: {m.group(2)}")
        out.write_text("\n".join(blocks), encoding="utf-8", newline="\n")
        return "\n".join(expected)
    raise SystemExit(f"unsupported format {fmt}")


def expected_offsets(src: Source) -> None:
    """Offsets of items in the contract-expected text, computed from the rendering itself."""
    it = iter(src.items)
    if src.fmt in ("srt", "vtt"):
        units = [t for _, _, t in src.cues]
    elif src.fmt in ("docx", "odt"):
        units = [ln for ln in src.lines if ln.strip()]
    else:
        units = src.lines
    base = 0
    for unit, raw in zip(units, _raw_units(src), strict=True):
        shift = 0  # vtt: "<v Name>" renders as "Name: "
        if src.fmt == "vtt":
            m = VOICE.match(unit)
            assert m
            shift = (len(m.group(1)) + 2) - len(f"<v {m.group(1)}>")
        for m in MARKUP.finditer(raw):
            item = next(it)
            plain_before = MARKUP.sub(lambda x: x["surface"], raw[: m.start()])
            item.expected_start = base + shift + len(plain_before)
        base += len(unit) + shift + 1
    if next(it, None) is not None:
        raise SystemExit(f"{src.path.name}: internal error mapping markup items")


def _raw_units(src: Source) -> list[str]:
    raw = nfc(src.path.read_text(encoding="utf-8")).replace("\r\n", "\n").split("\n")
    end = raw.index("---", 1)
    body = raw[end + 1 :]
    while body and not body[0].strip():
        body.pop(0)
    while body and not body[-1].strip():
        body.pop()
    if src.fmt in ("srt", "vtt"):
        return [body[i + 1] for i, ln in enumerate(body) if SRT_TIME.match(ln.strip())]
    if src.fmt in ("docx", "odt"):
        return [ln for ln in body if ln.strip()]
    return body


# --------------------------------------------------------------------------- gold


def locate(src: Source, text: str, expected: str) -> tuple[list[dict], list[dict], list[str]]:
    spans: list[dict] = []
    keep: list[dict] = []
    warnings: list[str] = []
    same = text == expected
    if not same:
        warnings.append(
            f"reader text differs from the contract rendering "
            f"(len {len(text)} vs {len(expected)}); offsets found by search only"
        )
    cursor = 0
    for item in src.items:
        surface = nfc(item.surface)
        start = text.find(surface, cursor)
        if start < 0:
            raise SystemExit(
                f"{src.path.name}: span {surface!r} not found in reader text after offset {cursor}"
            )
        if same and start != item.expected_start:
            raise SystemExit(
                f"{src.path.name}: {surface!r} found at {start}, but it is rendered at "
                f"{item.expected_start}: an unmarked earlier occurrence? mark it."
            )
        end = start + len(surface)
        if item.keep:
            keep.append({"start": start, "end": end, "text": surface, "type": item.type})
        else:
            spans.append(
                {
                    "start": start,
                    "end": end,
                    "text": surface,
                    "type": item.type,
                    "entity": item.entity,
                    "must_mask": item.must_mask,
                }
            )
        cursor = end
    return spans, keep, warnings


def word_count(src: Source) -> int:
    units = [t for _, _, t in src.cues] if src.cues else src.lines
    return sum(len(u.split()) for u in units)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--no-read",
        action="store_true",
        help="render only; skip reading back and gold files (reader unavailable)",
    )
    ap.add_argument("--src", type=Path, default=SRC, help="folder of marked-up sources")
    ap.add_argument("--out", type=Path, default=HERE, help="folder for documents and gold files")
    args = ap.parse_args(argv)
    src_dir: Path = args.src
    out_dir: Path = args.out

    sys.path.insert(0, str(ROOT))
    read = None
    if not args.no_read:
        from intake.readers import read

    sources = sorted(src_dir.glob("[0-9][0-9]-*.*.txt"))
    if not sources:
        raise SystemExit(f"no sources in {src_dir}")
    status = 0
    for path in sources:
        src = parse_source(path)
        out = out_dir / f"{src.stem}.{src.fmt}"
        expected = render(src, out)
        expected_offsets(src)
        words = word_count(src)
        note = "" if 350 <= words <= 900 else "  <-- word count outside 350-900"
        print(f"{out.name:40s} {words:4d} words, {len(src.items):3d} marked items{note}")
        if read is None:
            continue
        doc = read(out)
        spans, keep, warnings = locate(src, doc.text, expected)
        for w in warnings:
            print(f"  warning: {w}")
        gold = {
            "file": out.name,
            "metadata": src.meta,
            "protect": src.protect,
            "spans": spans,
            "keep": keep,
        }
        (out_dir / f"{src.stem}.gold.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
