"""Decisions over many spans from the page's API: one entity counted in every record, then
decided only with those counts (signed per record); selection by type, recognizer, status;
recognizer ids in explanations read as reviewer-facing names."""

from __future__ import annotations

import pytest

from redact.review import bulk
from redact.review import decisions as review
from redact.web import Settings
from tests.conftest import Person, snapshot
from tests.review_support import (
    PORT,
    Reviewed,
    TestClient,
    app_for,
    log_of,
    login,
)
from tests.review_support import records as records
from tests.review_support import serve as serve
from tests.review_support import two_records as two_records


def test_every_record_is_counted_before_and_decided_only_with_those_counts(
    records: tuple[Reviewed, Reviewed], alice: Person
) -> None:
    first, second = records
    settings = Settings(port=PORT)
    client = TestClient(
        app_for(first, alice.identity, settings), base_url=f"http://127.0.0.1:{PORT}"
    )
    client.follow_redirects = False
    csrf = login(client, settings)
    headers = {"X-CSRF-Token": csrf}
    key = next(s.entity for s in log_of(first, alice).spans if s.text == "Bang Ju-won")
    here = sum(s.entity == key for s in log_of(first, alice).spans)
    there = sum(s.entity == key for s in log_of(second, alice).spans)
    root = first.vault.root
    before = snapshot(root)
    assert client.post("/api/entity/mentions", json={"entity": key}).status_code == 403
    counted = client.post("/api/entity/mentions", json={"entity": key}, headers=headers).json()
    assert counted == {
        "records": [
            {"record": r.record_id, "code": code, "total": n, "open": n, "approved": False}
            for r, code, n in sorted(
                [(first, "NK-A1", here), (second, "NK-B2", there)],
                key=lambda row: first.vault.record_ids().index(row[0].record_id),
            )
        ]
    }
    nobody = {"entity": "PERSON:nobody at all"}
    assert client.post("/api/entity/mentions", json=nobody, headers=headers).json() == {
        "records": []
    }
    expect = {first.record_id: here, second.record_id: there}
    url = "/api/entity/decide"
    refused = [
        {"action": "accept", "entity": key, "expect": {first.record_id: here}},  # one missing
        {"action": "accept", "entity": key, "expect": {**expect, first.record_id: here - 1}},
        {"action": "edit", "entity": key, "expect": expect},
        {"action": "accept", "expect": expect},
        {"action": "accept", "entity": key, "expect": {"../x": 1}},
        {"action": "reject", "entity": key, "expect": expect},  # protected in the second
    ]
    for body in refused:
        answer = client.post(url, json=body, headers=headers)
        assert answer.status_code == 409, (body, answer.text)
        assert "Bang" not in answer.text, "no name in a refusal"
    assert answer.json()["needs_reason"] is True
    assert client.post(url, json={"action": "accept"}).status_code == 403, "CSRF"
    assert snapshot(root) == before, "nothing changed"

    body = {"action": "reject", "entity": key, "expect": expect, "reason": "she asked"}
    done = client.post(url, json=body, headers=headers)
    assert done.status_code == 200, done.text
    assert set(done.json()["records"]) == {first.record_id, second.record_id}
    for reviewed in records:
        log = log_of(reviewed, alice)
        (event,) = log.events
        assert event["action"] == "reject" and event.get("reason") == "she asked"
        assert {s.status for s in log.spans if s.entity == key} == {"rejected"}
        assert review.verify_events(log, [alice.identity.recipient]) == []
    found = {m.record_id: m.protected for m in bulk.mentions(first.vault, alice.identity, key)}
    assert found == {first.record_id: False, second.record_id: True}


def test_select_by_type_recognizer_and_status(
    records: tuple[Reviewed, Reviewed], alice: Person
) -> None:
    log = log_of(records[0], alice)
    every = [review.span_id(s) for s in log.spans]
    assert bulk.select(log, status=None) == every
    places = bulk.select(log, label="LOCATION")
    assert places and all(s.label == "LOCATION" for s in log.spans if review.span_id(s) in places)
    model = bulk.select(log, recognizer="presidio:SpacyRecognizer")
    assert model and set(model) < set(every)
    assert bulk.select(log, status="accepted") == []


@pytest.mark.parametrize(
    ("explanation", "shown"),
    [
        ("also presidio:SpacyRecognizer PERSON 0.85", "also Language model PERSON 0.85"),
        ("linked by korean_names; protected-term", "linked by Korean name; Protected term"),
        ("presidio:UsSsnRecognizer", "Us ssn (pattern)"),
        ("ages and places in a sentence stay words", "ages and places in a sentence stay words"),
    ],
)
def test_explanations_name_recognizers_for_reviewers(explanation: str, shown: str) -> None:
    from redact.web.view import explain

    assert explain(explanation) == shown
