"""The workflow's parts of the local stack, added to `devstack.__main__` with three small hooks.

- **JWT authorizer.** Routes whose OpenAPI operation names a `jwt` authorizer (`/api/...`) are checked as API
  Gateway checks them: a `Bearer` token in the identity source header, RS256-signed by a key of the issuer's
  JWKS (fetched from the embedded user pool at `<endpoint>/<pool id>/.well-known/jwks.json`), `iss` equal
  to the authorizer's issuer, `client_id` (access tokens) or `aud` (id tokens) one of its audiences, `exp`
  in the future. Failing any: 401 `{"message":"Unauthorized"}` and the function is not invoked. Passing:
  the claims go to the function in `requestContext.authorizer.jwt.claims` as API Gateway passes them
  (every value a string; lists as `[a b]`).
- **Schedules.** Each `AWS::Events::Rule` with a `rate(...)` expression invokes its target function with
  an EventBridge "Scheduled Event", at the rate divided by `SLA_SPEEDUP` (with `SLA_SPEEDUP=60` the
  every-minute escalation sweep runs every second, like every SLA duration).
- **Settings.** `SLA_SPEEDUP` from the environment reaches the functions, and the ack links point at the
  local API (`ACK_BASE_URL=http://127.0.0.1:<API_PORT>`).
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from devstack.cfn import Stack
    from devstack.runtime import Runtime

logger = logging.getLogger("devstack.workflow")
Invoke = Callable[[str, dict[str, Any]], tuple[bool, Any]]
UNAUTHORIZED = {
    "statusCode": 401,
    "headers": {"Content-Type": "application/json", "WWW-Authenticate": "Bearer"},
    "body": '{"message":"Unauthorized"}',
}
_RATE = re.compile(r"^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$")
_UNIT_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}


# The developer's setting, read before the stack copies the template's variables (`SLA_SPEEDUP: "1"`) over it.
_REQUESTED_SPEEDUP = os.environ.get("SLA_SPEEDUP", "")
# `INCIDENT_ALERTS=per_ticket` alerts every ticket alone (the template's default is per incident).
_REQUESTED_INCIDENT_ALERTS = os.environ.get("INCIDENT_ALERTS", "")


def speedup() -> float:
    return float(_REQUESTED_SPEEDUP or 1)


def local_settings(environment: dict[str, str], api_url: str) -> dict[str, str]:
    """The variables the workflow's functions get locally on top of the template's."""
    overrides = {"ACK_BASE_URL": api_url}
    if _REQUESTED_SPEEDUP:
        overrides["SLA_SPEEDUP"] = _REQUESTED_SPEEDUP
    if _REQUESTED_INCIDENT_ALERTS:
        overrides["INCIDENT_ALERTS"] = _REQUESTED_INCIDENT_ALERTS
    environment.update(overrides)
    os.environ.update(overrides)
    return overrides


# ----------------------------------------------------------------------------------------- authorizer
@dataclass(frozen=True)
class JwtAuthorizer:
    name: str
    issuer: str
    audiences: tuple[str, ...]
    header: str  # the identity source header, lower case


def route_authorizers(stack: Stack) -> dict[str, JwtAuthorizer]:
    """Route key (`GET /api/tickets`) -> its JWT authorizer, from the expanded HTTP APIs' OpenAPI bodies."""
    found: dict[str, JwtAuthorizer] = {}
    for api in stack.resources_of("AWS::ApiGatewayV2::Api"):
        body = stack.resolve(stack.properties(api).get("Body") or {})
        schemes = (body.get("components") or {}).get("securitySchemes") or {}
        for path, operations in (body.get("paths") or {}).items():
            for method, operation in operations.items():
                if not isinstance(operation, dict):
                    continue
                for requirement in operation.get("security") or []:
                    for name in requirement:
                        config = (schemes.get(name) or {}).get("x-amazon-apigateway-authorizer") or {}
                        if config.get("type") != "jwt":
                            continue
                        jwt = config["jwtConfiguration"]
                        source = str(config.get("identitySource", "$request.header.Authorization"))
                        verb = "ANY" if method == "x-amazon-apigateway-any-method" else method.upper()
                        found[f"{verb} {path}"] = JwtAuthorizer(
                            name=name,
                            issuer=str(jwt["issuer"]),
                            audiences=tuple(str(a) for a in jwt.get("audience") or ()),
                            header=source.rpartition(".")[2].lower(),
                        )
    return found


