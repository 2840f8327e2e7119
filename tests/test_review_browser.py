"""The review page in a real browser (Playwright driving Debian's Chromium), the serve command,
two reviewers at once."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from keys.identity import Identity
from redact.detect.span import Span
from redact.plan import redaction_log
from redact.review import decisions as review
from redact.web import Settings
from tests.conftest import CLI, PASSPHRASE, Person, assert_refused
from tests.review_support import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    Reviewed,
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
    reviewed as reviewed,
)
from tests.review_support import (
    serve as serve,
)
from tests.review_support import (
    settings as settings,
)

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


def _sid(span: Span) -> str:
    return f"#s-{review.span_id(span)}"


def _pick(spans: list[Span]) -> tuple[Span, Span, Span, str]:
    """A span to accept, one to reject, one to edit, and an entity with several mentions."""
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
    return accept, reject, edit, entity


def _decide_each(page: Any, accept: Span, reject: Span, edit: Span) -> None:
    from playwright.sync_api import expect

    page.click(_sid(accept))  # accept with the keyboard
    page.keyboard.press("a")
    expect(page.locator(_sid(accept))).to_have_class(re.compile("st-accepted"))
    page.click(_sid(reject))  # reject with the button
    page.get_by_role("button", name="Reject r").click()
    expect(page.locator(_sid(reject))).to_have_class(re.compile("st-rejected"))
    page.click(_sid(edit))  # edit the replacement
    page.keyboard.press("e")
    page.fill("#edit-input", "[the witness]")
    page.keyboard.press("Enter")
    expect(page.locator(f"{_sid(edit)} .r")).to_have_text("[the witness]")
    page.locator(_sid(edit)).hover()
    page.screenshot(path=ARTIFACTS / "review-2-decisions.png")


def _add_missed(page: Any, missed: int) -> None:
    from playwright.sync_api import expect

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


def _finish(page: Any, mentions: list[Span], edit: Span) -> None:
    """Every mention of one person at once, then every open proposal, then the approval."""
    from playwright.sync_api import expect

    page.click(_sid(mentions[0]))
    page.keyboard.press("Shift+A")
    for mention in mentions:
        expect(page.locator(_sid(mention))).to_have_class(re.compile("st-accepted"))
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
    expect(page.locator(f"{_sid(edit)} .r")).to_have_text("[the witness]")


def test_review_in_a_real_browser(
    serve: Callable[[Reviewed, Identity], Settings], reviewed: Reviewed, alice: Person
) -> None:
    from playwright.sync_api import expect, sync_playwright

    settings = serve(reviewed, alice.identity)
    spans = spans_of(reviewed, alice.identity)
    accept, reject, edit, entity = _pick(spans)
    missed = reviewed.text.index("bowibu")
    assert not any(s.start <= missed < s.end for s in spans), "the sample's missed word is found"
    ARTIFACTS.mkdir(exist_ok=True)
    problems: list[str] = []
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
        _decide_each(page, accept, reject, edit)
        _add_missed(page, missed)
        _finish(page, [s for s in spans if s.entity == entity], edit)
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
    spans = [review.span_id(s) for s in spans_of(reviewed, alice.identity)]
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


def test_the_page_asks_why_before_releasing_a_protected_term(
    serve: Callable[[Reviewed, Identity], Settings], tmp_path: Path, alice: Person
) -> None:
    from playwright.sync_api import expect, sync_playwright

    reviewed = protected_record(tmp_path, alice)
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
