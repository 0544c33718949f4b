"""The console's local hosting: the same security headers as the template's CloudFront policy (with the
embedded Cognito endpoint in the CSP), no inline scripts or styles in the page, files served only from
console/, and the shipped map data in step with its generator."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from devstack.cfn import DEFAULT_TEMPLATE, Stack, load_template
from devstack.console_site import CONSOLE_DIR, ConsoleSite, cognito_origin, security_headers

ENDPOINT = "http://localhost:5999"


@pytest.fixture(scope="module")
def stack() -> Stack:
    return Stack(load_template(DEFAULT_TEMPLATE), endpoint_url=ENDPOINT)


def test_local_headers_are_the_templates_policy_with_the_embedded_user_pool(stack: Stack) -> None:
    headers = dict(security_headers(stack, ENDPOINT))
    policy = stack.resolve(stack.properties("ConsoleSecurityHeaders"))["ResponseHeadersPolicyConfig"]
    deployed_csp = policy["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    assert cognito_origin(stack.region) in deployed_csp
    assert headers["Content-Security-Policy"] == deployed_csp.replace(cognito_origin(stack.region), ENDPOINT)
    csp = {d.split()[0]: d.split()[1:] for d in headers["Content-Security-Policy"].split("; ")}
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"] and csp["default-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["connect-src"] == ["'self'", ENDPOINT]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Strict-Transport-Security"].startswith("max-age=63072000")
    assert "Permissions-Policy" in headers


def test_the_page_has_no_inline_script_style_or_handler() -> None:
    for page in CONSOLE_DIR.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), page
        assert not re.search(r"\son[a-z]+=", html, re.I), page
        assert not re.search(r"\sstyle=", html, re.I) and "<style" not in html, page
        assert not re.search(r"(src|href)=\"(https?:)?//", html), f"{page} loads from another origin"
    for module in CONSOLE_DIR.rglob("*.js"):
        code = module.read_text(encoding="utf-8")
        assert "innerHTML" not in code and "eval(" not in code and "console.log" not in code, module
        code = code.replace("http://www.w3.org/2000/svg", "")  # the SVG namespace, not a request
        assert not re.search(r"https?://", code), f"{module} names an external URL"


def test_files_are_served_from_the_console_folder_only(stack: Stack, tmp_path: Path) -> None:
    site = ConsoleSite(stack, ENDPOINT)
    index = site.answer("GET", "/console/")
    assert index is not None and index.status == 200 and b"./js/app.js" in index.body
    assert ("Content-Type", "text/html; charset=utf-8") in index.headers
    script = site.answer("GET", "/console/js/app.js")
    assert script is not None and ("Content-Type", "text/javascript; charset=utf-8") in script.headers
    config = site.answer("GET", "/console/config.json")
    assert config is not None and b'"cognitoEndpoint": "http://localhost:5999/"' in config.body
    for path in ("/console/../template.yaml", "/console/%2e%2e/README.md", "/console/README.md", "/console/nope.js"):
        answered = site.answer("GET", path)
        assert answered is not None and answered.status == 404, path
    assert site.answer("POST", "/console/") is not None
    assert site.answer("GET", "/api/tickets") is None  # not the console's: the routes answer
    redirect = site.answer("GET", "/console")
    assert redirect is not None and redirect.status == 301


def test_the_shipped_map_is_what_the_generator_writes() -> None:
    from scripts.make_console_map import main

    assert main(["--check"]) == 0
