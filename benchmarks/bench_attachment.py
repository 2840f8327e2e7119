"""Seal and open a large attachment through the vault, against the stock `age` command.

Goal: the same speed as `age` and flat memory (peak RSS independent of the file size).
Size: $BENCH_MB megabytes (default 1024). Each side runs in its own process; peak RSS is that
process tree's maximum resident set. The plaintext is random bytes, not testimony.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROUNDS = 2
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter(); subprocess.run(sys.argv[1:], check=True)\n"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)

OURS = """
import io, sys, hashlib
from datetime import UTC, datetime
from pathlib import Path
from intake.record import Document, Metadata
from intake.vault import NewRecord, Vault
from keys import identity
mode, root, payload, secret = sys.argv[1:5]
vault = Vault.open(Path(root))
if mode == "seal":
    record = vault.add(NewRecord("b.txt", b"x", Document("x", (), "txt"), Metadata(), (),
                                 (Path(payload),)), datetime.now(UTC))
    Path(root, "last-id").write_text(record.id)
else:
    class Sink(io.RawIOBase):
        def writable(self): return True
        def write(self, b): return len(b)
    me = identity.Identity("bench", "", secret, bytes(32))
    vault.open_attachment(Path(root, "last-id").read_text(), 1, me, Sink())
"""


def run(args: list[str]) -> tuple[float, int]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *args], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), int(out[1]) // 1024  # seconds, MiB


def main() -> None:
    size_mb = int(os.environ.get("BENCH_MB", "1024"))
    age = shutil.which("age")
    if age is None:
        sys.exit("bench: the stock age command is missing (make setup installs it)")
    from intake.vault import Vault
    from keys import identity

    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        work = Path(folder)
        payload = work / "payload.bin"
        with payload.open("wb") as handle:
            for _ in range(size_mb):
                handle.write(os.urandom(1024 * 1024))
        me = identity.generate("bench", datetime.now(UTC))
        Vault.init(work / "vault", [me.recipient], datetime.now(UTC), me)
        key = work / "age.key"  # a throwaway key for the stock command, deleted with the folder
        key.write_text(me.age_secret + "\n")
        commands = {
            "age seal": [age, "-r", me.recipient.age, "-o", str(work / "p.age"), str(payload)],
            "ours seal": [
                sys.executable,
                "-c",
                OURS,
                "seal",
                str(work / "vault"),
                str(payload),
                me.age_secret,
            ],
            "age open": [age, "-d", "-i", str(key), "-o", os.devnull, str(work / "p.age")],
            "ours open": [
                sys.executable,
                "-c",
                OURS,
                "open",
                str(work / "vault"),
                str(payload),
                me.age_secret,
            ],
        }
        results: dict[str, tuple[float, int]] = {}
        for _ in range(ROUNDS):  # interleaved rounds, best time kept: page-cache effects even out
            for name, command in commands.items():
                if name == "age seal":
                    (work / "p.age").unlink(missing_ok=True)
                seconds, peak = run(command)
                best = results.get(name, (seconds, peak))
                results[name] = (min(best[0], seconds), max(best[1], peak))
    print(f"attachment of {size_mb} MiB (random bytes)")
    for op in ("seal", "open"):
        (a_t, a_m), (o_t, o_m) = results[f"age {op}"], results[f"ours {op}"]
        print(
            f"{op:5}  age {a_t:6.2f} s {size_mb / a_t:7.1f} MiB/s peak {a_m:4d} MiB | "
            f"vault {o_t:6.2f} s {size_mb / o_t:7.1f} MiB/s peak {o_m:4d} MiB | "
            f"time ratio vault/age {o_t / a_t:.2f}"
        )
    print("the vault also hashes (custody SHA-256), pads (Padme) and fsyncs; age does none of it")


if __name__ == "__main__":
    main()
