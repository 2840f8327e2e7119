"""Export: anonymized quotes of approved records, the leak gate, the public report, the full log.

One analysed, reviewed and approved vault per module (samples 01, 08 and 09 share people and a
village across records); tests that change it work on a copy.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.readers import read_source
from intake.record import Metadata, Record, Segment
from intake.vault import NewRecord, Vault
from keys.errors import ExportError, UsageError
from redact.detect.span import Span
from redact.export import formats as export_formats
from redact.export import gate as leak_gate
from redact.export import quotes as export
from redact.link import linking
from redact.link.pseudonyms import PseudonymTable
from redact.pipeline import runner
from redact.plan import policy as policy_module
from redact.plan import redaction_log
from redact.plan.redaction_log import RedactionLog
from redact.review import decisions as review
from tests.conftest import CLI, NOW, PASSPHRASE, SAMPLES, Person, assert_refused
from tests.leak_oracle import leaks, occurrences

NAMES = ("01-bo-ram-crossing", "08-tynda-logging", "09-mother-visits")
POLICY = policy_module.load(None)
SOFFICE = shutil.which("soffice")  # installed by scripts/bootstrap.sh; missing fails, never skips


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory, alice: Person) -> tuple[Path, list[str]]:
    """Samples taken in with their gold metadata and protected terms, analysed, every span
    accepted, each record approved."""
    root = tmp_path_factory.mktemp("export") / "vault"
    vault = Vault.init(root, [alice.identity.recipient], NOW, alice.identity)
    ids = []
    for name in NAMES:
        gold = json.loads((SAMPLES / f"{name}.gold.json").read_text(encoding="utf-8"))
        data, document = read_source(SAMPLES / gold["file"])
        new = NewRecord(
            gold["file"], data, document, Metadata(**gold["metadata"]), tuple(gold["protect"])
        )
        ids.append(vault.add(new, NOW).id)
    runner.run(vault, ids, alice.identity, None, 1, NOW)
    for record_id in ids:
        _accept_all(vault, record_id, alice)
        _decide(vault, record_id, alice, review.Decision("approve"))
    return root, ids


def _decide(vault: Vault, record_id: str, person: Person, decision: review.Decision) -> None:
    review.record_decision(vault, record_id, decision, person.identity, NOW, POLICY)


def _accept_all(vault: Vault, record_id: str, person: Person) -> None:
    log = redaction_log.load(vault, record_id, person.identity)
    assert log is not None
    ids = tuple(review.span_id(s) for s in review.undecided(log))
    _decide(vault, record_id, person, review.Decision("accept", ids))


@pytest.fixture
def copy(reviewed: tuple[Path, list[str]], tmp_path: Path) -> tuple[Vault, list[str]]:
    root, ids = reviewed
    shutil.copytree(root, tmp_path / "vault")
    return Vault.open(tmp_path / "vault"), ids


def _vault(reviewed: tuple[Path, list[str]]) -> tuple[Vault, list[str]]:
    return Vault.open(reviewed[0]), reviewed[1]


def _export(
    vault: Vault, person: Person, ids: list[str], out: Path, **options: Any
) -> export.ExportResult:
    return export.export_quotes(
        vault, person.identity, ids, out, export.Options(**options), POLICY, NOW
    )


def _table(vault: Vault, person: Person) -> PseudonymTable:
    return PseudonymTable.from_json(vault.read_document(None, "pseudonyms", person.identity))


def _pseudonym(table: PseudonymTable, name: str) -> str:
    found = table.pseudonym(linking.entity_key("PERSON", name))
    assert found, name
    return found


def _protected(vault: Vault, person: Person) -> list[str]:
    terms = {
        t for i in vault.record_ids() for t in vault.record(i, person.identity).protected_terms
    }
    return sorted(terms)  # the oracle reads their spellings, independently of the gate


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _quotes_of(markdown: str) -> list[str]:
    """The quote texts of a Markdown export, footnote marks dropped, whitespace normalised."""
    quotes = []
    for block in re.findall(r"(?:^> .*\n?)+", markdown, re.MULTILINE):
        text = " ".join(line[2:] for line in block.splitlines())
        quotes.append(" ".join(re.sub(r"\[\^\d+\]$", "", text.strip()).split()))
    return quotes


# -- quotes ----------------------------------------------------------------------------------


def test_markdown_quotes_are_redacted_and_cited(
    reviewed: tuple[Path, list[str]], alice: Person, tmp_path: Path
) -> None:
    vault, ids = _vault(reviewed)
    out = tmp_path / "quotes.md"
    result = _export(vault, alice, ids[:1], out)
    text = out.read_text(encoding="utf-8")
    table = _table(vault, alice)
    witness, interviewer = _pseudonym(table, "Kim Bo-ram"), _pseudonym(table, "Han Ji-woo")
    assert len(result.quotes) == 12  # every answer of the witness; no question
    place = r"\[a place[a-zA-Z ]*\]"  # the policy's generalisation (province, country)
    first = re.escape(
        f"My name is {witness}, written {witness}. On the Chinese papers they spelled it "
        f"{witness}. I was born in "
    )
    assert re.fullmatch(rf"{first}{place}, {place}, {place}, on \[1991\]\.", _quotes_of(text)[0])
    citation = (
        f"\u2014 {witness}, interview NK-2026-001 by {interviewer} (the interviewing "
        "organisation), a place in South Korea, March 2026"
    )  # the code, the place as the policy generalises places, the month of the interview
    assert text.count(f"]: {citation}") == 12
    assert "[^12]: " in text and "Q:" not in text
    assert leaks(text, _protected(vault, alice)) == [], "a protected term leaked"
    entries = (reviewed[0] / "audit.log").read_text().splitlines()
    assert json.loads(entries[-1])["action"] == "export"


def test_csv_and_json_rows_point_into_the_redacted_text(
    reviewed: tuple[Path, list[str]], alice: Person, tmp_path: Path
) -> None:
    vault, ids = _vault(reviewed)
    record, log = export.load_approved(vault, ids[1], alice.identity)
    redacted = export.redact(record, log).text
    _export(vault, alice, ids[1:2], tmp_path / "q.json", fmt="json", organisation="NGO X")
    rows = json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))["quotes"]
    assert rows and all(redacted[r["start"] : r["end"]] == r["quote"] for r in rows)
    assert all(r["citation"].endswith("(NGO X), a place in South Korea, May 2026") for r in rows)
    assert rows[0]["record"] == f"record {ids[1][:8]}" and rows[0]["code"] == "NK-2026-008"
    _export(vault, alice, ids[1:2], tmp_path / "q.csv", fmt="csv")
    csv_text = export_formats.visible_text("csv", (tmp_path / "q.csv").read_bytes())
    assert all(r["quote"] in csv_text for r in rows)


def test_citations_take_the_vault_settings_unless_told_otherwise(
    copy: tuple[Vault, list[str]], alice: Person, tmp_path: Path
) -> None:
    from intake import settings

    vault, ids = copy
    settings.save(vault, alice.identity, NOW, "Harbour NGO", "{witness} ({code}, {year})")
    kept = _export(vault, alice, ids[:2], tmp_path / "k.json", fmt="json")
    table = _table(vault, alice)
    witness = _pseudonym(table, "Kim Bo-ram")
    assert kept.quotes[0].citation == f"{witness} (NK-2026-001, 2026)"
    told = _export(vault, alice, ids[:1], tmp_path / "t.md", organisation="Told NGO",
                   citation="{organisation}: {code}")  # fmt: skip
    assert {q.citation for q in told.quotes} == {"Told NGO: NK-2026-001"}
    with pytest.raises(UsageError, match="citation template") as bad:
        _export(vault, alice, ids[:1], tmp_path / "b.md", citation="{name}")
    assert "{witness}" in bad.value.hint and not (tmp_path / "b.md").exists()


def test_records_are_exported_in_the_order_of_their_codes(
    reviewed: tuple[Path, list[str]], alice: Person, tmp_path: Path
) -> None:
    vault, ids = _vault(reviewed)
    result = _export(vault, alice, [ids[2], ids[0], ids[1]], tmp_path / "q.csv", fmt="csv")
    assert result.codes == ("NK-2026-001", "NK-2026-008", "NK-2026-009")
    codes = [q.code for q in result.quotes]
    assert codes == sorted(codes) and set(codes) == set(result.codes)
    header = (tmp_path / "q.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "number,record,code,speaker,quote,citation,start,end"


def test_quote_by_phrase_grows_to_its_sentence(
    reviewed: tuple[Path, list[str]], alice: Person, tmp_path: Path
) -> None:
    vault, ids = _vault(reviewed)
    cousin = _pseudonym(_table(vault, alice), "Pak Chol-su")
    result = _export(vault, alice, ids[:1], tmp_path / "q.md", phrases=("HELD my  arm",))
    assert [q.text for q in result.quotes] == [f"{cousin} held my arm."]
    turn = _export(
        vault, alice, ids[:1], tmp_path / "t.md", phrases=("held my arm",), expand="turn"
    )
    assert turn.quotes[0].text.startswith("At night, below the railway bridge.")  # no date
    with pytest.raises(ExportError, match="not found") as missing:
        _export(vault, alice, ids[:1], tmp_path / "n.md", phrases=("Kim Bo-ram held",))
    assert "pseudonyms" in missing.value.hint
    with pytest.raises(ExportError, match=r"occurs in \d+ places") as twice:
        _export(vault, alice, ids[:1], tmp_path / "n.md", phrases=("my mother",))
    assert "longer phrase" in twice.value.hint
    with pytest.raises(ExportError, match="not in the witness's words"):
        _export(vault, alice, ids[:1], tmp_path / "n.md", phrases=("How did you cross",))
    assert not (tmp_path / "n.md").exists()


def test_same_person_same_pseudonym_in_every_export(
    reviewed: tuple[Path, list[str]], alice: Person, tmp_path: Path
) -> None:
    vault, ids = _vault(reviewed)
    table = _table(vault, alice)
    result = _export(vault, alice, ids, tmp_path / "all.json", fmt="json")
    by_record: dict[str, list[str]] = {}
    for q in result.quotes:
        by_record.setdefault(q.record, []).append(q.text)
    bo_ram, mother = _pseudonym(table, "Kim Bo-ram"), _pseudonym(table, "Ri Myong-hwa")
    first, third = (" ".join(by_record[f"record {i[:8]}"]) for i in (ids[0], ids[2]))
    assert bo_ram in first and bo_ram in third  # the witness of 01 is the daughter in 09
    assert mother in first  # "My mother Ri Myong-hwa" in 01: the witness of 09
    speakers = {q.record: q.speaker for q in result.quotes}
    assert speakers[f"record {ids[0][:8]}"] == bo_ram
    assert speakers[f"record {ids[2][:8]}"] == mother
    for record_id in ids:  # every replacement is the table's pseudonym of its entity
        record, log = export.load_approved(vault, record_id, alice.identity)
        for placed in export.redact(record, log).placed:
            if placed.replaced and placed.span.action == "pseudonymise":
                assert placed.span.replacement == table.pseudonym(placed.span.entity)


def test_docx_opens_converts_and_says_what_the_markdown_says(
    reviewed: tuple[Path, list[str]], alice: Person, tmp_path: Path
) -> None:
    """Real footnotes (LibreOffice reads each citation as a footnote of its quote), a page
    number field in the footer, and core properties of this export, not the template's."""
    import zipfile

    from docx import Document
    from lxml import etree

    assert SOFFICE is not None, "LibreOffice is missing: run the README's test command"
    vault, ids = _vault(reviewed)
    _export(vault, alice, ids[:1], tmp_path / "q.md")
    _export(vault, alice, ids[:1], tmp_path / "q.docx", fmt="docx", organisation="NGO Z")
    document = Document(str(tmp_path / "q.docx"))
    assert any(p.style is not None and p.style.name == "Quote" for p in document.paragraphs)
    core = document.core_properties
    assert (core.title, core.author, core.last_modified_by) == (
        "Anonymized quotes",
        "NGO Z",
        "NGO Z",
    )
    assert core.created == core.modified == NOW.replace(microsecond=0)
    with zipfile.ZipFile(tmp_path / "q.docx") as archive:
        names = archive.namelist()
        assert "word/footnotes.xml" in names and "docProps/app.xml" not in names
        assert "python-docx" not in archive.read("docProps/core.xml").decode()
        assert "footnotes+xml" in archive.read("[Content_Types].xml").decode()
        settings = archive.read("word/settings.xml").decode()  # the schema's order of children
        assert settings.index("<w:footnotePr>") < settings.index("<w:compat>")
        footers = [archive.read(n).decode() for n in names if n.startswith("word/footer")]
        assert any("> PAGE <" in footer for footer in footers)
    profile = f"-env:UserInstallation=file://{tmp_path}/lo-profile"
    for target in ("pdf", "odt"):
        subprocess.run(
            [str(SOFFICE), profile, "--headless", "--convert-to", target, "--outdir", tmp_path,
             tmp_path / "q.docx"],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    assert (tmp_path / "q.pdf").read_bytes().startswith(b"%PDF")
    with zipfile.ZipFile(tmp_path / "q.odt") as odt:
        content = etree.fromstring(odt.read("content.xml"))
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    quotes = _quotes_of((tmp_path / "q.md").read_text(encoding="utf-8"))
    citations = re.findall(r"^\[\^\d+\]: (.*)$", (tmp_path / "q.md").read_text(), re.MULTILINE)
    notes = content.findall(".//text:note", ns)
    assert len(quotes) == len(notes) == 12
    for number, (note, quote) in enumerate(zip(notes, quotes, strict=True), 1):
        assert note.get(f"{{{ns['text']}}}note-class") == "footnote"
        assert note.findtext("text:note-citation", namespaces=ns) == str(number)
        body = " ".join("".join(note.find("text:note-body", ns).itertext()).split())
        assert body == citations[number - 1].replace("(the interviewing organisation)", "(NGO Z)")
        anchor = next(note.iterancestors(f"{{{ns['text']}}}p"))  # the quote's paragraph
        said = " ".join("".join(anchor.itertext()).replace(body, "").split())
        assert said.startswith(quote[:40]) and said.endswith(f"{number}")


# -- refusals --------------------------------------------------------------------------------


def _span_of(vault: Vault, record_id: str, person: Person, surface: str) -> Span:
    log = redaction_log.load(vault, record_id, person.identity)
    assert log is not None
    return next(s for s in log.spans if s.text == surface)


def test_a_signed_release_lets_exactly_that_span_through(
    copy: tuple[Vault, list[str]], alice: Person, tmp_path: Path
) -> None:
    """A protected term released with a signed reason is published in that place of that
    record, and listed in the public report; the same words anywhere else are still refused."""
    vault, ids = copy
    span = _span_of(vault, ids[0], alice, "KIM Boram")
    release = review.Decision("reject", (review.span_id(span),), reason="she asked to be named")
    _decide(vault, ids[0], alice, release)
    _decide(vault, ids[0], alice, review.Decision("approve"))
    _export(vault, alice, ids, tmp_path / "q.md")  # every record: the release is in one
    text = (tmp_path / "q.md").read_text(encoding="utf-8")
    assert text.count("KIM Boram") == 1 and "spelled it KIM Boram. I was born" in text
    assert "Kim Bo-ram" not in text and "Bo-ram" not in text  # her other mentions: masked
    report = export.export_report(vault, alice.identity, ids[0], tmp_path / "r.md", NOW).text
    assert "reviewer released with a signed reason (kept in the encrypted log): 1." in report
    assert f"| {review.span_id(span)} | PERSON | {NOW.date().isoformat()} |" in report
    assert "KIM" not in report and "she asked" not in report

    other = _span_of(vault, ids[0], alice, "Kim Bo-ram")  # the released words, elsewhere
    edit = review.Decision("edit", (review.span_id(other),), replacement="KIM Boram")
    _decide(vault, ids[0], alice, edit)
    _decide(vault, ids[0], alice, review.Decision("approve"))
    out = tmp_path / "out" / "q.md"
    out.parent.mkdir()
    with pytest.raises(leak_gate.LeakError) as refused:
        _export(vault, alice, ids[:1], out)
    message, hint = refused.value.message, refused.value.hint
    assert re.search(
        rf'excerpt 1 \(record {ids[0][:8]}\): "My name is \[?\u27e6\u2026\u27e7\]?, written '
        rf".*\": the reviewer's replacement of span {review.span_id(other)} holds a protected term",
        message,
    ), message
    assert "Boram" not in message + hint and "KIM" not in message + hint
    assert hint.startswith(f"testimony review edit {ids[0]} {review.span_id(other)} ")
    assert f"then testimony review approve {ids[0]}" in hint and "--show-originals" in hint
    assert [leak.original for leak in refused.value.leaks] == ["KIM Boram"]
    assert _leftovers(out.parent) == []  # no output, no temp file
    for fmt in ("docx", "csv", "json"):
        with pytest.raises(leak_gate.LeakError):
            _export(vault, alice, ids[:1], out.with_suffix(f".{fmt}"), fmt=fmt)
    assert _leftovers(out.parent) == []


def test_gate_refuses_a_variant_the_engine_missed(
    copy: tuple[Vault, list[str]], alice: Person, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine never proposed it: the span is simply not in the approved log (saved behind
    custody's back, so custody is switched off here: tests/test_custody.py covers it)."""
    monkeypatch.setattr(export, "require_intact", lambda vault: None)
    vault, ids = copy
    log = redaction_log.load(vault, ids[0], alice.identity)
    assert log is not None and review.is_approved(log)
    missed = next(s for s in log.spans if s.text == "KIM Boram")
    log.spans = [s for s in log.spans if s is not missed]  # as if no recognizer had seen it
    redaction_log.save(vault, log)
    files = vault.sealed_file(log.record_id, "redaction.age")  # logged, as the runner does
    vault.log("analysis", NOW, alice.identity, log.record_id, files)
    assert review.is_approved(log)
    with pytest.raises(
        leak_gate.LeakError,
        match=r"excerpt 1 .*a protected term that no span "
        "masks",
    ) as refused:
        _export(vault, alice, ids[:1], tmp_path / "q.md")
    assert not (tmp_path / "q.md").exists()
    fix = re.search(r"testimony review add (\w+) --start (\d+) --end (\d+) --label PERSON",
                    refused.value.hint)  # fmt: skip
    assert fix and fix.group(1) == ids[0]
    record = vault.record(ids[0], alice.identity)
    assert record.text[int(fix.group(2)) : int(fix.group(3))] == "KIM Boram"  # the fix works


def test_gate_refuses_one_rejected_mention_of_a_masked_person(
    copy: tuple[Vault, list[str]], alice: Person, tmp_path: Path
) -> None:
    vault, ids = copy
    span = _span_of(vault, ids[0], alice, "Choe Myong-ok")  # masked elsewhere, not protected
    _decide(vault, ids[0], alice, review.Decision("reject", (review.span_id(span),)))
    _decide(vault, ids[0], alice, review.Decision("approve"))
    with pytest.raises(leak_gate.LeakError, match=r"excerpt 4 .*masked in another quote"):
        _export(vault, alice, ids[:1], tmp_path / "q.docx", fmt="docx")
    assert not (tmp_path / "q.docx").exists()


def test_undecided_and_unapproved_records_are_refused(
    copy: tuple[Vault, list[str]], alice: Person, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "require_intact", lambda vault: None)  # the log is edited below
    vault, ids = copy
    span = _span_of(vault, ids[0], alice, "Kim Bo-ram")
    _decide(vault, ids[0], alice, review.Decision("accept", (review.span_id(span),)))
    with pytest.raises(ExportError, match="is not approved") as late:
        _export(vault, alice, ids[:1], tmp_path / "q.md")
    assert "review approve" in late.value.hint
    log = redaction_log.load(vault, ids[1], alice.identity)
    assert log is not None
    log.spans[3] = log.spans[3].with_(status="proposed")
    redaction_log.save(vault, log)
    files = vault.sealed_file(log.record_id, "redaction.age")  # logged, as the runner does
    vault.log("analysis", NOW, alice.identity, log.record_id, files)
    with pytest.raises(ExportError, match="1 undecided spans"):
        _export(vault, alice, ids[1:2], tmp_path / "q.md")
    assert not (tmp_path / "q.md").exists()


def test_usage_refusals(reviewed: tuple[Path, list[str]], alice: Person, tmp_path: Path) -> None:
    vault, ids = _vault(reviewed)
    with pytest.raises(UsageError, match="--marker"):
        _export(vault, alice, ids[:1], tmp_path / "q.md", marker="{}")
    with pytest.raises(UsageError, match="does not exist"):
        _export(vault, alice, ids[:1], tmp_path / "missing" / "q.md")


def test_marker_is_configurable(
    reviewed: tuple[Path, list[str]], alice: Person, tmp_path: Path
) -> None:
    vault, ids = _vault(reviewed)
    result = _export(vault, alice, ids[:1], tmp_path / "q.md", marker="\u00ab{}\u00bb")
    assert result.quotes[0].text.startswith("My name is \u00abPerson")
    assert result.quotes[0].speaker.startswith("\u00abPerson")


# -- the gate on its own ---------------------------------------------------------------------

GATE_TABLE = PseudonymTable(
    entries={
        "PERSON:choe|myongok": {
            "label": "PERSON",
            "pseudonym": "[Person 5]",
            "surfaces": ["Choe Myong-ok", "Auntie Choe"],
            "records": ["r1"],
        },
        "ORGANIZATION:interviewtranscript": {
            "label": "ORGANIZATION",
            "pseudonym": "[Organisation 1]",
            "surfaces": ["INTERVIEW TRANSCRIPT"],
            "records": ["r1"],
        },
    }
)
NEEDLES = leak_gate.known_originals(GATE_TABLE, ["Kim Bo-ram", "Sinjon-ri"], ["Han Ji-woo"])
W = leak_gate.Window


@pytest.mark.parametrize(
    ("text", "windows", "released", "labels"),
    [
        ("nothing here", (), (), []),
        ("KIM\nBORAM wrote", (), (), ["PROTECTED TERM"]),  # a variant across a line break
        ("Gim Bo Ram and Sinjonri", (), (), ["PROTECTED TERM", "PROTECTED TERM"]),
        ("auntie choe said", (), (), ["PERSON"]),
        ("Han Jiwoo asked", (), (), ["PERSON"]),  # an interviewer, from the metadata
        ("Kim Bo-ram here", (W(0, 10, leak_gate.REJECTED, False),), (), ["PROTECTED TERM"]),
        ("Auntie Choe", (W(0, 11, leak_gate.REJECTED, False),), (), ["PERSON"]),
        ("Auntie Choe", (W(0, 11, leak_gate.REJECTED, False),), ("PERSON:choe|myongok",), []),
        ("INTERVIEW TRANSCRIPT", (W(0, 20, leak_gate.KEPT),), (), []),
        ("Kim Bo-ram", (W(0, 10, leak_gate.KEPT),), (), ["PROTECTED TERM"]),  # never kept whole
        ("Auntie Choe", (W(0, 11, leak_gate.REPLACED, True),), (), []),
        ("Auntie Choe", (W(0, 11, leak_gate.REPLACED, False),), (), ["PERSON"]),
        ("Auntie Choe!", (W(0, 6, leak_gate.REJECTED, False),), ("PERSON:choe|myongok",),
         ["PERSON"]),
    ],
)  # fmt: skip
def test_gate_table(
    text: str, windows: tuple[leak_gate.Window, ...], released: tuple[str, ...], labels: list[str]
) -> None:
    excerpt = leak_gate.GateExcerpt(1, text, windows)
    leaks = leak_gate.find_leaks(text, NEEDLES, [excerpt], released)
    assert [leak.label for leak in leaks] == labels


def test_gate_lets_a_mis_tagged_word_through_only_in_its_own_frame() -> None:
    table = PseudonymTable(
        entries={"ORGANIZATION:interview": {"label": "ORGANIZATION", "pseudonym": "[O 1]",
                                            "surfaces": ["Interview"], "records": ["r1"]}}
    )  # fmt: skip
    needles = leak_gate.known_originals(table, ["Kim Bo-ram"])
    text = "we had an Interview\n- [P], interview by an interviewer\nKim Bo-ram, interview by"
    excerpt = leak_gate.GateExcerpt(1, "we had an Interview")
    frame = ("interview by", "Kim Bo-ram, interview by")
    leaks = leak_gate.find_leaks(text, needles, [excerpt], (), frame)
    assert [(leak.excerpt, leak.original) for leak in leaks] == [
        (1, "Interview"),  # in the quote, written as the name: refused
        (None, "Kim Bo-ram"),  # a protected term is refused even in the frame
    ]


def test_gate_finds_a_name_split_across_docx_runs() -> None:
    from docx import Document

    document = Document()
    paragraph = document.add_paragraph("She was called Kim Bo")
    paragraph.add_run("-r")
    paragraph.add_run("am").bold = True
    document.add_table(rows=1, cols=1).cell(0, 0).text = "Sinjon-ri"
    import io

    buffer = io.BytesIO()
    document.save(buffer)
    text = export_formats.visible_text("docx", buffer.getvalue())
    assert [leak.original for leak in leak_gate.find_leaks(text, NEEDLES, [])] == [
        "Kim Bo-ram",
        "Sinjon-ri",
    ]


# -- reports ---------------------------------------------------------------------------------


def test_public_report_holds_no_original(
    reviewed: tuple[Path, list[str]], alice: Person, tmp_path: Path
) -> None:
    vault, ids = _vault(reviewed)
    out = tmp_path / "report.md"
    export.export_report(vault, alice.identity, ids[0], out, NOW)
    report = out.read_text(encoding="utf-8")
    _, log = export.load_approved(vault, ids[0], alice.identity)
    from redact.export.report import log_sha256

    assert log_sha256(log) in report and log.policy_sha256 in report
    assert alice.identity.recipient.fingerprint in report
    assert "| PERSON | pseudonymise |" in report and "| accepted |" in report
    for span in log.spans:
        assert not occurrences(report, span.text), span.label


def test_full_log_holds_originals_and_is_private(
    reviewed: tuple[Path, list[str]], alice: Person, tmp_path: Path
) -> None:
    vault, ids = _vault(reviewed)
    for fmt in ("md", "json"):
        out = tmp_path / f"log.{fmt}"
        export.export_log(vault, alice.identity, ids[0], out, fmt, NOW)
        assert out.stat().st_mode & 0o777 == 0o600
        assert "Kim Bo-ram" in out.read_text(encoding="utf-8")


# -- the command line (each call unlocks the identity: ~2.5 s) --------------------------------


def test_cli_exports_and_refuses(
    cli: CLI, copy: tuple[Vault, list[str]], alice: Person, tmp_path: Path
) -> None:
    vault, ids = copy
    env = {"TESTIMONY_IDENTITY": str(alice.key_file), "TESTIMONY_PASSPHRASE": PASSPHRASE}
    base = ("export", "quotes", "--vault", vault.root, "--record", "nk-2026-001")  # by its code
    done = cli(*base, "--all", "--format", "md", "--out", tmp_path / "q.md", env=env)
    assert done.code == 0, done.err
    assert done.out.strip() == str(tmp_path / "q.md") and "leak gate" in done.err
    before = (tmp_path / "q.md").read_bytes()
    again = cli(*base, "--all", "--out", tmp_path / "q.md", "--organisation", "NGO Y", env=env)
    assert_refused(again, code=2, message="exists; nothing was written", hint="--force")
    assert (tmp_path / "q.md").read_bytes() == before
    forced = cli(*base, "--all", "--out", tmp_path / "q.md", "--organisation", "NGO Y",
                 "--force", "--json", env=env)  # fmt: skip
    assert forced.code == 0, forced.err
    assert json.loads(forced.out) == {
        "out": str(tmp_path / "q.md"), "quotes": 12,
        "records": [{"id": ids[0], "code": "NK-2026-001"}],
    }  # fmt: skip
    assert "(NGO Y)" in (tmp_path / "q.md").read_text(encoding="utf-8")
    assert_refused(cli(*base, "--out", tmp_path / "x.md", env=env), code=2, message="--all")
    span = _span_of(vault, ids[0], alice, "Choe Myong-ok")  # masked elsewhere, not protected
    _decide(vault, ids[0], alice, review.Decision("reject", (review.span_id(span),)))
    _decide(vault, ids[0], alice, review.Decision("approve"))
    args = (*base, "--all", "--out", tmp_path / "x.md", "--show-originals")
    refused = cli(*args, env=env)
    assert "leak: excerpt 4 (record " in refused.err and "\u27e6Choe Myong-ok\u27e7" in refused.err
    plain = cli(*args[:-1], env=env)
    assert_refused(plain, message="excerpt 4 (record ", hint="--show-originals")
    assert "testimony review accept" in plain.err and len(plain.err.strip().splitlines()) == 2
    assert "Myong-ok" not in plain.err and not (tmp_path / "x.md").exists()
    log = cli("export", "log", "--vault", vault.root, "--record", ids[0][:6], "--out",
              tmp_path / "log.md", env=env)  # fmt: skip
    assert log.code == 0 and "identifying original text" in log.err


def test_cli_report_json_names_the_code(
    cli: CLI, reviewed: tuple[Path, list[str]], alice: Person, tmp_path: Path
) -> None:
    vault, ids = _vault(reviewed)
    env = {"TESTIMONY_IDENTITY": str(alice.key_file), "TESTIMONY_PASSPHRASE": PASSPHRASE}
    out = tmp_path / "report.md"
    done = cli("export", "report", "--vault", vault.root, "--record", "NK-2026-008", "--out",
               out, "--json", env=env)  # fmt: skip
    assert done.code == 0, done.err
    body = json.loads(done.out)
    _, log = export.load_approved(vault, ids[1], alice.identity)
    from redact.export.report import log_sha256

    assert body["record"] == ids[1] and body["code"] == "NK-2026-008"
    assert body["out"] == str(out) and body["log_sha256"] == log_sha256(log)
    assert body["spans"] == len(log.spans) == sum(body["by_status"].values())
    assert body["releases"] == [] and body["approved"] == NOW.date().isoformat()
    assert out.read_text(encoding="utf-8").startswith(
        f"# Redaction report: interview NK-2026-008 (record {ids[1][:8]})"
    )


# -- property: no accepted span's original reaches the export ---------------------------------

KNOWN = ("Kim Bo-ram", "Pak Chol-su", "Sinjon-ri", "Choe Myong-ok", "Hoeryong")
FILLER = ("the", "river", "was", "cold", "we", "walked", "at", "night", "and", "waited")


@st.composite
def approved_logs(draw: st.DrawFn) -> tuple[Record, RedactionLog]:
    pieces = draw(
        st.lists(
            st.one_of(st.sampled_from(FILLER), st.sampled_from(KNOWN)), min_size=1, max_size=40
        )
    )
    breaks = draw(st.lists(st.booleans(), min_size=len(pieces), max_size=len(pieces)))
    text, spans = "", []
    for piece, newline in zip(pieces, breaks, strict=True):
        if text:
            text += "\n" if newline else " "
        if piece in KNOWN:
            status = draw(st.sampled_from(("accepted", "edited", "rejected")))
            replacement = "[someone]" if status == "edited" else f"[Name {KNOWN.index(piece)}]"
            spans.append(
                Span(len(text), len(text) + len(piece), piece, "PERSON", 1.0, "test", "",
                     f"PERSON:{piece}", action="pseudonymise", replacement=replacement,
                     status=status)
            )  # fmt: skip
        text += piece
    record = Record(
        "r" * 20, "", "t.txt", "txt", "", "", text, (Segment(0, len(text)),), Metadata()
    )
    return record, RedactionLog(record.id, "", "", spans, [{"action": "approve"}])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(approved_logs(), st.sampled_from(export_formats.FORMATS))
def test_no_accepted_original_reaches_the_export(
    case: tuple[Record, RedactionLog], fmt: str
) -> None:
    record, log = case
    redacted = export.redact(record, log)
    quotes = [
        export_formats.Quote(n, "record r", "[Witness]", redacted.text[a:b], "\u2014 cite", a, b)
        for n, (a, b) in enumerate(export.units(redacted, witness_only=True), 1)
    ]
    shown = export_formats.visible_text(fmt, export_formats.render(fmt, quotes, "[{}]"))
    for name in KNOWN:
        mine = [s for s in log.spans if s.text == name]
        expected = sum(s.status == "rejected" for s in mine)
        assert occurrences(shown, name) == expected, (name, [s.status for s in mine])
