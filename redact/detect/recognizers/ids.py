"""Codes and numbers: case, file and card codes, plates, file names, numbers in words (ID_NUMBER).

A file reference or a car plate ties a quote to one case, so each code is proposed as ONE span,
its letter prefix included (``QRS/2017/0456``, ``XY-18-203-C``, ``청12-3456-78``): a prefix
masked with its digits left visible hides nothing. Shapes:

* codes: letters (any script) and digit groups joined by ``-``, ``/``, ``.`` or an en dash,
  with at least one separator, three digits in all or a prefix of two letters (``ZQ-05``;
  ``P-12`` is left to the participant codes, ``COVID-19`` is public);
* a capital prefix, a space and a long number (``TK 5829301``), and the ``№`` forms of
  Russian papers (``0722 № 5518203``);
* plates: a Chinese province character (``辽B·7Q214``), Russian plates in Cyrillic letters,
  and any short code after a plate cue (``licence plate กข 2290``);
* ``No. 0415``, ``room 227``, ``房间227``; file names with digits (``VOICE_20160302_A.mp3``);
* bank cards in groups of four digits (``6217 0000 1111 2222 333``, one separator throughout);
* numbers in words after a number cue (``case six-two-nine``, ``room forty-one seventy``).
"""

from __future__ import annotations

import re

from redact.detect.recognizers.base import ID_NUMBER, Finding
from redact.detect.recognizers.helpers import resolve

NAME = "ids"
CODE_SCORE = 0.7
PLATE_SCORE = 0.8
WEAK_SCORE = 0.55

