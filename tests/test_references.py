"""Interview codes of the archive are citations, not identifiers (issue 11: over-redaction).

A code of the same series as the records' own codes ("see BT-03") is still proposed, so the
reviewer sees it, but planned as kept with its reason; a number of another shape, or a protected
term, is masked as before. Spans are built by hand: no model is needed. All codes are invented.
"""

from __future__ import annotations

import pytest

from redact.detect.recognizers.base import ID_NUMBER
from redact.detect.recognizers.protected import NAME as PROTECTED
from redact.detect.span import Span
from redact.link.pseudonyms import PseudonymTable
from redact.plan import policy
from redact.plan.proposal import plan
from redact.plan.references import is_reference, series

CODES = ("BT-02", "NK-2026-004", "bu-11")


@pytest.mark.parametrize(
    "text", ["BT-07", "BT-99", "NK-2025-117", "bu-03", "BT-01/02/05", " BT-12 "]
)
def test_codes_of_the_archives_series_are_references(text: str) -> None:
    assert is_reference(text, series(CODES))


@pytest.mark.parametrize(
    "text",
    [
        "BT-1234567",  # a file number of another length
        "BT-2025-031",  # a case number of another shape
        "NK-26-004",
        "XX-02",  # another prefix
        "BT-02 and 3",
        "E1234567",
    ],
)
def test_numbers_of_another_shape_are_not_references(text: str) -> None:
    assert not is_reference(text, series(CODES))


def test_no_codes_or_codes_without_letters_and_digits_name_no_series() -> None:
    assert series([]) is None
    assert series([None, "", "2026", "interview"]) is None
    assert not is_reference("BT-02", None)


def _id(text: str, recognizer: str = "ids") -> Span:
    return Span(0, len(text), text, ID_NUMBER, 0.8, recognizer, "an ID number", f"ID:{text}")


def test_plan_keeps_a_cited_code_and_says_why() -> None:
    planned = plan("r1", [_id("BT-03")], policy.load(None), PseudonymTable(), cited=series(CODES))
    assert planned[0].action == "keep"
    assert "interview code of this archive" in planned[0].explanation


def test_plan_masks_other_numbers_and_protected_codes() -> None:
    spans = [_id("BT-2025-031"), _id("BT-04", PROTECTED)]
    planned = plan("r1", spans, policy.load(None), PseudonymTable(), cited=series(CODES))
    assert [s.action for s in planned] == ["mask", "mask"]


def test_without_the_archives_codes_a_code_is_masked() -> None:
    planned = plan("r1", [_id("BT-03")], policy.load(None), PseudonymTable())
    assert planned[0].action == "mask"
