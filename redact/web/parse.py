"""What the page sends, checked field by field before anything reaches the library, and the
library's refusals turned into JSON answers (message and hint, never testimony text)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from keys.errors import ReviewError, TestimonyError, VaultError
from redact.detect.recognizers.base import LABELS
from redact.review import bulk
from redact.review import decisions as review

ACTIONS = ("accept", "reject", "edit", "add", "merge", "split", "approve", "undo")
SPAN_ID = re.compile(r"^\d{1,9}-\d{1,9}$")
RECORD_ID = re.compile(r"^[0-9a-z]{1,64}$")
MAX_SPANS = 20_000
MAX_FIELD = 500


class Malformed(Exception):
    """The body is not JSON, or not a JSON object: answered 400."""


async def body_of(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except (ValueError, RecursionError) as error:  # RecursionError: absurdly nested JSON
        raise Malformed("the page sent malformed JSON") from error
    if not isinstance(body, dict):
        raise Malformed("a decision is a JSON object")
    return body


def malformed(error: Malformed) -> JSONResponse:
    return JSONResponse({"error": str(error)}, status_code=400)


def refusal(error: TestimonyError) -> JSONResponse:
    status = 404 if isinstance(error, VaultError) and "no record" in error.message else 409
    body: dict[str, Any] = {"error": error.message, "hint": error.hint}
    if isinstance(error, review.ProtectedTermError):
        body["needs_reason"] = True  # the page asks the reviewer why, then sends it again
    return JSONResponse(body, status_code=status)


def _string(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is not None and (not isinstance(value, str) or len(value) > MAX_FIELD):
        raise ReviewError("the page sent a malformed field", "reload the page")
    return value


def _number(body: dict[str, Any], key: str) -> int | None:
    value = body.get(key)
    if value is not None and (type(value) is not int or value < 0):
        raise ReviewError("the page sent malformed offsets", "select the words again")
    return value


def decision(body: dict[str, Any]) -> review.Decision:
    """A Decision from the page's JSON, every field checked; ReviewError when malformed."""
    if body.get("action") not in ACTIONS:
        raise ReviewError("the page sent an unknown decision", "reload the page")
    spans = body.get("spans", [])
    if not isinstance(spans, list) or len(spans) > MAX_SPANS:
        raise ReviewError("the page sent a malformed span list", "reload the page")
    if not all(isinstance(s, str) and SPAN_ID.match(s) for s in spans):
        raise ReviewError("the page sent a malformed span id", "reload the page")
    label = _string(body, "label")
    if label is not None and label not in LABELS:
        raise ReviewError("unknown entity type", "choose a type from the list")
    return review.Decision(
        body["action"],
        tuple(spans),
        _string(body, "entity") or None,
        _string(body, "replacement"),
        _number(body, "start"),
        _number(body, "end"),
        label,
        _string(body, "reason"),
        _number(body, "event"),
    )


@dataclass(frozen=True)
class Everywhere:
    """A decision on every mention of an entity, with the counts the reviewer was shown."""

    action: str
    entity: str
    expected: dict[str, int]
    reason: str | None


def entity(body: dict[str, Any]) -> str:
    key = _string(body, "entity")
    if not key:
        raise ReviewError("the page sent no entity", "choose a highlighted word first")
    return key


def everywhere(body: dict[str, Any]) -> Everywhere:
    action = body.get("action")
    if action not in bulk.ACROSS:
        raise ReviewError("the page sent an unknown decision", "reload the page")
    expected = body.get("expect")
    if not isinstance(expected, dict) or not 0 < len(expected) <= MAX_SPANS:
        raise ReviewError("the page sent no counts", "look at the count again, then decide")
    for record_id, count in expected.items():
        if not RECORD_ID.match(record_id) or type(count) is not int or count < 1:
            raise ReviewError("the page sent malformed counts", "reload the page")
    return Everywhere(str(action), entity(body), dict(expected), _string(body, "reason"))
