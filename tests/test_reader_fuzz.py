"""A small deterministic run of scripts/fuzz_readers.py (the long run takes 300,000 inputs)."""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Iterator
from types import ModuleType

import pytest

from tests.conftest import REPO


def _fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_readers", REPO / "scripts/fuzz_readers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fuzz = _fuzz()


def test_3000_damaged_documents_no_internal_error_nothing_printed() -> None:
    result = fuzz.run(3000, seed=12)
    counts = result["counts"]
    assert result["internal_errors"] == 0, result["internal"]
    assert result["leaked_bytes"] == 0
    assert result["slow"] == 0
    assert sum(v for k, v in counts.items() if not k.endswith("leaked")) == 3000
    for fmt in fuzz.FORMATS:  # the mutations reach both outcomes in every format
        assert counts.get(f"{fmt} ok", 0) > 0, fmt
        assert counts.get(f"{fmt} refused", 0) > 0, fmt


def test_the_same_seed_gives_the_same_counts() -> None:
    assert fuzz.run(300, seed=5)["counts"] == fuzz.run(300, seed=5)["counts"]


def test_every_seed_document_reads() -> None:
    from intake.readers import parse

    for fmt, data in fuzz.seeds().items():
        assert "Ri Chol-min" in parse(data, f"seed.{fmt}").text, fmt


@contextlib.contextmanager
def _unguarded() -> Iterator[None]:
    yield


def test_the_harness_sees_leaks_and_internal_errors_when_the_guard_is_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without the reader guard odfpy prints XML and parsers raise: the harness must say so."""
    from intake.readers import docx, odt, subtitles

    for module in (docx, odt, subtitles):
        monkeypatch.setattr(module, "parsing", lambda *args: _unguarded())
    result = fuzz.run(1200, seed=12)
    assert result["internal_errors"] > 0
    assert result["leaked_bytes"] > 0
