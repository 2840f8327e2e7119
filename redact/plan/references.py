"""The archive's own interview references: the code each record was given at intake.

Every export cites its record by that code ("interview BT-02"), so a code of the same series
inside a text ("see BT-03", "sessions BU-01/02/05") is a citation the NGO publishes, not an
identifier of a person: it is still proposed as an ID number, so the reviewer sees it, but
planned as kept, with that reason (``redact.plan.proposal.plan``).

A series is a code's shape: its letters and separators as written, each run of digits as that
many digits ("BT-02" -> ``BT-\\d{2}``; "NK-2026-004" -> ``NK-\\d{4}-\\d{3}``), with the list
shorthand "BU-01/02/05". A case or file number of another shape ("BU-2025-031", "BT-1234567")
stays an ID number to mask. A code without both a letter and a digit names no series.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_RUN = re.compile(r"\d+|[^\d]+")


def _shape(code: str) -> str | None:
    code = code.strip()
    if not re.search(r"\d", code) or not re.search(r"[^\W\d_]", code):
        return None
    parts = [rf"\d{{{len(p)}}}" if p.isdigit() else re.escape(p) for p in _RUN.findall(code)]
    if code[-1].isdigit():  # "BU-01/02/05": the last number listed again
        parts.append(rf"(?:/\d{{{len(code) - len(code.rstrip('0123456789'))}}})*")
    return "".join(parts)


def series(codes: Iterable[str | None]) -> re.Pattern[str] | None:
    """One pattern for every series the interview ``codes`` belong to; None without any."""
    shapes = sorted({s for code in codes if code and (s := _shape(code))}, key=len, reverse=True)
    if not shapes:
        return None
    return re.compile(rf"(?:{'|'.join(shapes)})")


def is_reference(text: str, pattern: re.Pattern[str] | None) -> bool:
    """True when ``text`` is, as a whole, an interview reference of one of the series."""
    return pattern is not None and pattern.fullmatch(text.strip()) is not None
