"""Along the whole path (intake, analysis, review, export), nothing identifying is readable in
any file the commands write but the published exports: not in the vault, the temp dir, the
home folder (caches, configs), or the working folder.

Every sample is taken in with its gold metadata and protected terms (the planted names), all are
analysed, three are reviewed (every span accepted, approved) and exported. After intake and again
at the end, every file under the test's folder is read, as bytes, for every identifying string of
the gold annotations (UTF-8 and UTF-16, three casings), and every file name too.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CLI, PASSPHRASE, SAMPLES, Person, admin_options
from tests.leak_oracle import leaks

MIN_BYTES = 6  # shorter strings occur by chance in ciphertext; "Ri" proves nothing either way
REVIEWED = ("01-bo-ram-crossing", "08-tynda-logging", "09-mother-visits")
PUBLISHED = "published"  # the exports' folder: anonymized on purpose, checked by the oracle


def _identifying_strings() -> set[str]:
    strings: set[str] = set()
    for gold_path in SAMPLES.glob("*.gold.json"):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        strings.update(span["text"] for span in gold["spans"])
        strings.update(gold["protect"])
        strings.add(gold["metadata"]["interviewer"])
    return {s for s in strings if len(s.encode()) >= MIN_BYTES}


def _needles(strings: set[str]) -> dict[bytes, str]:
    needles = {}
    for text in strings:
        for variant in {text, text.upper(), text.lower()}:
            needles[variant.encode("utf-8")] = text
            needles[variant.encode("utf-16-le")] = text
    return needles


def _scan(root: Path, strings: set[str]) -> int:
    """Every file under ``root`` but the published exports; the number of files read."""
    needles = _needles(strings)
    scanned = 0
    for path in root.rglob("*"):
        name = str(path.relative_to(root))
        if name.split("/")[0] == PUBLISHED:
            continue
        assert not any(s.lower() in name.lower() for s in strings), f"identifying name {name}"
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            scanned += 1
            hits = sorted({text for needle, text in needles.items() if needle in data})
            assert not hits, f"{name} holds {len(hits)} identifying strings"
    return scanned


def _intake_all(cli: CLI, vault_dir: Path, env: dict[str, str]) -> dict[str, str]:
    """Every sample taken in; sample name -> record id."""
    ids = {}
    for gold_path in sorted(SAMPLES.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        meta = gold["metadata"]
        protect = [arg for term in gold["protect"] for arg in ("--protect", term)]
        options = [
            arg
            for key in ("code", "date", "place", "interviewer", "language", "consent")
            for arg in (f"--{key}", meta[key])
        ]
        result = cli("intake", "add", SAMPLES / gold["file"], "--vault", vault_dir,
                     *options, *protect, env=env)  # fmt: skip
        assert result.code == 0, result.err
        ids[gold_path.name.removesuffix(".gold.json")] = result.out.split()[0]
    return ids


def test_no_identifying_string_on_disk_from_intake_to_export(
    cli: CLI, tmp_path: Path, alice: Person, cli_env: dict[str, str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "HOME": str(home),
        **{f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("CACHE", "CONFIG", "DATA")},
    }
    vault_dir = tmp_path / "vault"
    init = cli("vault", "init", vault_dir, "--recipient", alice.card_file,
               *admin_options(alice), env=env)  # fmt: skip
    assert init.code == 0, init.err
    ids = _intake_all(cli, vault_dir, env)
    strings = _identifying_strings()
    assert len(strings) > 100
    assert Path(cli_env["TMPDIR"]).is_relative_to(tmp_path)
    assert _scan(tmp_path, strings) >= 2 * len(ids) + 2

    env |= {"TESTIMONY_IDENTITY": str(alice.key_file), "TESTIMONY_PASSPHRASE": PASSPHRASE}
    vault = ("--vault", vault_dir)
    ran = cli("redact", "run", *vault, "--all", env=env, timeout=600)
    assert ran.code == 0, ran.err
    for name in REVIEWED:
        for step in ("accept-all", "approve"):
            done = cli("review", step, ids[name], *vault, env=env)
            assert done.code == 0, done.err
    out = tmp_path / PUBLISHED
    out.mkdir()
    records = [arg for name in REVIEWED for arg in ("--record", ids[name])]
    for fmt in ("md", "docx"):
        done = cli("export", "quotes", *vault, *records, "--all", "--format", fmt,
                   "--out", out / f"quotes.{fmt}", env=env)  # fmt: skip
        assert done.code == 0, done.err
    report = cli("export", "report", *vault, "--record", ids[REVIEWED[0]],
                 "--out", out / "report.md", env=env)  # fmt: skip
    assert report.code == 0, report.err
    assert _scan(tmp_path, strings) >= 3 * len(ids) + 2  # + a redaction log per record

    protected = set()
    for name in REVIEWED:
        protected.update(json.loads((SAMPLES / f"{name}.gold.json").read_text("utf-8"))["protect"])
    published = (out / "quotes.md").read_text(encoding="utf-8")
    assert leaks(published, protected) == []
    assert leaks((out / "report.md").read_text(encoding="utf-8"), protected) == []
