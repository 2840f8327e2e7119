"""Reviewer-facing recognizer labels: every recognizer a span can name has a short human label."""

from __future__ import annotations

from redact.detect.recognizers import DISPLAY_NAMES, display_name
from redact.detect.recognizers.registry import default_recognizers


def test_every_domain_recognizer_has_a_written_label() -> None:
    for recognizer in default_recognizers():
        assert recognizer.name in DISPLAY_NAMES, recognizer.name
        label = display_name(recognizer.name)
        assert label != recognizer.name and "_" not in label


def test_labels_are_short_and_distinct_words() -> None:
    assert display_name("korean_names") == "Korean name"
    assert display_name("presidio:SpacyRecognizer") == "Language model"
    assert all(len(label) <= 30 for label in DISPLAY_NAMES.values())


def test_unknown_ids_still_read_as_words() -> None:
    assert display_name("presidio:UsSsnRecognizer") == "Us ssn (pattern)"
    assert display_name("some_new-thing") == "Some new thing"
    assert display_name("") == "Unknown"
    assert display_name("presidio:") == "Presidio (pattern)"
