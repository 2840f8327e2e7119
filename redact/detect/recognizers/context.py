"""Registry of the context recognizers: places, camps, contacts, quasi-identifiers, and the
grammars for ages, codes, addresses and handles."""

from __future__ import annotations

from redact.detect.recognizers.addresses import AddressRecognizer
from redact.detect.recognizers.ages import AgeRecognizer
from redact.detect.recognizers.base import Recognizer
from redact.detect.recognizers.camps import CampRecognizer
from redact.detect.recognizers.contacts import ContactRecognizer
from redact.detect.recognizers.handles import HandleRecognizer
from redact.detect.recognizers.ids import IdRecognizer
from redact.detect.recognizers.places import PlaceRecognizer
from redact.detect.recognizers.quasi import QuasiRecognizer


def context_recognizers() -> list[Recognizer]:
    """One instance of every pure-Python recognizer, in a stable order."""
    return [
        PlaceRecognizer(),
        CampRecognizer(),
        ContactRecognizer(),
        QuasiRecognizer(),
        AgeRecognizer(),
        IdRecognizer(),
        AddressRecognizer(),
        HandleRecognizer(),
    ]
