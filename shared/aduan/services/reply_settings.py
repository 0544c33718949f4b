"""The replier's configuration (template.yaml's variables, read once per cold start), its access tokens
(SSM Parameter Store through Powertools parameters, cached for five minutes) and its queue chores.

Per channel: `<CHANNEL>_ACCESS_TOKEN_PARAM` (the SecureString's name), `<CHANNEL>_ACCOUNT_ID` (our side: the
WhatsApp phone-number id, the Page id, the Instagram account id, the TikTok business id; X needs none).
`WHATSAPP_TEMPLATES` names the approved template per kind of message (`receipt=aduan_tanda_terima,...`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache

from aduan import aws
from aduan.services.replies import Channels

CHANNELS = ("whatsapp", "instagram", "facebook", "x", "tiktok")
TOKEN_MAX_AGE_S = 300
MAX_BACKOFF_S = 900


@dataclass(frozen=True, slots=True)
class ReplierConfig:
    table_name: str
    queue_url: str
    dead_letter_queue_url: str
    token_params: dict[str, str] = field(default_factory=dict)
    accounts: dict[str, str] = field(default_factory=dict)
    templates: dict[str, str] = field(default_factory=dict)
    template_language: str = "id"


def parse_templates(text: str) -> dict[str, str]:
    """`receipt=aduan_tanda_terima,resolved=aduan_selesai` -> {"receipt": "aduan_tanda_terima", ...}."""
    pairs = (item.split("=", 1) for item in text.split(",") if "=" in item)
    return {kind.strip(): name.strip() for kind, name in pairs if kind.strip() and name.strip()}


@cache
def read() -> ReplierConfig:
    env = os.environ
    return ReplierConfig(
        table_name=env["TABLE_NAME"],
        queue_url=env.get("REPLY_QUEUE_URL", ""),
        dead_letter_queue_url=env.get("REPLY_DLQ_URL", ""),
        token_params={
            c: env[f"{c.upper()}_ACCESS_TOKEN_PARAM"] for c in CHANNELS if env.get(f"{c.upper()}_ACCESS_TOKEN_PARAM")
        },
        accounts={c: env.get(f"{c.upper()}_ACCOUNT_ID", "") for c in CHANNELS},
        templates=parse_templates(env.get("WHATSAPP_TEMPLATES", "")),
        template_language=env.get("WHATSAPP_TEMPLATE_LANGUAGE", "id") or "id",
    )


def channels(settings: ReplierConfig) -> Channels:
    from aduan.channels import registry

    def token(channel: str) -> str | None:
        name = settings.token_params.get(channel)
        if not name:
            return None
        from aws_lambda_powertools.utilities import parameters

        return str(parameters.get_parameter(name, decrypt=True, max_age=TOKEN_MAX_AGE_S))

    return Channels(
        sender=registry.sender,
        token=token,
        account=lambda channel: settings.accounts.get(channel, ""),
        templates=settings.templates,
        template_language=settings.template_language,
    )


def back_off(receipt_handle: str, attempt: int) -> None:
    """Hold a record that failed for a passing reason a little longer each time (10 s, 20 s, 40 s ... 15 min)."""
    settings = read()
    if not settings.queue_url:
        return
    delay = min(MAX_BACKOFF_S, 10 * 2 ** max(0, attempt - 1))
    try:
        aws.client("sqs").change_message_visibility(
            QueueUrl=settings.queue_url, ReceiptHandle=receipt_handle, VisibilityTimeout=delay
        )
    except Exception:  # noqa: BLE001 - the queue's own visibility timeout is the fallback
        return


def park(body: str, reason: str) -> None:
    settings = read()
    if not settings.dead_letter_queue_url:
        raise RuntimeError("REPLY_DLQ_URL is not set (template.yaml)")
    aws.client("sqs").send_message(
        QueueUrl=settings.dead_letter_queue_url,
        MessageBody=body if body else json.dumps({"empty": True}),
        MessageAttributes={"reason": {"DataType": "String", "StringValue": reason[:250]}},
    )


def reset() -> None:
    read.cache_clear()
