"""Seal and open a large attachment through the vault, against the stock `age` command.

Goal: at least the speed of `age -r` / `age -d` on the same file in the same run, and flat memory
(peak RSS independent of the file size). Printed as speed ratios (age's time / the other's time:
1.00 is age's speed, more is faster), min and median over interleaved rounds, with peak RSS.

Lines: the vault with its default engine (the stock age command over pipes, when installed), the
vault with pyrage alone (TESTIMONY_AGE=pyrage), and raw pyrage (`encrypt_io` / `decrypt_io` file
to file, no hashing, padding or fsync: the library's floor). The vault also pads (Padme), hashes
the plaintext and the ciphertext (custody), and fsyncs; age does none of it.
Size: $BENCH_MB megabytes (default 1024); rounds: $BENCH_ROUNDS (default 3). Each line runs in
its own process. The plaintext is random bytes, not testimony.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter(); subprocess.run(sys.argv[1:], check=True)\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(time.perf_counter() - t, u.ru_maxrss, u.ru_utime + u.ru_stime)"
)

OURS = """
import io, os, sys
from datetime import UTC, datetime
from pathlib import Path
from intake.record import Document, Metadata
from intake.vault import NewRecord, Vault
from keys import identity
mode, root, payload, secret = sys.argv[1:5]
vault = Vault.open(Path(root))
if mode == "start":
    pass
elif mode == "seal":
    record = vault.add(NewRecord("b.txt", b"x", Document("x", (), "txt"), Metadata(), (),
                                 (Path(payload),)), datetime.now(UTC))
    Path(root, "last-id").write_text(record.id)
else:
    me = identity.Identity("bench", "", secret, bytes(32))
    with open(os.devnull, "wb") as sink:
        vault.open_attachment(Path(root, "last-id").read_text(), 1, me, sink)
"""

RAW = """
import os, sys, pyrage
mode, source, target, key = sys.argv[1:5]
with open(source, "rb") as src, open(target, "wb") as out:
    if mode == "seal":
        pyrage.encrypt_io(src, out, [pyrage.x25519.Recipient.from_str(key)])
    else:
        pyrage.decrypt_io(src, out, [pyrage.x25519.Identity.from_str(key)])
"""


def run(args: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *args], check=True, capture_output=True, text=True, env=env
    ).stdout.split()
    return float(out[0]), int(out[1]) // 1024, float(out[2])  # seconds, MiB, CPU seconds


def commands(work: Path, age: str, public: str, secret: str) -> dict[str, list[str]]:
    payload, vault, pyvault = work / "payload.bin", work / "vault", work / "pyvault"
    py = sys.executable
    return {
        "age seal": [age, "-r", public, "-o", str(work / "p.age"), str(payload)],
        "vault start": [py, "-c", OURS, "start", str(vault), str(payload), secret],
        "vault seal": [py, "-c", OURS, "seal", str(vault), str(payload), secret],
        "vault(pyrage) seal": [py, "-c", OURS, "seal", str(pyvault), str(payload), secret],
        "raw pyrage seal": [py, "-c", RAW, "seal", str(payload), str(work / "r.age"), public],
        "age open": [age, "-d", "-i", str(work / "age.key"), "-o", os.devnull, str(work / "p.age")],
        "vault open": [py, "-c", OURS, "open", str(vault), str(payload), secret],
        "vault(pyrage) open": [py, "-c", OURS, "open", str(pyvault), str(payload), secret],
        "raw pyrage open": [py, "-c", RAW, "open", str(work / "p.age"), os.devnull, secret],
    }


def measure(
    work: Path, age: str, size_mb: int, rounds: int
) -> dict[str, list[tuple[float, int, float]]]:
    from intake.vault import Vault
    from keys import identity

    with (work / "payload.bin").open("wb") as handle:
        for _ in range(size_mb):
            handle.write(os.urandom(1024 * 1024))
    me = identity.generate("bench", datetime.now(UTC))
    Vault.init(work / "vault", [me.recipient], datetime.now(UTC), me)
    Vault.init(work / "pyvault", [me.recipient], datetime.now(UTC), me)
    (work / "age.key").write_text(me.age_secret + "\n")  # throwaway key, deleted with the folder
    env = {**os.environ, "TESTIMONY_AGE": age}
    results: dict[str, list[tuple[float, int, float]]] = {}
    for _ in range(rounds):  # interleaved rounds: page-cache and load effects even out
        for name, command in commands(work, age, me.recipient.age, me.age_secret).items():
            if name == "age seal":
                (work / "p.age").unlink(missing_ok=True)
            (work / "r.age").unlink(missing_ok=True)
            line_env = {**env, "TESTIMONY_AGE": "pyrage"} if "(pyrage)" in name else env
            results.setdefault(name, []).append(run(command, line_env))
    return results


def main() -> None:
    size_mb = int(os.environ.get("BENCH_MB", "1024"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    age = shutil.which("age")
    if age is None:
        sys.exit("bench: the stock age command is missing (make setup installs it)")
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        results = measure(Path(folder), age, size_mb, rounds)
    report(results, size_mb, rounds)


def _line(label: str, runs: list[tuple[float, int, float]], anchor: list[float]) -> str:
    times, cpu = [t for t, _, _ in runs], [c for _, _, c in runs]
    ratios = [a / t for a, t in zip(anchor, times, strict=True)]
    return (
        f"{label:19} min {min(times):6.2f} s  median {statistics.median(times):6.2f} s  "
        f"ratio best {max(ratios):4.2f} median {statistics.median(ratios):4.2f}  "
        f"cpu {min(cpu):5.2f} s  peak {max(m for _, m, _ in runs):4d} MiB"
    )


def report(results: dict[str, list[tuple[float, int, float]]], size_mb: int, rounds: int) -> None:
    print(f"attachment of {size_mb} MiB (random bytes), {rounds} interleaved rounds")
    print("ratio = age's time / the line's time in the same round (1.00 = age's speed, higher is")
    print("faster); cpu = least CPU seconds of the process tree (user + system)")
    start = [t for t, _, _ in results["vault start"]]
    print(f"vault fixed cost (process, imports, open), in each vault line: min {min(start):.2f} s")
    for op in ("seal", "open"):
        anchor = [t for t, _, _ in results[f"age {op}"]]
        print(f"{op} {size_mb / min(anchor):.1f} MiB/s at age's best")
        for name in ("age", "vault", "vault(pyrage)", "raw pyrage"):
            print("  " + _line(name, results[f"{name} {op}"], anchor))


if __name__ == "__main__":
    main()