_LETTERS = r"A-Za-z\u0400-\u04ff\uac00-\ud7af\u0e00-\u0e7f\u0e80-\u0eff"
_PART = rf"[{_LETTERS}0-9]+"
_CODE = re.compile(rf"(?<![\w/.-])(?:{_PART}(?:[-/.\u2013]{_PART}){{1,6}})(?![\w/-]|\.\w)")
_PREFIX_NUMBER = re.compile(
    r"(?<![\w-])(?!(?:USD|CNY|RMB|KRW|KPW|EUR|RUB|THB|LAK|MNT|JPY|GBP|UTC|GMT)\b)"
    r"(?:[A-Z]{2,6}|[\u0410-ЯЁ]{2,4})(?:/[A-Z]{1,4})?\s(?:\d{5,12}|\d{2,6}(?:[-/]\d{2,8}){1,3})"
    r"(?![\w-])"
)
# a bank card written in groups of four digits, 16 to 19 in all (6217 0000 1111 2222 333)
_CARD = re.compile(r"(?<![\d-])\d{4}(?:([ -])\d{4}){3}(?:\1\d{1,3})?(?![\d-])")
_YEAR = re.compile(r"19\d\d|20\d\d")  # "2016 2017 2018 2019": years, not a card
_SOUTHEAST_PLATE = re.compile(r"(?<![\w])[\u0e00-\u0eff]{1,4}\.?\s?\d{3,6}(?![\d/])")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,4})?\b")
_CUED_SHORT = re.compile(
    r"\b(?i:request|file|case|ref\.?|reference|code|sheet|form|intake|register|log|batch|"
    r"receipt|memo|docket|no\.)\s+(?P<v>[A-Z]-\d{2,4})(?![\w-])"
)
_NUMERO = re.compile(r"(?<![\w-])(?:\d{2,6}\s?)?№\s?\d{3,12}(?!\d)")
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_CN_PLATE = re.compile(rf"[{_PROVINCES}][A-Z][·•.\s-]?[A-Z0-9]{{5,6}}(?![A-Za-z0-9])")
_RU_PLATE = re.compile(
    r"(?<![\w])[\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0423\u0425]\s?\d{3}\s?[\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0423\u0425]{2}\s?\d{2,3}(?!\d)"
)
_PLATE_CUE = re.compile(
    r"(?i:(?:licen[cs]e|number|car|vehicle)\s+plate|plate(?:\s+(?:number|no\.?))?|"
    r"registration(?:\s+(?:number|no\.?))?|车牌(?:号)?)\s*[:#]?\s*"
    r"(?P<v>[^\s,;.)\]]{1,8}(?:[\s·-][^\s,;.)\]]{1,8}){0,3})"
)
_NUMBER_SIGN = re.compile(
    r"(?<![\w])(?:(?i:no|nr|num)\.|#|(?i:number)\s)\s?(?P<v>\d{3,10})(?!\d)"
    r"|(?i:\b(?:room|rm\.?|cell|bed)\s?|房间|房)(?P<r>\d{2,5})(?!\d)"
    r"|(?i:\b(?:unit|team|brigade|squad|section)\s)(?P<u>\d{1,3}-\d{1,3})(?![\d-])"
)
_FILE = re.compile(
    r"(?<![\w.-])[\w-]*\d[\w-]*\.(?i:jpe?g|png|gif|heic|mp4|mov|m4a|mp3|wav|ogg|opus|pdf|docx?|"
    r"odt|txt|xlsx?|csv|zip)\b"
)
_ONES = (
    "zero oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety hundred thousand double triple"
_NUMWORD = "(?:" + "|".join((_ONES + " " + _TENS).split()) + ")"
_SPOKEN_NUMBER = re.compile(
    rf"\b(?i:phone|number|no\.|room|plate|id|case|file|code|cell|card|passport|call|dial|extension)"
    rf"\s+(?:(?i:is|was|number|no\.?)\s+)*[\"“']?(?P<v>(?i:{_NUMWORD})(?:[\s-]+(?i:{_NUMWORD})){{1,12}})\b"
)
# Codes that name no one: public models and diseases.
_PUBLIC_CODES = frozenset(
    ["covid-19", "sars-cov-2", "h1n1", "mh-17", "ak-47", "mi-8", "mi-17", "an-2", "il-76", "g-20"]
)


def _is_code(code: str) -> bool:
    """Letters and digits with a separator: three digits in all, or two letters before digits."""
    if code.lower() in _PUBLIC_CODES or not any(ch.isalpha() for ch in code):
        return False
    digits = sum(ch.isdigit() for ch in code)
    if digits == 0:
        return False
    head = re.match(rf"[{_LETTERS}]+", code)
    if head is None and re.fullmatch(r"[\d/.\u2013-]+[a-z]+", code):
        return False  # "100-day", "12.5kg": a number and a word or unit
    return digits >= 3 or (head is not None and len(head.group()) >= 2)


def _make(start: int, end: int, score: float, why: str, text: str) -> Finding:
    key = re.sub(r"[\s·.-]", "", text[start:end]).lower()
    return Finding(start, end, ID_NUMBER, score, NAME, why, key=key)


def codes(text: str) -> list[Finding]:
    """Every ID-shaped code in ``text`` (see the module docstring)."""
    found = [
        _make(*m.span(), CODE_SCORE, "letters and digits joined as a code", text)
        for m in _CODE.finditer(text)
        if _is_code(m.group())
    ]
    for m in _PREFIX_NUMBER.finditer(text):
        found.append(_make(*m.span(), CODE_SCORE, "capital prefix + number", text))
    for m in _CUED_SHORT.finditer(text):
        found.append(_make(*m.span("v"), CODE_SCORE, "short code after a file or case cue", text))
    for m in _IBAN.finditer(text):
        found.append(_make(*m.span(), PLATE_SCORE, "bank account number (IBAN shape)", text))
    for m in _CARD.finditer(text):
        if not all(_YEAR.fullmatch(g) for g in m.group().replace("-", " ").split()):
            found.append(_make(*m.span(), PLATE_SCORE, "bank card number (groups of four)", text))
    for m in _SOUTHEAST_PLATE.finditer(text):
        found.append(_make(*m.span(), WEAK_SCORE, "Thai or Lao letters + number", text))
    for m in _NUMERO.finditer(text):
        found.append(_make(*m.span(), CODE_SCORE, "number after №", text))
    for pattern, why in ((_CN_PLATE, "Chinese plate"), (_RU_PLATE, "Russian plate")):
        found += [_make(*m.span(), PLATE_SCORE, why, text) for m in pattern.finditer(text)]
    for m in _PLATE_CUE.finditer(text):
        if any(ch.isdigit() for ch in m.group("v")):
            found.append(_make(*m.span("v"), CODE_SCORE, "code after a plate cue", text))
    for m in _NUMBER_SIGN.finditer(text):
        found.append(_make(*m.span(), WEAK_SCORE, "number after No. / room / unit", text))
    for m in _FILE.finditer(text):
        found.append(_make(*m.span(), WEAK_SCORE, "file name with digits", text))
    for m in _SPOKEN_NUMBER.finditer(text):
        found.append(_make(*m.span("v"), WEAK_SCORE, "number in words after a number cue", text))
    return found


class IdRecognizer:
    """ID_NUMBER: codes with letter prefixes, plates, numbered rooms, file names, spoken numbers."""

    name = NAME
    labels = (ID_NUMBER,)

    def find(self, text: str) -> list[Finding]:
        return resolve(codes(text))
