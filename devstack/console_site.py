"""The officer console (`console/`) served by the local HTTP API at ``/console/``, with the security headers
the template's CloudFront response headers policy sends (`ConsoleSecurityHeaders`), and ``config.json``
pointing the console at the embedded user pool.

One hook in `devstack.__main__`: :func:`mount` wraps the API server's request handling, so `/console/...`
is answered here and every other path goes to the routes as before.
"""

from __future__ import annotations

import json
import logging
import mimetypes
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devstack import REPO_ROOT
from devstack.api import HttpResponse

if TYPE_CHECKING:
    from devstack.api import ApiServer
    from devstack.cfn import Stack

logger = logging.getLogger("devstack.console")
CONSOLE_DIR = REPO_ROOT / "console"
PREFIX = "/console"
POLICY = "ConsoleSecurityHeaders"
USER_POOL = "OfficerUserPool"
USER_POOL_CLIENT = "OfficerUserPoolClient"
#: What the browser loads (everything else under console/, such as its README, is not served).
SERVED_SUFFIXES = {".html", ".js", ".css", ".json", ".geojson", ".svg", ".png", ".ico", ".wav", ".txt"}
TYPES = {".js": "text/javascript", ".geojson": "application/geo+json", ".json": "application/json"}


def cognito_origin(region: str) -> str:
    return f"https://cognito-idp.{region}.amazonaws.com"


def security_headers(stack: Stack, aws_endpoint: str) -> list[tuple[str, str]]:
    """The response headers policy's security and custom headers, as CloudFront would add them, with the
    Cognito endpoint in the content security policy replaced by the embedded one."""
    config = stack.resolve(stack.properties(POLICY))["ResponseHeadersPolicyConfig"]
    security: Mapping[str, Any] = config.get("SecurityHeadersConfig") or {}
    headers: list[tuple[str, str]] = []
    csp = security.get("ContentSecurityPolicy")
    if csp:
        policy = str(csp["ContentSecurityPolicy"]).replace(cognito_origin(stack.region), aws_endpoint.rstrip("/"))
        headers.append(("Content-Security-Policy", policy))
    if "ContentTypeOptions" in security:
        headers.append(("X-Content-Type-Options", "nosniff"))
    frame = security.get("FrameOptions")
    if frame:
        headers.append(("X-Frame-Options", str(frame["FrameOption"])))
    referrer = security.get("ReferrerPolicy")
    if referrer:
        headers.append(("Referrer-Policy", str(referrer["ReferrerPolicy"])))
    hsts = security.get("StrictTransportSecurity")
    if hsts:
        value = f"max-age={hsts['AccessControlMaxAgeSec']}"
        if str(hsts.get("IncludeSubdomains")).lower() == "true":
            value += "; includeSubDomains"
        if str(hsts.get("Preload")).lower() == "true":
            value += "; preload"
        headers.append(("Strict-Transport-Security", value))
    for item in (config.get("CustomHeadersConfig") or {}).get("Items") or []:
        headers.append((str(item["Header"]), str(item["Value"])))
    return headers


def config_document(stack: Stack, aws_endpoint: str) -> dict[str, str]:
    """What the console reads at start: where to sign in. On AWS `scripts/deploy_console.py` writes the
    same keys with the real endpoint."""
    return {
        "region": stack.region,
        "userPoolId": stack.resolve({"Ref": USER_POOL}),
        "clientId": stack.resolve({"Ref": USER_POOL_CLIENT}),
        "cognitoEndpoint": aws_endpoint.rstrip("/") + "/",
        "apiBase": "",
    }


class ConsoleSite:
    def __init__(self, stack: Stack, aws_endpoint: str, root: Path = CONSOLE_DIR) -> None:
        self.root = root.resolve()
        self.headers = security_headers(stack, aws_endpoint)
        self.config = json.dumps(config_document(stack, aws_endpoint)).encode()

    def answer(self, method: str, raw_path: str) -> HttpResponse | None:
        """The response for a console path, or None for every other path."""
        if raw_path != PREFIX and not raw_path.startswith(PREFIX + "/"):
            return None
        if method not in ("GET", "HEAD"):
            return self._plain(405, "Method Not Allowed", [("Allow", "GET, HEAD")])
        if raw_path == PREFIX:
            return HttpResponse(301, [("Location", PREFIX + "/"), *self.headers], b"")
        relative = raw_path[len(PREFIX) + 1 :] or "index.html"
        if relative == "config.json":
            return self._file(self.config, ".json")
        target = (self.root / relative).resolve()
        if not target.is_relative_to(self.root) or not target.is_file() or target.suffix not in SERVED_SUFFIXES:
            return self._plain(404, "Tidak ditemukan")
        return self._file(target.read_bytes(), target.suffix)

    def _file(self, body: bytes, suffix: str) -> HttpResponse:
        kind = TYPES.get(suffix) or mimetypes.types_map.get(suffix, "application/octet-stream")
        if kind.startswith("text/") or kind.endswith("json"):
            kind += "; charset=utf-8"
        headers = [("Content-Type", kind), ("Cache-Control", "no-cache"), *self.headers]
        return HttpResponse(200, headers, body)

    def _plain(self, status: int, text: str, extra: list[tuple[str, str]] | None = None) -> HttpResponse:
        headers = [("Content-Type", "text/plain; charset=utf-8"), *(extra or []), *self.headers]
        return HttpResponse(status, headers, text.encode())


def mount(api: ApiServer, stack: Stack, aws_endpoint: str) -> ConsoleSite:
    """Serve the console from `api` (before its routes)."""
    site = ConsoleSite(stack, aws_endpoint)
    routes = api.handle

    def handle(
        method: str, target: str, headers: Any, body: bytes, source_ip: str
    ) -> HttpResponse:  # same signature as ApiServer.handle
        answered = site.answer(method, target.partition("?")[0])
        return answered if answered is not None else routes(method, target, headers, body, source_ip)

    api.handle = handle  # type: ignore[method-assign]
    logger.info("officer console on %s%s/", api.url, PREFIX)
    return site
