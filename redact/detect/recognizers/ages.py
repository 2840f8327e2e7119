"""Ages other than "N years old" (AGE), as a grammar of approximations, ranges and list slots.

Shapes (numbers in digits or words, ``forty-one`` and ``Sixty-one`` alike):

* approximations: ``about fifty``, ``over sixty``, ``nearly 40``, ``fifty or so``, ``fifty-ish``,
  ``sixty-something``, ``eighty-five or more``;
* decades: ``in her forties``, ``in his early thirties``, ``late thirties``, ``, fifties``;
* ranges: ``52 or 53``, ``twenty or twenty-one``, ``5 or 6``;
* after a verb of being: ``he must be eighty-two now``, ``I'm thirty-six.``;
* list and header slots: a number right after a name, a kin word or a sex word and a comma
  (``Yi Sŏn-mi, 63,``; ``father, 70``; ``male, 27``; ``M, 38``), or in brackets after a name
  (``Dorjgotov (15)``).

A number is an age only where nothing says it counts something else: the word after it must
end the phrase (punctuation, a line end, ``now``, ``then``, ``this year``, ``in 2019`` ...), so
``about fifty people`` and ``for about fifty days`` stay visible.
"""

from __future__ import annotations

import re

from redact.detect.recognizers.base import AGE, Finding
from redact.detect.recognizers.helpers import resolve, words

NAME = "ages"
SURE_SCORE = 0.65
SLOT_SCORE = 0.55

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen")  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS[:9])}))?|{'|'.join(_UNITS)})"
_N = rf"(?:(?i:{_WORD})|1[01]\d|[1-9]\d|[1-9])(?![\d,.]\d)"
_DECADE = rf"(?:(?i:teens|{'|'.join(t[:-1] + 'ies' for t in _TENS)})|[2-9]0s)"
_APPROX = (
    r"(?i:about|around|roughly|nearly|almost|over|under|maybe|perhaps|probably|approximately|"
    r"circa|c\.|past|barely|at\s+least|not\s+yet|well\s+over|close\s+to|"
    r"younger\s+than|older\s+than|less\s+than|more\s+than)"
)
_END = (
    r"(?=\s*(?:[,.;:!?()\[\]|—\u2013·•\"”]|$|\n)|\s+(?i:now|then|already|today|this\s+year|at\s+the\s+time|"
    r"in\s+(?:19|20)\d\d|when|and|but|or|y\.?o\.?|with|from|in\s+the\s+(?:army|"
    r"camp|photo)|still|at\s+most|I\s+think|maybe|perhaps|probably))"
)
_RANGE = rf"{_N}(?:\s?(?:or|to|-|\u2013)\s?{_N})?"
_KIN = (
    r"(?i:mother|father|mum|mom|dad|son|daughter|daughters|sons|brother|sister|brothers|sisters|"
    r"husband|wife|grandmother|grandfather|grandma|grandpa|granny|aunt|auntie|uncle|cousin|"
    r"nephew|niece|child|children|baby|boy|girl|man|woman|widow|stepmother|stepfather|"
    r"mother-in-law|father-in-law|female|male|applicant|subject|witness|respondent|"
    r"interviewee|twins?|classmate|friend|neighbour|neighbor|age|aged)"
)
_NOT_A_SUBJECT = re.compile(r"\b(?i:it|there|that|this|which|what|time|here|price|cost)\s*$")
_KIN_WORD = re.compile(rf"{_KIN}$")
# Words before ", N" that make N a house, room, unit or day number, not an age.
_NOT_PERSON = words(
    "building bldg block unit room rm apt flat floor house road street avenue lane route km no "
    "camp kyohwaso team brigade site page chapter section article bus train line platform gate "
    "row stall district ward ban group class grade level number phase stage part volume session "
    "sept january february march april june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday kv d dom korpus shaft mine"
)

