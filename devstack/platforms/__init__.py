"""The embedded platform endpoint: the local stand-in for Meta's Graph API, X's API and TikTok's Business API.

Served on ``PLATFORM_PORT`` (default 5100, 127.0.0.1 only). A request's first path segment names the platform
host it stands for, the rest is the platform's own documented path::

    POST http://127.0.0.1:5100/graph.facebook.com/v21.0/<phone-number-id>/messages
    POST http://127.0.0.1:5100/api.x.com/2/dm_conversations/with/<participant-id>/messages

so a function reaches every platform through one base URL, ``PLATFORM_API_BASE_URL`` (empty on AWS: the
real hosts, see :func:`aduan.channels.http.platform_url`).

What each concern answers lives in its own module, which exports ``ROUTES`` (a list of :class:`Route`) and
is listed in :data:`ROUTE_MODULES`: sending replies (``send``), media downloads (``media``), engagement
counts (``engagement``), subscription checks (``subscriptions``). Handlers validate the request's shape and
auth header as the platform would, record what they accepted in :data:`STATE`, and answer in the platform's
format.

Control routes for tests and ``make outbox`` (under ``/_platforms``):

- ``GET  /_platforms/recorded?kind=<kind>`` -> ``{"kind": [...entries]}`` (every kind when omitted);
- ``POST /_platforms/faults`` ``{"host": ..., "path": <regex>, "method": "POST", "status": 500, "body": {...},
  "count": 1}`` makes the next ``count`` matching requests fail with that answer (``count`` -1: until cleared);
- ``DELETE /_platforms/faults`` clears them; ``GET /_platforms/health`` -> ``{"ok": true}``.
"""

from __future__ import annotations

import importlib
import json
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

logger = logging.getLogger("devstack.platforms")

DEFAULT_PLATFORM_PORT = 5100

#: The concern modules under ``devstack.platforms`` whose ``ROUTES`` are served (absent ones are skipped).
ROUTE_MODULES = ("send", "media", "engagement", "subscriptions")

MAX_BODY_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class PlatformRequest:
    """One request to the embedded platform endpoint, after routing."""

    method: str
    host: str  # the platform host it stands for, e.g. "graph.facebook.com"
    path: str  # the platform's path, e.g. "/v21.0/1234/messages"
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes
    params: dict[str, str]  # the route pattern's named groups

    def json(self) -> Any:
        """The body as JSON (raises ``ValueError`` when it is not)."""
        return json.loads(self.body.decode("utf-8"))

    def form(self) -> dict[str, str]:
        """The body as ``application/x-www-form-urlencoded`` (last value of each name)."""
        return {key: values[-1] for key, values in parse_qs(self.body.decode("utf-8")).items()}

    def arg(self, name: str, default: str | None = None) -> str | None:
        """A query-string argument (last value)."""
        values = self.query.get(name)
        return values[-1] if values else default

    def bearer(self) -> str | None:
        """The token of an ``Authorization: Bearer <token>`` header, if any."""
        value = self.headers.get("authorization", "")
        scheme, _, token = value.partition(" ")
        return token.strip() or None if scheme.lower() == "bearer" else None


