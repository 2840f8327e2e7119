"""What the review page tests share: the sample vault, two invented interviews sharing a
person (the second gave her as a protected term), the app behind its guard, the login,
and servers in threads for a real browser (Playwright driving Debian's Chromium)."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
from redact.web import Settings, create_app
from tests.conftest import NOW, REPO, SAMPLES, Person

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


def app_for(reviewed: Reviewed, who: Identity, settings: Settings) -> Any:
    return create_app(reviewed.vault, who, policy.load(None), settings, clock=lambda: NOW)


@pytest.fixture
def settings() -> Settings:
    return Settings(port=PORT)


@pytest.fixture
def client(reviewed: Reviewed, alice: Person, settings: Settings) -> TestClient:
    app = app_for(reviewed, alice.identity, settings)
    return TestClient(app, base_url=f"http://127.0.0.1:{PORT}", follow_redirects=False)


def login(client: TestClient, settings: Settings) -> str:
    """Trade the token for the cookie; the CSRF token the page carries."""
    assert client.get(f"/?token={settings.token}").status_code == 303
    page = client.get("/")
    assert page.status_code == 200
    found = re.search(r'name="csrf-token" content="([0-9a-f]+)"', page.text)
    assert found
    return found.group(1)


def spans_of(reviewed: Reviewed, who: Identity) -> list[Span]:
    log = redaction_log.load(reviewed.vault, reviewed.record_id, who)
    assert log is not None
    return log.spans


@pytest.fixture
def serve() -> Iterator[Callable[[Reviewed, Identity], Settings]]:
    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(reviewed: Reviewed, who: Identity) -> Settings:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        settings = Settings(port=listener.getsockname()[1])
        config = uvicorn.Config(app_for(reviewed, who, settings), log_level="warning")
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


def protected_record(tmp_path: Path, alice: Person) -> Reviewed:
    root = tmp_path / "vault"
    vault = Vault.init(root, [alice.identity.recipient], NOW, alice.identity)
    source = tmp_path / "t.txt"
    source.write_text("Q: Name?\nA: Ri Sun-ok, from Kapsan. I left in 2011.\n")
    (record,) = add_files(root, [source], Metadata(code="NK-09"), ["Ri Sun-ok"], [], NOW)
    runner.run(vault, [record.id], alice.identity, None, 1, NOW)
    return Reviewed(vault, record.id, record.text)


FIRST = """Q: Who crossed the river with you?
A: My aunt Bang Ju-won (방주원) crossed with me near Sinpo in 2009. Bang Ju-won paid the \
broker Tak Sol-mi. 탁솔미 kept our papers for a month.
Q: What happened next?
A: We reached Dandong in March. Ju-won found work in a restaurant there. The broker's phone \
was 139-0000-1234. His sister 张丽华 met us at the station.
"""
SECOND = """Q: Did you know Bang Ju-won?
A: Yes. Bang Ju-won (방주원) shared a room with me in Sinpo. Tak Sol-mi came every week to \
collect money.
"""


@pytest.fixture(scope="module")
def two_records(tmp_path_factory: pytest.TempPathFactory, alice: Person) -> Path:
    """A vault with both interviews analysed; built once, copied per test."""
    folder = tmp_path_factory.mktemp("two")
    root = folder / "vault"
    vault = Vault.init(root, [alice.identity.recipient], NOW, alice.identity)
    ids = []
    for code, text, protect in (("NK-A1", FIRST, []), ("NK-B2", SECOND, ["Bang Ju-won"])):
        source = folder / f"{code}.txt"
        source.write_text(text, encoding="utf-8")
        (record,) = add_files(root, [source], Metadata(code=code), protect, [], NOW)
        ids.append(record.id)
    runner.run(vault, ids, alice.identity, None, 1, NOW)
    return root


@pytest.fixture
def records(two_records: Path, tmp_path: Path, alice: Person) -> tuple[Reviewed, Reviewed]:
    root = tmp_path / "vault"
    shutil.copytree(two_records, root)
    vault = Vault.open(root)
    found = {vault.summary(i, alice.identity)["code"]: i for i in vault.record_ids()}
    first, second = found["NK-A1"], found["NK-B2"]
    return Reviewed(vault, first, FIRST), Reviewed(vault, second, SECOND)


def log_of(reviewed: Reviewed, alice: Person) -> redaction_log.RedactionLog:
    return redaction_log.require(reviewed.vault, reviewed.record_id, alice.identity)
