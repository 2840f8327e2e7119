"""Hangul words around names: the titles written after a name, the particles glued to it, the
words that read as Korean rather than as a name, and a known person's given name written alone.

A Hangul given name alone (성미, 민혁) is read as a person only when a full name of the same
text (or a protected term) has that given name: :func:`known_given_names`. Korean glues to it what
an English speaker writes apart: a vocative (성미야, 민혁아), an affectionate -이 (민혁이가), a
title (민혁 씨, 민혁 오빠) or a case particle (성미가); the vocative and the title are part of
the mention (they tell whether the name ends in a consonant, and how the speaker knows the
person), a particle is not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from redact.detect.recognizers.helpers import cjk_zipf
from redact.text.hangul import PARTICLES_LONG, PARTICLES_SHORT, romanize_hangul, surname_length
from redact.text.variants import canonical_given

# titles after a name, longest first: honorifics, kin terms, church and work titles; a case
# particle may follow (김보람 씨가, 박 목사님께서), outside the span
TITLE_ALTERNATION = (
    "목사님|목사|전도사님|전도사|권사님|권사|집사님|집사|장로님|장로|선생님|선생|씨|님|"
    "언니|오빠|누나|형님|형|누님|이모|고모|삼촌|아주머니|아저씨|아줌마|할머니|할아버지|"
    "사장님|사장|반장님|반장|소장님|소장|과장님|과장|부장님|부장|실장님|실장|주임|"
    "지도원|보위원|안전원|자매님|자매|형제님|형제|동무|동지"
)
HANGUL_TITLE_WORDS = tuple(TITLE_ALTERNATION.split("|"))
AFTER_PARTICLE = rf"(?=(?:{'|'.join(PARTICLES_LONG)}|[{''.join(PARTICLES_SHORT)}])?(?![가-힣]))"
HANGUL_TITLE = re.compile(rf"\s?(?:{TITLE_ALTERNATION}){AFTER_PARTICLE}")
GLUED_WORD_ZIPF = 3.0  # 이사장 4.4, 장로 (a title alone); 김씨, 박목사님 are not in the list
KOREAN_COMMON_ZIPF = 4.5  # 지금 5.9, 전화 5.4, 남편 4.9; given names 3.0-3.7, 은지 4.45, 철수 4.36
_VERB_ENDING = re.compile("[가-힣]+(?:요|니다|십시오)")  # 마세요, 조금요, 합니다: never a name
_PARTICLE = re.compile(f"[{''.join(PARTICLES_SHORT)}]$")
_SSANG_SIOT_FINAL = 20  # a syllable ending in ㅆ (했, 었, 셨, 있): a verb's tense, in no name


def korean_zipf(word: str) -> float:
    """Zipf frequency of a Hangul word in wordfreq's small Korean list; 0 when not in it."""
    return cjk_zipf(word, "ko")


def polite_ending(word: str) -> bool:
    """A Hangul word that ends a sentence politely (감사합니다, 맡기세요, 조금요): a verb or a
    reply, never a name (given names do not end in 요 or 니다)."""
    return _VERB_ENDING.fullmatch(word) is not None


def everyday_hangul(word: str) -> bool:
    """A Hangul word that reads as Korean, not as a name, though it starts with a surname
    syllable: a title or kinship word alone (이모, 사장), a verb's polite ending (마세요), four
    syllables that neither start with a two-syllable surname nor end in a title or a particle
    (도착하자, a name is a one-syllable surname and one or two more), a verb in a tense
    (오셨다), or a common word, also before a particle (지금, 남편이). Given names that are
    words too (은지, 철수) are rarer than :data:`KOREAN_COMMON_ZIPF` and stay names."""
    if HANGUL_TITLE.fullmatch(word) or polite_ending(word) or inflected(word):
        return True
    stems = [word, word[:-1]] if len(word) >= 3 and _PARTICLE.search(word) else [word]
    if len(word) == 4 and surname_length(word) == 1 and len(stems) == 1:
        return not HANGUL_TITLE.fullmatch(word[1:]) and not HANGUL_TITLE.fullmatch(word[2:])
    return any(korean_zipf(stem) >= KOREAN_COMMON_ZIPF for stem in stems)


def inflected(word: str) -> bool:
    """A polite ending, or a syllable after the first ends in ㅆ (오셨다, 갔어, 있는): a verb,
    never a name."""
    return polite_ending(word) or any((ord(c) - 0xAC00) % 28 == _SSANG_SIOT_FINAL for c in word[1:])


_TWO_SYLLABLES = re.compile(r"(?<![가-힣])[가-힣]{2}")
_VOCATIVE = re.compile(r"[야아](?![가-힣])")
_PARTICLE_AFTER = re.compile(rf"이?{AFTER_PARTICLE}")  # 민혁이가, 성미가, 민혁이, 성미


_GIVEN_PART = re.compile(rf"([가-힣]{{2}})[야아이]?(?:\s?(?:{TITLE_ALTERNATION}))?")


def given_part(surface: str) -> str | None:
    """The two syllables of a mention that may be a given name alone with its vocative, -이 or
    title (성미야, 민혁이, 민혁 씨: 성미, 민혁), else None."""
    match = _GIVEN_PART.fullmatch(surface)
    return match.group(1) if match else None


def given_reading(word: str) -> str:
    """The partial key of a two-syllable Hangul word read as a given name alone ('|gyonghi')."""
    return "|" + canonical_given(romanize_hangul(word))


def known_given_names(text: str, wanted: Mapping[str, str]) -> list[tuple[int, int, str, str]]:
    """(start, end, key, why) of every two-syllable Hangul word of ``text`` that reads as the
    given name of a known person: ``wanted`` maps given-name keys ('|gyonghi') to the full name's
    key. The word must end there, or take a vocative, a title, -이 or a particle; a common word
    (:func:`everyday_hangul`) needs a vocative or a title to be read as the name."""
    found: list[tuple[int, int, str, str]] = []
    for match in _TWO_SYLLABLES.finditer(text):
        word, end = match.group(), match.end()
        key = wanted.get(given_reading(word))
        if key is None:
            continue
        title = HANGUL_TITLE.match(text, end)
        vocative = _VOCATIVE.match(text, end)
        if title or vocative:
            stop = (title or vocative).end()  # type: ignore[union-attr]
            why = "Hangul given name of a known person + " + ("title" if title else "vocative")
        elif _PARTICLE_AFTER.match(text, end) and not everyday_hangul(word):
            stop, why = end, "Hangul given name alone of a known person"
        else:
            continue
        found.append((match.start(), stop, key, why))
    return found
