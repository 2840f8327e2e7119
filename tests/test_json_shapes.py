"""Every ``--json`` command prints the shape the README documents (issue 14, item 6).

One invented record goes the whole way (intake, analysis, every review decision, export, audit)
in one process (click's runner: one model load); at each step the command's JSON output is
compared with the README's example: the same keys, and the same keys in nested objects and in
list items (an item must match some item of the real output). A command that takes ``--json``
but has no step here fails the test: give it one when you add the option.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from redact.cli.main import cli
from tests.conftest import PASSPHRASE, Person, admin_options
from tests.test_readme import _json_commands, _json_subsections

TEXT = (
    "INTERVIEWER: Where did you live?\n"
    "WITNESS: My name is Ryu Dal-nim. I lived in Pyoldong-ri with my uncle Ryu Gon-ho until 2015.\n"
    "INTERVIEWER: And then?\n"
    "WITNESS: Then Ryu Gon-ho sent me across the river at night. Call 010-5555-0199.\n"
)
CODE = "NK-2099-001"

State = dict[str, Any]
Step = tuple[str, Callable[[State], list[str]], dict[str, str | None]]


def _span(state: State, label: str, nth: int = 0) -> str:
    spans = [s for s in state["log"]["spans"] if s["label"] == label]
    return f"{spans[nth]['start']}-{spans[nth]['end']}"


def _decisions(state: State) -> list[str]:
    batch = state["dir"] / "decisions.jsonl"
    batch.write_text(json.dumps({"action": "accept", "spans": [_span(state, "PHONE")]}) + "\n")
    return [state["id"], "--file", str(batch)]


NO_IDENTITY: dict[str, str | None] = {"TESTIMONY_IDENTITY": None}
# In order: each step's command, its arguments (--vault and --json are added), its environment.
STEPS: list[Step] = [
    ("keys new", lambda s: ["--name", "Wren Tester", "--out", str(s["dir"] / "new.key"),
                            "--card-out", str(s["dir"] / "new.card"),
                            "--allow-weak-passphrase"], {}),
    ("keys card", lambda s: [s["key"]], {}),
    ("intake add", lambda s: [s["txt"], "--code", CODE, "--protect", "Ryu Dal-nim"], {}),
    ("intake list", lambda s: [], NO_IDENTITY),
    ("intake list", lambda s: [], {}),
    ("intake show", lambda s: [s["id"]], {}),
    ("redact preview", lambda s: [s["txt"]], {}),
    ("redact run", lambda s: ["--all"], {}),
    ("redact show", lambda s: [s["id"]], {}),
    ("review list", lambda s: [], {}),
    ("review show", lambda s: [s["id"]], {}),
    ("review accept", lambda s: [s["id"], _span(s, "LOCATION")], {}),
    ("review reject", lambda s: [s["id"], _span(s, "QUANTITY")], {}),
    ("review edit", lambda s: [s["id"], _span(s, "DATE"), "[a year]"], {}),
    ("review split", lambda s: [s["id"], _span(s, "PERSON", 2)], {}),
    ("review merge", lambda s: [s["id"], _span(s, "PERSON", 2), "--entity",
                                s["log"]["spans"][[x["label"] for x in s["log"]["spans"]]
                                                  .index("PERSON") + 1]["entity"]], {}),
    ("review add", lambda s: [s["id"], "--text", "the river"], {}),
    ("review decide", _decisions, {}),
    ("review accept-all", lambda s: [s["id"]], {}),
    ("review approve", lambda s: [s["id"]], {}),
    ("export quotes", lambda s: ["--record", s["id"], "--all", "--out", str(s["dir"] / "q.md")],
     {}),
    ("export report", lambda s: ["--record", s["id"], "--out", str(s["dir"] / "r.md")], {}),
    ("audit verify", lambda s: [], {}),
    ("vault show", lambda s: [], {}),
    ("vault settings", lambda s: [], {}),
]  # fmt: skip
WITHOUT_VAULT = {"keys new", "keys card", "redact preview"}
# maps whose keys are data: a count per status, per label
DATA_KEYED = {"export report.by_status", "redact run.labels"}


def _options(command: click.Command) -> set[str]:
    return {opt for p in command.params for opt in p.opts}


def _command(path: str) -> click.Command:
    found: click.Command = cli
    for name in path.split():
        assert isinstance(found, click.Group)
        found = found.commands[name]
    return found


def _keys_match(example: Any, real: Any, where: str) -> list[str]:
    """Where the example's keys differ from the real output's, recursively."""
    if where in DATA_KEYED:
        return []
    if isinstance(example, dict) and isinstance(real, dict):
        if example.keys() != real.keys():
            return [f"{where}: documented {sorted(example)} but prints {sorted(real)}"]
        return [p for k in example for p in _keys_match(example[k], real[k], f"{where}.{k}")]
    if isinstance(example, list) and isinstance(real, list) and example and real:
        problems = []
        for i, item in enumerate(example):
            tries = [_keys_match(item, r, f"{where}[{i}]") for r in real]
            if all(tries):
                problems.append(tries[0][0])
        return problems
    return []


def _examples(body: str) -> list[Any]:
    import re

    blocks = re.findall(r"```json\n(.*?)```", body, re.S)
    return [json.loads(line) for block in blocks for line in block.strip().splitlines()]


def test_every_json_command_prints_its_documented_shape(
    tmp_path: Path, alice: Person, cli_env: dict[str, str]
) -> None:
    missing = sorted(_json_commands() - {name for name, _, _ in STEPS})
    assert missing == [], f"--json commands with no step in {__file__}"
    documented = _json_subsections()
    runner = CliRunner()
    base_env = {**cli_env, "HOME": str(tmp_path), "TESTIMONY_PASSPHRASE": PASSPHRASE,
                "TESTIMONY_IDENTITY": str(alice.key_file)}  # fmt: skip
    vault = tmp_path / "vault"
    init = runner.invoke(cli, ["vault", "init", str(vault), "--recipient", str(alice.card_file),
                               *map(str, admin_options(alice))], env=base_env)  # fmt: skip
    assert init.exit_code == 0, init.output
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    state: State = {"dir": tmp_path, "txt": str(tmp_path / "a.txt"), "key": str(alice.key_file)}
    seen: dict[str, int] = {}
    problems: list[str] = []
    for name, arguments, env in STEPS:
        command = _command(name)
        args = [*name.split(), *arguments(state)]
        if name not in WITHOUT_VAULT:
            args += ["--vault", str(vault)]
        takes_json = "--json" in _options(command)
        done = runner.invoke(cli, [*args, *(["--json"] if takes_json else [])],
                             env={**base_env, **env})  # fmt: skip
        assert done.exit_code == 0, (name, done.output, done.exception)
        if name == "intake add":
            line = done.stdout.splitlines()[0]
            state["id"] = json.loads(line)["id"] if takes_json else line.strip()
        if name == "review show":
            state["log"] = json.loads(done.stdout.splitlines()[0])
        if not takes_json:
            continue
        index = seen[name] = seen.get(name, -1) + 1
        examples = _examples(documented[name])
        example = examples[min(index, len(examples) - 1)]
        real = json.loads(done.stdout.splitlines()[0])
        problems += _keys_match(example, real, name)
    assert problems == []


@pytest.mark.parametrize(
    ("example", "real", "differs"),
    [
        ({"a": 1, "b": [{"c": 1}]}, {"b": [{"c": 2}, {"d": 1}], "a": 3}, False),
        ({"a": 1}, {"a": 1, "b": 2}, True),
        ({"a": {"x": 1}}, {"a": {"y": 1}}, True),
        ({"a": [{"x": 1}]}, {"a": [{"y": 1}]}, True),
        ({"a": []}, {"a": [{"y": 1}]}, False),
    ],
)
def test_the_shape_check_can_fail(example: Any, real: Any, differs: bool) -> None:
    assert bool(_keys_match(example, real, "x")) == differs
