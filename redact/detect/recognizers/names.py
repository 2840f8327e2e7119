"""Registry of the name recognizers (pure Python: no spaCy, no Presidio).

The first four read names by their shape in one tradition (Korean, Chinese, Russian) or by the
words around them (kinship, roles, titles). The others are nets for what those miss: names of
other origins, participant codes and speaker labels, initials, nicknames and pseudonyms, and the
unknown proper-noun net, which proposes any capitalised word that is not a common or safe word.
"""

from __future__ import annotations

from redact.detect.recognizers.base import Recognizer
from redact.detect.recognizers.chinese_names import ChineseNameRecognizer
from redact.detect.recognizers.initials import InitialsRecognizer
from redact.detect.recognizers.kinship import KinshipRecognizer
from redact.detect.recognizers.korean_names import KoreanNameRecognizer
from redact.detect.recognizers.nicknames import NicknameRecognizer
from redact.detect.recognizers.other_names import OtherNameRecognizer
from redact.detect.recognizers.participants import ParticipantRecognizer
from redact.detect.recognizers.proper_nouns import ProperNounRecognizer
from redact.detect.recognizers.russian_names import RussianNameRecognizer


def name_recognizers() -> list[Recognizer]:
    """The recognizers that propose PERSON findings, in a fixed order."""
    return [
        KoreanNameRecognizer(),
        ChineseNameRecognizer(),
        RussianNameRecognizer(),
        KinshipRecognizer(),
        OtherNameRecognizer(),
        ParticipantRecognizer(),
        InitialsRecognizer(),
        NicknameRecognizer(),
        ProperNounRecognizer(),
    ]
