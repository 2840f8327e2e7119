"""The one registry of domain recognizers (pure Python: no spaCy, no Presidio), as data.

Each row is a recognizer class and its family, in the order the engine runs them:

* ``names``: names read by their shape in one tradition (Korean, Chinese, Russian) or by the
  words around them (kinship, roles, titles), and the nets for what those miss: names of other
  origins, participant codes and speaker labels, initials, nicknames and pseudonyms, and the
  unknown proper-noun net (any capitalised word that is not a common or safe word);
* ``context``: places, camps, contacts, quasi-identifiers, and the grammars for ages, codes,
  addresses and handles.

To add a recognizer: a module beside this one (see ``base``), a row here, a label in
``DISPLAY_NAMES`` (``__init__``), a table test of invented shapes.
"""

from __future__ import annotations

from typing import Literal

from redact.detect.recognizers.addresses import AddressRecognizer
from redact.detect.recognizers.ages import AgeRecognizer
from redact.detect.recognizers.base import Recognizer
from redact.detect.recognizers.camps import CampRecognizer
from redact.detect.recognizers.chinese_names import ChineseNameRecognizer
from redact.detect.recognizers.contacts import ContactRecognizer
from redact.detect.recognizers.handles import HandleRecognizer
from redact.detect.recognizers.ids import IdRecognizer
from redact.detect.recognizers.initials import InitialsRecognizer
from redact.detect.recognizers.kinship import KinshipRecognizer
from redact.detect.recognizers.korean_cyrillic import KoreanCyrillicRecognizer
from redact.detect.recognizers.korean_names import KoreanNameRecognizer
from redact.detect.recognizers.nicknames import NicknameRecognizer
from redact.detect.recognizers.other_names import OtherNameRecognizer
from redact.detect.recognizers.participants import ParticipantRecognizer
from redact.detect.recognizers.places import PlaceRecognizer
from redact.detect.recognizers.proper_nouns import ProperNounRecognizer
from redact.detect.recognizers.quasi import QuasiRecognizer
from redact.detect.recognizers.russian_names import RussianNameRecognizer
from redact.detect.recognizers.russian_places import RussianPlaceRecognizer

Family = Literal["names", "context"]

REGISTRY: tuple[tuple[type[Recognizer], Family], ...] = (
    (KoreanNameRecognizer, "names"),
    (ChineseNameRecognizer, "names"),
    (RussianNameRecognizer, "names"),
    (KoreanCyrillicRecognizer, "names"),
    (KinshipRecognizer, "names"),
    (OtherNameRecognizer, "names"),
    (ParticipantRecognizer, "names"),
    (InitialsRecognizer, "names"),
    (NicknameRecognizer, "names"),
    (ProperNounRecognizer, "names"),
    (PlaceRecognizer, "context"),
    (CampRecognizer, "context"),
    (ContactRecognizer, "context"),
    (QuasiRecognizer, "context"),
    (AgeRecognizer, "context"),
    (IdRecognizer, "context"),
    (AddressRecognizer, "context"),
    (RussianPlaceRecognizer, "context"),
    (HandleRecognizer, "context"),
)


def default_recognizers() -> list[Recognizer]:
    """One instance of every domain recognizer, in a stable order."""
    return [cls() for cls, _ in REGISTRY]


def name_recognizers() -> list[Recognizer]:
    """The recognizers that propose PERSON findings, in a fixed order."""
    return [cls() for cls, family in REGISTRY if family == "names"]


def context_recognizers() -> list[Recognizer]:
    """Places, camps, contacts, quasi-identifiers and the grammars, in a fixed order."""
    return [cls() for cls, family in REGISTRY if family == "context"]
