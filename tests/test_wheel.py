"""Installed the usual way: the wheel is built, installed into a fresh virtual environment and
used from a folder outside the repository, as a new user would (issue 14, item 1).

Nothing is downloaded: the wheel is built with the setuptools already in .venv
(``--no-build-isolation --no-index``), from a copy of the sources (so no build/ or egg-info
appears in the working tree), and installed with ``--no-deps --no-index``. The fresh venv
sees the project's dependencies through one ``.pth`` line naming .venv's site-packages; that
folder's own ``.pth`` files (the editable install of the repository among them) are not run
for a path added this way, so only the installed wheel can answer ``import redact``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.leak_oracle import leaks

PACKAGES = ("keys", "intake", "redact")
PASSPHRASE = "wheel test passphrase, not a secret"
TEXT = (
    "INTERVIEWER: Where did you live?\n"
    "WITNESS: My name is Ryu Dal-nim. I lived in Pyoldong-ri with my uncle Ryu Gon-ho until 2015.\n"
    "INTERVIEWER: And then?\n"
    "WITNESS: Then Ryu Gon-ho sent me across the river at night.\n"
)
NAMES = ("Ryu Dal-nim", "Ryu Gon-ho")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    sources: Path  # the copy the wheel was built from
    python: Path
    testimony: Path
    home: Path  # outside the repository: the working folder of every command


def _sources(into: Path) -> Path:
    """The files a source distribution would hold, without caches or build leftovers (a copy:
    the build writes build/ and egg-info beside its sources)."""
    src = into / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    for package in PACKAGES:
        shutil.copytree(
            REPO / package, src / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    return src


def _run(args: list[str | Path], cwd: Path, env: dict[str, str], timeout: float = 300) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, (args[:3], done.stderr[-2000:])
    return done.stdout


def _clean_env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TESTIMONY_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(HOME=str(home), TMPDIR=str(home / "tmp"), PIP_NO_INDEX="1")
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    home = root / "home"
    (home / "tmp").mkdir(parents=True)
    env = _clean_env(home)
    dist = root / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    build = [*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q"]
    sources = _sources(root)
    _run([*build, "-w", dist, sources], root, env)
    (wheel,) = dist.glob("testimony-*.whl")
    fresh = root / "fresh"
    _run([sys.executable, "-m", "venv", "--without-pip", fresh], root, env)
    python = fresh / "bin" / "python"
    _run([*pip, "--python", python, "install", "--no-deps", "--no-index", "-q", wheel], root, env)
    purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                   root, env).strip()  # fmt: skip
    (Path(purelib) / "project-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return Installed(wheel, sources, python, fresh / "bin" / "testimony", home)


def test_the_wheel_holds_every_module_and_data_file(installed: Installed) -> None:
    """Every file of the three packages but caches: a template, a font or a policy added
    later is caught here, not by a user's `pip install`."""
    expected = {
        path.relative_to(installed.sources).as_posix()
        for package in PACKAGES
        for path in (installed.sources / package).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    assert "redact/plan/default-policy.toml" in expected
    assert sorted(expected - names) == []
    entry = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "testimony = redact.cli.main:main" in zipfile.ZipFile(installed.wheel).read(
        entry
    ).decode("utf-8")


def test_the_installed_package_is_what_runs(installed: Installed) -> None:
    env = _clean_env(installed.home)
    code = "import keys, intake, redact; print(keys.__file__, intake.__file__, redact.__file__)"
    where = _run([installed.python, "-c", code], installed.home, env).split()
    prefix = str(installed.python.parent.parent)
    assert len(where) == 3 and all(w.startswith(prefix) for w in where), where
    assert not any(w.startswith(str(REPO)) for w in where)


def _page_check(vault: Path, key: Path) -> str:
    """A script for the installed Python: the review page renders with its packaged
    templates and serves every static file its base template links to."""
    return f"""
import re
from datetime import UTC, datetime
from pathlib import Path
from starlette.testclient import TestClient
from intake.vault import Vault
from keys import keyfile
from redact.plan import policy
from redact.web import Settings, create_app
settings = Settings(port=8124)
who = keyfile.load(Path({str(key)!r}), {PASSPHRASE!r})
app = create_app(Vault.open(Path({str(vault)!r})), who, policy.load(None), settings)
client = TestClient(app, base_url="http://127.0.0.1:8124", follow_redirects=False)
assert client.get("/?token=" + settings.token).status_code == 303
page = client.get("/")
assert page.status_code == 200, page.status_code
assets = sorted(set(re.findall(r'/static/([\\w.-]+)', page.text)))
assert assets, "the page links no static file"
for name in assets:
    assert client.get("/static/" + name).status_code == 200, name
print(len(assets))
"""


def test_preview_intake_review_export_from_outside_the_repository(installed: Installed) -> None:
    home, tool = installed.home, installed.testimony
    env = {**_clean_env(home), "TESTIMONY_PASSPHRASE": PASSPHRASE}
    (home / "interview.txt").write_text(TEXT, encoding="utf-8")

    preview = json.loads(_run([tool, "redact", "preview", "interview.txt", "--json"], home, env))
    found = {s["text"] for s in preview["spans"] if s["label"] == "PERSON"}
    assert set(NAMES) <= found, found  # the built-in policy was found: it planned every span
    assert leaks(preview["redacted"], NAMES) == []

    _run([tool, "keys", "new", "--name", "Wren Tester", "--out", "admin.key",
          "--card-out", "admin.card", "--allow-weak-passphrase"], home, env)  # fmt: skip
    env["TESTIMONY_IDENTITY"] = str(home / "admin.key")
    _run([tool, "vault", "init", "vault", "--recipient", "admin.card"], home, env)
    vault = ["--vault", "vault"]
    added = _run([tool, "intake", "add", "interview.txt", *vault, "--code", "NK-2099-001",
                  "--protect", "Pyoldong-ri"], home, env).split()  # fmt: skip
    assert len(added) == 1
    record = added[0]
    _run([tool, "redact", "run", *vault, "--all"], home, env)
    _run([tool, "review", "accept-all", record, *vault], home, env)
    _run([tool, "review", "approve", record, *vault], home, env)
    listed = _run([tool, "review", "list", *vault], home, env)
    assert record in listed or "NK-2099-001" in listed

    for fmt in ("md", "docx"):
        out = home / f"quotes.{fmt}"
        _run([tool, "export", "quotes", *vault, "--record", record, "--all",
              "--format", fmt, "--out", out], home, env)  # fmt: skip
        assert out.stat().st_size > 0
    quotes = (home / "quotes.md").read_text(encoding="utf-8")
    assert "Then" in quotes and leaks(quotes, [*NAMES, "Pyoldong-ri"]) == []
    served = _run([installed.python, "-c", _page_check(home / "vault", home / "admin.key")],
                  home, env)  # fmt: skip
    assert int(served) >= 1
    assert not re.search(r"Traceback", served)
