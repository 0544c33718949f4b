"""`/api/parity` (JSON or CSV) and `/api/channels/health`: the proof that every report is answered, and the
channels' health, for the console's overview. `pimpinan` and `piket` only (the figures name units).

- `GET /api/parity` (`&format=csv`; `GET /api/parity.csv` is the same as CSV): the rolling 30-day report the
  daily function stored (one read; `computed_at`, `source: "stored"`); 404 `not_computed` before its first
  run (locally `make parity` runs it).
- `GET /api/parity?from=<iso>&to=<iso>` (either; `&resamples=` `&seed=` too): computed for that period on
  request (`source: "live"`), at most 31 days and 2,000 resamples: it reads every ticket of the period.
- `GET /api/channels/health`: per channel, its last delivery, rhythm now, and each watchdog check's state.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from aduan.api import services
from aduan.api.errors import BadRequest, json_response
from aduan.domain.access import Principal
from aduan.domain.parity import DEFAULT_RESAMPLES, DEFAULT_SEED
from aduan.domain.workflow import Forbidden, NotFound

if TYPE_CHECKING:
    from aduan.adapters.parity_store import ParityStore
    from aduan.services.parity import ParityService
    from aduan.services.watchdog import Watchdog

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
READERS = frozenset({"pimpinan", "piket"})
DEFAULT_DAYS = 30
MAX_DAYS = 31  # a period computed on request (the stored report needs no bound)
MAX_RESAMPLES = 2000
LIVE_PARAMETERS = ("from", "to", "resamples", "seed")


@cache
def parity_store() -> ParityStore:
    from aduan.adapters.parity_store import ParityStore

    return ParityStore(_table_name())


@cache
def parity_service() -> ParityService:
    from aduan.services.parity import ParityService

    return ParityService(parity_store())


@cache
def watchdog_service() -> Watchdog:
    from aduan.services import watchdog

    return watchdog.from_environment()


def _table_name() -> str:
    name = os.environ.get("TABLE_NAME", "")
    if not name:
        raise RuntimeError("environment variable TABLE_NAME is not set (see template.yaml)")
    return name


def reset() -> None:
    parity_store.cache_clear()
    parity_service.cache_clear()
    watchdog_service.cache_clear()


def _reader() -> Principal:
    # The account gate first (a disabled officer's unexpired token, MFA for its groups), then the groups.
    who = services.caller(router.current_event.request_context.authorizer.jwt_claim)
    if not who.groups & READERS:
        raise Forbidden("Laporan paritas hanya untuk pimpinan dan piket", code="forbidden")
    return who


def _when(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(f"Parameter {name} bukan waktu ISO 8601", code="invalid_query") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _int(value: str | None, name: str, default: int, low: int, high: int) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise BadRequest(f"Parameter {name} harus bilangan bulat", code="invalid_query") from None
    if not low <= number <= high:
        raise BadRequest(f"Parameter {name} harus antara {low} dan {high}", code="invalid_query")
    return number


def _csv(body: str, start: datetime, end: datetime) -> Response[str]:
    name = f"paritas-{start.date().isoformat()}-{end.date().isoformat()}.csv"
    return Response(
        status_code=200,
        content_type="text/csv; charset=utf-8",
        body=body,
        headers={"Cache-Control": "no-store", "Content-Disposition": f'attachment; filename="{name}"'},
    )


def _report(fmt: str | None) -> Response[str]:
    _reader()
    query: dict[str, str] = router.current_event.query_string_parameters or {}
    fmt = fmt or query.get("format") or "json"
    if fmt not in ("json", "csv"):
        raise BadRequest("Parameter format harus json atau csv", code="invalid_query")
    if not any(query.get(name) for name in LIVE_PARAMETERS):
        return _stored(fmt)
    end = _when(query.get("to"), "to") or datetime.now(UTC)
    start = _when(query.get("from"), "from") or end - timedelta(days=DEFAULT_DAYS)
    if start >= end:
        raise BadRequest("Parameter from harus sebelum to", code="invalid_query")
    if end - start > timedelta(days=MAX_DAYS):
        raise BadRequest(f"Periode paling lama {MAX_DAYS} hari", code="invalid_query")
    resamples = _int(query.get("resamples"), "resamples", DEFAULT_RESAMPLES, 100, MAX_RESAMPLES)
    seed = _int(query.get("seed"), "seed", DEFAULT_SEED, 0, 2**31)
    report = parity_service().report(start, end, resamples=resamples, seed=seed)
    if fmt == "csv":
        return _csv(report.csv(), start, end)
    return json_response(200, {**report.to_dict(), "source": "live"})


def _stored(fmt: str) -> Response[str]:
    stored = parity_store().latest()
    if stored is None:
        raise NotFound(
            "Laporan paritas 30 hari belum dihitung (fungsi hariannya belum berjalan); "
            "minta periode tertentu dengan parameter from dan to",
            code="not_computed",
        )
    if fmt == "csv":
        return _csv(stored.csv, stored.period_start, stored.period_end)
    body = {**stored.document, "computed_at": stored.computed_at.isoformat(), "source": "stored"}
    return json_response(200, body)


@router.get("/parity")
def parity_report() -> Response[str]:
    return _report(None)


@router.get("/parity.csv")
def parity_csv() -> Response[str]:
    return _report("csv")


@router.get("/channels/health")
def channels_health() -> Response[str]:
    _reader()
    body: dict[str, Any] = watchdog_service().health()
    return json_response(200, body)
