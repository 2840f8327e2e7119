"""Quasi-identifiers: DATE, AGE, PRICE and ID_NUMBER, flagged for review (scores 0.5 to 0.7).

None of these names anyone alone, but a date of crossing plus an age plus the price a broker was
paid can single out one woman in one village, so they are proposed for a reviewer to decide.

Dates: full dates (``9 July 2014``, ``July 9, 2014``, ``2014-07-09``), month + year
(``May 2017``), seasons (``the winter of 2013``, ``spring 2014``), years 1950-2030 after a
time word (``in 2012``, ``born in 1979``, ``By 2015``), and a month alone after a time
preposition (``In October she left``). Decision: a month alone *is* a date when a preposition
such as in / on / by / since / until / last precedes it ("We walked for hours in March." gives
DATE "March", at the lowest score); "may" the verb never matches, since months need a capital
and ``May`` alone also needs a preposition before it.
"""

from __future__ import annotations

import re

from redact.detect.recognizers.base import AGE, DATE, ID_NUMBER, PRICE, Finding
from redact.detect.recognizers.helpers import resolve

NAME = "quasi"

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?![\w'])|"
    r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\.?(?![\w']))"
)
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.?(?![\w']))"
)
_YEAR = r"(?:19[5-9]\d|20[0-2]\d|2030)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_SEASON = r"(?i:spring|summer|autumn|fall|winter)"
_TIME_WORD = (
    r"(?i:in|since|until|till|by|around|about|from|to|of|before|after|during|early|late|mid|"
    r"year|born|spring|summer|autumn|winter|through|between|and|or|than|circa|c\.)"
)
_EDGE = r"(?i:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+|(?:early|late|mid|end)[- ])"
_RANGE_DAY = rf"{_DAY}(?:\s*(?:[-\u2013]|to)\s*{_DAY})?"
_DATE_RULES: tuple[tuple[re.Pattern[str], float, str], ...] = (
    (
        re.compile(
            rf"\b{_WEEKDAY},?\s+(?:(?:the\s+)?{_DAY}(?:\s+(?:of\s+)?{_MONTH})?(?:,?\s+{_YEAR})?"
            rf"|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?)(?![\d/])"
        ),
        0.7,
        "weekday + date",
    ),
    (
        re.compile(
            rf"\b{_RANGE_DAY}\s+(?:of\s+)?(?:{_MONTH}\s*(?:[-\u2013]|to)\s*{_DAY}\s+)?{_MONTH},?\s+{_YEAR}\b"
        ),
        0.7,
        "day range, month, year",
    ),
    (
        re.compile(
            rf"(?:{_EDGE})?{_MONTH}(?:,?\s+{_YEAR})?\s*(?:to|until|till|[-\u2013])\s*"
            rf"(?:{_EDGE})?{_MONTH},?\s+{_YEAR}\b"
        ),
        0.65,
        "month to month, year",
    ),
    (
        re.compile(rf"{_EDGE}(?:{_MONTH},?\s+)?(?:of\s+)?{_YEAR}\b"),
        0.6,
        "early / end of a month or year",
    ),
    (re.compile(rf"{_EDGE}{_MONTH}\b"), 0.55, "early / end of a month"),
    (
        re.compile(
            r"(?<=[_-])(?:19[5-9]\d|20[0-3]\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?=[_.-])"
        ),
        0.6,
        "date inside a file name",
    ),
    (
        re.compile(
            r"\b\d{4}\s?[년年]\s?\d{1,2}\s?[월月](?:\s?\d{1,2}\s?[일日号])?(?:\s?[월화수목금토일]요일)?"
        ),
        0.7,
        "Korean or Chinese date",
    ),
    (
        re.compile(
            rf"\b(?i:lunar\s+new\s+year|new\s+year|chuseok|christmas|easter|songkran|tet|"
            rf"seollal|national\s+day|victory\s+day)(?:'s)?\s+(?:of\s+)?{_YEAR}\b"
        ),
        0.6,
        "holiday + year",
    ),
    (
        re.compile(rf"\b(?i:the\s+(?:first|second|third|fourth|last)\s+week\s+of\s+){_MONTH}"),
        0.55,
        "week of a month",
    ),
    (
        re.compile(
            r"\b(?i:on|from|by|until|till|since|before|after)\s+(?P<v>the\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b"
        ),
        0.5,
        "the 28th",
    ),
    (
        re.compile(
            rf"\b(?i:the)\s+(?P<v>{_YEAR})\b(?!\s*(?:yuan|won|dollars|RMB|people|men|women))"
        ),
        0.5,
        "the + year",
    ),
    (re.compile(rf"(?<=\|)\s*(?P<v>{_YEAR})(?=\s*\|)"), 0.5, "year in a table cell"),
    (
        re.compile(r"(?<![\d/.])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])/\d{2}(?![\d/])"),
        0.5,
        "d/m/yy",
    ),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"), 0.7, "day month year"),
    (re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"), 0.7, "month day, year"),
    (re.compile(rf"\b{_YEAR}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])\b"), 0.7, "ISO"),
    (re.compile(rf"\b(?:0?[1-9]|[12]\d|3[01])[/.](?:0?[1-9]|1[0-2])[/.]{_YEAR}\b"), 0.7, "d/m/y"),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b"), 0.6, "day month"),
    (re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*\d)"), 0.6, "month day"),
    (
        re.compile(rf"\b(?:(?:early|late|mid)[- ])?{_MONTH},?\s+(?:of\s+)?{_YEAR}\b"),
        0.6,
        "month year",
    ),
    (re.compile(rf"\b(?i:the\s+)?{_SEASON}\s+(?:of\s+)?{_YEAR}\b"), 0.6, "season year"),
    (re.compile(rf"\b{_TIME_WORD}\s(?P<v>{_YEAR})\b(?!\s*(?:yuan|won|dollars|RMB))"), 0.55, "year"),
    (re.compile(rf"(?<![\d,.$¥€])\b{_YEAR}s?\b(?=\s*[,.;:!?)])"), 0.5, "year before punctuation"),
    (re.compile(rf"\b{_YEAR}s\b|\b(?i:the\s+)'?\d0s\b"), 0.5, "decade"),
    (
        re.compile(
            rf"\b(?i:in|on|by|since|until|till|last|next|early|late|mid|of)\s(?P<v>{_MONTH})\b"
        ),
        0.5,
        "month after a time preposition",
    ),
)

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen")  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMWORD = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS[:9])}))?|{'|'.join(_UNITS)})"
_AGE_NUM = rf"(?:(?i:{_NUMWORD})|(?:1[01]\d|\d{{1,2}}))"
_AGE_FOLLOW = r"(?=\s*(?:[.,;:!?)]|$|\s+(?:now|then|and|or|but|when|at\s+the\s+time)\b))"
_SUBJECT = (
    r"\b(?!(?:It|There|This|That|What|Which|Here|Time)\b)(?:I|[Hh]e|[Ss]he|[Yy]ou|[Ww]e|[Tt]hey|[A-Z][\w-]+|son|daughter|brother|sister|mother|"
    r"father|husband|wife|child|boy|girl|man|woman|cousin|nephew|niece|aunt|uncle|grandmother|"
    r"grandfather|baby)"
)
_AGE_RULES: tuple[tuple[re.Pattern[str], float, str], ...] = (
    (re.compile(rf"\b{_AGE_NUM}[- ]years?[- ]old\b", re.IGNORECASE), 0.7, "N years old"),
    (
        re.compile(rf"\b{_AGE_NUM}\s+years?\s+(?:older|younger)\b", re.IGNORECASE),
        0.6,
        "years older",
    ),
    (re.compile(rf"\b(?i:aged|age|ages)\s+(?:of\s+)?{_AGE_NUM}\b"), 0.65, "aged N"),
    (
        re.compile(
            rf"{_SUBJECT}\s+(?i:was|is|am|were|are|turned|turning)\s(?P<v>{_AGE_NUM})\b{_AGE_FOLLOW}"
        ),
        0.6,
        "was N",
    ),
    (re.compile(rf"\b(?i:at)\s(?P<v>{_AGE_NUM})\b(?=\s*[,.;])"), 0.5, "at N"),
)
_HOW_OLD = re.compile(
    rf"(?i:how\s+old)[^\n]*\n+(?:[^\n:]{{1,25}}:\s*)?(?P<age>{_AGE_NUM})\b(?=\s*[.,;!]|\s+years)"
)

_AMOUNT_DIGITS = r"\d{1,3}(?:[,.\s]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d+)?"
_SCALE = r"(?:hundred|thousand|million|billion|k\b|m\b)"
_AMOUNT_WORDS = rf"(?:{_NUMWORD}|a|an|half\s+a)(?:[\s-]+{_SCALE}(?:\s+(?:and\s+)?{_NUMWORD})?)*"
_AMOUNT = rf"(?:(?:{_AMOUNT_DIGITS})(?:\s*{_SCALE})?|(?i:{_AMOUNT_WORDS}))"
_CURRENCY = (
    r"(?i:(?:US|U\.S\.|American|Chinese|North\s+Korean|South\s+Korean|Hong\s+Kong)\s+)?"
    r"(?i:yuan|renminbi|RMB|kuai|won|dollars?|bucks|USD|CNY|KPW|KRW|roubles?|rubles?|RUB|euros?|"
    r"EUR|yen|JPY|pounds?\s+sterling)\b"
)
_SYMBOL = r"(?:US\$|\$|¥|€|£|₩|₽|(?i:RMB|USD|CNY|KRW|KPW|EUR|RUB)\s?)"
_PRICE_RULES: tuple[tuple[re.Pattern[str], float, str], ...] = (
    (re.compile(rf"(?<![\w$])(?:{_AMOUNT})\s*{_CURRENCY}"), 0.65, "amount + currency"),
    (
        re.compile(rf"{_SYMBOL}\s?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d{{1,2}})?(?:\s*{_SCALE})?"),
        0.65,
        "currency symbol + amount",
    ),
)

_ID_CUE = re.compile(
    r"(?i:passport|identity|\bID\b|I\.D\.|card|case|file|document|registration|certificate|"
    r"permit|hukou|licen[cs]e|serial|record|application|\bnos?\.)[^.\n]{0,40}$"
)
_PHONE_CUE = re.compile(r"(?i:phone|tel\b|mobile|call|QQ|wechat|dial)[^.\n]{0,25}$")
_ID_VALUE = re.compile(
    r"(?<![\w+])(?:\d{17}[\dXx]|[A-Z]{1,2}\d{6,9}|\d{8,20}|\d{2,6}(?:[-/]\d{2,8}){1,3})(?![\w])"
)


def _rules(
    text: str, label: str, rules: tuple[tuple[re.Pattern[str], float, str], ...]
) -> list[Finding]:
    found = []
    for pattern, score, why in rules:
        group = "v" if "v" in pattern.groupindex else 0
        for m in pattern.finditer(text):
            start, end = m.span(group)
            if text[start:end].strip():
                found.append(Finding(start, end, label, score, NAME, why))
    return found


def _ages(text: str) -> list[Finding]:
    found = _rules(text, AGE, _AGE_RULES)
    for m in _HOW_OLD.finditer(text):
        start, end = m.span("age")
        found.append(Finding(start, end, AGE, 0.6, NAME, "number answering 'how old'"))
    return [f for f in found if _plausible_age(text[f.start : f.end])]


def _plausible_age(span: str) -> bool:
    digits = re.match(r"\d+", span)
    return digits is None or 0 < int(digits.group()) <= 115


def _ids(text: str) -> list[Finding]:
    """Long numbers after an ID cue (passport, card, case ...) and not after a phone cue."""
    found = []
    for m in _ID_VALUE.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in "-_/":
            continue  # the tail of a code such as NK-2026-002
        before = text[max(0, m.start() - 60) : m.start()]
        cue = _ID_CUE.search(before)
        phone = _PHONE_CUE.search(before)
        if cue and (phone is None or phone.start() < cue.start()):
            found.append(
                Finding(m.start(), m.end(), ID_NUMBER, 0.7, NAME, "number after an ID cue")
            )
        elif re.fullmatch(r"\d{17}[\dXx]", m.group()):
            found.append(Finding(m.start(), m.end(), ID_NUMBER, 0.6, NAME, "18-char Chinese ID"))
    return found


class QuasiRecognizer:
    """DATE, AGE, PRICE and ID_NUMBER: quasi-identifiers for the reviewer."""

    name = NAME
    labels = (DATE, AGE, PRICE, ID_NUMBER)

    def find(self, text: str) -> list[Finding]:
        """Each label resolved on its own (longest wins), prices before dates and ages."""
        prices = resolve(_rules(text, PRICE, _PRICE_RULES))
        dates = [f for f in resolve(_rules(text, DATE, _DATE_RULES)) if _free(f, prices)]
        ages = [f for f in resolve(_ages(text)) if _free(f, prices + dates)]
        ids = resolve(_ids(text))
        return sorted(prices + dates + ages + ids, key=lambda f: f.start)


def _free(f: Finding, taken: list[Finding]) -> bool:
    return all(f.end <= t.start or f.start >= t.end for t in taken)


_CALENDAR_ANCHOR = re.compile(
    rf"{_YEAR}|\b'\d\ds?\b|\b\d0s\b|{_MONTH}|(?i:{_MONTH})(?![a-z])|"
    r"\b\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{1,4})?\b|\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b|"
    r"[년年월月]|(?i:chuseok|seollal|christmas|easter|songkran|new\s+year|national\s+day)"
)


def is_calendar_date(surface: str) -> bool:
    """True when ``surface`` names a point on the calendar (a year, a month, a day number, a
    numeric date or a holiday). Durations ("for three years"), times of day ("at dawn", "in the
    evening", "5 a.m."), relative times ("the next day", "last year") and a weekday alone
    ("Tuesday was market day") name none and are not DATE findings: a filter for other
    recognizers' DATE proposals (spaCy's DATE_TIME)."""
    return bool(_CALENDAR_ANCHOR.search(surface))
