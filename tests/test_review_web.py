"""The review web page's locks (token, cookie, CSRF, Host, CSP, no external resource, body
limits), its decisions checked and explained, tampering, undo. The browser: test_review_browser."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from redact.plan import policy, redaction_log
from redact.review import decisions as review
from redact.web import Settings
from redact.web.guard import CSP
from tests.conftest import NOW, Person, snapshot
from tests.review_support import (
    PORT,
    Reviewed,
    TestClient,
    app_for,
    login,
    protected_record,
    spans_of,
)
from tests.review_support import (  # fixtures
    analysed as analysed,
)
from tests.review_support import (
    bob as bob,
)
from tests.review_support import (
    client as client,
)
from tests.review_support import (
    reviewed as reviewed,
)
from tests.review_support import (
    settings as settings,
)


def _routes(record_id: str) -> list[tuple[str, str]]:
    return [
        ("GET", "/"),
        ("GET", f"/record/{record_id}"),
        ("GET", f"/api/record/{record_id}"),
        ("POST", f"/api/record/{record_id}/decide"),
        ("POST", "/api/entity/mentions"),
        ("POST", "/api/entity/decide"),
        ("GET", "/static/review.css"),
        ("GET", "/static/review.js"),
        ("GET", "/static/tools.js"),
        ("GET", "/static/page.js"),
        ("GET", "/static/icon.svg"),
        ("GET", "/no-such-page"),
    ]


# -- the locks ---------------------------------------------------------------------------------


def test_every_route_needs_the_token(
    client: TestClient, reviewed: Reviewed, settings: Settings
) -> None:
    for method, path in _routes(reviewed.record_id):
        assert client.request(method, path).status_code == 403, path
        assert client.request(method, f"{path}?token=wrong-{settings.token}").status_code == 403
        forged = {settings.cookie: "forged"}
        assert client.request(method, path, headers={"cookie": _cookie(forged)}).status_code == 403
    refused = client.get("/")
    assert "testimony review serve" in refused.text and "Traceback" not in refused.text


def _cookie(jar: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def test_token_becomes_a_strict_cookie(client: TestClient, settings: Settings) -> None:
    answer = client.get(f"/?token={settings.token}")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/", "the token leaves the address bar"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{settings.cookie}=")
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite=strict", "path=/"} <= flags
    assert settings.token not in cookie, "the cookie is a session of its own, not the token"
    assert client.get("/").status_code == 200


def test_changes_need_the_csrf_token(
    client: TestClient, reviewed: Reviewed, settings: Settings, alice: Person
) -> None:
    csrf = login(client, settings)
    target = review.span_id(spans_of(reviewed, alice.identity)[0])
    url = f"/api/record/{reviewed.record_id}/decide"
    body = {"action": "accept", "spans": [target]}
    before = snapshot(reviewed.vault.root)
    assert client.post(url, json=body).status_code == 403
    assert client.post(url, json=body, headers={"X-CSRF-Token": "0" * 64}).status_code == 403
    other = Settings(port=PORT).csrf("another session")
    assert client.post(url, json=body, headers={"X-CSRF-Token": other}).status_code == 403
    as_form = client.post(url, data={"action": "accept"}, headers={"X-CSRF-Token": csrf})
    assert as_form.status_code == 403, "a form post (possible cross-site) is refused"
    assert client.put(url, json=body, headers={"X-CSRF-Token": csrf}).status_code == 403
    assert snapshot(reviewed.vault.root) == before, "nothing changed"
    done = client.post(url, json=body, headers={"X-CSRF-Token": csrf})
    assert done.status_code == 200, done.text
    assert snapshot(reviewed.vault.root) != before


def test_host_header_is_checked(client: TestClient, settings: Settings) -> None:
    client.get(f"/?token={settings.token}")
    for host in ("evil.example", f"evil.example:{PORT}", "127.0.0.1:9999", "127.0.0.1"):
        refused = client.get("/", headers={"host": host})
        assert refused.status_code == 403, host
        assert "answers only at the address" in refused.text
    assert client.get("/", headers={"host": f"localhost:{PORT}"}).status_code == 200


def test_every_answer_carries_the_security_headers(
    client: TestClient, reviewed: Reviewed, settings: Settings
) -> None:
    answers = [client.request(m, p) for m, p in _routes(reviewed.record_id)]
    answers.append(client.get("/", headers={"host": "evil.example"}))
    answers.append(client.get(f"/?token={settings.token}"))
    answers += [client.get(p) for _, p in _routes(reviewed.record_id) if _ == "GET"]
    for answer in answers:
        assert answer.headers["content-security-policy"] == CSP
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in CSP and "frame-ancestors 'none'" in CSP


def test_no_external_resource(client: TestClient, reviewed: Reviewed, settings: Settings) -> None:
    login(client, settings)
    texts = {p.name: p.read_text() for p in (resources.files("redact.web") / "static").iterdir()}
    texts |= {
        p.name: p.read_text() for p in (resources.files("redact.web") / "templates").iterdir()
    }
    for path in ("/", f"/record/{reviewed.record_id}", "/static/review.js"):
        texts[path] = client.get(path).text
    svg_namespace = "http://www.w3.org/2000/svg"  # an XML name, never fetched
    for name, text in texts.items():
        text = text.replace(f'xmlns="{svg_namespace}"', "")
        assert not re.search(r"https?://", text, re.IGNORECASE), name
        assert not re.search(r"(src|href)=[\"']?//", text), name
        assert "style=" not in text and "<style" not in text, f"{name}: inline style"
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), f"{name}: inline script"
        assert not re.search(r"\son[a-z]+=", text), f"{name}: inline event handler"


def test_decisions_are_checked_and_explained(
    client: TestClient, reviewed: Reviewed, settings: Settings, alice: Person
) -> None:
    csrf = login(client, settings)
    url = f"/api/record/{reviewed.record_id}/decide"
    headers = {"X-CSRF-Token": csrf}
    before = snapshot(reviewed.vault.root)
    start = reviewed.text.index("bowibu")
    bad = [
        {"action": "erase"},
        {"action": "accept", "spans": ["1-2; rm"]},
        {"action": "accept", "spans": ["999999-1000000"]},
        {"action": "add", "start": start, "end": start + 6, "text": "wrong words"},
        {"action": "add", "start": -1, "end": 3, "text": "x"},
        {"action": "add", "start": start, "end": start + 6, "text": "bowibu", "label": "ALIEN"},
        {"action": "approve"},
    ]
    for body in bad:
        answer = client.post(url, json=body, headers=headers)
        assert answer.status_code == 409, (body, answer.text)
        assert set(answer.json()) == {"error", "hint"}
        assert "bowibu" not in answer.text, "no testimony text in errors"
    assert (
        client.post(
            url, content=b"{not json", headers={**headers, "content-type": "application/json"}
        ).status_code
        == 400
    )
    assert snapshot(reviewed.vault.root) == before
    added = client.post(
        url,
        json={
            "action": "add",
            "start": start,
            "end": start + 6,
            "text": "bowibu",
            "label": "ORGANIZATION",
        },
        headers=headers,
    )
    assert added.status_code == 200
    state = client.get(f"/api/record/{reviewed.record_id}").json()
    assert {"id": f"{start}-{start + 6}", "status": "added"}.items() <= next(
        s for s in state["spans"] if s["id"] == f"{start}-{start + 6}"
    ).items()
    assert state["events"][0]["name"] == "Alice Reviewer"
    assert "bowibu" not in state["preview"]
    missing = client.get("/api/record/aaaaaaaaaaaaaaaaaaaa")
    assert missing.status_code == 404 and "hint" in missing.json()


def test_merge_and_split_from_the_page(
    client: TestClient, reviewed: Reviewed, settings: Settings, alice: Person
) -> None:
    csrf = login(client, settings)
    spans = [s for s in spans_of(reviewed, alice.identity) if s.label == "PERSON"]
    first, other = spans[0], next(s for s in spans if s.entity != spans[0].entity)
    url = f"/api/record/{reviewed.record_id}/decide"
    merge = {"action": "merge", "spans": [review.span_id(other)], "entity": first.entity}
    merged = client.post(url, json=merge, headers={"X-CSRF-Token": csrf})
    assert merged.status_code == 200, merged.text
    state = {s["id"]: s for s in merged.json()["spans"]}
    assert state[review.span_id(other)]["entity"] == first.entity
    assert state[review.span_id(other)]["replacement"] == first.replacement
    split = {"action": "split", "spans": [review.span_id(other)]}
    parted = client.post(url, json=split, headers={"X-CSRF-Token": csrf})
    assert parted.status_code == 200, parted.text
    state = {s["id"]: s for s in parted.json()["spans"]}
    assert state[review.span_id(other)]["entity"] != first.entity
    assert state[review.span_id(other)]["replacement"] != first.replacement
    assert [e["action"] for e in parted.json()["events"][:2]] == ["split", "merged"]


def test_a_tampered_decision_is_named(reviewed: Reviewed, alice: Person) -> None:
    spans = spans_of(reviewed, alice.identity)
    rules = policy.load(None)
    for span in spans[:3]:
        decision = review.Decision("accept", (review.span_id(span),))
        review.record_decision(
            reviewed.vault, reviewed.record_id, decision, alice.identity, NOW, rules
        )
    log = redaction_log.load(reviewed.vault, reviewed.record_id, alice.identity)
    assert log is not None and review.verify_events(log, [alice.identity.recipient]) == []
    log.events[1]["after"][0]["status"] = "rejected"
    redaction_log.save(reviewed.vault, log)
    tampered = redaction_log.load(reviewed.vault, reviewed.record_id, alice.identity)
    assert tampered is not None
    (problem,) = review.verify_events(tampered, [alice.identity.recipient])
    assert f"record {reviewed.record_id} decision 2" in problem
    assert "does not verify" in problem


# -- hardening (issue 12): token replay, body limit, malformed and nested JSON ------------------


def test_the_token_opens_one_session_only(
    reviewed: Reviewed, alice: Person, settings: Settings
) -> None:
    first, second = (
        TestClient(app_for(reviewed, alice.identity, settings), base_url=f"http://127.0.0.1:{PORT}")
        for _ in range(2)
    )
    first.follow_redirects = second.follow_redirects = False
    assert first.get(f"/?token={settings.token}").status_code == 303
    assert first.get("/").status_code == 200
    replay = second.get(f"/?token={settings.token}")  # the same link in another browser
    assert replay.status_code == 403
    assert "already been used" in replay.text and "set-cookie" not in replay.headers
    assert second.get("/").status_code == 403
    assert first.get(f"/?token={settings.token}").status_code == 200, "its own session goes on"


def test_oversized_malformed_and_nested_bodies_are_refused(
    client: TestClient, reviewed: Reviewed, settings: Settings, capfd: pytest.CaptureFixture[str]
) -> None:
    csrf = login(client, settings)
    url = f"/api/record/{reviewed.record_id}/decide"
    headers = {"X-CSRF-Token": csrf, "Content-Type": "application/json"}
    before = snapshot(reviewed.vault.root)
    huge = b'{"action": "accept", "pad": "' + b"x" * (settings.max_body + 1) + b'"}'
    deep = b"[" * 100_000 + b"]" * 100_000
    answers = {
        "huge": client.post(url, content=huge, headers=headers),
        "declared": client.post(
            url, content=b"{}", headers={**headers, "Content-Length": "9999999"}
        ),
        "deep": client.post(url, content=deep[: settings.max_body], headers=headers),
        "nested": client.post(url, content=b"[" * 50_000 + b"]" * 50_000, headers=headers),
        "broken": client.post(url, content=b'{"action": ', headers=headers),
        "list": client.post(url, content=b"[1, 2]", headers=headers),
    }
    assert answers["huge"].status_code == 413 and answers["declared"].status_code in (400, 413)
    for name in ("deep", "nested", "broken", "list"):
        assert answers[name].status_code == 400, (name, answers[name].text)
    assert snapshot(reviewed.vault.root) == before, "nothing changed"
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out


def test_releasing_a_protected_term_from_the_page_needs_a_reason(
    tmp_path: Path, alice: Person, settings: Settings
) -> None:
    reviewed = protected_record(tmp_path, alice)
    vault, root = reviewed.vault, reviewed.vault.root
    record_id = reviewed.record_id
    client = TestClient(
        app_for(reviewed, alice.identity, settings),
        base_url=f"http://127.0.0.1:{PORT}",
        follow_redirects=False,
    )
    csrf = login(client, settings)
    log = redaction_log.require(vault, record_id, alice.identity)
    (protected,) = [review.span_id(s) for s in log.spans if s.recognizer == "protected-term"]
    url = f"/api/record/{record_id}/decide"
    before = snapshot(root)
    refused = client.post(
        url, json={"action": "reject", "spans": [protected]}, headers={"X-CSRF-Token": csrf}
    )
    assert refused.status_code == 409 and refused.json()["needs_reason"] is True
    assert "Ri Sun-ok" not in refused.text and snapshot(root) == before
    body = {"action": "reject", "spans": [protected], "reason": "asked to be named"}
    done = client.post(url, json=body, headers={"X-CSRF-Token": csrf})
    assert done.status_code == 200, done.text
    saved = redaction_log.require(vault, record_id, alice.identity)
    assert saved.events[-1]["reason"] == "asked to be named"
    assert review.released(saved) == {protected}


# -- undo (issue 14): a new signed decision, never a deleted one ----------------------------------


def test_undo_walks_back_as_new_signed_decisions(
    client: TestClient, reviewed: Reviewed, settings: Settings, alice: Person
) -> None:
    csrf = login(client, settings)
    url = f"/api/record/{reviewed.record_id}/decide"
    original = spans_of(reviewed, alice.identity)
    first, second = original[0], original[1]
    start = reviewed.text.index("bowibu")

    def post(body: dict[str, Any]) -> Any:
        return client.post(url, json=body, headers={"X-CSRF-Token": csrf})

    assert post({"action": "undo"}).status_code == 409, "nothing to undo yet"
    steps = [
        {"action": "accept", "spans": [review.span_id(first)]},
        {"action": "edit", "spans": [review.span_id(second)], "replacement": "[someone]"},
        {"action": "add", "start": start, "end": start + 6, "text": "bowibu"},
    ]
    for body in steps:
        assert post(body).status_code == 200
    before = snapshot(reviewed.vault.root)
    stale = post({"action": "undo", "event": 2})  # the page saw decision 2 as the last one
    assert stale.status_code == 409 and "another decision came in" in stale.json()["error"]
    assert snapshot(reviewed.vault.root) == before
    offers = []
    for n in (3, 2, 1):
        answer = post({"action": "undo", "event": n})
        assert answer.status_code == 200, answer.text
        offers.append(answer.json()["undo"])
    assert offers == [
        {"n": 2, "words": "edited 1 span (Alice Reviewer)"},
        {"n": 1, "words": "accepted 1 span (Alice Reviewer)"},
        None,
    ]
    assert post({"action": "undo"}).status_code == 409, "undo itself is not undone"
    log = redaction_log.require(reviewed.vault, reviewed.record_id, alice.identity)
    assert log.spans == original, "every span as it was, the added one gone"
    assert [e["action"] for e in log.events] == ["accept", "edit", "add", "undo", "undo", "undo"]
    assert review.verify_events(log, [alice.identity.recipient]) == []


def test_undo_of_an_approval_leaves_the_record_unapproved(
    client: TestClient, reviewed: Reviewed, settings: Settings, alice: Person
) -> None:
    csrf = login(client, settings)
    url = f"/api/record/{reviewed.record_id}/decide"
    every = [review.span_id(s) for s in spans_of(reviewed, alice.identity)]
    headers = {"X-CSRF-Token": csrf}
    assert client.post(url, json={"action": "accept", "spans": every}, headers=headers).is_success
    approved = client.post(url, json={"action": "approve"}, headers=headers).json()
    assert approved["approved"] is True
    undone = client.post(url, json={"action": "undo", "event": 2}, headers=headers).json()
    assert undone["approved"] is False and undone["undecided"] == 0
    assert {s["status"] for s in undone["spans"]} == {"accepted"}
