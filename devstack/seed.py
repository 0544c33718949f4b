"""Seed the local stack: webhook secrets in SSM and a demo duty roster (fictional officers and numbers).

Each officer with an email is also subscribed to the alerts topic with a filter policy on the `units`
message attribute, the way a Polsek mailbox is subscribed in production.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from aduan import aws
from aduan.models import Officer
from aduan.store import RosterStore

DEFAULT_APP_SECRET = "aduan-local-app-secret"
DEFAULT_VERIFY_TOKEN = "aduan-local-verify-token"
ROSTER_FILE = Path(__file__).with_name("demo_roster.json")


def demo_roster() -> list[Officer]:
    return [Officer.model_validate(row) for row in json.loads(ROSTER_FILE.read_text())]


def local_secrets() -> dict[str, str]:
    return {
        "app_secret": os.environ.get("WHATSAPP_APP_SECRET") or DEFAULT_APP_SECRET,
        "verify_token": os.environ.get("WHATSAPP_VERIFY_TOKEN") or DEFAULT_VERIFY_TOKEN,
    }


def seed(env: Mapping[str, str]) -> None:
    """Write secrets and the demo roster into the resources named by the functions' environment."""
    secrets = local_secrets()
    ssm = aws.client("ssm")
    for param, value in (
        (env["WHATSAPP_APP_SECRET_PARAM"], secrets["app_secret"]),
        (env["WHATSAPP_VERIFY_TOKEN_PARAM"], secrets["verify_token"]),
    ):
        ssm.put_parameter(Name=param, Value=value, Type="SecureString", Overwrite=True)

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
