"""Seed the local stack: each channel's webhook secrets and API access tokens in SSM and a demo duty roster
(fictional people).

Channels are learned from the template, not listed here: every function whose environment names a
`SIGNING_SECRET_PARAM` is a webhook function, its channel is its handler (`app.<channel>`), and each secret
parameter it names gets a value from the environment (`<CHANNEL>_APP_SECRET`, or the channel's own name for
its signing secret such as `X_CONSUMER_SECRET`, and `<CHANNEL>_VERIFY_TOKEN`) or a local default.

Each officer with an email is also subscribed to the alerts topic with a filter policy on the `units`
message attribute, the way a Polsek mailbox is subscribed in production.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aduan import aws
from aduan.channels import registry
from aduan.channels.base import SIGNING_SECRET, VERIFY_TOKEN
from aduan.models import Officer
from aduan.store import RosterStore

if TYPE_CHECKING:
    from devstack.cfn import FunctionSpec

#: WhatsApp's local defaults, kept from before there were other channels.
DEFAULT_APP_SECRET = "aduan-local-app-secret"
DEFAULT_VERIFY_TOKEN = "aduan-local-verify-token"
ROSTER_FILE = Path(__file__).with_name("demo_roster.json")
SECRET_PARAMS = {SIGNING_SECRET: "SIGNING_SECRET_PARAM", VERIFY_TOKEN: "VERIFY_TOKEN_PARAM"}


def demo_roster() -> list[Officer]:
    return [Officer.model_validate(row) for row in json.loads(ROSTER_FILE.read_text())]


def secret_variable(channel: str, role: str) -> str:
    """The environment variable that overrides a local secret: WHATSAPP_APP_SECRET, X_CONSUMER_SECRET..."""
    if role == VERIFY_TOKEN:
        return f"{channel.upper()}_VERIFY_TOKEN"
    name = registry.webhook(channel).signing_secret_name
    return f"{channel.upper()}_{name.upper().replace(' ', '_')}"


def default_secret(channel: str, role: str) -> str:
    """The local default: WhatsApp's as before, `aduan-local-<channel>-<app-secret|verify-token|...>` for others."""
    if channel == "whatsapp":
        return DEFAULT_VERIFY_TOKEN if role == VERIFY_TOKEN else DEFAULT_APP_SECRET
    what = "verify token" if role == VERIFY_TOKEN else registry.webhook(channel).signing_secret_name
    return f"aduan-local-{channel}-{what.replace(' ', '-')}"


def local_secrets(channel: str = "whatsapp", environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The channel's local secrets by role (`signing_secret`, `verify_token` where it has one).

    `app_secret` repeats the signing secret for callers written when WhatsApp was the only channel.
    """
    environ = os.environ if environ is None else environ
    values = {
        role: environ.get(secret_variable(channel, role)) or default_secret(channel, role)
        for role in registry.webhook(channel).secrets
    }
    values["app_secret"] = values[SIGNING_SECRET]
    return values


@dataclass(frozen=True)
class WebhookFunction:
    """A webhook function of the template: its logical id, its channel and its secrets' SSM names by role."""

    logical_id: str
    channel: str
    params: dict[str, str]


def webhook_functions(functions: Iterable[FunctionSpec]) -> list[WebhookFunction]:
    """The template's webhook functions (those naming a signing secret), each with its channel."""
    found = []
    for spec in functions:
        if "SIGNING_SECRET_PARAM" not in spec.environment:
            continue
        channel = spec.handler.rpartition(".")[2]
        if channel not in registry.names():
            raise ValueError(f"{spec.logical_id}: handler {spec.handler!r} names no channel package")
        params = {role: spec.environment[var] for role, var in SECRET_PARAMS.items() if spec.environment.get(var)}
        found.append(WebhookFunction(spec.logical_id, channel, params))
    return sorted(found, key=lambda f: f.channel)


ACCESS_TOKEN_SUFFIX = "_ACCESS_TOKEN_PARAM"


def local_access_token(channel: str, environ: Mapping[str, str] | None = None) -> str:
    """A channel's local API access token: `$<CHANNEL>_ACCESS_TOKEN`, or `aduan-local-<channel>-access-token`.
    The embedded platform endpoint accepts exactly this token (`devstack.platforms.media`)."""
    environ = os.environ if environ is None else environ
    return environ.get(f"{channel.upper()}_ACCESS_TOKEN") or f"aduan-local-{channel}-access-token"


def access_token_params(functions: Iterable[FunctionSpec]) -> dict[str, str]:
    """SSM names of the channels' access tokens, by channel, from every `<CHANNEL>_ACCESS_TOKEN_PARAM`."""
    found: dict[str, str] = {}
    for spec in functions:
        for name, value in spec.environment.items():
            if name.endswith(ACCESS_TOKEN_SUFFIX) and value:
                found[name.removesuffix(ACCESS_TOKEN_SUFFIX).lower()] = value
    return found


def _template_functions() -> list[FunctionSpec]:
    from devstack.cfn import Stack, load_template

    return Stack(load_template()).functions()


def seed(env: Mapping[str, str], functions: Iterable[FunctionSpec] | None = None) -> None:
    """Write every webhook's secrets and the demo roster into the resources the template declares."""
    ssm = aws.client("ssm")
    functions = list(_template_functions() if functions is None else functions)
    for webhook in webhook_functions(functions):
        values = local_secrets(webhook.channel)
        for role, param in webhook.params.items():
            ssm.put_parameter(Name=param, Value=values[role], Type="SecureString", Overwrite=True)
    for channel, param in access_token_params(functions).items():
        ssm.put_parameter(Name=param, Value=local_access_token(channel), Type="SecureString", Overwrite=True)
    from devstack import parity_seed

    parity_seed.seed_tokens(functions)  # engagement, watchdog

    roster = RosterStore(env["TABLE_NAME"])
    sns = aws.client("sns")
    existing = {
        s["Endpoint"]
        for page in sns.get_paginator("list_subscriptions_by_topic").paginate(TopicArn=env["ALERTS_TOPIC_ARN"])
        for s in page["Subscriptions"]
    }
    for officer in demo_roster():
        roster.put_officer(officer)
        if officer.email and officer.email not in existing:
            sns.subscribe(
                TopicArn=env["ALERTS_TOPIC_ARN"],
                Protocol="email",
                Endpoint=officer.email,
                Attributes={"FilterPolicy": json.dumps({"units": [officer.unit]})},
            )
            existing.add(officer.email)

    from devstack import workflow_seed

    workflow_seed.seed(env, demo_roster())  # escalation ladder and officers' accounts

    from devstack import open311_seed

    open311_seed.seed(env)  # the police app's Open311 key (OPEN311_API_KEY)
