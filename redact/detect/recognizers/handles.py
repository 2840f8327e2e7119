"""Handles: messenger, social-network and game ids (HANDLE), by the shape of a handle.

A handle reaches a person as surely as a phone number. Shapes, best first:

* ``@name`` (not the middle of an e-mail address);
* a token after an app's name (KakaoTalk, Telegram, Line, Douyin, WhatsApp, game id ...): taken
  when it has a handle's shape (digits, underscore, dot, other scripts) or is not an English word;
  a Douyin or Kakao name in Chinese or Hangul characters after the app's name;
* the speaker of a pasted chat line (``[03.04.22 19:41] name:``, ``오전 7:15 name:``);
* a line that opens with a handle-shaped token and a colon (``moon_river: see you``);
* the quoted name of a chat group after the app's name (``Telegram group "Spring Birds"``) and an
  account name in characters before ``(ID ...)``;
* invite links (``t.me/...``, ``line.me/...``) and, at a lower score, any word_with_underscore.

An English word is never a handle without a handle's shape: "Line" and "through" stay visible.
"""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from redact.detect.recognizers.base import HANDLE, Finding
from redact.detect.recognizers.helpers import resolve
from redact.detect.recognizers.participants import CHAT_SPEAKER

NAME = "handles"
AT_SCORE = 0.85
APP_SCORE = 0.8
CHAT_SCORE = 0.7
LOOSE_SCORE = 0.5
REPEAT_SCORE = 0.6
ENGLISH_ZIPF = 3.0  # at or above: a common English word, not an id on its own

_APPS = (
    r"KakaoTalk|Kakao\s*Talk|Kakao|Telegram|Line|LINE|Douyin|TikTok|WhatsApp|Viber|Signal|Zalo|"
    r"Instagram|Facebook|Messenger|VK|VKontakte|Skype|Discord|Snapchat|Twitter|Weibo|"
    r"game\s+(?:id|name|account)|gamer\s*tag|抖音|카톡|카카오톡|텔레그램"
)
_CJK = r"\u3400-\u9fff\uac00-\ud7af\u3040-\u30ff"
_TOKEN = rf"[\w{_CJK}][\w.{_CJK}-]*[\w{_CJK}]|[\w{_CJK}]"
_APP_ID = re.compile(
    rf"\b(?:{_APPS})(?:'s)?(?:\s+(?:id|ID|account|name|handle|is|was|nickname|channel))*"
    rf"\s*[:(]?\s*(?:(?:is|was|called|named|ID|id)\s+)?(?P<id>@?(?:{_TOKEN}))"
)
_GROUP_NAME = re.compile(
    rf"\b(?:{_APPS}|WeChat|QQ)\s+(?:group|channel|chat|room|server)\s+(?:called\s+|named\s+)?"
    r"[\"“«](?P<id>[^\"”»\n]{2,40})[\"”»]"
)
_NAME_BEFORE_ID = re.compile(rf"(?P<id>[{_CJK}]{{2,12}})\s*[(\uff08]\s*(?:ID|id|account)\b")
_AT = re.compile(r"(?<![\w.@+-])@[A-Za-z0-9_][A-Za-z0-9_.]{1,31}(?<!\.)")
_LINE_HANDLE = re.compile(
    r"^[ \t]*(?P<id>[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)+)[ \t]*[^\w\s:]{0,2}[ \t]*:(?=\s)",
    re.MULTILINE,
)
_LINK = re.compile(
    r"\b(?:t\.me|telegram\.me|line\.me|wa\.me|vk\.com|instagram\.com|facebook\.com|fb\.com|"
    r"douyin\.com|tiktok\.com|open\.kakao\.com)/[\w+/.@-]+[\w/]"
)
_UNDERSCORE = re.compile(r"(?<![\w.@/-])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w@-]|\.\w)")
_NAME_SHAPE = re.compile(
    r"[A-Z][a-z\u00c0-\u024f'\u2019]+(?:[ -][A-Za-z\u00c0-\u024f'\u2019]+){0,3}"
)
_ROLES = frozenset(
    [
        "q",
        "a",
        "i",
        "int",
        "interviewer",
        "interviewee",
        "interpreter",
        "witness",
        "respondent",
        "note",
        "system",
        "admin",
        "me",
        "you",
        "translator",
        "caseworker",
        "volunteer",
    ]
)
_APP_NAMES = frozenset(
    [
        "kakaotalk",
        "kakao",
        "telegram",
        "line",
        "douyin",
        "tiktok",
        "whatsapp",
        "viber",
        "signal",
        "zalo",
        "instagram",
        "facebook",
        "messenger",
        "vk",
        "skype",
        "discord",
        "snapchat",
        "twitter",
        "weibo",
        "wechat",
        "qq",
    ]
)


