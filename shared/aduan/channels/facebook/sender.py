"""Sending to a citizen on Facebook (Messenger Send API, ``graph.facebook.com``) with the Page access token:
DMs inside the 24 h window, one private reply per public comment or visitor post within 7 days."""

from __future__ import annotations

from aduan.channels import meta_messaging
from aduan.channels.sending import Outgoing, SendResult

HOST = "graph.facebook.com"


def send(message: Outgoing, token: str) -> SendResult:
    return meta_messaging.send(HOST, message, token)
