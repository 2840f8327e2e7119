"""A camp's bare name inside one record: the camp only where the record says so.

The village or town a camp is named after and the camp are two entities ("I was born in
Tokchon" is a village; "Tokchon kyohwaso" the camp): a published quote must not call a
birthplace a camp. A bare name is the camp only when the record names that camp with its kind
("X kyohwaso", "X IDC") and the bare mention stands where a camp is spoken of: after "at",
"sent to", "taken to", "held in", "released from", "arrived at" ("What happened at X?"). A name
the camp recognizer itself took for the camp's name alone gets the camp's key, and so does a
camp's number alone ("No. 17", "17호") where the record names one camp of that number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from redact.detect.recognizers.base import CAMP, LOCATION, PERSON
from redact.detect.span import Span
from redact.link.kinds import camp_name
from redact.text.search import compact

_CUE = re.compile(
    r"(?:\b(?:sent|taken|transferred|moved|brought|returned|driven)\s+(?:back\s+)?to"
    r"|\b(?:held|kept|detained|imprisoned|interrogated|locked\s+up)\s+(?:at|in)"
    r"|\breleased\s+from|\barrived?\s+at|\bat)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _before(span: Span) -> str:
    """The text right before the span, from its context."""
    return span.context.partition(f"[{span.text}]")[0]


def _record_camps(spans: Sequence[Span]) -> dict[str, str]:
    """This record's camps named with a kind: name letters -> key (a name two camps share is
    left out: "Hwasong camp 9" and "Hwasong kyohwaso" say nothing of a bare "Hwasong")."""
    found: dict[str, set[str]] = {}
    for span in spans:
        camp = camp_name(span.text) if span.label == CAMP else None
        if camp and camp.kind and camp.name:
            found.setdefault(camp.name, set()).add(span.entity)
        if camp and camp.kind and camp.number:  # "Kyohwaso No. 17": "No. 17" alone is it
            found.setdefault(f"#{camp.number}", set()).add(span.entity)
    return {name: keys.pop() for name, keys in found.items() if len(keys) == 1}


def link_camp_names(spans: Sequence[Span]) -> list[Span]:
    """Bare names of this record's camps, where the record speaks of the camp, as the camp."""
    camps = _record_camps(spans)
    if not camps:
        return list(spans)
    out = []
    for span in spans:
        camp = camp_name(span.text) if span.label == CAMP else None
        number = f"#{camp.number}" if camp and not camp.kind and not camp.name else ""
        key = camps.get(number or compact(span.text))
        if key and key != span.entity:
            alone = span.label == CAMP and not camp_name(span.text).kind
            cued = span.label in (LOCATION, PERSON) and _CUE.search(_before(span))
            if alone or cued:
                why = "the name of a camp this record names, where it speaks of the camp"
                span = span.with_(label=CAMP, entity=key, explanation=f"{span.explanation}; {why}")
        out.append(span)
    return out
