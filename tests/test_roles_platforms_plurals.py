"""Words a reviewer expects to stay: an app people wrote on, a role with its article, a surname
in the plural that says how common a name is. The names beside them are still hidden.

All names are invented; none occurs in samples/.
"""

from __future__ import annotations

import pytest

from redact.link.pseudonyms import PseudonymTable
from redact.pipeline.analysis import Source, analyse
from redact.plan import policy
from redact.plan.proposal import apply


def _redacted(text: str) -> str:
    chosen = policy.load(None)
    outcome = analyse([Source("r0", text)], chosen, PseudonymTable(style=chosen.style))
    return apply(text, outcome.spans[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We spoke on Telegram, then on KakaoTalk, with Ryo Tal-bong.",
            "We spoke on Telegram, then on KakaoTalk, with [Person 1].",
        ),
        (
            "The pastor drove; the recruiter stayed behind. Pastor Ryo Tal-bong paid.",
            "The pastor drove; the recruiter stayed behind. [Person 1] paid.",
        ),
        (
            "There are many Kims in our street, and the two Wangs sold rice. Ryo Tal-bong did not.",
            "There are many Kims in our street, and the two Wangs sold rice. [Person 1] did not.",
        ),
    ],
)
def test_apps_roles_and_plural_surnames_stay(text: str, expected: str) -> None:
    assert _redacted(text) == expected


def test_a_given_name_that_ends_in_s_is_still_a_name() -> None:
    # "Hans" is Han + s, but a given name before a surname: a person
    assert "Hans" not in _redacted("Hans Dietrich met us at the border.")
