"""Typed configuration, read once per cold start from the environment variables that template.yaml sets."""

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
    app_secret_param: str
    verify_token_param: str
    secret_max_age_seconds: int = 300


@dataclass(frozen=True, slots=True)
class NormalizerConfig:
    table_name: str
    payload_bucket: str
    dead_letter_queue_url: str
    thread_window_hours: int


@dataclass(frozen=True, slots=True)
class NotifierConfig:
    table_name: str
    alerts_topic_arn: str
    ticket_events_topic_arn: str
    sms_sender_id: str


@cache
def webhook_whatsapp() -> WebhookConfig:
    return WebhookConfig(
        intake_queue_url=_required("INTAKE_QUEUE_URL"),
        payload_bucket=_required("PAYLOAD_BUCKET"),
        app_secret_param=_required("WHATSAPP_APP_SECRET_PARAM"),
        verify_token_param=_required("WHATSAPP_VERIFY_TOKEN_PARAM"),
    )


@cache
def normalizer() -> NormalizerConfig:
    return NormalizerConfig(
        table_name=_required("TABLE_NAME"),
        payload_bucket=_required("PAYLOAD_BUCKET"),
        dead_letter_queue_url=_required("INTAKE_DLQ_URL"),
        thread_window_hours=int(os.environ.get("THREAD_WINDOW_HOURS", "24")),
    )


@cache
def notifier() -> NotifierConfig:
    return NotifierConfig(
        table_name=_required("TABLE_NAME"),
        alerts_topic_arn=_required("ALERTS_TOPIC_ARN"),
        ticket_events_topic_arn=_required("TICKET_EVENTS_TOPIC_ARN"),
        sms_sender_id=os.environ.get("SMS_SENDER_ID", ""),
    )


def reset() -> None:
    """Forget cached configuration (tests change the environment between cases)."""
    for loader in (webhook_whatsapp, normalizer, notifier):
        loader.cache_clear()