@dataclass(frozen=True)
class PlatformResponse:
    status: int = 200
    body: Any = None  # dict/list -> JSON; bytes -> as is
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()

    def encoded(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if self.body is None:
            return b""
        return json.dumps(self.body, ensure_ascii=False).encode("utf-8")


def json_response(body: Any, status: int = 200) -> PlatformResponse:
    return PlatformResponse(status=status, body=body)


Handler = Callable[[PlatformRequest], PlatformResponse]


@dataclass(frozen=True)
class Route:
    """``method`` on ``host``, ``pattern`` a regex over the platform path (named groups become params)."""

    method: str
    host: str
    pattern: str
    handler: Handler

    def match(self, method: str, host: str, path: str) -> dict[str, str] | None:
        if method != self.method or host != self.host:
            return None
        found = re.fullmatch(self.pattern, path)
        return found.groupdict() if found else None


@dataclass
class Fault:
    host: str
    path: str
    method: str
    status: int
    body: Any
    count: int

    def matches(self, method: str, host: str, path: str) -> bool:
        return method == self.method and host == self.host and re.fullmatch(self.path, path) is not None


@dataclass
class PlatformState:
    """What the endpoint has accepted, by kind, plus data concern modules keep (media files, counts)."""

    recorded: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def record(self, kind: str, entry: dict[str, Any]) -> None:
        with self.lock:
            self.recorded.setdefault(kind, []).append(entry)

    def entries(self, kind: str | None = None) -> dict[str, list[dict[str, Any]]]:
        with self.lock:
            if kind is None:
                return {name: list(items) for name, items in self.recorded.items()}
            return {kind: list(self.recorded.get(kind, []))}

    def take_fault(self, method: str, host: str, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.matches(method, host, path):
                    if fault.count > 0:
                        fault.count -= 1
                        if fault.count == 0:
                            self.faults.remove(fault)
                    return fault
        return None

    def reset(self) -> None:
        with self.lock:
            self.recorded.clear()
            self.data.clear()
            self.faults.clear()


#: The endpoint's state (one per process: the local stack runs one endpoint).
STATE = PlatformState()


def load_routes(modules: tuple[str, ...] = ROUTE_MODULES) -> list[Route]:
    routes: list[Route] = []
    for name in modules:
        try:
            module = importlib.import_module(f"devstack.platforms.{name}")
        except ModuleNotFoundError as error:
            if error.name == f"devstack.platforms.{name}":
                continue
            raise
        routes.extend(module.ROUTES)
    return routes


class PlatformEndpoint:
    """The HTTP server; :meth:`start` serves in a daemon thread, :meth:`stop` shuts it down."""

    def __init__(
        self, *, host: str = "127.0.0.1", port: int = DEFAULT_PLATFORM_PORT, routes: list[Route] | None = None
    ):
        self.routes = load_routes() if routes is None else routes
        self.state = STATE
        handler_class = type("BoundPlatformHandler", (_RequestHandler,), {"endpoint": self})
        self._server = ThreadingHTTPServer((host, port), handler_class)
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> None:
        self._thread = threading.Thread(target=self._server.serve_forever, name="platform-endpoint", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes) -> PlatformResponse:
        split = urlsplit(target)
        segments = split.path.lstrip("/").split("/", 1)
        host, path = segments[0], "/" + (segments[1] if len(segments) > 1 else "")
        query = parse_qs(split.query, keep_blank_values=True)
        if host == "_platforms":
            return self._control(method, path, query, body)
        fault = self.state.take_fault(method, host, path)
        if fault is not None:
            logger.info("platform %s %s%s: injected fault %s", method, host, path, fault.status)
            return PlatformResponse(status=fault.status, body=fault.body)
        for route in self.routes:
            params = route.match(method, host, path)
            if params is not None:
                request = PlatformRequest(method, host, path, query, headers, body, params)
                return route.handler(request)
        return json_response({"error": {"message": f"Unknown path {method} {host}{path}", "code": 404}}, 404)

    def _control(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> PlatformResponse:
        if path == "/health":
            return json_response({"ok": True})
        if path == "/recorded" and method == "GET":
            kind = query.get("kind", [None])[-1]
            return json_response(self.state.entries(kind))
        if path == "/faults" and method == "POST":
            try:
                spec = json.loads(body or b"{}")
                fault = Fault(
                    host=str(spec["host"]),
                    path=str(spec.get("path", ".*")),
                    method=str(spec.get("method", "POST")).upper(),
                    status=int(spec.get("status", 500)),
                    body=spec.get("body", {"error": {"message": "injected fault"}}),
                    count=int(spec.get("count", 1)),
                )
            except (ValueError, KeyError, TypeError) as error:
                return json_response({"error": f"bad fault: {error}"}, 400)
            with self.state.lock:
                self.state.faults.append(fault)
            return json_response({"ok": True})
        if path == "/faults" and method == "DELETE":
            with self.state.lock:
                self.state.faults.clear()
            return json_response({"ok": True})
        return json_response({"error": "unknown control route"}, 404)


class _RequestHandler(BaseHTTPRequestHandler):
    endpoint: PlatformEndpoint
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            self._send(json_response({"error": "body too large"}, 413))
            return
        body = self.rfile.read(length) if length else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            response = self.endpoint.handle(self.command, self.path, headers, body)
        except Exception:  # a bug in a stand-in must not kill the server; the stack's log has it
            logger.exception("platform endpoint: %s %s failed", self.command, self.path)
            response = json_response({"error": {"message": "internal error in the embedded platform endpoint"}}, 500)
        self._send(response)

    do_GET = do_POST = do_PUT = do_DELETE = _serve

    def _send(self, response: PlatformResponse) -> None:
        payload = response.encoded()
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("platform endpoint: " + format, *args)