class JwksCache:
    """Each issuer's keys, fetched once from the embedded endpoint (the pool id is the issuer's last part)."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint.rstrip("/")
        self._keys: dict[str, Any] = {}
        self._lock = threading.Lock()

    def keys(self, issuer: str) -> Any:
        from joserfc.jwk import KeySet

        with self._lock:
            if issuer not in self._keys:
                pool_id = issuer.rstrip("/").rpartition("/")[2]
                with urllib.request.urlopen(f"{self.endpoint}/{pool_id}/.well-known/jwks.json", timeout=5) as r:
                    self._keys[issuer] = KeySet.import_key_set(json.loads(r.read()))
            return self._keys[issuer]


def verify(token: str, authorizer: JwtAuthorizer, keys: Any, now: float | None = None) -> dict[str, Any] | None:
    """The token's claims if API Gateway's JWT authorizer would accept it, else None."""
    from joserfc import jwt
    from joserfc.errors import JoseError

    try:
        decoded = jwt.decode(token, keys, algorithms=["RS256"])
    except (JoseError, ValueError):
        return None
    claims = dict(decoded.claims)
    now = time.time() if now is None else now
    if claims.get("iss") != authorizer.issuer:
        return None
    if not isinstance(claims.get("exp"), int | float) or claims["exp"] <= now:
        return None
    if claims.get("nbf") is not None and claims["nbf"] > now:
        return None
    audiences = claims.get("aud") or claims.get("client_id")
    audiences = audiences if isinstance(audiences, list) else [audiences]
    if not set(audiences) & set(authorizer.audiences):
        return None
    return claims


def as_gateway_claims(claims: Mapping[str, Any]) -> dict[str, str]:
    """Claims as the HTTP API passes them to the integration: strings, lists as `[a b]`."""
    return {k: "[" + " ".join(str(x) for x in v) + "]" if isinstance(v, list) else str(v) for k, v in claims.items()}


def guard(stack: Stack, invoke: Invoke, endpoint: str) -> Invoke:
    """Wrap the local API's invoker so protected routes pass a JWT check first."""
    protected = route_authorizers(stack)
    jwks = JwksCache(endpoint)

    def checked(function: str, event: dict[str, Any]) -> tuple[bool, Any]:
        authorizer = protected.get(event.get("routeKey", ""))
        if authorizer is None:
            return invoke(function, event)
        header = (event.get("headers") or {}).get(authorizer.header, "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return True, UNAUTHORIZED
        claims = verify(token.strip(), authorizer, jwks.keys(authorizer.issuer))
        if claims is None:
            return True, UNAUTHORIZED
        event.setdefault("requestContext", {})["authorizer"] = {
            "jwt": {"claims": as_gateway_claims(claims), "scopes": None}
        }
        return invoke(function, event)

    return checked


# ----------------------------------------------------------------------------------------- schedules
def rate_seconds(expression: str) -> float | None:
    match = _RATE.match(expression.strip())
    if match is None:
        return None
    unit = match.group(2).rstrip("s")
    return int(match.group(1)) * _UNIT_SECONDS[unit]


def scheduled_event(rule_arn: str, region: str, account: str, now: datetime | None = None) -> dict[str, Any]:
    """The event EventBridge sends a scheduled rule's target."""
    now = now or datetime.now(UTC)
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": account,
        "time": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": region,
        "resources": [rule_arn],
        "detail": {},
    }


class ScheduleDriver:
    """Invokes each scheduled function at its rate (divided by `SLA_SPEEDUP`) until stopped."""

    def __init__(self, stack: Stack, runtimes: Mapping[str, Runtime]) -> None:
        self.jobs: list[tuple[str, str, float]] = []  # (rule, function, seconds)
        for rule in stack.resources_of("AWS::Events::Rule"):
            props = stack.properties(rule)
            seconds = rate_seconds(str(props.get("ScheduleExpression", "")))
            if seconds is None:
                continue
            for target in props.get("Targets") or []:
                arn = target.get("Arn")
                if isinstance(arn, dict) and "Fn::GetAtt" in arn:
                    function = arn["Fn::GetAtt"][0]
                    if function in runtimes:
                        self.jobs.append((rule, function, seconds / speedup()))
        self.stack = stack
        self.runtimes = runtimes
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for rule, function, seconds in self.jobs:
            thread = threading.Thread(target=self._run, args=(rule, function, seconds), daemon=True, name=rule)
            thread.start()
            self._threads.append(thread)

    def _run(self, rule: str, function: str, seconds: float) -> None:
        arn = self.stack.arn("events", f"rule/{rule}")
        while not self._stop.wait(seconds):
            event = scheduled_event(arn, self.stack.region, self.stack.account_id)
            invocation = self.runtimes[function].invoke(event, source=f"Schedule {rule}")
            if not invocation.ok:
                logger.warning("scheduled %s failed: %s", function, type(invocation.error).__name__)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads = []

    def describe(self) -> list[str]:
        return [f"  Schedule {rule} -> {function} every {seconds:g} s" for rule, function, seconds in self.jobs]
