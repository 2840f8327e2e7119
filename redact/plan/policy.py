"""Redaction policy (TOML): what to do with each entity type, and how to generalise."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keys.errors import RedactionError
from redact.text.search import same_phrase, strip_possessive

ACTIONS = ("pseudonymise", "generalise", "mask", "keep")
AGE_LEVELS = ("decade",)  # "in her 30s"
PLACE_LEVELS = ("country", "none")  # "a place in China", or only "a place"
STYLES = ("labels", "names")
DEFAULT_POLICY = Path(__file__).with_name("default-policy.toml")
_DATE_LEVELS = ("year", "month")


@dataclass(frozen=True)
class Policy:
    actions: dict[str, str]
    generalise: dict[str, str]
    allow: dict[str, tuple[str, ...]]
    style: str = "labels"
    sha256: str = ""
    source: str = field(default="default", compare=False)

    def action_for(self, label: str) -> str:
        return self.actions.get(label, self.actions.get("default", "mask"))

    def allowed(self, label: str, surface: str) -> bool:
        surface = strip_possessive(surface)
        return any(same_phrase(surface, name) for name in self.allow.get(label, ()))


def _table(body: dict[str, Any], name: str, source: str) -> dict[str, Any]:
    value = body.get(name, {})
    if not isinstance(value, dict):
        raise RedactionError(f"{source}: [{name}] must be a table", "see samples/policy.toml")
    return value


def parse(text: str, source: str) -> Policy:
    try:
        body = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RedactionError(
            f"{source}: not valid TOML ({exc})", "see samples/policy.toml"
        ) from None
    actions = {str(k): str(v) for k, v in _table(body, "actions", source).items()}
    for label, action in actions.items():
        if action not in ACTIONS:
            raise RedactionError(
                f"{source}: [actions] {label} = '{action}' is not an action",
                "use one of: " + ", ".join(ACTIONS),
            )
    generalise = {str(k): str(v) for k, v in _table(body, "generalise", source).items()}
    for label, levels in (("DATE", _DATE_LEVELS), ("AGE", AGE_LEVELS), ("LOCATION", PLACE_LEVELS)):
        if generalise.get(label, levels[0]) not in levels:
            raise RedactionError(
                f"{source}: [generalise] {label} = '{generalise[label]}' is not a level",
                "use one of: " + ", ".join(levels),
            )
    allow = {str(k): tuple(map(str, v)) for k, v in _table(body, "allow", source).items()}
    style = str(_table(body, "pseudonyms", source).get("style", "labels"))
    if style not in STYLES:
        raise RedactionError(
            f"{source}: [pseudonyms] style '{style}' is unknown", "use 'labels' or 'names'"
        )
    return Policy(
        actions, generalise, allow, style, hashlib.sha256(text.encode()).hexdigest(), source
    )


def load(path: Path | None) -> Policy:
    target = path or DEFAULT_POLICY
    try:
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise RedactionError(
            f"{target}: cannot read the policy file", "check the path given to --policy"
        ) from None
    return parse(text, str(target) if path else "default policy")


_NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def age_number(surface: str) -> int | None:
    digits = re.search(r"\d{1,3}", surface)
    if digits:
        return int(digits.group())
    words = re.findall(r"[a-z]+", surface.lower())
    for i, word in enumerate(words):
        if word in _TENS:
            unit = _NUMBER_WORDS.get(words[i + 1], 0) if i + 1 < len(words) else 0
            return _TENS[word] + (unit if unit < 10 else 0)
        if word in _NUMBER_WORDS:
            return _NUMBER_WORDS[word]
    return None


def generalise_date(surface: str, level: str) -> str:
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", surface)
    if not year:
        return "[date]"
    if level == "month":
        month = next((m for m in _MONTHS if m in surface.lower()), None)
        if month:
            return f"[{month.capitalize()} {year.group()}]"
    return f"[{year.group()}]"


def generalise_age(surface: str) -> str:
    number = age_number(surface)
    if number is None or "older" in surface or "younger" in surface:
        return "[age]"
    return f"[{number // 10 * 10}s]" if number >= 20 else "[teens]" if number >= 13 else "[child]"
