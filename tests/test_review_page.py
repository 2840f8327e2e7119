"""The review page as reviewers use it, in Chromium (Playwright): the filter, bulk decisions by
type and by recognizer with their count first, undo, the same entity in other records, state as
icon and words, reviewer-facing recognizer names, Hangul rendered by a CJK font, text contrast.

Two invented interviews (names, places and numbers made up) share a person and a place; the
second gave the person as a protected term at intake."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from keys.identity import Identity
from redact.detect.span import Span
from redact.review import decisions as review
from tests.conftest import Person, snapshot
from tests.review_support import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    Reviewed,
    log_of,
)
from tests.review_support import records as records
from tests.review_support import serve as serve
from tests.review_support import two_records as two_records


@pytest.fixture
def page(
    serve: Callable[[Reviewed, Identity], Any],
    records: tuple[Reviewed, Reviewed],
    alice: Person,
) -> Iterator[Any]:
    """Chromium on the first record's page; console errors and CSP reports fail the test."""
    from playwright.sync_api import sync_playwright

    settings = serve(records[0], alice.identity)
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        tab = browser.new_page(viewport={"width": 1440, "height": 1000})
        tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda error: problems.append(str(error)))
        tab.goto(settings.url())
        tab.goto(settings.url(f"/record/{records[0].record_id}").split("?")[0])
        yield tab
        browser.close()
    assert problems == [], problems


def _sid(span: Span) -> str:
    return f"#s-{review.span_id(span)}"


def _marks(page: Any, selector: str) -> list[str]:
    found: list[str] = page.eval_on_selector_all(selector, "ms => ms.map(m => m.dataset.id)")
    return found


def test_filter_by_type_status_recognizer_and_words(
    page: Any, records: tuple[Reviewed, Reviewed], alice: Person
) -> None:
    from playwright.sync_api import expect

    spans = log_of(records[0], alice).spans
    persons = {review.span_id(s) for s in spans if s.label == "PERSON"}
    assert 0 < len(persons) < len(spans)
    page.select_option("#f-label", "PERSON")
    shown = set(_marks(page, "mark.sp:not(.out)"))
    assert shown == persons
    expect(page.locator("#f-count")).to_contain_text(f"{len(persons)} of {len(spans)} proposals")
    expect(page.locator("#bulk")).to_have_text(f"Accept the {len(persons)} open proposals shown…")

    page.click("[data-cmd=clear-filter]")  # by recognizer, named for the reviewer
    quasi = {review.span_id(s) for s in spans if s.recognizer == "quasi"}
    options = page.eval_on_selector_all("#f-rec option", "os => os.map(o => o.textContent)")
    assert "Indirect identifier" in options and not any("_" in o for o in options), options
    page.select_option("#f-rec", "quasi")
    assert set(_marks(page, "mark.sp:not(.out)")) == quasi

    page.click("[data-cmd=clear-filter]")  # by words: the original or the replacement
    page.fill("#f-text", "ju-won")
    wanted = {review.span_id(s) for s in spans if "ju-won" in s.text.lower()}
    assert set(_marks(page, "mark.sp:not(.out)")) == wanted and len(wanted) >= 2
    page.fill("#f-text", "")
    page.keyboard.press("Escape")

    target = next(s for s in spans if s.label == "PERSON")  # by status, after a decision
    page.click(_sid(target))
    page.keyboard.press("a")
    expect(page.locator(_sid(target))).to_have_class(re.compile("st-accepted"))
    page.select_option("#f-status", "accepted")
    assert _marks(page, "mark.sp:not(.out)") == [review.span_id(target)]
    page.select_option("#f-status", "proposed")
    page.click("body", position={"x": 5, "y": 5})
    page.keyboard.press("j")  # j moves only among what the filter shows
    current = page.eval_on_selector("mark.current", "m => m.dataset.status")
    assert current == "proposed"
    page.screenshot(path=ARTIFACTS / "page-1-filter.png")


def test_decisions_made_faster_than_they_are_signed_wait_their_turn(
    page: Any, records: tuple[Reviewed, Reviewed], alice: Person
) -> None:
    from playwright.sync_api import expect

    spans = [s for s in log_of(records[0], alice).spans if s.label != "PERSON"][:3]
    keys = ["a", "r", "a"]
    for span, key in zip(spans, keys, strict=True):  # no waiting between them
        page.click(_sid(span))
        page.keyboard.press(key)
    for span, status in zip(spans, ["accepted", "rejected", "accepted"], strict=True):
        expect(page.locator(_sid(span))).to_have_class(re.compile(f"st-{status}"))
    log = log_of(records[0], alice)
    assert [e["action"] for e in log.events] == ["accept", "reject", "accept"]
    assert [e["after"][0]["id"] for e in log.events] == [review.span_id(s) for s in spans]


