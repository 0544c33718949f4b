"""The template's HTTP API routes served locally, with API Gateway HTTP API payload v2.0 events.

Route selection follows API Gateway: the most specific route wins (literal segments before ``{param}``
before ``{proxy+}``; a route's own method before ``ANY``; ``$default`` last). Unknown routes answer 404
``{"message":"Not Found"}``; a handler exception answers 500 ``{"message":"Internal Server Error"}`` with the
traceback in the stack's log, as API Gateway does.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote

from devstack import ACCOUNT_ID
from devstack.cfn import HttpRoute

logger = logging.getLogger("devstack.api")

#: HTTP API's payload limit.
MAX_BODY_BYTES = 10 * 1024 * 1024

_TEXT_TYPES = (
    "application/json",
    "application/xml",
    "application/javascript",
    "application/x-www-form-urlencoded",
    "application/yaml",
    "application/x-yaml",
)


@dataclass(frozen=True)
class RouteMatch:
    """A request matched to a route, with its path parameters."""

    route: HttpRoute
    path_parameters: dict[str, str]


@dataclass(frozen=True)
class HttpResponse:
    """What goes back to the HTTP client."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


class _CompiledRoute:
    def __init__(self, route: HttpRoute) -> None:
        self.route = route
        self.names: list[str] = []
        if route.path == "$default":
            self.regex = None
            self.rank: tuple[int, ...] = (3, 0, 0, 0)
            return
        parts = []
        literal = params = greedy = 0
        for segment in route.path.strip("/").split("/") if route.path != "/" else []:
            if segment.startswith("{") and segment.endswith("+}"):
                self.names.append(segment[1:-2])
                parts.append("(.+)")
                greedy += 1
            elif segment.startswith("{") and segment.endswith("}"):
                self.names.append(segment[1:-1])
                parts.append("([^/]+)")
                params += 1
            else:
                parts.append(re.escape(segment))
                literal += 1
        self.regex = re.compile("^/" + "/".join(parts) + "$")
        # Lower sorts first: no greedy, more literal segments, fewer params, a concrete method.
        self.rank = (greedy, -literal, params, 1 if route.method == "ANY" else 0)

    def match(self, method: str, path: str) -> dict[str, str] | None:
        if self.regex is None:
            return {}
        if self.route.method not in ("ANY", method):
            return None
        found = self.regex.match(path)
        if found is None:
            return None
        return {name: unquote(value) for name, value in zip(self.names, found.groups(), strict=True)}


class Router:
    """Selects the route for a request as API Gateway HTTP APIs do."""

    def __init__(self, routes: Iterable[HttpRoute]) -> None:
        compiled = [_CompiledRoute(route) for route in routes]
        keys = [c.route.route_key for c in compiled]
        duplicates = {key for key in keys if keys.count(key) > 1}
        if duplicates:
            raise ValueError(f"routes declared twice: {sorted(duplicates)}")
        self._routes = sorted(compiled, key=lambda c: c.rank)

    @property
    def routes(self) -> list[HttpRoute]:
        """The routes, most specific first."""
        return [c.route for c in self._routes]

    def match(self, method: str, path: str) -> RouteMatch | None:
        """The route for ``method path``, or None (404)."""
        for compiled in self._routes:
            params = compiled.match(method.upper(), path)
            if params is not None:
                return RouteMatch(compiled.route, params)
        return None


def is_text_content(content_type: str | None) -> bool:
    """Whether HTTP API passes a body of this content type as text (otherwise base64)."""
    if not content_type:
        return True
    media = content_type.split(";")[0].strip().lower()
    return media.startswith("text/") or media in _TEXT_TYPES or media.endswith("+json") or media.endswith("+xml")


def build_http_event(
    *,
    method: str,
    raw_path: str,
    raw_query: str,
    headers: Sequence[tuple[str, str]],
    body: bytes,
    match: RouteMatch,
    source_ip: str = "127.0.0.1",
    request_id: str | None = None,
    now: datetime | None = None,
    account_id: str = ACCOUNT_ID,
) -> dict[str, Any]:
    """Build the API Gateway HTTP API (payload format 2.0) event for one request, as AWS does."""
    now = now or datetime.now(UTC)
    request_id = request_id or _request_id()
    joined: dict[str, str] = {}
    cookies: list[str] = []
    for name, value in headers:
        key = name.lower()
        if key == "cookie":
            cookies.extend(part.strip() for part in value.split(";") if part.strip())
            continue
        joined[key] = f"{joined[key]},{value}" if key in joined else value
    api_id = match.route.api_id
    domain = joined.get("host", f"{api_id}.execute-api.localhost")
    # Headers API Gateway adds on the way to the integration.
    forwarded_for = joined.get("x-forwarded-for")
    joined["x-forwarded-for"] = f"{forwarded_for}, {source_ip}" if forwarded_for else source_ip
    joined.setdefault("x-forwarded-port", domain.rpartition(":")[2] if ":" in domain else "80")
    joined.setdefault("x-forwarded-proto", "http")
    joined.setdefault("x-amzn-trace-id", f"Root=1-{int(now.timestamp()):08x}-{_digest(request_id, 24)}")
    route_key = match.route.route_key
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": raw_path,
        "rawQueryString": raw_query,
    }
    if cookies:
        event["cookies"] = cookies
    event["headers"] = joined
    if raw_query:
        params: dict[str, str] = {}
        for key, value in parse_qsl(raw_query, keep_blank_values=True):
            params[key] = f"{params[key]},{value}" if key in params else value
        event["queryStringParameters"] = params
    event["requestContext"] = {
        "accountId": account_id,
        "apiId": api_id,
        "domainName": domain,
        "domainPrefix": domain.split(".")[0],
        "http": {
            "method": method.upper(),
            "path": raw_path,
            "protocol": "HTTP/1.1",
            "sourceIp": source_ip,
            "userAgent": joined.get("user-agent", ""),
        },
        "requestId": request_id,
        "routeKey": route_key,
        "stage": "$default",
        "time": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
        "timeEpoch": int(now.timestamp() * 1000),
    }
    if match.path_parameters:
        event["pathParameters"] = dict(match.path_parameters)
    text = _as_text(body) if body and is_text_content(joined.get("content-type")) else None
    if text is not None:
        event["body"] = text
        event["isBase64Encoded"] = False
    elif body:
        # Binary content types, and a text type whose bytes are not UTF-8, travel base64-encoded (as on
        # API Gateway), so the function sees the exact bytes that were sent (and signed).
        event["body"] = base64.b64encode(body).decode("ascii")
        event["isBase64Encoded"] = True
    else:
        event["isBase64Encoded"] = False
    return event


