"""The layering, checked on every import statement (function-level ones included):

    keys  <-  intake  <-  redact        (an arrow: "is imported by")

keys imports neither intake nor redact; intake never imports redact; and nothing but a command
shell imports a command shell (the CLI modules parse, call the library and print; the library
never reaches back into them).

Inside redact the sub-packages follow the data flow, each importing only those before it:

    text <- detect <- link <- plan <- pipeline <- review <- export <- evaluate <- web <- cli
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGES = ("keys", "intake", "redact")
FORBIDDEN = {"keys": ("intake", "redact"), "intake": ("redact",), "redact": ()}


STAGES = (
    "text",
    "detect",
    "link",
    "plan",
    "pipeline",
    "review",
    "export",
    "evaluate",
    "web",
    "cli",
)


def _is_shell(module: str) -> bool:
    parts = module.split(".")
    return parts[-1] in ("cli", "__main__") or parts[:2] == ["redact", "cli"]


def _stage(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "redact" or len(parts) < 2 or parts[1] not in STAGES:
        return None
    return STAGES.index(parts[1])


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = path.relative_to(REPO).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            out.append((node.lineno, base))
            out += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return out


MODULES = _modules()


def test_the_modules_are_found() -> None:
    assert {"keys.errors", "intake.vault", "redact.pipeline.analysis", "redact.cli.main"} <= set(
        MODULES
    )


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_one_way(module: str) -> None:
    top = module.split(".")[0]
    problems = []
    for line, target in _imports(MODULES[module], module):
        target_top = target.split(".")[0]
        if target_top in FORBIDDEN[top]:
            problems.append(f"line {line}: {module} imports {target} ({top} must not use it)")
        if target in MODULES and _is_shell(target) and not _is_shell(module):
            problems.append(f"line {line}: library module {module} imports the shell {target}")
        here, there = _stage(module), _stage(target)
        if here is not None and there is not None and there > here:
            problems.append(f"line {line}: {module} imports the later stage {target}")
    assert problems == []


def test_every_redact_module_is_in_a_stage() -> None:
    """A new top-level module must be placed in the data flow, not beside it."""
    loose = [m for m in MODULES if m.startswith("redact.") and _stage(m) is None]
    assert loose == ["redact.__main__"]


def test_the_stage_rule_can_fail() -> None:
    assert _stage("redact.detect.engine") == 1
    assert _stage("redact.export.gate") is not None
    assert _stage("redact.export.gate") > _stage("redact.review.decisions")  # type: ignore[operator]


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    """The rule must be able to fail: a planted upward import is found."""
    planted = tmp_path / "planted.py"
    planted.write_text("def f():\n    from redact import analysis\n    from ..cli import main\n")
    found = [t for _, t in _imports(planted, "intake.readers.planted")]
    assert "redact" in found and "intake.cli.main" in found
