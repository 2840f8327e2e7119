"""The recognizer contract: small, Presidio-free, text in, explained findings out.

A recognizer looks at the normalised text of one record and returns Findings. Each finding says
why it was proposed (``recognizer`` + ``explanation``), in words a reviewer can act on. The
engine (redact/detect/engine.py, the only module that imports spaCy or Presidio) runs these beside
Presidio and merges everything; recognizers never import spaCy or Presidio themselves.

Recall first: when unsure, propose with a lower score and let the reviewer reject.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

# The entity labels of the toolkit (Presidio's words where Presidio has one).
PERSON = "PERSON"
LOCATION = "LOCATION"  # below country level: province, county, city, town, village, -ri, -dong
COUNTRY = "COUNTRY"  # kept visible by default policy
CAMP = "CAMP"  # prison camps, detention centres, labour units
ORGANIZATION = "ORGANIZATION"
PHONE = "PHONE"
WECHAT = "WECHAT"
QQ = "QQ"
HANDLE = "HANDLE"  # messenger, social and game handles (KakaoTalk, Telegram, Line, @names)
EMAIL = "EMAIL"
DATE = "DATE"
AGE = "AGE"
PRICE = "PRICE"
ID_NUMBER = "ID_NUMBER"  # passport, case, document numbers
NRP = "NRP"  # nationality, religious or political group: a quasi-identifier (Presidio's name)
QUANTITY = "QUANTITY"  # amounts with units: a quasi-identifier

LABELS = (
    PERSON,
    LOCATION,
    COUNTRY,
    CAMP,
    ORGANIZATION,
    PHONE,
    WECHAT,
    QQ,
    HANDLE,
    EMAIL,
    DATE,
    AGE,
    PRICE,
    ID_NUMBER,
    NRP,
    QUANTITY,
)


@dataclass(frozen=True)
class Reason:
    """Why one recognizer proposed a span, as data (Presidio's ``AnalysisExplanation`` in our
    words): which recognizer, which rule (pattern, gazetteer entry, shape; never testimony
    text), the context cue it read if any, the label and score it gave. ``str()`` is the rule,
    as reviewers have always read it."""

    recognizer: str
    rule: str
    score: float
    label: str
    context: str = ""

    def __str__(self) -> str:
        return f"{self.rule} ({self.context})" if self.context else self.rule

    def to_json(self) -> dict[str, str | float]:
        return {
            "recognizer": self.recognizer,
            "rule": self.rule,
            "score": self.score,
            "label": self.label,
            "context": self.context,
        }

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> Reason:
        return cls(
            str(body["recognizer"]),
            str(body["rule"]),
            float(body["score"]),
            str(body["label"]),
            str(body.get("context", "")),
        )


@dataclass(frozen=True)
class Finding:
    start: int  # Python str offsets into the normalised text
    end: int
    label: str  # one of LABELS
    score: float  # 0..1: how sure the recognizer is
    recognizer: str  # which recognizer proposed it
    explanation: str  # why, for the reviewer: rule / pattern / gazetteer entry, no testimony text
    key: str | None = None  # normalised identity of the entity, for linking variants
    context: str = ""  # the context cue the rule read ("supportive word 'phone'"), if any

    @property
    def reason(self) -> Reason:
        return Reason(self.recognizer, self.explanation, self.score, self.label, self.context)


class Recognizer(Protocol):
    """Read-only members, so that a class attribute ``labels = (PERSON,)`` satisfies it."""

    @property
    def name(self) -> str: ...

    @property
    def labels(self) -> tuple[str, ...]: ...

    def find(self, text: str) -> list[Finding]: ...
