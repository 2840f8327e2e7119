"""The main job on the samples, as the README's first command runs it.

Plays each role with the real `testimony` command: an admin makes a reviewer identity and a
vault; the field laptop (no identity) takes in every sample with its metadata and protected
terms; the reviewer lists and reads one back, then has every record analysed and reads the
proposed redaction of one; then (a DEMO SHORTCUT, labelled as such) accepts every proposal and
approves each record, and the editor exports the first record's quotes (Markdown, DOCX) and its
public redaction report. Everything lands in demo-out/ (recreated).
The passphrase is a fixed DEMO value: never use it for real material.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
OUT = REPO / "demo-out"
DEMO_PASSPHRASE = "demo only - never use for real testimony"  # noqa: S105 (public demo value)


def testimony(*args: str | Path, identity: bool = False, quiet: bool = False) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TESTIMONY_")}
    if identity:  # only the reviewer's steps see the identity and its passphrase
        env["TESTIMONY_IDENTITY"] = str(OUT / "reviewer.key")
    env["TESTIMONY_PASSPHRASE"] = DEMO_PASSPHRASE
    words = [str(a) for a in args]
    print("$ testimony " + " ".join(shlex.quote(w) for w in words), flush=True)
    done = subprocess.run(
        [sys.executable, "-m", "redact", *words], env=env, capture_output=True, text=True
    )
    if done.stderr:
        print(done.stderr, end="", file=sys.stderr)
    if done.returncode != 0:
        sys.exit(f"demo: step failed (exit {done.returncode})")
    if not quiet:
        print(done.stdout, end="")
    return done.stdout


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir()
    print(f"# admin: a reviewer identity and a vault (demo passphrase: {DEMO_PASSPHRASE!r})")
    testimony("keys", "new", "--name", "Demo Reviewer", "--out", OUT / "reviewer.key")
    testimony("keys", "card", OUT / "reviewer.key", "--out", OUT / "reviewer.card")
    testimony(  # the admin's key is pinned and signs the recipient set
        "vault",
        "init",
        OUT / "vault",
        "--recipient",
        OUT / "reviewer.card",
        "--identity",
        OUT / "reviewer.key",
    )

    print("\n# field laptop: take in every sample (public card only, no identity)")
    golds = sorted(SAMPLES.glob("*.gold.json"))
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        meta = gold["metadata"]
        options: list[str | Path] = [SAMPLES / gold["file"], "--vault", OUT / "vault"]
        for key in ("code", "date", "place", "interviewer", "language", "consent"):
            options += [f"--{key}", meta[key]]
        for term in gold["protect"]:
            options += ["--protect", term]
        testimony("intake", "add", *options)
    testimony("intake", "list", "--vault", OUT / "vault")

    print("\n# reviewer: list with details and read one record back")
    listing = testimony(
        "intake", "list", "--vault", OUT / "vault", "--json", identity=True, quiet=True
    )
    first = json.loads(listing.splitlines()[0])["id"]
    testimony("intake", "list", "--vault", OUT / "vault", identity=True)
    text = testimony("intake", "show", first, "--vault", OUT / "vault", identity=True, quiet=True)
    print("\n".join(text.splitlines()[:8]) + "\n[...]")

    print("\n# reviewer: propose redactions for every record (one pseudonym table for the vault)")
    testimony("redact", "run", "--vault", OUT / "vault", "--all", "--jobs", "2", identity=True)
    redacted = testimony(
        "redact", "show", first, "--vault", OUT / "vault", identity=True, quiet=True
    )
    print("\n".join(redacted.splitlines()[:8]) + "\n[...]")
    print("\n# reviewer: decide and approve every record")
    print(
        "# DEMO SHORTCUT: `review accept-all` accepts every proposal unread. A real reviewer\n"
        "# reads each span with its reason (testimony review serve, or review show) and\n"
        "# accepts, rejects, edits or adds one by one before approving."
    )
    ids = [json.loads(line)["id"] for line in listing.splitlines()]
    for record_id in ids:
        testimony("review", "accept-all", record_id, "--vault", OUT / "vault", identity=True)
        testimony("review", "approve", record_id, "--vault", OUT / "vault", identity=True)

    print("\n# editor: anonymized quotes of the first record, gated, with citations")
    for fmt in ("md", "docx"):
        testimony(
            "export",
            "quotes",
            "--vault",
            OUT / "vault",
            "--record",
            first,
            "--all",
            "--format",
            fmt,
            "--out",
            OUT / f"quotes.{fmt}",
            identity=True,
        )
    testimony(
        "export",
        "report",
        "--vault",
        OUT / "vault",
        "--record",
        first,
        "--out",
        OUT / "report.md",
        identity=True,
    )
    quoted = (OUT / "quotes.md").read_text(encoding="utf-8")
    print("\n".join(quoted.splitlines()[:10]) + "\n[...]")

    print("\n# admin: prove the archive's history")
    testimony("audit", "verify", "--vault", OUT / "vault", identity=True)
    print(
        f"\ndemo: {len(golds)} samples sealed in {OUT / 'vault'}, analysed and (demo shortcut) "
        "approved; quotes and report in demo-out/; nothing in the vault is readable without "
        "the reviewer's identity"
    )


if __name__ == "__main__":
    main()
