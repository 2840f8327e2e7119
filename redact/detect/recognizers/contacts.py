"""Contact details: PHONE, WECHAT, QQ and EMAIL.

A phone number or messenger id leads straight to a broker, a relative or the witness, so these
are proposed with high scores. Phones come from ``phonenumbers.PhoneNumberMatcher`` run for the
regions a defector's story passes through (CN, KP, RU, KR, US), plus a digit-group pattern for
what the library will not accept (``+850 195 318 4072``, ``0191 274 3306``, ``139-4437-2816``).
Years, prices and ID numbers are not phones: a candidate must have at least seven digits, must
not be a 4-digit year, and must not be followed by a currency word.
"""

from __future__ import annotations

import re

import phonenumbers

from redact.detect.recognizers.base import EMAIL, PHONE, QQ, WECHAT, Finding
from redact.detect.recognizers.handles import handle_shaped, repeats
from redact.detect.recognizers.helpers import resolve

NAME = "contacts"
REGIONS = ("CN", "KP", "RU", "KR", "US")
LIBRARY_SCORE = 0.9
PATTERN_SCORE = 0.75

_CURRENCY_AFTER = re.compile(
    r"\s*(?:yuan|rmb|won|dollars?|usd|roubles?|rubles?|euros?|yen|kpw|cny|krw)\b", re.IGNORECASE
)
_ID_BEFORE = re.compile(
    r"(?:passport|identity|id|card|case|file|document|registration)\b[^.\n]{0,30}$", re.IGNORECASE
)
# International or trunk-prefixed digit groups: +850 195 318 4072, 0191 274 3306, 139-4437-2816.
_DIGIT_GROUPS = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?\(?\d{2,5}\)?(?:[\s.-]\d{2,5}){1,4}(?![\w])"
    r"|(?<![\w+])\+?1\d{10}(?!\w)|(?<![\w+])\+\d{8,14}(?!\w)"
)
_PHONE_CUE = re.compile(r"(?:phone|number|call|tel|mobile|cell|contact|dial|sms)", re.IGNORECASE)

_WECHAT = re.compile(
    r"(?:we\s?chat|weixin|微信|wx)(?:\s+(?:id|account|name|number))?\b[^A-Za-z0-9_\n]{0,4}"
    r"(?:(?:was|is|id|account|name|:)\s*){0,3}"
    r"(?P<id>(?!(?:was|is|the|and|account|id)\b)[A-Za-z][-_A-Za-z0-9]{5,19})\b"
    r"|(?P<wxid>\bwxid_[A-Za-z0-9]{4,30}\b)",
    re.IGNORECASE,
)
_WECHAT_CJK = re.compile(
    r"(?i:we\s?chat|weixin|微信)(?:\s+(?:id|account|name))?\s*[:\uff1a]?\s*"
    r"(?P<id>[\u3400-\u9fff\uac00-\ud7af]{2,12}(?:_[A-Za-z0-9]+)?)"
)
_QQ = re.compile(
    r"\bQQ\b(?:\s*(?:number|no\.?|id|account))?[^0-9\n]{0,25}?(?P<id>(?<!\d)[1-9]\d{4,10})(?!\d)"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?![\w-])")


_HANDLE_NEAR_WECHAT = re.compile(
    r"(?i:we\s?chat|weixin|微信)[^\n]{0,60}?(?<![\w@.])"
    r"(?P<id>[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|[A-Za-z]+\d+[A-Za-z0-9]*)(?![\w@])"
)


def _glued(text: str, start: int) -> bool:
    """True when a number continues a code such as ``NK-2026-004`` or ``file/2026``."""
    before = text[start - 1] if start > 0 else " "
    return before.isalnum() or (before in "-_/" and start > 1 and text[start - 2].isalnum())


def _digits(s: str) -> int:
    return sum(ch.isdigit() for ch in s)


def _is_other_number(text: str, start: int, end: int) -> bool:
    """Years, prices, ID numbers and timestamps are not phones."""
    span = text[start:end]
    if _digits(span) < 7 or _glued(text, start):
        return True
    if _CURRENCY_AFTER.match(text, end) or text[max(0, start - 3) : start].strip() in ("$", "¥"):
        return True
    if re.fullmatch(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}", span) or ":" in span:
        return True
    return bool(_ID_BEFORE.search(text[max(0, start - 40) : start])) and "+" not in span


def phones(text: str) -> list[Finding]:
    """Phones from the library (several regions) and from the digit-group pattern."""
    found: dict[tuple[int, int], Finding] = {}
    for region in REGIONS:
        for m in phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.POSSIBLE):
            if not _is_other_number(text, m.start, m.end):
                why = f"phone number (phonenumbers, region {region})"
                found.setdefault((m.start, m.end), _make(text, m, PHONE, LIBRARY_SCORE, why))
    for group in _DIGIT_GROUPS.finditer(text):
        span = (group.start(), group.end())
        if _is_other_number(text, *span) or span in found:
            continue
        cue = bool(_PHONE_CUE.search(text[max(0, group.start() - 40) : group.start()]))
        score = PATTERN_SCORE if cue or group.group().startswith(("+", "0", "1")) else 0.55
        found[span] = Finding(*span, PHONE, score, NAME, "digit groups shaped like a phone")
    return list(found.values())


def _make(text: str, m: object, label: str, score: float, why: str) -> Finding:
    start, end = m.start, m.end  # type: ignore[attr-defined]
    key = re.sub(r"\D", "", text[start:end])
    return Finding(start, end, label, score, NAME, why, key=key)


def messengers(text: str) -> list[Finding]:
    """WeChat ids after a WeChat cue (or ``wxid_...``), QQ numbers after ``QQ``, e-mails."""
    found = []
    for m in _WECHAT.finditer(text):
        group = "id" if m.group("id") else "wxid"
        if group == "id" and not handle_shaped(m.group("id")):
            continue  # "through", "sometimes": an English word without a handle's shape
        start, end = m.span(group)
        why = "id after a WeChat cue" if group == "id" else "wxid_ prefix"
        found.append(Finding(start, end, WECHAT, 0.85, NAME, why, key=m.group(group).lower()))
    for m in _WECHAT_CJK.finditer(text):
        start, end = m.span("id")
        why = "id in Chinese or Hangul characters after a WeChat cue"
        found.append(Finding(start, end, WECHAT, 0.8, NAME, why, key=m.group("id")))
    for m in _HANDLE_NEAR_WECHAT.finditer(text):
        start, end = m.span("id")
        why = "handle-shaped id near a WeChat cue"
        found.append(Finding(start, end, WECHAT, 0.7, NAME, why, key=m.group("id").lower()))
    for m in _QQ.finditer(text):
        start, end = m.span("id")
        found.append(Finding(start, end, QQ, 0.85, NAME, "number after QQ", key=m.group("id")))
    for m in _EMAIL.finditer(text):
        key = m.group().lower()
        found.append(Finding(m.start(), m.end(), EMAIL, 0.95, NAME, "e-mail address", key=key))
    return found


class ContactRecognizer:
    """PHONE, WECHAT, QQ and EMAIL."""

    name = NAME
    labels = (PHONE, WECHAT, QQ, EMAIL)

    def find(self, text: str) -> list[Finding]:
        """Messenger ids and e-mails win over a phone reading of the same digits."""
        ids = messengers(text)
        ids += repeats(text, [f for f in ids if f.label == WECHAT])
        found = resolve(ids)
        taken = [(f.start, f.end) for f in found]
        for f in resolve(phones(text)):
            if all(f.end <= a or f.start >= b for a, b in taken):
                found.append(f)
        return sorted(found, key=lambda f: f.start)
