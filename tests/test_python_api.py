"""The Python API (``import redact``): the same proposals as ``redact preview``, three lines from
import to spans. Invented text only."""

from __future__ import annotations

from pathlib import Path

import pytest

import redact
from keys.errors import RedactionError

TEXT = "Ryu Dal-nim left Tongdal-ri in 2015 and met Ryu Gon-ho at the blue gate."


@pytest.fixture(scope="module")
def spans() -> list[redact.Span]:
    return redact.find_spans(TEXT, protect=["the blue gate"])


def test_spans_index_the_text_and_carry_their_reason(spans: list[redact.Span]) -> None:
    assert spans and all(TEXT[s.start : s.end] == s.text for s in spans)
    assert all(s.recognizer and s.action and s.label for s in spans)
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    people = [s for s in spans if s.label == "PERSON"]
    assert {s.text for s in people} >= {"Ryu Dal-nim", "Ryu Gon-ho"}
    assert len({s.replacement for s in people}) == len(people)  # two people, two pseudonyms


def test_a_protected_term_is_masked(spans: list[redact.Span]) -> None:
    (gate,) = [s for s in spans if "blue gate" in s.text]
    assert gate.action != "keep"
    shown = redact.apply(TEXT, spans)
    assert "blue gate" not in shown and "Dal-nim" not in shown and "Gon-ho" not in shown


def test_apply_without_spans_is_the_text() -> None:
    assert redact.apply(TEXT, []) == TEXT


def test_a_policy_file_is_followed(tmp_path: Path) -> None:
    policy = tmp_path / "keep-people.toml"
    default = Path(redact.__file__).parent / "plan" / "default-policy.toml"
    policy.write_text(
        default.read_text(encoding="utf-8").replace(
            'PERSON = "pseudonymise"', 'PERSON = "keep"', 1
        ),
        encoding="utf-8",
    )
    kept = redact.find_spans(TEXT, policy=policy)
    people = [s for s in kept if s.label == "PERSON"]
    assert people and all(s.action == "keep" and s.replacement == s.text for s in people)


def test_a_missing_policy_is_one_of_our_errors(tmp_path: Path) -> None:
    with pytest.raises(RedactionError) as refused:
        redact.find_spans(TEXT, policy=tmp_path / "none.toml")
    assert refused.value.hint