_RULES: tuple[tuple[re.Pattern[str], float, str], ...] = (
    (
        re.compile(rf"\b(?:{_APPROX}\s+){_RANGE}(?:\s+or\s+so|\s+or\s+more|-ish)?{_END}"),
        SURE_SCORE,
        "approximate age",
    ),
    (
        re.compile(rf"\b{_N}[- ](?i:ish|something|odd|plus)\b"),
        SURE_SCORE,
        "N-ish / N-something",
    ),
    (re.compile(rf"\b{_RANGE}\s+(?i:or\s+so|or\s+more|or\s+older){_END}"), SLOT_SCORE, "N or so"),
    (
        re.compile(
            rf"\b(?i:in\s+(?:her|his|their|my|your|our)\s+)(?:(?i:early|mid|late)[- ]?)?{_DECADE}"
        ),
        SURE_SCORE,
        "in her forties",
    ),
    (
        re.compile(rf"(?<![Tt]he )\b(?i:early|mid|late)[- ]?{_DECADE}\b(?!\s+(?:of|in)\b)"),
        SLOT_SCORE,
        "late thirties",
    ),
    (
        re.compile(
            rf"(?:\b(?i:be|is|was|am|turned|turns|turning|reached)|(?<=\w)['\u2019](?i:s|m))\s+"
            rf"(?:{_APPROX}\s+)?(?P<v>{_RANGE}){_END}"
        ),
        SLOT_SCORE,
        "number after a verb of being",
    ),
    (
        re.compile(rf"\b{_N}\s+(?i:this\s+year|next\s+month|last\s+year)\b"),
        SLOT_SCORE,
        "N this year",
    ),
)
_SLOT = re.compile(  # the words before it are read in _slots, 40 characters back at most
    rf"(?<=[^\s,;:(|])(?P<sep>,|:|\s\(|,\s\()\s*(?:(?i:aged?|about|around)\s+)?"
    rf"(?P<v>{_RANGE}(?:\s+(?:and|&)\s+{_N})?|{_DECADE})"
    rf"(?:\s?(?:years?|yrs?|y\.?o\.?)(?![\w-]))?(?=\s*(?:[,;)|\[\]—\u2013·•\n]|$|\.(?:\s|$)|\s+(?:in\s+(?:19|20)\d\d|now|then|this\s+year)\b))"
)
_DATE_BEFORE = re.compile(
    r"(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)\w*\.?\s+\d{1,2})$"
)


def _slots(text: str) -> list[Finding]:
    """A number right after a name, kin word or sex word and a comma or bracket."""
    found = []
    for m in _SLOT.finditer(text):
        pre = re.split(r"[\n,;:(|]", text[max(0, m.start() - 40) : m.start()])[-1].rstrip()
        tokens = re.findall(r"[^\W_]+", pre.lower())
        if not tokens or tokens[-1] in _NOT_PERSON or not _person_before(pre):
            continue
        if m.group("sep") == ":" and not _KIN_WORD.search(tokens[-1]):
            continue  # "A: Two.": a speaker label answering, not "Mother: 70"
        if _DATE_BEFORE.search(pre) or pre.endswith(("No.", "#")):
            continue
        found.append(
            Finding(*m.span("v"), AGE, SLOT_SCORE, NAME, "number after a name or kin word")
        )
    return found


def _person_before(pre: str) -> bool:
    """The slot follows a name (a capitalised word), a closing bracket or quote, or a kin word."""
    last = pre.split()[-1] if pre.split() else ""
    if last[-1:] in ")]\"”'\u2019":
        return True
    first = last[:1]
    caseless = first.isalpha() and not first.isupper() and not first.islower()  # Hangul, hanzi
    return first.isupper() or caseless or bool(_KIN_WORD.search(last))


def _plausible(span: str) -> bool:
    return all(0 < int(n) <= 119 for n in re.findall(r"\d+", span) if not n.endswith("0s"))


def ages(text: str) -> list[Finding]:
    """Every age-shaped phrase in ``text`` (see the module docstring)."""
    found = []
    for pattern, score, why in _RULES:
        group = "v" if "v" in pattern.groupindex else 0
        for m in pattern.finditer(text):
            if group == "v" and _NOT_A_SUBJECT.search(text, max(0, m.start() - 14), m.start()):
                continue  # "it was two", "there were five": a time or a count
            found.append(Finding(*m.span(group), AGE, score, NAME, why))
    found += _slots(text)
    return [f for f in found if _plausible(text[f.start : f.end])]


class AgeRecognizer:
    """AGE: approximate ages, decades, ranges, and numbers in list slots after a name."""

    name = NAME
    labels = (AGE,)

    def find(self, text: str) -> list[Finding]:
        return resolve(ages(text))
