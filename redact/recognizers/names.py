"""Registry of the name recognizers (pure Python: no spaCy, no Presidio)."""

from __future__ import annotations

from redact.recognizers.base import Recognizer
from redact.recognizers.chinese_names import ChineseNameRecognizer
from redact.recognizers.kinship import KinshipRecognizer
from redact.recognizers.korean_names import KoreanNameRecognizer
from redact.recognizers.russian_names import RussianNameRecognizer


def name_recognizers() -> list[Recognizer]:
    """The recognizers that propose PERSON findings, in a fixed order."""
    return [
        KoreanNameRecognizer(),
        ChineseNameRecognizer(),
        RussianNameRecognizer(),
        KinshipRecognizer(),
    ]
