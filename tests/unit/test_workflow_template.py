"""What the template promises for the officer workflow (the local user pool does not enforce all of it)."""

from __future__ import annotations

from typing import Any

import pytest

from devstack.cfn import load_template


@pytest.fixture(scope="module")
def resources() -> dict[str, Any]:
    return dict(load_template()["Resources"])


def test_app_client_allows_password_and_refresh_token_auth_only(resources: dict[str, Any]) -> None:
    client = resources["OfficerUserPoolClient"]["Properties"]
    assert sorted(client["ExplicitAuthFlows"]) == ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"]
    assert client["GenerateSecret"] is False


def test_user_pool_has_every_group(resources: dict[str, Any]) -> None:
    groups = {r["Properties"]["GroupName"] for r in resources.values() if r["Type"] == "AWS::Cognito::UserPoolGroup"}
    polsek = {f"polsek_{a}" for a in ("klojen", "blimbing", "kedungkandang", "lowokwaru", "sukun")}
    assert groups == {"piket", "ppa", "propam", "pimpinan", *polsek}
    assert resources["OfficerUserPool"]["Properties"]["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True


def test_officer_routes_need_the_jwt_authorizer_and_the_ack_page_does_not(resources: dict[str, Any]) -> None:
    auth = resources["HttpApi"]["Properties"]["Auth"]["Authorizers"]["OfficerJwt"]
    assert auth["IdentitySource"] == "$request.header.Authorization"
    assert auth["JwtConfiguration"]["audience"] == [{"Ref": "OfficerUserPoolClient"}]
    events = resources["OfficerApiFunction"]["Properties"]["Events"]
    for event in events.values():
        props = event["Properties"]
        if props["Path"].startswith("/api/"):
            assert props["Auth"] == {"Authorizer": "OfficerJwt"}, props["Path"]
        else:
            assert props["Path"].startswith("/a/") and "Auth" not in props


def test_escalation_sweeps_every_minute(resources: dict[str, Any]) -> None:
    [event] = resources["EscalatorFunction"]["Properties"]["Events"].values()
    assert event == {
        "Type": "Schedule",
        "Properties": {"Schedule": "rate(1 minute)", "Description": "Escalation sweep over the due-time index."},
    }
    indexes = {i["IndexName"] for i in resources["Table"]["Properties"]["GlobalSecondaryIndexes"]}
    assert {"DueIndex", "QueueIndex", "AreaQueueIndex"} <= indexes
