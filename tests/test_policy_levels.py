"""The ``[generalise]`` levels of a policy are read and honoured, not only parsed: a place
generalised to its country or to "a place" alone, and a level nobody knows refused."""

from __future__ import annotations

import pytest

from keys.errors import RedactionError
from redact.detect.recognizers.base import LOCATION
from redact.detect.span import Span
from redact.link.linking import entity_key
from redact.link.pseudonyms import PseudonymTable
from redact.plan import policy
from redact.plan.proposal import plan

TEXT = "We waited in Dorogan for a week."
START = TEXT.index("Dorogan")


def _place() -> Span:
    end = START + len("Dorogan")
    key = entity_key(LOCATION, "Dorogan")
    return Span(START, end, "Dorogan", LOCATION, 0.9, "places", "gazetteer", key)


def _policy(level: str) -> policy.Policy:
    return policy.parse(
        f'[actions]\nLOCATION = "generalise"\n[generalise]\nLOCATION = "{level}"\n', "t"
    )


@pytest.mark.parametrize(
    ("level", "expected"), [("country", "[a place in Ruritania]"), ("none", "[a place]")]
)
def test_the_place_level_is_honoured(level: str, expected: str) -> None:
    planned = plan(
        "r1", [_place()], _policy(level), PseudonymTable(), country_of=lambda _: "Ruritania"
    )
    assert planned[0].replacement == expected


@pytest.mark.parametrize(
    "body",
    [
        '[generalise]\nLOCATION = "street"\n',
        '[generalise]\nAGE = "year"\n',
        '[generalise]\nDATE = "day"\n',
    ],
)
def test_an_unknown_level_is_refused(body: str) -> None:
    with pytest.raises(RedactionError, match="is not a level"):
        policy.parse(body, "t")


def test_the_default_policy_names_known_levels() -> None:
    chosen = policy.load(None)
    assert chosen.generalise["LOCATION"] in policy.PLACE_LEVELS
    assert chosen.generalise["AGE"] in policy.AGE_LEVELS