def test_bulk_by_type_then_by_recognizer_counts_first(
    page: Any, records: tuple[Reviewed, Reviewed], alice: Person
) -> None:
    from playwright.sync_api import expect

    reviewed = records[0]
    spans = log_of(reviewed, alice).spans
    places = [review.span_id(s) for s in spans if s.label == "LOCATION"]
    assert len(places) >= 2
    page.select_option("#f-label", "LOCATION")
    before = snapshot(reviewed.vault.root)
    page.click("#bulk")
    question = page.locator("#bulk-q")
    expect(question).to_have_text(
        f"Accept the {len(places)} open proposals of type Place without looking at each one?"
    )
    assert snapshot(reviewed.vault.root) == before, "nothing changes before the confirmation"
    page.get_by_role("button", name="Yes, accept them").click()
    for sid in places:
        expect(page.locator(f"#s-{sid}")).to_have_class(re.compile("st-accepted"))
    log = log_of(reviewed, alice)
    assert sorted(a["id"] for a in log.events[-1]["after"]) == sorted(places)
    assert {s.status for s in log.spans if s.label != "LOCATION"} == {"proposed"}

    page.click("[data-cmd=clear-filter]")
    rec = "presidio:SpacyRecognizer"  # the language model's proposals (here: durations)
    model = [review.span_id(s) for s in log.spans if s.recognizer == rec]
    assert model
    page.select_option("#f-rec", rec)
    page.click("#bulk-reject")
    expect(question).to_contain_text(f"Reject the {len(model)} open proposal")
    expect(question).to_contain_text("found by Language model")
    page.screenshot(path=ARTIFACTS / "page-2-bulk-confirm.png")
    page.get_by_role("button", name="Yes, reject them").click()
    for sid in model:
        expect(page.locator(f"#s-{sid}")).to_have_class(re.compile("st-rejected"))
    log = log_of(reviewed, alice)
    assert [e["action"] for e in log.events] == ["accept", "reject"]
    assert sorted(a["id"] for a in log.events[-1]["after"]) == sorted(model)
    assert review.verify_events(log, [alice.identity.recipient]) == []


def test_undo_takes_back_the_last_decisions_as_new_signed_ones(
    page: Any, records: tuple[Reviewed, Reviewed], alice: Person
) -> None:
    from playwright.sync_api import expect

    reviewed = records[0]
    original = log_of(reviewed, alice).spans
    accept = next(s for s in original if s.label == "PERSON")
    edit = next(s for s in original if s.label == "LOCATION")
    expect(page.locator("#undo")).to_be_disabled()
    page.click(_sid(accept))
    page.keyboard.press("a")
    expect(page.locator(_sid(accept))).to_have_class(re.compile("st-accepted"))
    page.click(_sid(edit))
    page.keyboard.press("e")
    page.fill("#edit-input", "[a relative]")
    page.keyboard.press("Enter")
    expect(page.locator(f"{_sid(edit)} .r")).to_have_text("[a relative]")
    expect(page.locator("#undo-what")).to_have_text("Last: edited 1 span (Alice Reviewer)")
    page.screenshot(path=ARTIFACTS / "page-3-before-undo.png")

    page.click("body", position={"x": 5, "y": 5})
    page.keyboard.press("z")  # the edit
    expect(page.locator(f"{_sid(edit)} .r")).to_have_text(edit.replacement)
    expect(page.locator(_sid(edit))).to_have_class(re.compile("st-proposed"))
    expect(page.locator("#undo-what")).to_have_text("Last: accepted 1 span (Alice Reviewer)")
    page.get_by_role("button", name="Undo z").click()  # the acceptance
    expect(page.locator(_sid(accept))).to_have_class(re.compile("st-proposed"))
    expect(page.locator("#undo")).to_be_disabled()
    page.reload()
    expect(page.locator(_sid(accept))).to_have_class(re.compile("st-proposed"))

    log = log_of(reviewed, alice)
    assert [e["action"] for e in log.events] == ["accept", "edit", "undo", "undo"]
    assert log.spans == original, "every span is back as it was"
    assert review.verify_events(log, [alice.identity.recipient]) == []


