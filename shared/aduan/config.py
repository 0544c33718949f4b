"""Typed configuration, read once per cold start from the environment variables that template.yaml sets.

Plain dataclasses, not pydantic-settings: importing pydantic-settings costs a few hundred milliseconds here
(README, "Webhooks"), more than a webhook's whole cold-start budget. The names are generic: every webhook
function reads the same variables, each with its own values in the template.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise RuntimeError(f"environment variable {name} is not set (see template.yaml)")
    return value


@dataclass(frozen=True, slots=True)
class WebhookConfig:
    intake_queue_url: str
    payload_bucket: str
    dead_letter_queue_url: str  # the parking place for signed bodies we cannot read
    signing_secret_param: str  # SSM SecureString: Meta app secret, X consumer secret, TikTok app secret
    verify_token_param: str  # SSM SecureString for a token handshake; "" where the channel has none
    secret_max_age_seconds: int = 300

    def secret_params(self) -> dict[str, str]:
        """SSM parameter names by secret role (`aduan.channels.base`)."""
        params = {"signing_secret": self.signing_secret_param}
        if self.verify_token_param:
            params["verify_token"] = self.verify_token_param
        return params


@dataclass(frozen=True, slots=True)
class NormalizerConfig:
    table_name: str
    payload_bucket: str
    dead_letter_queue_url: str
    thread_window_hours: int
    intake_queue_url: str = ""  # where a big delivery's parts go; empty: processed in one record
    max_receive_count: int = 5  # the intake queue's maxReceiveCount: the last attempt parks with the error
    flood_messages_per_minute: int = 20
    reply_queue_url: str = ""  # the replier's queue, for citizens' `cek` requests; empty: no status answers


@dataclass(frozen=True, slots=True)
class NotifierConfig:
    table_name: str
    alerts_topic_arn: str
    ticket_events_topic_arn: str
    sms_sender_id: str
    roster_cache_seconds: float = 60.0  # a warm notifier reuses a unit's roster this long


def read_webhook() -> WebhookConfig:
    """Any channel's webhook function (its channel is the handler's, not a variable), read now.

    The handler reads it once, when it builds itself on its cold start; see `webhook` for a cached copy.
    """
    return WebhookConfig(
        intake_queue_url=_required("INTAKE_QUEUE_URL"),
        payload_bucket=_required("PAYLOAD_BUCKET"),
        dead_letter_queue_url=_required("INTAKE_DLQ_URL"),
        signing_secret_param=_required("SIGNING_SECRET_PARAM"),
        verify_token_param=os.environ.get("VERIFY_TOKEN_PARAM", ""),
    )


@cache
def webhook() -> WebhookConfig:
    """`read_webhook`, read once per process."""
    return read_webhook()


@cache
def normalizer() -> NormalizerConfig:
    return NormalizerConfig(
        table_name=_required("TABLE_NAME"),
        payload_bucket=_required("PAYLOAD_BUCKET"),
        dead_letter_queue_url=_required("INTAKE_DLQ_URL"),
        thread_window_hours=int(os.environ.get("THREAD_WINDOW_HOURS", "24")),
        intake_queue_url=os.environ.get("INTAKE_QUEUE_URL", ""),
        max_receive_count=int(os.environ.get("INTAKE_MAX_RECEIVE_COUNT", "5")),
        flood_messages_per_minute=int(os.environ.get("FLOOD_MESSAGES_PER_MINUTE", "20")),
        reply_queue_url=os.environ.get("REPLY_QUEUE_URL", ""),
    )


@cache
def notifier() -> NotifierConfig:
    return NotifierConfig(
        table_name=_required("TABLE_NAME"),
        alerts_topic_arn=_required("ALERTS_TOPIC_ARN"),
        ticket_events_topic_arn=_required("TICKET_EVENTS_TOPIC_ARN"),
        sms_sender_id=os.environ.get("SMS_SENDER_ID", ""),
        roster_cache_seconds=float(os.environ.get("ROSTER_CACHE_SECONDS", "60")),
    )


def reset() -> None:
    """Forget cached configuration (tests change the environment between cases)."""
    for loader in (webhook, normalizer, notifier):
        loader.cache_clear()
