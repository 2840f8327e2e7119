"""Korean names written in Cyrillic (PERSON), as Russian papers and Koryo-saram write them.

Shapes found: a Korean surname in Cyrillic (the Kontsevich system, or the Koryo-saram's own
spelling: Цой, Тен, Тян, Ни, Хегай) and a given name of one or two syllables after it, in one
or two words, all capitalised alike: "Пак Сон Ир", "КИМ ЧОЛЬ ЧУН", "Цой Ен Чер", "Ли Сон-Ир",
"Кан Сончхоль". A name starts at any capitalised word of a run of them ("Бригадир Пак Сон Ир
сказал": the name is the last three). The key is the name's reading in Latin letters
(:mod:`redact.text.kontsevich`), which linking joins to the one Latin or Hangul full name it
can be.
"""

from __future__ import annotations

import re

from redact.detect.recognizers.base import PERSON, Finding
from redact.text.kontsevich import reading
from redact.text.variants import name_key

NAME = "korean_cyrillic"
_WORD = r"(?:[А-ЯЁ]+(?![а-яё])|[А-ЯЁ][а-яё]*)"  # noqa: RUF001 (Cyrillic letters)
_RUN = re.compile(rf"(?<![\w-]){_WORD}(?:(?:[ \t]+|-){_WORD}){{1,4}}(?![\w-])")
_PART = re.compile(_WORD)


class KoreanCyrillicRecognizer:
    """Korean names in Cyrillic letters."""

    name: str = NAME
    labels: tuple[str, ...] = (PERSON,)

    def find(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for run in _RUN.finditer(text):
            parts = list(_PART.finditer(text, run.start(), run.end()))
            i = 0
            while i < len(parts) - 1:
                name = self._longest(text, parts, i)
                if name is None:
                    i += 1
                    continue
                start, end, words = name
                surface = text[start:end]
                score = 0.85 if surface.isupper() or words == 3 else 0.75
                why = f"Korean surname '{parts[i].group()}' in Cyrillic + given name"
                found.append(Finding(start, end, PERSON, score, NAME, why, name_key(surface)))
                i += words
        return found

    @staticmethod
    def _longest(text: str, parts: list[re.Match[str]], i: int) -> tuple[int, int, int] | None:
        """(start, end, words) of the longest name that starts at word ``i``, else None."""
        for words in (3, 2):
            if i + words <= len(parts):
                start, end = parts[i].start(), parts[i + words - 1].end()
                if reading(text[start:end]):
                    return start, end, words
        return None