def _as_text(body: bytes) -> str | None:
    """The body as text when it is valid UTF-8 (lone surrogates included: they are not), else None."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _digest(text: str, length: int) -> str:
    """A deterministic hex id derived from ``text`` (so events built with a fixed request id are stable)."""
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def _request_id() -> str:
    """An id shaped like API Gateway's (e.g. ``JKJaXmPLvHcESHA=``)."""
    return base64.b64encode(uuid.uuid4().bytes[:10]).decode("ascii")


def map_response(result: Any) -> HttpResponse:
    """Map a handler's return value to the HTTP response, as HTTP API payload 2.0 does.

    A dict with ``statusCode`` is used as is (``multiValueHeaders`` is ignored: format 2.0 has none); any other
    value becomes a 200 ``application/json`` response whose body is the value serialised.
    """
    if isinstance(result, Mapping) and "statusCode" in result:
        status = int(result["statusCode"])
        headers = [(str(k), str(v)) for k, v in (result.get("headers") or {}).items()]
        headers.extend(("Set-Cookie", str(cookie)) for cookie in result.get("cookies") or [])
        raw = result.get("body")
        if raw is None:
            body = b""
        elif result.get("isBase64Encoded"):
            body = base64.b64decode(str(raw))
        else:
            body = str(raw).encode("utf-8")
        return HttpResponse(status, headers, body)
    return HttpResponse(200, [("Content-Type", "application/json")], json.dumps(result).encode("utf-8"))


def error_response(status: int, message: str) -> HttpResponse:
    """An API Gateway-style JSON error (``{"message": ...}``)."""
    body = json.dumps({"message": message}, separators=(",", ":")).encode()
    return HttpResponse(status, [("Content-Type", "application/json")], body)


class _Server(ThreadingHTTPServer):
    """One thread per connection; a listen backlog deep enough for a burst of webhook calls (default 5)."""

    request_queue_size = 1024
    daemon_threads = True


#: ``invoke(function_logical_id, event) -> (ok, result)``
Invoker = Callable[[str, dict[str, Any]], tuple[bool, Any]]


class ApiServer:
    """A threading HTTP server that turns requests into v2.0 events for the routed function."""

    def __init__(self, routes: Iterable[HttpRoute], invoke: Invoker, *, host: str = "127.0.0.1", port: int = 3000):
        self.router = Router(routes)
        self.invoke = invoke
        handler_class = type("BoundHandler", (_RequestHandler,), {"api": self})
        self.httpd = _Server((host, port), handler_class)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:3000``."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> None:
        """Serve in a daemon thread."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="devstack-api", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def handle(
        self, method: str, target: str, headers: Sequence[tuple[str, str]], body: bytes, source_ip: str
    ) -> HttpResponse:
        """Route one request and invoke its function."""
        raw_path, _, raw_query = target.partition("?")
        if raw_path.startswith("/_local/"):  # the local stack's own routes, e.g. GET /_local/outbox
            from devstack import local_routes

            return local_routes.handle(method, raw_path) or error_response(404, "Not Found")
        match = self.router.match(method, raw_path)
        if match is None:
            return error_response(404, "Not Found")
        event = build_http_event(
            method=method,
            raw_path=raw_path,
            raw_query=raw_query,
            headers=headers,
            body=body,
            match=match,
            source_ip=source_ip,
        )
        ok, result = self.invoke(match.route.function, event)
        if not ok:
            return error_response(500, "Internal Server Error")
        try:
            return map_response(result)
        except (TypeError, ValueError) as error:
            logger.error("%s returned a response HTTP API cannot map (%s): %r", match.route.function, error, result)
            return error_response(500, "Internal Server Error")


class _RequestHandler(BaseHTTPRequestHandler):
    api: ApiServer
    protocol_version = "HTTP/1.1"
    server_version = "devstack-httpapi"

    def _serve(self) -> None:
        started = time.perf_counter()
        length = int(self.headers.get("Content-Length") or 0)
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = self._read_chunked()
        elif length > MAX_BODY_BYTES:
            self._send(error_response(413, "Request Entity Too Large"))
            return
        else:
            body = self.rfile.read(length) if length else b""
        response = self.api.handle(self.command, self.path, list(self.headers.items()), body, self.client_address[0])
        self._send(response)
        logger.info(
            "%s %s -> %d (%.0f ms)",
            self.command,
            self.path.partition("?")[0],
            response.status,
            (time.perf_counter() - started) * 1000,
        )

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                self.rfile.readline()
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _send(self, response: HttpResponse) -> None:
        self.send_response(response.status)
        names = {name.lower() for name, _ in response.headers}
        for name, value in response.headers:
            self.send_header(name, value)
        if "content-length" not in names:
            self.send_header("Content-Length", str(len(response.body)))
        self.send_header("apigw-requestid", _request_id())
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _serve

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr access log (``_serve`` logs one line per request)."""
