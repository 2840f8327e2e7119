"""The house limits of issue 9, kept: no source module over 400 lines, no function over 60.

A newcomer reads a module in one sitting and a function on one screen. Tests, benchmarks and
scripts are not held to it; keys, intake and redact are.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

MODULE_LINES = 400
FUNCTION_LINES = 60
SOURCES = sorted(
    p for package in ("keys", "intake", "redact") for p in (REPO / package).rglob("*.py")
)


def _long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > FUNCTION_LINES:
                out.append(f"{node.name} (line {node.lineno}): {length} lines")
    return out


def test_the_sources_are_found() -> None:
    assert len(SOURCES) > 50


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(REPO)))
def test_module_and_function_sizes(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MODULE_LINES, f"{lines} lines: split it by purpose"
    assert _long_functions(path) == []


def test_the_function_rule_can_fail(tmp_path: Path) -> None:
    planted = tmp_path / "long.py"
    planted.write_text("def f():\n" + "    x = 1\n" * FUNCTION_LINES)
    assert _long_functions(planted) == [f"f (line 1): {FUNCTION_LINES + 1} lines"]
