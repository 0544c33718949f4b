"""Sending to a citizen on Instagram (Instagram API with Instagram Login, ``graph.instagram.com``): DMs inside
the 24 h window, one private reply per public comment within 7 days (``recipient.comment_id``)."""

from __future__ import annotations

from aduan.channels import meta_messaging
from aduan.channels.sending import Outgoing, SendResult

HOST = "graph.instagram.com"


def send(message: Outgoing, token: str) -> SendResult:
    return meta_messaging.send(HOST, message, token)