def test_the_same_person_in_other_records_counted_then_decided_in_each(
    page: Any, records: tuple[Reviewed, Reviewed], alice: Person
) -> None:
    from playwright.sync_api import expect

    first, second = records
    spans = log_of(first, alice).spans
    person = next(s for s in spans if s.text == "Bang Ju-won")
    here = [s for s in spans if s.entity == person.entity]
    there = [s for s in log_of(second, alice).spans if s.entity == person.entity]
    assert len(here) >= 3 and len(there) >= 2
    page.click(_sid(person))
    assert "presidio:" in person.explanation, "the sample explanation names the model's id"
    expect(page.locator("#i-expl")).to_contain_text("Language model")
    expect(page.locator("#i-expl")).not_to_contain_text("presidio:")
    expect(page.locator("#i-elsewhere")).to_have_text(
        f"{len(there)} mentions in 1 other record: NK-B2 ({len(there)})"
    )
    before = snapshot(first.vault.root)
    page.get_by_role("button", name="Accept in every record…").click()
    expect(page.locator("#every-q")).to_have_text(
        f"Accept all {len(here) + len(there)} mentions of “Bang Ju-won”: {len(here)} here and "
        f"{len(there)} in 1 other record (NK-B2: {len(there)})? Each record gets its own "
        "signed decision."
    )
    page.screenshot(path=ARTIFACTS / "page-4-every-record.png")
    assert snapshot(first.vault.root) == before, "nothing changes before the confirmation"
    page.get_by_role("button", name="Yes, in every record").click()
    for mention in here:
        expect(page.locator(_sid(mention))).to_have_class(re.compile("st-accepted"))
    for reviewed, mentions in ((first, here), (second, there)):
        log = log_of(reviewed, alice)
        (event,) = log.events
        assert event["name"] == "Alice Reviewer" and event["action"] == "accept"
        assert sorted(a["id"] for a in event["after"]) == sorted(map(review.span_id, mentions))
        assert review.verify_events(log, [alice.identity.recipient]) == []


_CONTRAST = """(pseudo) => {
  const rgba = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const over = (top, under) => { const a = top.length > 3 ? top[3] : 1;
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)); };
  const backdrop = (el) => { const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0) layers.push(c);
      if (c.length < 4 || c[3] === 1) break; }
    return layers.reverse().reduce((u, c) => over(c, u), [255, 255, 255]); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const out = [];
  const check = (el, style, under, what) => {
    let alpha = 1;
    for (let e = el; e; e = e.parentElement) alpha *= +getComputedStyle(e).opacity;
    const ink = rgba(style.color);
    const text = over([ink[0], ink[1], ink[2], (ink.length > 3 ? ink[3] : 1) * alpha], under);
    const r = ratio(text, under);
    if (r < 4.5) out.push(what + ' ' + r.toFixed(2));
  };
  for (const el of document.querySelectorAll('body *')) {
    if (!el.checkVisibility() || el.closest(':disabled')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(el);
    if (own) check(el, style, backdrop(el), el.tagName + '.' + el.className);
    if (pseudo) { const after = getComputedStyle(el, '::after');
      if (after.content && after.content !== 'none' && el.matches(':hover'))
        check(el, after, rgba(after.backgroundColor), 'hover ' + el.id); }
  }
  return out;
}"""


def test_states_names_hangul_and_contrast(
    page: Any, records: tuple[Reviewed, Reviewed], alice: Person
) -> None:
    from playwright.sync_api import expect

    spans = log_of(records[0], alice).spans
    kept = next(s for s in spans if s.action == "keep")  # the policy keeps it visible
    other = next(s for s in spans if s.text == "Tak Sol-mi")
    page.click(_sid(kept))
    page.keyboard.press("a")
    expect(page.locator(_sid(kept))).to_have_class(re.compile("st-accepted"))
    page.click(_sid(other))
    page.keyboard.press("r")
    expect(page.locator(_sid(other))).to_have_class(re.compile("st-rejected"))
    states = {
        name: page.eval_on_selector(_sid(s), "m => [m.dataset.icon, m.dataset.state]")
        for name, s in (("kept", kept), ("rejected", other))
    }
    assert states["kept"][0] != states["rejected"][0], states
    assert "policy" in states["kept"][1] and "Rejected" in states["rejected"][1]
    page.click(_sid(kept))
    expect(page.locator("#i-status")).to_have_text("✓ " + states["kept"][1])

    visible = page.evaluate("document.body.innerText")
    assert "korean_names" not in visible and "presidio:" not in visible
    hangul = next(s for s in spans if re.fullmatch(r"[\uac00-\ud7a3]+", s.text))
    page.locator(_sid(hangul)).hover()
    tip = page.evaluate(
        "(s) => getComputedStyle(document.querySelector(s), '::after').content", _sid(hangul)
    )
    assert "Korean name" in tip and hangul.replacement in tip, tip
    page.screenshot(path=ARTIFACTS / "page-5-hangul-hover.png")
    assert page.evaluate(_CONTRAST, True) == [], "text below 4.5:1"

    cdp = page.context.new_cdp_session(page)  # which font Chromium drew the Hangul with
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f"{_sid(hangul)} .o"})
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    assert fonts and all("CJK" in f["familyName"] for f in fonts), fonts
    chinese = next(s for s in spans if re.fullmatch(r"[\u4e00-\u9fff]+", s.text))
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f"{_sid(chinese)} .o"})
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    assert fonts and all("CJK" in f["familyName"] for f in fonts), fonts
    page.keyboard.press("v")
    assert page.evaluate(_CONTRAST, False) == []
    page.get_by_role("link", name="All records").click()  # the queue too
    page.get_by_role("heading", name="Records to review").wait_for()
    assert page.evaluate(_CONTRAST, False) == []
