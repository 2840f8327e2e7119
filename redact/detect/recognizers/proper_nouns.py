"""The unknown proper-noun net: a list of safe words, not a list of names (Philter's principle).

Names of people and places from anywhere (Mongolian, Lao, Thai, Korean villages, Russian streets)
share one shape: a capitalised word that is not a common English word. This net proposes every
such token, and every run of them ("Kittipong Boonmee"), unless it is on a reviewed safe list
(:mod:`safe_terms`: role labels, months, weekdays, acronyms, countries, public institutions).

"Common English word" means a Zipf frequency (:func:`wordfreq.zipf_frequency`, log10 of uses per
billion words, from the installed lexicon; nothing is fetched) of at least:

* ``MID_SENTENCE`` = 3.5 for a word capitalised inside a sentence: English capitalises few words
  there, so a word seen fewer than ~3 times per million words written capitalised mid-sentence is
  a name far more often than not (Svetlana 2.8, Thongchai 1.6, Kwang 2.7 are below; Heron
  3.1 is below too, and is a nickname);
* ``SENTENCE_START`` = 2.5 at the start of a sentence or line, where every word is capitalised:
  only rare words are proposed there (Altanchimeg 0, Tumen 1.6), not "Afterwards" or "Eventually".

Cyrillic words are measured against the Russian lexicon the same way. Findings score 0.35 (0.3
at a sentence start) and say "unknown proper noun": the reviewer sees them, and any recognizer
that knows better (a gazetteer, a name rule) outranks them in the merge. The label is LOCATION
after a locative preposition ("in", "near", "from") or before a place head word ("Nomgonbulag
soum", "Sŏngp'yŏng station", which the span then includes), PERSON otherwise.
"""

from __future__ import annotations

import functools
import re

from redact.detect.recognizers.base import LOCATION, PERSON, Finding
from redact.detect.recognizers.safe_terms import is_safe_word
from redact.text.folding import latin_fold
from redact.text.variants import word_set

NAME = "proper_nouns"
MID_SENTENCE = 3.5
SENTENCE_START = 2.5
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u0410-\u042f\u0401"
_TOKEN = re.compile(
    rf"(?<![\w@#/_.'\u2019-])[{_UPPER}][\w'\u2019]*(?:-[\w'\u2019]+)*(?![\w@/_-]|\.\w)"
)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\u2014\u2013\"(\[*>#|\u2022-])[\s\"'\u201c(\[*]*$")
LOCATIVE = word_set(
    "in at from near to towards toward into across via outside inside around crossed cross "
    "crossing reached entered visited through on along beyond over"
)
PLACE_HEADS = word_set(
    "district province county city town village township soum sum aimag aimak khoroo bag "
    "oblast krai raion region prefecture river mountain mountains valley lake bridge road "
    "street avenue lane station market mine port harbour harbor airport border crossing camp "
    "farm factory hospital school university church temple hotel guesthouse restaurant shop "
    "dong ri gun si up eup myon ku gu guyok rodongjagu"
)
_HEAD = re.compile(r"[ \t]+(?P<head>[A-Za-z]+)\b")
_PLACE_SUFFIX = re.compile(r"-(?:ri|ni|dong|gun|si|do|gu|ku|up|eup|myon|guyok|rodongjagu)$")
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])[Tt]he[ ]$")
EPITHET = 2.0  # "the Heron", "the Badger": an English noun capitalised after "the" names someone
_LOCATIVE_BEFORE = re.compile(r"(?i:\b(?P<prep>[a-z]+))[ \t]+(?:(?i:the)[ \t]+)?$")


@functools.lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (Russian for Cyrillic), 0 for unknown words.

    Russian comes from wordfreq's small list (words used at least once per million, Zipf 3 and
    up, the same figures as the large list's): the large one costs 0.35 s to load in every
    process that meets a Cyrillic word. A rarer Russian word reads as unknown, so as a possible
    name: the side a reviewer can undo."""
    from wordfreq import zipf_frequency

    if any("\u0400" <= c <= "\u04ff" for c in word):
        return float(zipf_frequency(word, "ru", wordlist="small"))
    return float(zipf_frequency(word, "en"))


_INFLECTION = re.compile(r"(?:ies|es|s|ed|ing|ly|er|ers)$")


def is_common_word(word: str, threshold: float = MID_SENTENCE, inflected: bool = False) -> bool:
    """True if ``word`` is a common word of the lexicon (at or above ``threshold``); with
    ``inflected``, also once an English inflection is taken off ("Photocopies" at a sentence
    start is as common as "photocopy")."""
    bare = word.strip("'\u2019")
    if bare[-2:] in ("'s", "\u2019s"):
        bare = bare[:-2]
    if zipf(bare) >= threshold or zipf(latin_fold(bare)) >= threshold:
        return True
    stem = _INFLECTION.sub("", bare.lower())
    if not inflected or len(stem) < 4 or not bare[1:].islower():
        return False
    return any(zipf(stem + end) >= threshold for end in ("", "y", "e"))


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 6) : start]
    line_start = text.rfind("\n", 0, start) + 1
    return start == 0 or not text[line_start:start].strip() or bool(_SENTENCE_END.search(before))


def _uncommon(text: str, match: re.Match[str]) -> bool:
    word = match.group()
    if is_safe_word(word) or len(word.strip("'\u2019")) < 2:
        return False
    if word.isupper() and (len(word) < 4 or _caps_line(text, match.start())):
        return False  # short acronyms are for the initials net; an all-caps line is a heading
    start = _sentence_start(text, match.start())
    threshold = SENTENCE_START if start else MID_SENTENCE
    parts = [p for p in word.split("-") if p]
    return not any(is_safe_word(p) for p in parts) and not is_common_word(word, threshold, start)


def _caps_line(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    letters = [c for c in text[line_start : line_end if line_end >= 0 else None] if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


class ProperNounRecognizer:
    """Capitalised tokens and runs that are not common words and not on a safe list."""

    name: str = NAME
    labels: tuple[str, ...] = (PERSON, LOCATION)

    def find(self, text: str) -> list[Finding]:
        runs: list[list[re.Match[str]]] = []
        for match in _TOKEN.finditer(text):
            if not _uncommon(text, match):
                continue
            last = runs[-1][-1] if runs else None
            if last and text[last.end() : match.start()] in (" ", "\t"):
                runs[-1].append(match)
            else:
                runs.append([match])
        return [self._finding(text, run) for run in runs]

    def _finding(self, text: str, run: list[re.Match[str]]) -> Finding:
        start, end = run[0].start(), run[-1].end()
        if text[end - 2 : end] in ("'s", "\u2019s"):
            end -= 2
        label, why = PERSON, "unknown proper noun: capitalised, not a common or safe word"
        head = _HEAD.match(text, end)
        before = _LOCATIVE_BEFORE.search(text, max(0, start - 16), start)
        if head and head.group("head").lower() in PLACE_HEADS:
            end, label = head.end(), LOCATION
            why += f", before the place word '{head.group('head').lower()}'"
        elif _PLACE_SUFFIX.search(latin_fold(text[start:end]).lower()):
            label, why = LOCATION, why + ", with a place suffix"
        elif before and before.group("prep").lower() in LOCATIVE:
            label, why = LOCATION, why + f", after '{before.group('prep').lower()}'"
        article = _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
        if label == PERSON and article and len(run) == 1 and zipf(run[0].group()) >= EPITHET:
            start, why = article.start(), why + ": an English word after 'the', an epithet"
        score = 0.3 if _sentence_start(text, start) else 0.35
        return Finding(start, end, label, score, NAME, why)
