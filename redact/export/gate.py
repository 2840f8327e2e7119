"""The leak gate: the last check before an export is written.

It reads the produced file as a reader would (``export_formats.visible_text``, then
``reading.read``: compatibility forms, invisible characters, look-alike letters, Markdown, dashes
and spacing, Hangul and Chinese characters) and looks for every known original — each surface of
the vault's pseudonym table, each protected term of every record, each interviewer's name — in
every spelling variant the variants module knows, read the same way. Hits are word-aware and are
mapped back to the output's own characters.

Recall first: a hit is allowed only where the exporter can prove the reviewer let that text out:

- inside a span the policy kept (countries, public figures): any original that is not a whole
  protected term;
- inside a span a reviewer rejected (or edited back to its own text): an original that is not a
  protected term and whose entity was released, i.e. rejected or kept in every record of the
  vault — a person masked in one quote must not be named in the next;
- inside a span a reviewer released with a signed reason (``review reject --reason``): exactly
  that span's text, a protected term included, in that place of that record only;
- inside a machine-made replacement (a pseudonym, a generalisation): it is our own text.

Anything else is a leak, and one leak refuses the whole export. Each leak says which excerpt,
where in it (excerpt offsets) and in which span window it fell, so the exporter can tell the
editor which command fixes it; the matched text is kept for ``--show-originals`` only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from keys.errors import ExportError
from redact.link.pseudonyms import PseudonymTable
from redact.text import reading
from redact.text.variants import spelling_variants

PROTECTED_LABEL = "PROTECTED TERM"
INTERVIEWER_LABEL = "PERSON"
KEPT, REJECTED, REPLACED, FRAME = "kept", "rejected", "replaced", "frame"


COMMON_WORD_ZIPF = 3.5  # "intake" 3.6, "memo" 3.6, "uncle" 4.5
FUNCTION_WORD_ZIPF = 6.0  # go 6.3, so 6.9, do 6.7; kim 4.6, lee 4.7, han 3.9, son 5.3


@dataclass(frozen=True)
class Needle:
    """A form under which a known original could appear."""

    text: str
    label: str
    entity: str | None  # the table's entity key, when known
    protected: bool


@dataclass(frozen=True)
class Window:
    """Where a span landed in an excerpt (offsets into the excerpt) and what it allows."""

    start: int
    end: int
    kind: str  # kept | rejected | replaced | frame
    trusted: bool = True  # replaced: a machine-made replacement (not a reviewer's own words)
    span: str | None = None  # the span's id in its record's log, for the fixing command
    released: bool = False  # left visible by a reviewer with a signed reason (a signed release)


@dataclass(frozen=True)
class GateExcerpt:
    number: int
    text: str
    windows: tuple[Window, ...] = ()


@dataclass(frozen=True)
class Leak:
    excerpt: int | None  # None: outside every excerpt (a citation, a heading)
    label: str
    start: int  # offsets in the checked output text
    end: int
    original: str  # the matched output text: for --show-originals only, never in a message
    protected: bool = False
    at: tuple[int, int] | None = None  # offsets in the excerpt's text, when located
    window: Window | None = None  # the span window it fell in (excerpt offsets), if any
    reason: str = "known"  # known: a known original; detected: the second look found it

    def where(self) -> str:
        place = f"excerpt {self.excerpt}" if self.excerpt else "the citations or headings"
        what = PROTECTED_LABEL if self.protected else self.label
        return f"{place}: a known {what} at characters {self.start}-{self.end} of the output"


class LeakError(ExportError):
    """The export would publish a known original. Carries the hits for --show-originals."""

    def __init__(
        self, leaks: Sequence[Leak], message: str | None = None, hint: str | None = None
    ) -> None:
        first = leaks[0]
        more = f" (and {len(leaks) - 1} more)" if len(leaks) > 1 else ""
        super().__init__(
            message or f"export refused: {first.where()}{more}; nothing was written",
            hint
            or "review the record again (testimony review show ID) or choose other excerpts; an "
            "authorised reviewer can add --show-originals to see the matched words on stderr",
        )
        self.leaks = list(leaks)
        self.details: list[str] = []  # one line per leak, set by the exporter
        self.originals: list[str] = []  # the same lines with the original words shown


def known_originals(
    table: PseudonymTable,
    protected_terms: Iterable[str],
    interviewers: Iterable[str] = (),
) -> list[Needle]:
    """Every known original with its spelling variants, one needle per distinct reading (a
    protected form wins over others)."""
    from redact.link import linking

    found: dict[tuple[str, frozenset[int], bool], Needle] = {}

    def add(surface: str, label: str, entity: str | None, protected: bool) -> None:
        for form in sorted({surface, *spelling_variants(surface)}):
            read = reading.read(form)
            if not read.letters:
                continue
            key = (read.letters, read.bounds(), read.has_soft)
            old = found.get(key)
            if old is None or (protected and not old.protected):
                found[key] = Needle(form, label, entity, protected)

    for key, entry in table.entries.items():
        for surface in entry["surfaces"]:
            add(surface, entry["label"], key, False)
    for term in protected_terms:
        key = linking.entity_key("PERSON", term)
        known = table.entries.get(key)
        add(term, known["label"] if known else PROTECTED_LABEL, key if known else None, True)
    for name in interviewers:
        add(name, INTERVIEWER_LABEL, linking.entity_key("PERSON", name), False)
    return sorted(found.values(), key=lambda n: (-len(reading.read(n.text).letters), n.text))


Row = tuple[int, int, int, Window | None, int]  # output start, end, excerpt, window, offset


def _locate(text: str, excerpts: Sequence[GateExcerpt]) -> list[Row]:
    """Each excerpt's lines in the output text, in order, with their windows moved there.

    Returns (start, end, excerpt number, window, excerpt offset of the row) rows: one per
    excerpt line (window None) and one per window found whole inside a located line. A line
    that cannot be found verbatim (the format changed it) gets no windows: stricter, never
    laxer."""
    rows: list[Row] = []
    cursor = 0
    for excerpt in excerpts:
        offset = 0
        for line in excerpt.text.split("\n"):
            at = text.find(line, cursor) if line.strip() else -1
            if at >= 0:
                rows.append((at, at + len(line), excerpt.number, None, offset))
                for w in excerpt.windows:
                    if offset <= w.start and w.end <= offset + len(line):
                        moved = replace(w, start=at + w.start - offset, end=at + w.end - offset)
                        rows.append((moved.start, moved.end, excerpt.number, moved, w.start))
                cursor = at + len(line)
            offset += len(line) + 1
    return rows


def _frame(text: str, rows: list[Row], phrases: Iterable[str]) -> Iterator[Window]:
    """Windows over the exporter's own fixed words (title, "interview by", ...) outside every
    excerpt: a table surface such as a mis-tagged "Interview" is not a leak there."""
    lines = [(s, e) for s, e, _, w, _ in rows if w is None]
    for phrase in phrases:
        at = text.find(phrase)
        while phrase and at >= 0:
            end = at + len(phrase)
            if not any(s < end and at < e for s, e in lines):
                yield Window(at, end, FRAME)
            at = text.find(phrase, end)


def _allowed(needle: Needle, start: int, end: int, window: Window, released: set[str]) -> bool:
    if not (window.start <= start and end <= window.end):
        return False
    if window.kind == FRAME:
        return not needle.protected
    if window.kind == KEPT:
        return not needle.protected or (end - start) < (window.end - window.start)
    if window.kind == REJECTED:
        if window.released:  # a signed release: exactly this span's text, in this place
            return True
        return not needle.protected and needle.entity is not None and needle.entity in released
    return window.trusted


def hits(text: str, needle: str, seen: reading.Reading | None = None) -> list[tuple[int, int]]:
    """Where ``needle``, read as a reader reads, occurs in ``text`` (offsets in ``text``)."""
    haystack = seen if seen is not None else reading.read(text)
    wanted = reading.read(needle)
    out = {
        haystack.source_range(a, b)
        for a, b in reading.find(haystack, wanted)
        if _syllables(haystack, a, b)
    }
    korean = reading.korean(haystack)
    for a, b in reading.find(korean, reading.korean(wanted)):
        if (wanted.has_soft or any(korean.soft[a:b])) and _syllables(korean, a, b):
            out.add(korean.source_range(a, b))  # Hangul or Chinese on one side
    return sorted((a, _marks_after(text, b)) for a, b in out)


def _syllables(seen: reading.Reading, a: int, b: int) -> bool:
    """A hit in Hangul or Chinese characters spans two syllables at least: one character
    read alone (红 "hong", 户 "hu") is a word of its own, not a name."""
    if not all(seen.soft[a:b]):
        return True
    return len(set(seen.word[a:b])) >= 2


def _marks_after(text: str, end: int) -> int:
    """A hit ends after the combining marks of its last letter (NFD text)."""
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end


def find_leaks(
    text: str,
    needles: Sequence[Needle],
    excerpts: Sequence[GateExcerpt],
    released: Iterable[str] = (),
    boilerplate: Iterable[str] = (),
) -> list[Leak]:
    """Every hit of a known original in ``text`` that no window allows, in output order."""
    rows = _locate(text, excerpts)
    windows = [w for *_, w, _ in rows if w is not None] + list(_frame(text, rows, boilerplate))
    released_set = set(released)
    seen = reading.read(text)
    leaks: dict[tuple[int, int], Leak] = {}
    for needle in needles:
        for start, end in hits(text, needle.text, seen):
            if any(a <= start and end <= b for a, b in leaks):
                continue  # part of a longer hit already reported
            if any(_allowed(needle, start, end, w, released_set) for w in windows):
                continue
            if _plain_word(needle, text[start:end]):
                continue
            leaks[(start, end)] = _leak(text, rows, needle, start, end)
    return sorted(leaks.values(), key=lambda leak: (leak.start, leak.end))


def _plain_word(needle: Needle, found: str) -> bool:
    """A lower-case common English word where the table holds the same word capitalised
    ("line" for a known "Line", "uncle" for "Uncle"): a reader reads the word, not a name.
    Never for a protected term, a word of several parts, or a rare word (names stay caught in
    any case, "kim bo-ram" included); a word under four letters only when it is among the
    commonest English words ("go" for a known "Go")."""
    if needle.protected or not found.isalpha() or not found.islower():
        return False
    if not needle.text[:1].isupper() or needle.text.lower() != found:
        return False
    from wordfreq import zipf_frequency

    if len(found) < 4:  # short words stay caught (kim, han, lee, bo, min are names first),
        return zipf_frequency(found, "en") >= FUNCTION_WORD_ZIPF  # but "go", "so", "do" are words
    from redact.text.variants import CHINESE_SURNAMES, SURNAMES

    surnames = {s.lower() for s in (*SURNAMES, *CHINESE_SURNAMES)}
    return found not in surnames and zipf_frequency(found, "en") >= COMMON_WORD_ZIPF


def _leak(text: str, rows: list[Row], needle: Needle, start: int, end: int) -> Leak:
    line = next(((s, e, n, o) for s, e, n, w, o in rows if w is None and s <= start < e), None)
    if line is None:
        return Leak(None, needle.label, start, end, text[start:end], needle.protected)
    s, e, number, offset = line
    at = (offset + start - s, offset + min(end, e) - s)
    window = next(
        (w for a, b, n, w, _ in rows if w is not None and n == number and a < end and start < b),
        None,
    )
    if window is not None:
        shift = offset - s
        window = replace(window, start=window.start + shift, end=window.end + shift)
    return Leak(number, needle.label, start, end, text[start:end], needle.protected, at, window)


def placed(text: str, excerpts: Sequence[GateExcerpt], leaks: Sequence[Leak]) -> list[Leak]:
    """Leaks found in excerpt texts (``at``), given their offsets in the output ``text`` too
    (unchanged where the excerpt's line cannot be found verbatim)."""
    rows = [(s, e, n, o) for s, e, n, w, o in _locate(text, excerpts) if w is None]
    out = []
    for leak in leaks:
        row = next(
            (r for r in rows if leak.at and r[2] == leak.excerpt and r[3] <= leak.at[0] < r[3]
             + r[1] - r[0]),
            None,
        )  # fmt: skip
        if row is None or leak.at is None:
            out.append(leak)
            continue
        start = row[0] + leak.at[0] - row[3]
        out.append(replace(leak, start=start, end=start + leak.at[1] - leak.at[0]))
    return out


def check(
    text: str,
    needles: Sequence[Needle],
    excerpts: Sequence[GateExcerpt],
    released: Iterable[str] = (),
    boilerplate: Iterable[str] = (),
) -> None:
    """Refuse (LeakError) when the output text holds any known original it may not hold."""
    leaks = find_leaks(text, needles, excerpts, released, boilerplate)
    if leaks:
        raise LeakError(leaks)
