"""Crash safety: SIGKILL at random moments during `intake add` never damages the vault."""

from __future__ import annotations

import io
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from intake.vault import Vault
from tests.conftest import NOW, Person

ROUNDS = 60


def test_sigkill_during_intake_never_loses_a_reported_record(
    tmp_path: Path, alice: Person, cli_env: dict[str, str]
) -> None:
    vault = Vault.init(tmp_path / "v", [alice.identity.recipient], NOW, alice.identity)
    audio = tmp_path / "audio.bin"
    audio.write_bytes(random.randbytes(3 * 1024 * 1024))  # makes the write window wide
    rng = random.Random(20261127)
    reported: dict[str, str] = {}
    killed = 0

    def add(round_number: int) -> tuple[subprocess.Popen[bytes], str]:
        source = tmp_path / f"t{round_number}.txt"
        text = f"Q: round {round_number}?\nA: {'words ' * rng.randint(1, 400)}\n"
        source.write_text(text)
        args = ["add", str(source), "--vault", str(vault.root), "--attach", str(audio)]
        command = [sys.executable, "-m", "intake", *args]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env
        )
        return process, text

    # the kill window follows how long one whole run takes on this machine, so that most kills
    # land mid-run however fast or slow the machine is, and some runs still finish
    start = time.perf_counter()
    process, text = add(-1)
    out, _ = process.communicate()
    whole = time.perf_counter() - start
    assert process.returncode == 0, "an intake add that nobody killed failed"
    reported.update((record_id, text) for record_id in out.decode().split())
    for round_number in range(ROUNDS):
        process, text = add(round_number)
        time.sleep(rng.uniform(0.05, 1.2) * whole)
        process.send_signal(signal.SIGKILL)
        out, _ = process.communicate()
        if process.returncode == -signal.SIGKILL:
            killed += 1
        for record_id in out.decode().split():
            reported[record_id] = text
    assert killed >= ROUNDS // 4, f"only {killed} kills landed mid-run; widen the window"
    assert reported, "no round finished; the test would prove nothing"
    listed = vault.record_ids()
    print(
        f"crash: {ROUNDS} rounds, {killed} killed, {len(reported)} reported, {len(listed)} present"
    )
    assert set(reported) <= set(listed)
    for record_id in listed:  # every record present opens whole, reported or not
        record = vault.record(record_id, alice.identity)
        if record_id in reported:
            assert record.text == reported[record_id]
        sink = io.BytesIO()
        vault.open_attachment(record_id, 1, alice.identity, sink)
        assert sink.getvalue() == audio.read_bytes()
