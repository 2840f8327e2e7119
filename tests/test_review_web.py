"""The review web page: its locks (token, cookie, CSRF, Host, CSP, no external resource), a real
browser review (Playwright driving Debian's Chromium), two reviewers at once, tampering."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from intake.batch import add_files
from intake.record import Metadata
from intake.vault import Vault
from keys import identity
from keys.identity import Identity
from redact.detect.span import Span
from redact.pipeline import runner
from redact.plan import policy, redaction_log
from redact.review import decisions as review
from redact.web import Settings, create_app
from redact.web.guard import CSP
from tests.conftest import CLI, NOW, PASSPHRASE, REPO, SAMPLES, Person, assert_refused, snapshot

with warnings.catch_warnings():  # starlette prefers httpx2; httpx is what the lock pins
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "test-artifacts"
PORT = 8123  # TestClient requests never touch a socket; the Host check still needs a port


@dataclass(frozen=True)
class Reviewed:
    vault: Vault
    record_id: str
    text: str


@pytest.fixture(scope="session")
def bob() -> Identity:
    return identity.generate("Bob Second", NOW)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory, alice: Person, bob: Identity) -> Path:
    """A vault (Alice and Bob) with one analysed sample record; built once, copied per test."""
    root = tmp_path_factory.mktemp("analysed") / "vault"
    vault = Vault.init(root, [alice.identity.recipient, bob.recipient], NOW, alice.identity)
    metadata = Metadata("NK-01", "2026-03-01", None, "HJ", None, None)
    (record,) = add_files(root, [SAMPLES / "01-bo-ram-crossing.txt"], metadata, [], [], NOW)
    runner.run(vault, [record.id], alice.identity, None, 1, NOW)
    return root


@pytest.fixture
def reviewed(analysed: Path, tmp_path: Path, alice: Person) -> Reviewed:
    root = tmp_path / "vault"
    shutil.copytree(analysed, root)
    vault = Vault.open(root)
    (record_id,) = vault.record_ids()
    return Reviewed(vault, record_id, vault.record(record_id, alice.identity).text)


def _app(reviewed: Reviewed, who: Identity, settings: Settings) -> Any:
    return create_app(reviewed.vault, who, policy.load(None), settings, clock=lambda: NOW)


@pytest.fixture
def settings() -> Settings:
    return Settings(port=PORT)


@pytest.fixture
def client(reviewed: Reviewed, alice: Person, settings: Settings) -> TestClient:
    app = _app(reviewed, alice.identity, settings)
    return TestClient(app, base_url=f"http://127.0.0.1:{PORT}", follow_redirects=False)


def _login(client: TestClient, settings: Settings) -> str:
    """Trade the token for the cookie; the CSRF token the page carries."""
    assert client.get(f"/?token={settings.token}").status_code == 303
    page = client.get("/")
    assert page.status_code == 200
    found = re.search(r'name="csrf-token" content="([0-9a-f]+)"', page.text)
    assert found
    return found.group(1)


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


def _spans(reviewed: Reviewed, who: Identity) -> list[Span]:
    log = redaction_log.load(reviewed.vault, reviewed.record_id, who)
    assert log is not None
    return log.spans


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
    csrf = _login(client, settings)
    target = review.span_id(_spans(reviewed, alice.identity)[0])
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
    _login(client, settings)
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
    csrf = _login(client, settings)
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
    csrf = _login(client, settings)
    spans = [s for s in _spans(reviewed, alice.identity) if s.label == "PERSON"]
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


# -- the command -------------------------------------------------------------------------------


def test_serve_refuses_a_remote_host(cli: CLI, reviewed: Reviewed, alice: Person) -> None:
    env = {"TESTIMONY_PASSPHRASE": PASSPHRASE, "TESTIMONY_IDENTITY": str(alice.key_file)}
    for host in ("0.0.0.0", "192.168.1.20"):  # noqa: S104
        assert_refused(
            cli("review", "serve", "--vault", reviewed.vault.root, "--host", host, env=env),
            message=f"--host {host} would let other machines reach",
            hint="--allow-remote",
        )


def test_serve_prints_its_tokened_url(
    cli_env: dict[str, str], reviewed: Reviewed, alice: Person, tmp_path: Path
) -> None:
    env = {
        **cli_env,
        "TESTIMONY_PASSPHRASE": PASSPHRASE,
        "TESTIMONY_IDENTITY": str(alice.key_file),
    }
    command = [sys.executable, "-m", "redact", "review", "serve", "--vault"]
    with subprocess.Popen(
        [*command, str(reviewed.vault.root), "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=tmp_path,
    ) as process:
        try:
            assert process.stdout is not None
            url = process.stdout.readline().strip()
            assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{43}", url), url
            with httpx.Client(follow_redirects=True, timeout=30) as browser:
                for _ in range(100):
                    try:
                        page = browser.get(url)
                        break
                    except httpx.ConnectError:
                        threading.Event().wait(0.1)
                assert page.status_code == 200 and "Records to review" in page.text
                home = url.split("?")[0]
                assert browser.get(home + "?token=guess").status_code == 200  # the cookie
                assert httpx.get(home, timeout=30).status_code == 403  # no cookie, no token
        finally:
            process.terminate()


# -- servers in threads: a real browser, two reviewers -------------------------------------------


@pytest.fixture
def serve() -> Iterator[Callable[[Reviewed, Identity], Settings]]:
    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(reviewed: Reviewed, who: Identity) -> Settings:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        settings = Settings(port=listener.getsockname()[1])
        config = uvicorn.Config(_app(reviewed, who, settings), log_level="warning")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
        thread.start()
        running.append((server, thread))
        for _ in range(200):
            if server.started:
                return settings
            threading.Event().wait(0.025)
        raise AssertionError("the review server did not start")

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(timeout=10)


def test_review_in_a_real_browser(
    serve: Callable[[Reviewed, Identity], Settings], reviewed: Reviewed, alice: Person
) -> None:
    from playwright.sync_api import expect, sync_playwright

    settings = serve(reviewed, alice.identity)
    spans = _spans(reviewed, alice.identity)
    persons = [s for s in spans if s.label == "PERSON"]
    accept = persons[0]
    reject = next(s for s in spans if s.entity != accept.entity)
    edit = next(s for s in persons if s.entity not in (accept.entity, reject.entity))
    taken = {accept.entity, reject.entity, edit.entity}
    entity = next(
        e
        for e in (s.entity for s in persons)
        if e not in taken and sum(s.entity == e for s in spans) > 1
    )
    missed = reviewed.text.index("bowibu")
    assert not any(s.start <= missed < s.end for s in spans), "the sample's missed word is found"
    ARTIFACTS.mkdir(exist_ok=True)
    problems: list[str] = []

    def sid(span: Span) -> str:
        return f"#s-{review.span_id(span)}"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1440, "height": 960})
        page.on(
            "console",
            lambda m: (
                problems.append(m.text)
                if m.type == "error" or "Content Security Policy" in m.text
                else None
            ),
        )
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(settings.url())
        expect(page.get_by_role("heading", name="Records to review")).to_be_visible()
        page.screenshot(path=ARTIFACTS / "review-1-queue.png")
        page.get_by_role("link", name="NK-01").click()

        page.click(sid(accept))  # accept with the keyboard
        page.keyboard.press("a")
        expect(page.locator(sid(accept))).to_have_class(re.compile("st-accepted"))
        page.click(sid(reject))  # reject with the button
        page.get_by_role("button", name="Reject r").click()
        expect(page.locator(sid(reject))).to_have_class(re.compile("st-rejected"))
        page.click(sid(edit))  # edit the replacement
        page.keyboard.press("e")
        page.fill("#edit-input", "[the witness]")
        page.keyboard.press("Enter")
        expect(page.locator(f"{sid(edit)} .r")).to_have_text("[the witness]")
        page.locator(sid(edit)).hover()
        page.screenshot(path=ARTIFACTS / "review-2-decisions.png")

        page.select_option("#add-label", "ORGANIZATION")  # add a missed word, mouse-selected
        box = page.evaluate(_WORD_BOX, {"offset": missed, "length": len("bowibu")})
        page.mouse.move(box["left"] + 1, box["middle"])
        page.mouse.down()
        page.mouse.move(box["right"] - 1, box["middle"], steps=5)
        page.mouse.up()
        expect(page.locator("#add-words")).to_have_value("bowibu")
        page.screenshot(path=ARTIFACTS / "review-3-add-selection.png")
        page.keyboard.press("n")
        added = f"#s-{missed}-{missed + len('bowibu')}"
        expect(page.locator(added)).to_have_class(re.compile("st-added"))

        first = next(s for s in spans if s.entity == entity)
        page.click(sid(first))  # every mention of one person at once
        page.keyboard.press("Shift+A")
        for mention in (s for s in spans if s.entity == entity):
            expect(page.locator(sid(mention))).to_have_class(re.compile("st-accepted"))
        expect(page.locator("#approve")).to_be_disabled()
        page.get_by_role("button", name="Accept all open proposals…").click()
        page.get_by_role("button", name="Yes, accept them").click()
        expect(page.locator("#approve")).to_be_enabled()
        page.keyboard.press("p")
        expect(page.locator("#approved")).to_be_visible()
        expect(page.locator("#events li").first).to_contain_text("Alice Reviewer")
        page.keyboard.press("v")
        expect(page.locator("#preview")).to_be_visible()
        page.screenshot(path=ARTIFACTS / "review-4-approved-preview.png", full_page=True)
        page.reload()  # decisions survive a reload
        expect(page.locator("#approved")).to_be_visible()
        expect(page.locator(f"{sid(edit)} .r")).to_have_text("[the witness]")
        browser.close()

    assert problems == [], problems
    log = redaction_log.load(reviewed.vault, reviewed.record_id, alice.identity)
    assert log is not None
    by_id = {review.span_id(s): s for s in log.spans}
    assert by_id[review.span_id(accept)].status == "accepted"
    assert by_id[review.span_id(reject)].status == "rejected"
    assert by_id[review.span_id(edit)].status == "edited"
    assert by_id[review.span_id(edit)].replacement == "[the witness]"
    new = by_id[f"{missed}-{missed + 6}"]
    assert (new.status, new.label, new.text) == ("added", "ORGANIZATION", "bowibu")
    assert review.is_approved(log) and not review.undecided(log)
    assert review.verify_events(log, [alice.identity.recipient]) == []
    assert [e["action"] for e in log.events][-1] == "approve"


_WORD_BOX = """({offset, length}) => {
  const piece = [...document.querySelectorAll('#transcript [data-offset]')]
    .filter((el) => +el.dataset.offset <= offset).pop();
  const node = piece.firstChild;
  const at = offset - +piece.dataset.offset;  // the sample is ASCII around the word
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + length);
  range.startContainer.parentElement.scrollIntoView({block: 'center'});
  const r = range.getBoundingClientRect();
  return {left: r.left, right: r.right, middle: r.top + r.height / 2};
}"""


def test_two_reviewers_at_once_lose_nothing(
    serve: Callable[[Reviewed, Identity], Settings],
    reviewed: Reviewed,
    alice: Person,
    bob: Identity,
) -> None:
    spans = [review.span_id(s) for s in _spans(reviewed, alice.identity)]
    shares = {"Alice": spans[0::2], "Bob": spans[1::2]}
    rounds = 150  # per reviewer: 300 decisions in all

    def work(name: str, who: Identity) -> list[int]:
        settings = serve(reviewed, who)
        base = f"http://127.0.0.1:{settings.port}"
        with httpx.Client(base_url=base, timeout=60, follow_redirects=True) as web:
            page = web.get(f"/?token={settings.token}").text
            found = re.search(r'name="csrf-token" content="([0-9a-f]+)"', page)
            assert found
            url = f"/api/record/{reviewed.record_id}/decide"
            mine = shares[name]
            codes = []
            for i in range(rounds):
                target = mine[i % len(mine)]
                body: dict[str, Any] = {"action": "accept", "spans": [target]}
                if (i // len(mine)) % 2 == 0:
                    body = {"action": "edit", "spans": [target], "replacement": f"{name} {i}"}
                codes.append(
                    web.post(url, json=body, headers={"X-CSRF-Token": found.group(1)}).status_code
                )
            return codes

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(work, ["Alice", "Bob"], [alice.identity, bob]))
    assert all(code == 200 for codes in results for code in codes)
    log = redaction_log.load(reviewed.vault, reviewed.record_id, alice.identity)
    assert log is not None
    assert len(log.events) == 2 * rounds, "every decision is an event"
    names = [e["name"] for e in log.events]
    assert names.count("Alice Reviewer") == rounds and names.count("Bob Second") == rounds
    by_id = {review.span_id(s): s for s in log.spans}
    for name, mine in shares.items():
        for j, target in enumerate(mine):
            last_edit = max(
                i for i in range(rounds) if i % len(mine) == j and (i // len(mine)) % 2 == 0
            )
            assert by_id[target].replacement == f"{name} {last_edit}", target
            assert by_id[target].status == "edited"
    signers = [alice.identity.recipient, bob.recipient]
    assert review.verify_events(log, signers) == []


def test_a_tampered_decision_is_named(reviewed: Reviewed, alice: Person) -> None:
    spans = _spans(reviewed, alice.identity)
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
        TestClient(_app(reviewed, alice.identity, settings), base_url=f"http://127.0.0.1:{PORT}")
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
    csrf = _login(client, settings)
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


def _protected_record(tmp_path: Path, alice: Person) -> Reviewed:
    root = tmp_path / "vault"
    vault = Vault.init(root, [alice.identity.recipient], NOW, alice.identity)
    source = tmp_path / "t.txt"
    source.write_text("Q: Name?\nA: Ri Sun-ok, from Kapsan. I left in 2011.\n")
    (record,) = add_files(root, [source], Metadata(code="NK-09"), ["Ri Sun-ok"], [], NOW)
    runner.run(vault, [record.id], alice.identity, None, 1, NOW)
    return Reviewed(vault, record.id, record.text)


def test_releasing_a_protected_term_from_the_page_needs_a_reason(
    tmp_path: Path, alice: Person, settings: Settings
) -> None:
    reviewed = _protected_record(tmp_path, alice)
    vault, root = reviewed.vault, reviewed.vault.root
    record_id = reviewed.record_id
    client = TestClient(
        _app(reviewed, alice.identity, settings),
        base_url=f"http://127.0.0.1:{PORT}",
        follow_redirects=False,
    )
    csrf = _login(client, settings)
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


def test_the_page_asks_why_before_releasing_a_protected_term(
    serve: Callable[[Reviewed, Identity], Settings], tmp_path: Path, alice: Person
) -> None:
    from playwright.sync_api import expect, sync_playwright

    reviewed = _protected_record(tmp_path, alice)
    settings = serve(reviewed, alice.identity)
    log = redaction_log.require(reviewed.vault, reviewed.record_id, alice.identity)
    (protected,) = [review.span_id(s) for s in log.spans if s.recognizer == "protected-term"]
    answers = iter(["", "she asked to be named"])  # first dismissed, then a reason
    asked: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page()

        def on_dialog(dialog: Any) -> None:
            asked.append(dialog.message)
            answer = next(answers)
            dialog.accept(answer) if answer else dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(settings.url())
        page.goto(settings.url(f"/record/{reviewed.record_id}").split("?")[0])
        mark = page.locator(f"#s-{protected}")
        mark.click()
        page.keyboard.press("r")
        expect(page.get_by_text("the protected term stays masked")).to_be_visible()
        expect(mark).not_to_have_class(re.compile("st-rejected"))
        mark.click()
        page.keyboard.press("r")
        expect(mark).to_have_class(re.compile("st-rejected"))
        browser.close()
    assert len(asked) == 2 and "protected term" in asked[0]
    saved = redaction_log.require(reviewed.vault, reviewed.record_id, alice.identity)
    assert saved.events[-1]["reason"] == "she asked to be named"


# -- undo (issue 14): a new signed decision, never a deleted one ----------------------------------


def test_undo_walks_back_as_new_signed_decisions(
    client: TestClient, reviewed: Reviewed, settings: Settings, alice: Person
) -> None:
    csrf = _login(client, settings)
    url = f"/api/record/{reviewed.record_id}/decide"
    original = _spans(reviewed, alice.identity)
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
    csrf = _login(client, settings)
    url = f"/api/record/{reviewed.record_id}/decide"
    every = [review.span_id(s) for s in _spans(reviewed, alice.identity)]
    headers = {"X-CSRF-Token": csrf}
    assert client.post(url, json={"action": "accept", "spans": every}, headers=headers).is_success
    approved = client.post(url, json={"action": "approve"}, headers=headers).json()
    assert approved["approved"] is True
    undone = client.post(url, json={"action": "undo", "event": 2}, headers=headers).json()
    assert undone["approved"] is False and undone["undecided"] == 0
    assert {s["status"] for s in undone["spans"]} == {"accepted"}
