"""Floors on the evaluation of the samples and the blind development set (``samples/blind``).

The floors were set from numbers measured with ``testimony redact evaluate --samples samples
--samples samples/blind`` (see the commit that last moved them), a little below them so that
ordinary work elsewhere does not trip them. A change that loses recall, or links two different
gold people under one pseudonym more often than measured, fails here.

Detection (spaCy) runs once per folder per test session; linking and the plan run on the cached
detection. Deterministic: no timing, no randomness.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from redact.evaluate import Prepared, Scores, prepare_folder, score
from redact.plan import policy as policy_module

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BLIND = SAMPLES / "blind"


@cache
def _prepared(folder: Path) -> Prepared:
    return prepare_folder(folder)


@cache
def _scores(folder: Path) -> Scores:
    return score(_prepared(folder), policy_module.load(None))


# Measured 2026-12-02 02:33 UTC (samples: 14 documents; blind: 26 documents), after one label
# per entity by the strongest evidence, organisation keys without their legal form or script,
# and one key for initials however dotted (a given name alone still links only inside its
# record, as issue 11 asks: the cross-record rule was reverted):
#   samples  must-mask 1.000, PERSON 1.000, LOCATION 1.000; wrong merges 0; consistency 0.765;
#            precision 0.944
#   blind    must-mask 0.992, PERSON 0.992, LOCATION 0.993; wrong merges 0; consistency 0.635;
#            precision 0.922
# (folder, must-mask mention recall, PERSON mention recall, LOCATION mention recall)
RECALL_FLOORS = [
    (SAMPLES, 0.995, 0.995, 0.995),
    (BLIND, 0.97, 0.975, 0.975),
]
# (folder, most wrong merges allowed, least consistency, least precision of hidden spans)
LINKING_FLOORS = [
    (SAMPLES, 0, 0.76, 0.92),
    (BLIND, 0, 0.63, 0.90),
]


def _folder_id(folder: Path) -> str:
    return folder.relative_to(ROOT).as_posix()


@pytest.mark.parametrize(
    ("folder", "must_mask", "person", "location"),
    RECALL_FLOORS,
    ids=[_folder_id(f[0]) for f in RECALL_FLOORS],
)
def test_recall_stays_above_its_floor(
    folder: Path, must_mask: float, person: float, location: float
) -> None:
    scores = _scores(folder)
    assert scores.recall(must_mask_only=True) >= must_mask
    assert scores.recall("PERSON") >= person
    assert scores.recall("LOCATION") >= location


@pytest.mark.parametrize(
    ("folder", "merges", "consistency", "precision"),
    LINKING_FLOORS,
    ids=[_folder_id(f[0]) for f in LINKING_FLOORS],
)
def test_no_more_wrong_merges_than_measured(
    folder: Path, merges: int, consistency: float, precision: float
) -> None:
    scores = _scores(folder)
    assert len(scores.wrong_merges) <= merges, scores.wrong_merges  # entity ids only
    consistent, recurring = scores.consistent
    assert consistent / recurring >= consistency, scores.inconsistent
    hit, hidden = scores.precision
    assert hit / hidden >= precision


def test_scores_are_deterministic_on_cached_detection() -> None:
    """Linking and the plan give the same numbers twice over the same detection."""
    again = score(_prepared(SAMPLES), policy_module.load(None))
    first = _scores(SAMPLES)
    assert again.wrong_merges == first.wrong_merges
    assert again.consistent == first.consistent
    assert again.masked == first.masked
