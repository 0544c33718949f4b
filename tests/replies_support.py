"""Fresh citizen messages for the reply tests: the samples in `events/` with today's timestamps (the reply
windows are counted from the citizen's last message), and a chosen text, message id or sender."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

from tests.support import load_event


def whatsapp(text: str | None = None, *, message_id: str | None = None, sender: str | None = None) -> bytes:
    body = load_event("whatsapp/text_urgent.json")
    value = body["entry"][0]["changes"][0]["value"]
    message = value["messages"][0]
    message["timestamp"] = str(int(time.time()))
    if text is not None:
        message["text"]["body"] = text
    if message_id is not None:
        message["id"] = message_id
    if sender is not None:
        message["from"] = sender
        value["contacts"][0]["wa_id"] = sender
    return json.dumps(body).encode()


def instagram_comment(text: str | None = None, *, comment_id: str | None = None, author: str | None = None) -> bytes:
    body = load_event("instagram/comment_urgent.json")
    entry = body["entry"][0]
    entry["time"] = int(time.time())
    value = entry["changes"][0]["value"]
    if text is not None:
        value["text"] = text
    if comment_id is not None:
        value["id"] = comment_id
    if author is not None:
        value["from"]["id"] = author
    return json.dumps(body).encode()


def x_mention(text: str | None = None, *, post_id: str | None = None) -> bytes:
    body: dict[str, Any] = load_event("x/text_urgent.json")
    payload = body["data"]["payload"]
    payload["created_at"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if text is not None:
        payload["text"] = text
    if post_id is not None:
        payload["id"] = payload["conversation_id"] = body["data"]["event_uuid"] = post_id
        payload["edit_history_tweet_ids"] = [post_id]
    return json.dumps(body).encode()


def tiktok(text: str | None = None, *, message_id: str | None = None) -> bytes:
    body = load_event("tiktok/text_urgent.json")
    now = time.time()
    body["create_time"] = int(now)
    content = json.loads(body["content"])
    content["timestamp"] = int(now * 1000)
    if text is not None:
        content["text"]["body"] = text
    if message_id is not None:
        content["message_id"] = message_id
    body["content"] = json.dumps(content)
    return json.dumps(body).encode()
