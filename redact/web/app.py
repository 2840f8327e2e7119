"""The review page's routes. They parse (:mod:`redact.web.parse`), call
:mod:`redact.review.decisions` or :mod:`redact.review.bulk`, and render; every change is one
:func:`redact.review.decisions.record_decision` per record (atomic, encrypted, signed, audited).

Entity keys hold names, so they travel only in POST bodies, never in an address (an address
lands in the browser's history, on disk)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from importlib import resources
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from intake.vault import Vault
from keys.errors import ReviewError, TestimonyError
from keys.identity import Identity
from redact.plan.policy import Policy
from redact.plan.proposal import apply
from redact.plan.redaction_log import RedactionLog
from redact.review import bulk
from redact.review import decisions as review
from redact.web import parse, view
from redact.web.desk import Desk, utc_now
from redact.web.guard import Guard, Settings

STATIC_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}


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
    env.globals.update(
        label_word=view.label_word,
        state_word=view.state_word,
        shown=view.shown_replacement,
        who=view.who,
        why=view.why,
        explain=view.explain,
        span_id=review.span_id,
    )
    return env


def _static() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("redact.web") / "static"
    return {
        p.name: (p.read_bytes(), STATIC_TYPES[p.name[p.name.rfind(".") :]])
        for p in folder.iterdir()
        if p.name[p.name.rfind(".") :] in STATIC_TYPES
    }


class Pages:
    """The routes of one serving session."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.templates = _templates()
        self.static = _static()

    def html(self, name: str, request: Request, **context: Any) -> HTMLResponse:
        page = self.templates.get_template(name).render(
            csrf=request.scope["state"]["csrf"], reviewer=self.desk.identity, **context
        )
        return HTMLResponse(page)

    def queue(self, request: Request) -> Response:
        vault, rows = self.desk.vault, []
        for record_id in vault.record_ids():
            log = self.desk.log(record_id)
            rows.append(
                {
                    "id": record_id,
                    "info": vault.summary(record_id, self.desk.identity),
                    **review.summary(log),
                    **(view.progress(log) if log else {}),
                }
            )
        return self.html("queue.html", request, rows=rows)

    def record_page(self, request: Request) -> Response:
        desk, record_id = self.desk, request.path_params["record_id"]
        try:
            log, text = desk.require(record_id), desk.text(record_id)
        except TestimonyError as error:
            return self.html("problem.html", request, error=error)
        if record_id not in desk.viewed:  # like `intake show`: reading testimony is audited
            desk.vault.log("view", desk.clock(), desk.identity, record_id)
            desk.viewed.add(record_id)
        return self.html("record.html", request, **self._record_context(record_id, log, text))

    def _record_context(self, record_id: str, log: RedactionLog, text: str) -> dict[str, Any]:
        pieces, aside = view.layout(text, log.spans)
        ids = self.desk.vault.record_ids()
        at = ids.index(record_id)
        return {
            "record_id": record_id,
            "info": self.desk.vault.summary(record_id, self.desk.identity),
            "pieces": pieces,
            "aside": aside,
            "latest": view.last_decisions(log),
            "progress": view.progress(log),
            "preview": apply(text, log.spans),
            "events": view.event_rows(log),
            "undo": view.undo_offer(log),
            "labels": view.LABEL_CHOICES,
            "quasi": view.QUASI_CHOICES,
            "types": sorted({(s.label, view.label_word(s.label)) for s in log.spans}),
            "statuses": view.STATUS_CHOICES,
            "recognizers": view.recognizer_choices(log.spans),
            "previous": ids[at - 1] if at > 0 else None,
            "following": ids[at + 1] if at + 1 < len(ids) else None,
        }

    def record_state(self, request: Request) -> Response:
        record_id = request.path_params["record_id"]
        try:
            return JSONResponse(view.state(self.desk.require(record_id), self.desk.text(record_id)))
        except TestimonyError as error:
            return parse.refusal(error)

    async def decide(self, request: Request) -> Response:
        try:
            body = await parse.body_of(request)
        except parse.Malformed as error:
            return parse.malformed(error)
        return await run_in_threadpool(self._decide, request.path_params["record_id"], body)

    def _decide(self, record_id: str, body: dict[str, Any]) -> Response:
        desk = self.desk
        try:
            decision = parse.decision(body)
            if decision.action == "add":
                self._check_selection(record_id, body.get("text"), decision)
            log = review.record_decision(
                desk.vault, record_id, decision, desk.identity, desk.clock(), desk.policy
            )
            return JSONResponse(view.state(log, desk.text(record_id)))
        except TestimonyError as error:
            return parse.refusal(error)

    def _check_selection(self, record_id: str, words: Any, decision: review.Decision) -> None:
        """The page sends the words it saw beside the offsets: both must agree."""
        text = self.desk.text(record_id)
        if not isinstance(words, str) or text[decision.start : decision.end] != words:
            raise ReviewError(
                "the selected words do not match the record at those offsets",
                "reload the page and select the words again",
            )

    async def mentions(self, request: Request) -> Response:
        """Every record that mentions an entity, with counts: shown before anything changes."""
        try:
            body = await parse.body_of(request)
        except parse.Malformed as error:
            return parse.malformed(error)
        return await run_in_threadpool(self._mentions, body)

    def _mentions(self, body: dict[str, Any]) -> Response:
        desk = self.desk
        try:
            found = bulk.mentions(desk.vault, desk.identity, parse.entity(body), desk.log)
            rows = [
                {
                    "record": m.record_id,
                    "code": desk.summary(m.record_id).get("code") or m.record_id[:8],
                    "total": m.total,
                    "open": m.open,
                    "approved": m.approved,
                }
                for m in found
            ]
        except TestimonyError as error:
            return parse.refusal(error)
        return JSONResponse({"records": rows})

    async def everywhere(self, request: Request) -> Response:
        try:
            body = await parse.body_of(request)
        except parse.Malformed as error:
            return parse.malformed(error)
        return await run_in_threadpool(self._everywhere, body)

    def _everywhere(self, body: dict[str, Any]) -> Response:
        desk = self.desk
        try:
            asked = parse.everywhere(body)
            decided = bulk.decide_everywhere(
                desk.vault,
                desk.identity,
                asked.entity,
                asked.action,
                asked.expected,
                desk.clock(),
                desk.policy,
                asked.reason,
                desk.log,
            )
        except TestimonyError as error:
            return parse.refusal(error)
        return JSONResponse({"records": decided})

    def asset(self, request: Request) -> Response:
        found = self.static.get(request.path_params["name"])
        if found is None:
            return Response("not found", status_code=404, media_type="text/plain")
        return Response(found[0], media_type=found[1])

    def routes(self) -> list[Route]:
        return [
            Route("/", self.queue),
            Route("/record/{record_id}", self.record_page),
            Route("/api/record/{record_id}", self.record_state),
            Route("/api/record/{record_id}/decide", self.decide, methods=["POST"]),
            Route("/api/entity/mentions", self.mentions, methods=["POST"]),
            Route("/api/entity/decide", self.everywhere, methods=["POST"]),
            Route("/static/{name}", self.asset),
        ]


def create_app(
    vault: Vault,
    identity: Identity,
    policy: Policy,
    settings: Settings,
    clock: Callable[[], datetime] | None = None,
) -> Guard:
    """The review app for one vault and one unlocked reviewer, behind its :class:`Guard`."""
    pages = Pages(Desk(vault, identity, policy, clock or utc_now))
    return Guard(Starlette(routes=pages.routes()), settings)
