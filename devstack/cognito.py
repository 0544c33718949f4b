"""The officers' user pool on the embedded endpoint: created from template.yaml, one account per demo officer.

moto's cognito-idp issues real RS256 JWTs for `USER_PASSWORD_AUTH` and serves the pool's keys at
`<endpoint>/<pool id>/.well-known/jwks.json`. It does not enforce the app client's `ExplicitAuthFlows`
(a unit test checks the template declares them).
"""

from __future__ import annotations

import base64
import contextlib
import os
import time
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
#: Where the local stack keeps each demo account's authenticator secret (the embedded endpoint only).
TOTP_PARAM = "/aduan-local/totp/{username}"


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
    """A demo officer's groups (the roster's rule: `aduan.domain.roster.groups_for`)."""
    from aduan.domain.roster import groups_for as roster_groups

    return tuple(sorted(roster_groups(unit, role)))


def seed_accounts(pool_id: str, officers: list[tuple[str, str, str]], password: str | None = None) -> None:
    """Give each `(officer id, unit, role)` an account with a permanent password and their groups; members
    of the MFA groups (`ppa`, `propam`, `pimpinan`) also register an authenticator, as they must on AWS."""
    from aduan.domain.roster import MFA_GROUPS

    idp = aws.client("cognito-idp")
    password = password or demo_password()
    known = {g["GroupName"] for g in idp.list_groups(UserPoolId=pool_id, Limit=60)["Groups"]}
    client_id = idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=10)["UserPoolClients"][0]["ClientId"]
    for officer_id, unit, role in officers:
        with contextlib.suppress(idp.exceptions.UsernameExistsException):
            idp.admin_create_user(UserPoolId=pool_id, Username=officer_id, MessageAction="SUPPRESS")
        idp.admin_set_user_password(UserPoolId=pool_id, Username=officer_id, Password=password, Permanent=True)
        groups = groups_for(unit, role)
        for group in groups:
            if group in known:
                idp.admin_add_user_to_group(UserPoolId=pool_id, Username=officer_id, GroupName=group)
        if set(groups) & MFA_GROUPS:
            enrol_authenticator(pool_id, client_id, officer_id, password)


def totp_code(secret: str, at: float | None = None) -> str:
    """The authenticator app's current 6-digit code for a base32 `secret` (RFC 6238, as Cognito uses)."""
    from cryptography.hazmat.primitives.hashes import SHA1
    from cryptography.hazmat.primitives.twofactor.totp import TOTP

    key = base64.b32decode(secret + "=" * (-len(secret) % 8), casefold=True)
    moment = int(time.time() if at is None else at)
    return TOTP(key, 6, SHA1(), 30, enforce_key_length=False).generate(moment).decode()  # noqa: S303 (RFC 6238)


def enrol_authenticator(pool_id: str, client_id: str, username: str, password: str) -> None:
    """Register an authenticator for `username` as a person does in the console (associate, verify with a
    code, make it the preferred factor); its secret is kept in the embedded SSM for `token`."""
    idp = aws.client("cognito-idp")
    ssm = aws.client("ssm")
    name = TOTP_PARAM.format(username=username)
    if "SOFTWARE_TOKEN_MFA" in (
        idp.admin_get_user(UserPoolId=pool_id, Username=username).get("UserMFASettingList") or []
    ):
        return  # enrolled by an earlier start
    started = idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": username, "PASSWORD": password}
    )
    access = started["AuthenticationResult"]["AccessToken"]
    secret = idp.associate_software_token(AccessToken=access)["SecretCode"]
    idp.verify_software_token(AccessToken=access, UserCode=totp_code(secret), FriendlyDeviceName="demo")
    idp.admin_set_user_mfa_preference(
        UserPoolId=pool_id, Username=username, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    ssm.put_parameter(Name=name, Value=secret, Type="SecureString", Overwrite=True)


def token(client_id: str, username: str, password: str | None = None, region: str | None = None) -> str:
    """An access token for `username`, as the console gets one (`USER_PASSWORD_AUTH`, then the authenticator
    code when Cognito asks for it)."""
    idp = aws.client("cognito-idp")
    result = idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password or demo_password()},
    )
    if result.get("ChallengeName") == "SOFTWARE_TOKEN_MFA":
        secret = aws.client("ssm").get_parameter(Name=TOTP_PARAM.format(username=username), WithDecryption=True)
        result = idp.respond_to_auth_challenge(
            ClientId=client_id,
            ChallengeName="SOFTWARE_TOKEN_MFA",
            Session=result["Session"],
            ChallengeResponses={
                "USERNAME": username,
                "SOFTWARE_TOKEN_MFA_CODE": totp_code(secret["Parameter"]["Value"]),
            },
        )
    return str(result["AuthenticationResult"]["AccessToken"])
