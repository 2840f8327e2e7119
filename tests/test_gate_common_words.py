"""The gate reads a lower-case common English word as the word, not as a name the table holds
capitalised ("line" for a known "Line"); names, surnames, short words and protected terms stay
caught in any case."""

from __future__ import annotations

from redact.export.gate import Needle, find_leaks


def _leaked(text: str, *needles: Needle) -> list[str]:
    return [leak.original for leak in find_leaks(text, needles, [])]


def test_a_common_word_in_lower_case_is_the_word() -> None:
    known = [Needle(w, "PERSON", None, False) for w in ("Line", "Memo", "Intake")]
    text = "We wrote a memo at the intake desk and stood in line.\n"
    assert _leaked(text, *known) == []
    assert _leaked("Then Line came back.\n", *known) == ["Line"]  # as the name: caught


def test_names_short_words_and_protected_terms_stay_caught() -> None:
    known = [
        Needle("Kim", "PERSON", None, False),  # short: a name first
        Needle("Park", "PERSON", None, False),  # a surname, though an English word
        Needle("Uncle", "PERSON", None, True),  # protected at intake
        Needle("Oksun", "PERSON", None, False),  # no English word
    ]
    text = "kim said park was where uncle met oksun.\n"
    assert _leaked(text, *known) == ["kim", "park", "uncle", "oksun"]


def test_the_commonest_short_words_are_words_but_short_names_stay_caught() -> None:
    known = [Needle(w, "PERSON", None, False) for w in ("Go", "So", "Han", "Min", "Oh")]
    text = "We had to go, so we left. han and min and oh stayed.\n"
    assert _leaked(text, *known) == ["han", "min", "oh"]  # go 6.0, so 6.5; han 3.9, oh 5.4
    assert _leaked("Then Go came.\n", *known) == ["Go"]
    assert _leaked("we had to go.\n", Needle("Go", "PERSON", None, True)) == ["go"]  # protected
