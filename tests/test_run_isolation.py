"""One record whose analysis fails never takes the others down (DESIGN "any text can be analysed").

A recognizer that raises on one text is planted (a test double: real recognizers must not raise,
see tests/test_name_shapes.py); the record is reported as "analysis failed" with the recognizer's
name, cannot be reviewed or approved, the other records are analysed as usual, and the command
exits non-zero at the end.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from intake.vault import Vault
from redact.detect import engine
from redact.link.pseudonyms import PseudonymTable
from redact.pipeline import analysis
from redact.pipeline.analysis import AnalysisFailed, Source
from redact.plan import redaction_log
from redact.plan.policy import load as load_policy
from tests.conftest import CLI, PASSPHRASE, Person, assert_refused

NAMES = ["Choe Song-il", "Pak Myong-su", "Ri Chun-hwa", "", "Kang Ok-sun", "Yun Hak-chol"]
TRIGGER = "Zebulon"  # the planted recognizer raises on any text holding this word

PLANT = f"""
import sys
from redact.detect import engine

real = engine.domain_recognizers()


class Boom:
    name = "planted_boom"
    labels = ("PERSON",)

    def find(self, text):
        if "{TRIGGER}" in text:
            raise IndexError("planted failure")
        return []


engine.domain_recognizers = lambda: (*real, Boom())
from redact.cli.main import main

sys.exit(main())
"""


class Boom:
    name = "planted_boom"
    labels = ("PERSON",)

    def find(self, text: str) -> list[object]:
        if TRIGGER in text:
            raise IndexError("planted failure")
        return []


@pytest.fixture
def planted(monkeypatch: pytest.MonkeyPatch) -> None:
    real = engine.domain_recognizers()
    monkeypatch.setattr(engine, "domain_recognizers", lambda: (*real, Boom()))


def _texts() -> list[str]:
    return [
        "Q: Who took you?\nA: The broker Pak Yong-nam took me to Yanji in May 2013.\n",
        f"Q: And then?\nA: {TRIGGER} Han drove us to Helong.\n",
        "Q: Who helped?\nA: Kim Bo, my cousin, and Ms. Kim Bo-ssi from Musan.\n",
    ]


def test_a_failing_recognizer_fails_only_its_record(planted: None) -> None:
    policy = load_policy(None)
    sources = [Source(f"r{i}", text) for i, text in enumerate(_texts())]
    outcome = analysis.analyse(sources, policy, PseudonymTable(style=policy.style))
    assert set(outcome.failures) == {1}
    failure = outcome.failures[1]
    assert (failure.record_id, failure.stage, failure.component, failure.error) == (
        "r1",
        "detection",
        "planted_boom",
        "IndexError",
    )
    assert TRIGGER not in failure.describe(), "never the text in a failure"
    assert outcome.spans[1] == []
    texts = {s.text for s in outcome.spans[0]} | {s.text for s in outcome.spans[2]}
    assert {"Pak Yong-nam", "Yanji", "Kim Bo"} <= texts
    with pytest.raises(AnalysisFailed) as raised:
        analysis.propose(sources, policy, PseudonymTable(style=policy.style))
    assert "planted_boom" in raised.value.message and TRIGGER not in raised.value.message


def test_one_syllable_given_names_analyse() -> None:
    """The shape that crashed a whole vault's run: surname + one-syllable given name."""
    policy = load_policy(None)
    text = "A: KIM BO said Ms. Kim Bo-ssi and Kim Bo went to Musan with Ri Ok.\n"
    sources = [Source("r", text, ("Kim Bo", "KIM BO", "Ms. Kim Bo-ssi", "Ri Ok"))]
    (spans,) = analysis.propose(sources, policy, PseudonymTable(style=policy.style))
    masked = {s.text for s in spans if s.action != "keep"}
    assert {"KIM BO", "Kim Bo", "Ri Ok"} <= masked


def test_run_over_a_vault_isolates_the_failing_record(
    cli: CLI, cli_env: dict[str, str], tmp_path: Path, vault: Vault, alice: Person
) -> None:
    plant = tmp_path / "plant.py"
    plant.write_text(PLANT)
    ids = []
    for n in range(6):  # more than one detection chunk, so --jobs 2 really uses two processes
        source = tmp_path / f"t{n}.txt"
        who = TRIGGER if n == 3 else NAMES[n]
        source.write_text(f"Q: Who came?\nA: {who} came from Hyesan in June 201{n}.\n")
        added = cli("intake", "add", source, "--vault", vault.root, "--protect", "Kim Bo")
        assert added.code == 0, added.err
        ids.append(added.out.strip())
    env = {"TESTIMONY_PASSPHRASE": PASSPHRASE, "TESTIMONY_IDENTITY": str(alice.key_file)}
    args = ["redact", "run", "--vault", str(vault.root), "--all", "--jobs", "2"]
    done = subprocess.run(
        [sys.executable, str(plant), *args],
        capture_output=True,
        text=True,
        env={**cli_env, **env},
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "planted_boom" in done.stderr and "hint: " in done.stderr
    lines = dict(line.split(None, 1) for line in done.stdout.splitlines())
    assert set(lines) == set(ids)
    assert "analysis failed in detection (planted_boom: IndexError)" in lines[ids[3]]
    for record_id in ids[:3] + ids[4:]:
        assert "spans" in lines[record_id]
        log = redaction_log.require(vault, record_id, alice.identity)
        assert any(s.label == "PERSON" for s in log.spans)
    assert_refused(
        cli("review", "approve", ids[3], "--vault", vault.root, env=env),
        message="analysis failed",
        hint="redact run",
    )
    again = cli("redact", "run", "--vault", vault.root, ids[3], env=env)  # real recognizers
    assert again.code == 0, again.err
    assert redaction_log.require(vault, ids[3], alice.identity).failure is None


def test_a_record_failing_in_linking_has_no_spans_and_the_others_are_planned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = analysis.aliases.title_votes

    def votes(linked: list, text: str = "") -> dict[str, str]:
        if any(TRIGGER in s.context for s in linked):
            raise KeyError("planted failure")
        return real(linked, text)

    monkeypatch.setattr(analysis.aliases, "title_votes", votes)
    policy = load_policy(None)
    texts = [*_texts()[:1], f"A: {TRIGGER} Ryu Sang-mi drove.\n", _texts()[2]]
    sources = [Source(f"r{i}", text) for i, text in enumerate(texts)]
    outcome = analysis.analyse(sources, policy, PseudonymTable(style=policy.style))
    assert set(outcome.failures) == {1}
    assert (outcome.failures[1].stage, outcome.failures[1].component) == ("linking", "link")
    assert outcome.spans[1] == []
    assert outcome.spans[0] and outcome.spans[2]
