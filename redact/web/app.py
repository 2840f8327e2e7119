"""The review page's routes. They parse, call :mod:`redact.review.decisions`, and render;
every change is one :func:`redact.review.decisions.record_decision` (atomic, encrypted,
signed, audited)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from intake.vault import Vault
from keys.errors import ReviewError, TestimonyError, VaultError
from keys.identity import Identity
from redact.detect.recognizers.base import LABELS
from redact.plan import redaction_log
from redact.plan.policy import Policy
from redact.plan.proposal import apply
from redact.review import decisions as review
from redact.web import view
from redact.web.guard import Guard, Settings

STATIC_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}
ACTIONS = ("accept", "reject", "edit", "add", "merge", "split", "approve")
_SPAN_ID = re.compile(r"^\d{1,9}-\d{1,9}$")
MAX_SPANS = 20_000


@dataclass
class Desk:
    """What one serving session works with: the vault, the unlocked reviewer, the policy."""

    vault: Vault
    identity: Identity
    policy: Policy
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    viewed: set[str] = field(default_factory=set)
    texts: dict[str, str] = field(default_factory=dict)  # sealed records never change

    logs: dict[str, tuple[tuple[int, int, int], redaction_log.RedactionLog]] = field(
        default_factory=dict
    )

    def log(self, record_id: str) -> redaction_log.RedactionLog | None:
        """The record's redaction log, decrypted again only when its file was replaced
        (every save is an atomic rename: a new inode)."""
        try:
            info = (self.vault.record_dir(record_id) / "redaction.age").stat()
        except FileNotFoundError:
            return None
        stamp = (info.st_ino, info.st_mtime_ns, info.st_size)
        cached = self.logs.get(record_id)
        if cached is None or cached[0] != stamp:
            found = redaction_log.load(self.vault, record_id, self.identity)
            if found is None:
                return None
            cached = self.logs[record_id] = (stamp, found)
        return cached[1]

    def text(self, record_id: str) -> str:
        if record_id not in self.texts:
            self.texts[record_id] = self.vault.record(record_id, self.identity).text
        return self.texts[record_id]


def _templates() -> jinja2.Environment:
    folder = resources.files("redact.web") / "templates"
    loader = jinja2.DictLoader(
        {
            p.name: p.read_text(encoding="utf-8")
            for p in folder.iterdir()
            if p.name.endswith(".html")
        }
    )
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(label_word=view.label_word, status_words=view.STATUS_WORDS)
    return env


def _static() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("redact.web") / "static"
    return {
        p.name: (p.read_bytes(), STATIC_TYPES[p.name[p.name.rfind(".") :]])
        for p in folder.iterdir()
        if p.name[p.name.rfind(".") :] in STATIC_TYPES
    }


def _error(error: TestimonyError) -> JSONResponse:
    status = 404 if isinstance(error, VaultError) and "no record" in error.message else 409
    body = {"error": error.message, "hint": error.hint}
    if isinstance(error, review.ProtectedTermError):
        body["needs_reason"] = True  # the page asks the reviewer why, then sends it again
    return JSONResponse(body, status_code=status)


def _decision(body: Any) -> review.Decision:
    """A Decision from the page's JSON, every field checked; ReviewError when malformed."""
    if not isinstance(body, dict) or body.get("action") not in ACTIONS:
        raise ReviewError("the page sent an unknown decision", "reload the page")
    spans = body.get("spans", [])
    if not isinstance(spans, list) or len(spans) > MAX_SPANS:
        raise ReviewError("the page sent a malformed span list", "reload the page")
    if not all(isinstance(s, str) and _SPAN_ID.match(s) for s in spans):
        raise ReviewError("the page sent a malformed span id", "reload the page")
    strings = {k: body.get(k) for k in ("entity", "replacement", "label", "reason")}
    numbers = {k: body.get(k) for k in ("start", "end")}
    if any(v is not None and (not isinstance(v, str) or len(v) > 500) for v in strings.values()):
        raise ReviewError("the page sent a malformed field", "reload the page")
    if any(v is not None and (type(v) is not int or v < 0) for v in numbers.values()):
        raise ReviewError("the page sent malformed offsets", "select the words again")
    if strings["label"] is not None and strings["label"] not in LABELS:
        raise ReviewError("unknown entity type", "choose a type from the list")
    return review.Decision(
        body["action"],
        tuple(spans),
        strings["entity"] or None,
        strings["replacement"],
        numbers["start"],
        numbers["end"],
        strings["label"],
        strings["reason"],
    )


