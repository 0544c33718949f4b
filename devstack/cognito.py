"""The officers' user pool on the embedded endpoint: created from template.yaml, one account per demo officer.

moto's cognito-idp issues real RS256 JWTs for `USER_PASSWORD_AUTH` and serves the pool's keys at
`<endpoint>/<pool id>/.well-known/jwks.json`. It does not enforce the app client's `ExplicitAuthFlows`
(a unit test checks the template declares them).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from aduan import aws

if TYPE_CHECKING:
    from devstack.cfn import Stack

ClientFactory = Callable[[str], Any]
#: The password of every demo account unless `DEMO_PASSWORD` says otherwise (local stack only).
DEFAULT_DEMO_PASSWORD = "Aduan-Lokal-2026"
USER_POOL = "AWS::Cognito::UserPool"
USER_POOL_CLIENT = "AWS::Cognito::UserPoolClient"
USER_POOL_GROUP = "AWS::Cognito::UserPoolGroup"
TYPES = frozenset({USER_POOL, USER_POOL_CLIENT, USER_POOL_GROUP})
# Which groups a demo officer's unit puts them in.
UNIT_GROUPS = {
    "polresta": ("piket",),
    "ppa": ("ppa",),
    "propam": ("propam",),
}


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


def create_user_pool(stack: Stack, client: ClientFactory, logical_id: str, props: Mapping[str, Any]) -> None:
    kwargs: dict[str, Any] = {"PoolName": str(props.get("UserPoolName") or logical_id)}
    if "Policies" in props:
        policy = dict(props["Policies"].get("PasswordPolicy") or {})
        kwargs["Policies"] = {"PasswordPolicy": {k: _typed(v) for k, v in policy.items()}}
    if "MfaConfiguration" in props:
        kwargs["MfaConfiguration"] = props["MfaConfiguration"]
    if "AdminCreateUserConfig" in props:
        kwargs["AdminCreateUserConfig"] = {k: _typed(v) for k, v in props["AdminCreateUserConfig"].items()}
    if "UsernameConfiguration" in props:
        kwargs["UsernameConfiguration"] = {k: _typed(v) for k, v in props["UsernameConfiguration"].items()}
    pool = client("cognito-idp").create_user_pool(**kwargs)["UserPool"]
    stack.runtime_attributes[(logical_id, "")] = pool["Id"]
    stack.runtime_attributes[(logical_id, "Arn")] = pool["Arn"]
    stack.runtime_attributes[(logical_id, "ProviderName")] = f"cognito-idp.{stack.region}.amazonaws.com/{pool['Id']}"


def create_user_pool_client(stack: Stack, client: ClientFactory, logical_id: str, props: Mapping[str, Any]) -> None:
    kwargs: dict[str, Any] = {
        "UserPoolId": str(props["UserPoolId"]),
        "ClientName": str(props.get("ClientName") or logical_id),
        "GenerateSecret": _typed(props.get("GenerateSecret", False)),
    }
    if "ExplicitAuthFlows" in props:
        kwargs["ExplicitAuthFlows"] = list(props["ExplicitAuthFlows"])
    created = client("cognito-idp").create_user_pool_client(**kwargs)["UserPoolClient"]
    stack.runtime_attributes[(logical_id, "")] = created["ClientId"]
    stack.runtime_attributes[(logical_id, "ClientId")] = created["ClientId"]


def create_user_pool_group(stack: Stack, client: ClientFactory, logical_id: str, props: Mapping[str, Any]) -> None:
    kwargs = {"UserPoolId": str(props["UserPoolId"]), "GroupName": str(props.get("GroupName") or logical_id)}
    if props.get("Description"):
        kwargs["Description"] = str(props["Description"])
    client("cognito-idp").create_group(**kwargs)
    stack.runtime_attributes[(logical_id, "")] = kwargs["GroupName"]


CREATORS: dict[str, Callable[[Stack, ClientFactory, str, Mapping[str, Any]], None]] = {
    USER_POOL: create_user_pool,
    USER_POOL_CLIENT: create_user_pool_client,
    USER_POOL_GROUP: create_user_pool_group,
}


def _typed(value: Any) -> Any:
    """CloudFormation's strings back to the booleans and numbers the API takes."""
    if isinstance(value, str):
        if value in ("true", "false"):
            return value == "true"
        if value.isdigit():
            return int(value)
    return value


def groups_for(unit: str, role: str = "officer") -> tuple[str, ...]:
    """A demo officer's groups: their unit's (`polsek_<area>` for a Polsek), and `pimpinan` for a supervisor
    or commander."""
    groups = UNIT_GROUPS.get(unit, (f"polsek_{unit}",))
    return (*groups, "pimpinan") if role in ("supervisor", "commander") else groups


def seed_accounts(pool_id: str, officers: list[tuple[str, str, str]], password: str | None = None) -> None:
    """Give each `(officer id, unit, role)` an account with a permanent password and their groups."""
    idp = aws.client("cognito-idp")
    password = password or demo_password()
    known = {g["GroupName"] for g in idp.list_groups(UserPoolId=pool_id, Limit=60)["Groups"]}
    for officer_id, unit, role in officers:
        with contextlib.suppress(idp.exceptions.UsernameExistsException):
            idp.admin_create_user(UserPoolId=pool_id, Username=officer_id, MessageAction="SUPPRESS")
        idp.admin_set_user_password(UserPoolId=pool_id, Username=officer_id, Password=password, Permanent=True)
        for group in groups_for(unit, role):
            if group in known:
                idp.admin_add_user_to_group(UserPoolId=pool_id, Username=officer_id, GroupName=group)


def token(client_id: str, username: str, password: str | None = None, region: str | None = None) -> str:
    """An access token for `username`, as the console gets one (`USER_PASSWORD_AUTH`)."""
    idp = aws.client("cognito-idp")
    result = idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password or demo_password()},
    )
    return str(result["AuthenticationResult"]["AccessToken"])
