"""The README is part of the interface: its Python example runs as printed, and every command
that takes ``--json`` has its shape documented (issue 14, items 6 and 9)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.leak_oracle import leaks

README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert found, f"README has no section '## {title}'"
    return found.group(1)


def test_the_python_api_example_runs_as_printed(tmp_path: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", _section("Python API"), re.S)
    assert len(blocks) == 1
    example = blocks[0]
    done = subprocess.run(
        [sys.executable, "-c", example],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    protected = re.findall(r'protect=\["([^"]+)"\]', example)
    assert protected and leaks(lines[-1], protected) == []
    promised = re.search(r"print\(redact\.apply\(.*\)\)\s+# (.+)", example)
    assert promised, "the example says what it prints"
    assert lines[-1] == promised.group(1), "the README example's comment is out of date"
    assert len(lines) >= 3  # one line per span, then the text


def test_importing_redact_loads_no_model() -> None:
    heavy = "('spacy', 'presidio_analyzer', 'redact.pipeline')"
    code = f"import sys, redact; print(sorted(m for m in {heavy} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr


def _json_commands() -> set[str]:
    """Every command of the ``testimony`` tree that takes ``--json``, as ``group command``."""
    import click

    from redact.cli.main import cli

    found: set[str] = set()

    def walk(command: click.Command, path: tuple[str, ...]) -> None:
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, (*path, name))
        elif any("--json" in p.opts for p in command.params):
            found.add(" ".join(path))

    walk(cli, ())
    return found


def _json_subsections() -> dict[str, str]:
    """README "JSON output": each ``### `testimony CMD --json` …`` heading's commands -> the
    text under it."""
    section = _section("JSON output")
    parts = re.split(r"^### (.+)$", section, flags=re.M)
    documented: dict[str, str] = {}
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        for command in re.findall(r"`testimony ([a-z][a-z -]*?) --json`", heading):
            assert command not in documented, f"{command} is documented twice"
            documented[command] = body
    return documented


def test_every_json_command_is_documented_with_an_example() -> None:
    commands = _json_commands()
    assert {"redact preview", "intake list", "audit verify"} <= commands  # the walk finds them
    documented = _json_subsections()
    assert sorted(commands - documented.keys()) == [], "undocumented --json shapes"
    assert sorted(documented.keys() - commands) == [], "documented, but no such --json command"
    for command, body in documented.items():
        examples = re.findall(r"```json\n(.*?)```", body, re.S)
        assert examples, f"no example for {command} --json"
        for example in examples:
            for line in example.strip().splitlines():  # JSON Lines: one object a line
                assert isinstance(json.loads(line), dict | list), command
