"""A clone with nothing beside it passes ``make test``: the one test that needs files outside
the repository (the CCTV age vectors in ``../shared/age-vectors``) skips, saying where to put
them; under CI (``CI=true``), where they are laid beside the checkout, a missing folder fails.

Checked by running a copy of tests/test_age_vectors.py from a folder with no shared/ beside it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def _run_alone(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    tests = tmp_path / "clone" / "repo" / "tests"  # parents[2] is clone/: no shared/ there
    tests.mkdir(parents=True)
    shutil.copy2(REPO / "tests" / "test_age_vectors.py", tests / "test_age_vectors.py")
    (tests / "test_other.py").write_text("def test_the_rest_of_the_suite():\n    pass\n")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = str(REPO)  # the project's packages, as the editable install gives them
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rfs", "-p", "no:cacheprovider",
         "--rootdir", str(tests.parent), "-c", os.devnull, str(tests)],
        cwd=tests.parent, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("ci", [None, "false"])
def test_missing_vectors_skip_naming_where_to_put_them(tmp_path: Path, ci: str | None) -> None:
    done = _run_alone(tmp_path, ci)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "1 passed, 1 skipped" in done.stdout  # the rest of the suite still runs
    assert "put shared/age-vectors beside the repository" in done.stdout
    assert str(tmp_path / "clone" / "shared" / "age-vectors") in done.stdout


def test_missing_vectors_fail_under_ci(tmp_path: Path) -> None:
    done = _run_alone(tmp_path, "true")
    assert done.returncode == 1, done.stdout[-2000:]
    assert "FAILED" in done.stdout and "test_vectors_are_present" in done.stdout
    assert "1 failed" in done.stdout
    assert "put shared/age-vectors beside the repository" in done.stdout