def create_app(
    vault: Vault,
    identity: Identity,
    policy: Policy,
    settings: Settings,
    clock: Callable[[], datetime] | None = None,
) -> Guard:
    """The review app for one vault and one unlocked reviewer, behind its :class:`Guard`."""
    desk = Desk(vault, identity, policy, clock or (lambda: datetime.now(UTC)))
    templates = _templates()
    static = _static()

    def html(name: str, request: Request, **context: Any) -> HTMLResponse:
        page = templates.get_template(name).render(
            csrf=request.scope["state"]["csrf"], reviewer=identity, **context
        )
        return HTMLResponse(page)

    def load(record_id: str) -> tuple[redaction_log.RedactionLog, str]:
        vault.record_dir(record_id)
        log = desk.log(record_id)
        if log is None:
            raise redaction_log.not_analysed(vault, record_id)
        return log, desk.text(record_id)

    def queue(request: Request) -> Response:
        rows = []
        for record_id in vault.record_ids():
            info = vault.summary(record_id, identity)
            log = redaction_log.load(vault, record_id, identity)
            rows.append(
                {
                    "id": record_id,
                    "info": info,
                    **review.summary(log),
                    **(view.progress(log) if log else {}),
                }
            )
        return html("queue.html", request, rows=rows)

    def record_page(request: Request) -> Response:
        record_id = request.path_params["record_id"]
        try:
            log, text = load(record_id)
        except TestimonyError as error:
            return html("problem.html", request, error=error)
        if record_id not in desk.viewed:  # like `intake show`: reading testimony is audited
            vault.log("view", desk.clock(), identity, record_id)
            desk.viewed.add(record_id)
        pieces, aside = view.layout(text, log.spans)
        ids = vault.record_ids()
        at = ids.index(record_id)
        return html(
            "record.html",
            request,
            record_id=record_id,
            info=vault.summary(record_id, identity),
            pieces=pieces,
            aside=aside,
            latest=view.last_decisions(log),
            who=view.who,
            why=view.why,
            span_id=review.span_id,
            progress=view.progress(log),
            preview=apply(text, log.spans),
            events=view.event_rows(log),
            labels=view.LABEL_CHOICES,
            quasi=view.QUASI_CHOICES,
            previous=ids[at - 1] if at > 0 else None,
            following=ids[at + 1] if at + 1 < len(ids) else None,
        )

    def record_state(request: Request) -> Response:
        try:
            log, text = load(request.path_params["record_id"])
        except TestimonyError as error:
            return _error(error)
        return JSONResponse(view.state(log, text))

    async def decide(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        try:
            body = json.loads(await request.body())
        except (ValueError, RecursionError):  # RecursionError: absurdly nested JSON
            return JSONResponse({"error": "the page sent malformed JSON"}, status_code=400)
        if not isinstance(body, dict):
            return JSONResponse({"error": "a decision is a JSON object"}, status_code=400)
        return await run_in_threadpool(_decide, request.path_params["record_id"], body)

    def _decide(record_id: str, body: Any) -> Response:
        try:
            decision = _decision(body)
            if decision.action == "add":
                _check_selection(record_id, body.get("text"), decision)
            log = review.record_decision(vault, record_id, decision, identity, desk.clock(), policy)
            return JSONResponse(view.state(log, desk.text(record_id)))
        except TestimonyError as error:
            return _error(error)

    def _check_selection(record_id: str, words: Any, decision: review.Decision) -> None:
        """The page sends the words it saw beside the offsets: both must agree."""
        text = desk.text(record_id)
        if not isinstance(words, str) or text[decision.start : decision.end] != words:
            raise ReviewError(
                "the selected words do not match the record at those offsets",
                "reload the page and select the words again",
            )

    def asset(request: Request) -> Response:
        found = static.get(request.path_params["name"])
        if found is None:
            return Response("not found", status_code=404, media_type="text/plain")
        return Response(found[0], media_type=found[1])

    app = Starlette(
        routes=[
            Route("/", queue),
            Route("/record/{record_id}", record_page),
            Route("/api/record/{record_id}", record_state),
            Route("/api/record/{record_id}/decide", decide, methods=["POST"]),
            Route("/static/{name}", asset),
        ]
    )
    return Guard(app, settings)
