"""Every error of the officer API mapped to a response in one table: a status, a machine-readable `code` and
an officer-facing `message` (Bahasa Indonesia). Exception text and stack traces never reach a caller."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.event_handler import Response
from pydantic import ValidationError

from aduan.domain.workflow import Forbidden, IllegalTransition, NotFound, WorkflowError
from aduan.errors import ConcurrentUpdate, InvalidPayload, StorageUnavailable


class Unauthorized(WorkflowError):
    code = "unauthorized"


class BadRequest(WorkflowError):
    code = "bad_request"


# (exception type, HTTP status), most specific first.
ERROR_STATUS: tuple[tuple[type[Exception], int], ...] = (
    (Unauthorized, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (IllegalTransition, 409),
    (BadRequest, 400),
    (WorkflowError, 400),
    (InvalidPayload, 400),  # a filed report the ingest can never store
    (ConcurrentUpdate, 503),
    (StorageUnavailable, 503),
)


def json_response(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response[str]:
    return Response(
        status_code=status,
        content_type="application/json",
        body=json.dumps(body, ensure_ascii=False),
        headers={"Cache-Control": "no-store", **(headers or {})},
    )


def error_response(exc: Exception) -> Response[str]:
    if isinstance(exc, ValidationError):
        return validation_response(exc)
    for kind, status in ERROR_STATUS:
        if isinstance(exc, kind):
            if isinstance(exc, WorkflowError):
                body: dict[str, Any] = {"error": exc.code, "message": exc.message}
                if exc.details:
                    body["details"] = exc.details
            elif isinstance(exc, InvalidPayload):
                body = {"error": "unstorable_report", "message": "Laporan tidak dapat disimpan"}
            else:
                body = {"error": "unavailable", "message": "Layanan sedang sibuk, coba lagi"}
            headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
            return json_response(status, body, headers)
    raise exc


def validation_response(exc: ValidationError) -> Response[str]:
    """400 naming each field that failed, never quoting what was sent."""
    fields = [
        {"field": ".".join(str(p) for p in error["loc"]) or "body", "problem": error["type"], "message": error["msg"]}
        for error in exc.errors(include_input=False, include_url=False, include_context=False)
    ]
    return json_response(
        400,
        {
            "error": "invalid_body",
            "message": "Isian tidak valid: " + ", ".join(f["field"] for f in fields),
            "fields": fields,
        },
    )
