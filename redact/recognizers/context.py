"""Registry of the context recognizers: places, camps, contacts, quasi-identifiers, and the
grammars for ages, codes, addresses and handles."""

from __future__ import annotations

from redact.recognizers.addresses import AddressRecognizer
from redact.recognizers.ages import AgeRecognizer
from redact.recognizers.base import Recognizer
from redact.recognizers.camps import CampRecognizer
from redact.recognizers.contacts import ContactRecognizer
from redact.recognizers.handles import HandleRecognizer
from redact.recognizers.ids import IdRecognizer
from redact.recognizers.places import PlaceRecognizer
from redact.recognizers.quasi import QuasiRecognizer


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