def handle_shaped(token: str) -> bool:
    """Digits, underscore, dot, '@' or another script: a handle's shape, not an English word."""
    core = token.lstrip("@")
    if not core or core.lower() in _APP_NAMES:
        return False
    if core.isdigit():
        return len(core) >= 5
    if token.startswith("@") or any(ch.isdigit() or ch in "_." for ch in core):
        return True
    if not core.isascii():
        return any(ch.isalpha() for ch in core)
    return len(core) >= 4 and zipf_frequency(core.lower(), "en") < ENGLISH_ZIPF


def _make(start: int, end: int, score: float, why: str, text: str) -> Finding:
    key = text[start:end].lstrip("@").lower()
    return Finding(start, end, HANDLE, score, NAME, why, key=key)


def handles(text: str) -> list[Finding]:
    """Every handle-shaped id in ``text`` (see the module docstring for the shapes)."""
    found = [_make(*m.span(), AT_SCORE, "@handle", text) for m in _AT.finditer(text)]
    for m in _APP_ID.finditer(text):
        if handle_shaped(m.group("id")):
            found.append(_make(*m.span("id"), APP_SCORE, "id after an app's name", text))
    for m in CHAT_SPEAKER.finditer(text):
        start, end = m.span("id")
        speaker = m.group("id").strip().lower()
        name_shaped = _NAME_SHAPE.fullmatch(m.group("id").strip())  # left to the name recognizers
        if speaker and not speaker[0].isdigit() and speaker not in _ROLES and not name_shaped:
            found.append(_make(start, end, CHAT_SCORE, "speaker of a pasted chat line", text))
    for m in _LINE_HANDLE.finditer(text):
        found.append(_make(*m.span("id"), CHAT_SCORE, "handle-shaped speaker of a line", text))
    for m in _GROUP_NAME.finditer(text):
        found.append(_make(*m.span("id"), CHAT_SCORE, "name of a chat group or channel", text))
    for m in _NAME_BEFORE_ID.finditer(text):
        found.append(_make(*m.span("id"), CHAT_SCORE, "account name before its id", text))
    for m in _LINK.finditer(text):
        found.append(_make(*m.span(), AT_SCORE, "messenger or social-network link", text))
    for m in _UNDERSCORE.finditer(text):
        found.append(_make(*m.span(), LOOSE_SCORE, "word_with_underscore", text))
    return found


def repeats(text: str, found: list[Finding]) -> list[Finding]:
    """Every other mention of an id found once in this record ("Note: sunflower_0412 is ...")."""
    more = []
    for surface in sorted({text[f.start : f.end] for f in found}):
        if len(surface) < 4 or not handle_shaped(surface):
            continue
        for m in re.finditer(rf"(?<![\w@.]){re.escape(surface)}(?![\w])", text):
            label, why = found[0].label, "same id as one found elsewhere in this record"
            more.append(Finding(*m.span(), label, REPEAT_SCORE, found[0].recognizer, why))
    return more


class HandleRecognizer:
    """HANDLE: @names, ids after an app's name, chat speakers, invite links."""

    name = NAME
    labels = (HANDLE,)

    def find(self, text: str) -> list[Finding]:
        found = handles(text)
        return resolve(found + repeats(text, found))
