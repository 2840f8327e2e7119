"""The one function that applies a redaction log (``plan.proposal.apply_log``).

Property: for any spans (overlapping, kept, rejected, in any order), every placement points at
what the output really holds there (the replacement, or the span's own words), the text between
placements is the record's text unchanged, and ``apply`` is its text. A few hand-written rows
pin the overlap rule (the first span wins) and the marker.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from redact.detect.span import Span
from redact.plan.proposal import apply, apply_log

TEXT = "Ro Un-chae met Bae Si-ho at the Hwasong gate in 2011."


def _span(start: int, end: int, action: str = "pseudonymise", status: str = "accepted") -> Span:
    return Span(start, end, TEXT[start:end], "PERSON", 1.0, "test", "", f"PERSON:{start}",
                action=action, replacement=f"[R{start}]", status=status)  # fmt: skip


@st.composite
def spans(draw: st.DrawFn) -> list[Span]:
    out = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(TEXT) - 1))
        end = draw(st.integers(start + 1, len(TEXT)))
        action = draw(st.sampled_from(("pseudonymise", "mask", "keep")))
        status = draw(st.sampled_from(("accepted", "rejected", "edited", "added")))
        out.append(_span(start, end, action, status))
    return out


@settings(max_examples=300, deadline=None)
@given(spans())
def test_every_placement_points_at_what_the_output_holds(found: list[Span]) -> None:
    applied = apply_log(TEXT, found)
    assert apply(TEXT, found) == applied.text
    cursor_in, cursor_out = 0, 0
    for p in (p for p in applied.placed if p.replaced):
        # the record's text, unchanged, up to each replacement
        assert applied.text[cursor_out : p.start] == TEXT[cursor_in : p.span.start]
        assert applied.text[p.start : p.end] == p.span.replacement
        cursor_in, cursor_out = p.span.end, p.end
    assert applied.text[cursor_out:] == TEXT[cursor_in:]
    for p in (p for p in applied.placed if not p.replaced):
        assert applied.text[p.start : p.end] == p.span.text
        assert p.span.action == "keep" or p.span.status == "rejected"


def test_the_first_of_overlapping_spans_wins_and_the_marker_shows() -> None:
    first, inside = _span(0, 10), _span(3, 6)  # "Ro Un-chae", "Un-"
    kept = _span(32, 39, action="keep")  # "Hwasong"
    rejected = _span(15, 24, status="rejected")  # "Bae Si-ho"
    applied = apply_log(TEXT, [kept, inside, rejected, first], lambda r: f"«{r[1:-1]}»")
    assert applied.text == "«R0» met Bae Si-ho at the Hwasong gate in 2011."
    assert [(p.span.start, p.replaced) for p in applied.placed] == [
        (0, True),
        (15, False),
        (32, False),
    ]
