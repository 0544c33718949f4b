"""The embedded platform endpoint routes by host and path, records nothing by itself, and injects faults."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from aduan.channels.http import PlatformUnreachable, call, platform_url
from devstack.platforms import PlatformEndpoint, PlatformRequest, PlatformResponse, Route, json_response


def _echo(request: PlatformRequest) -> PlatformResponse:
    return json_response({"id": request.params["id"], "body": request.json(), "token": request.bearer()})


@pytest.fixture
def endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[PlatformEndpoint]:
    server = PlatformEndpoint(
        port=0, routes=[Route("POST", "graph.facebook.com", r"/v21\.0/(?P<id>\d+)/messages", _echo)]
    )
    server.start()
    monkeypatch.setenv("PLATFORM_API_BASE_URL", server.url)
    yield server
    server.stop()
    server.state.reset()


def test_platform_url_is_the_real_host_without_a_base(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLATFORM_API_BASE_URL", raising=False)
    assert platform_url("graph.facebook.com", "/v21.0/1/messages") == "https://graph.facebook.com/v21.0/1/messages"
    assert platform_url("api.x.com", "/2/x", {"a": "b c"}) == "https://api.x.com/2/x?a=b+c"


def test_a_request_reaches_its_route_with_params_and_token(endpoint: PlatformEndpoint) -> None:
    reply = call(
        "POST",
        platform_url("graph.facebook.com", "/v21.0/42/messages"),
        headers={"Authorization": "Bearer tok"},
        json_body={"text": "halo"},
    )
    assert reply.status == 200
    assert reply.json() == {"id": "42", "body": {"text": "halo"}, "token": "tok"}


def test_an_unknown_path_or_host_is_404(endpoint: PlatformEndpoint) -> None:
    assert call("POST", platform_url("graph.facebook.com", "/v21.0/abc/messages"), json_body={}).status == 404
    assert call("POST", platform_url("api.x.com", "/v21.0/1/messages"), json_body={}).status == 404


def test_faults_apply_to_the_next_matching_requests_only(endpoint: PlatformEndpoint) -> None:
    url = platform_url("graph.facebook.com", "/v21.0/7/messages")
    fault = {"host": "graph.facebook.com", "path": r"/v21\.0/\d+/messages", "status": 503, "count": 2}
    assert call("POST", f"{endpoint.url}/_platforms/faults", json_body=fault).status == 200
    assert [call("POST", url, json_body={}).status for _ in range(3)] == [503, 503, 200]


def test_an_unreachable_platform_raises_a_transient_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLATFORM_API_BASE_URL", "http://127.0.0.1:9")
    with pytest.raises(PlatformUnreachable):
        call("GET", platform_url("graph.facebook.com", "/v21.0/1"), timeout=1)
