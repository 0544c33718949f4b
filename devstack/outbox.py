"""``python -m devstack.outbox`` (``make outbox``): every SMS, alert e-mail and reply to a citizen the local
stack has sent (replies from the API's ``GET /_local/outbox``, which reads the embedded platform endpoint).

Reads the embedded endpoint over HTTP (this runs as a separate process): SMS and the messages published to
the alerts topic from the stack's own ``/_devstack/outbox`` route (what moto's SNS backend holds, nothing
else: milliseconds, where moto's ``/moto-api/data.json`` dump of every model took most of a minute once the
stack held a few hundred tickets), each e-mail with the subscribers whose filter policy matches it (moto's own
``FilterPolicyMatcher``). Numbers and addresses are the demo roster's fictional ones. The stack is found by
``devstack.discover`` (``stack.json`` of a running ``make dev``, or ``AWS_PORT``), or ``--endpoint``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from typing import Any

from devstack import DEFAULT_REGION
from devstack.endpoint import OUTBOX_PATH

ALERTS_TOPIC = "AlertsTopic"


class StackNotRunningError(RuntimeError):
    """Nothing answers at the embedded endpoint."""


@dataclass(frozen=True)
class Sms:
    """One SMS sent with ``sns:Publish(PhoneNumber=...)``."""

    message_id: str
    phone_number: str
    message: str


@dataclass(frozen=True)
class Email:
    """One message published to the alerts topic, and who would receive it by e-mail."""

    message_id: str
    topic_arn: str
    subject: str | None
    attributes: dict[str, str]
    message: str
    recipients: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Subscriber:
    """An e-mail subscription of the alerts topic."""

    endpoint: str
    filter_policy: dict[str, Any] | None
    scope: str | None


def fetch_state(endpoint: str, timeout: float = 10) -> dict[str, Any]:
    """What SNS has sent, from the stack's ``/_devstack/outbox`` route."""
    try:
        with urllib.request.urlopen(f"{endpoint}{OUTBOX_PATH}", timeout=timeout) as response:
            return json.loads(response.read())  # type: ignore[no-any-return]
    except urllib.error.HTTPError as error:
        raise StackNotRunningError(
            f"{endpoint} answers but is not the local stack's embedded endpoint ({error.code} for {OUTBOX_PATH})"
        ) from error
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        raise StackNotRunningError(
            f"the local stack is not running: nothing answers at {endpoint} ({error}). Start it with `make dev`."
        ) from error


def email_subscribers(endpoint: str, topic_arn: str, region: str) -> list[Subscriber]:
    """The topic's e-mail subscriptions with their filter policies, read through the SNS API."""
    import boto3

    sns = boto3.session.Session().client(
        "sns",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # noqa: S106 - moto's dummy credentials
    )
    subscribers = []
    for page in sns.get_paginator("list_subscriptions_by_topic").paginate(TopicArn=topic_arn):
        for subscription in page["Subscriptions"]:
            if subscription["Protocol"] not in ("email", "email-json"):
                continue
            arn = subscription["SubscriptionArn"]
            attributes = {}
            if arn.startswith("arn:"):
                attributes = sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]
            policy = attributes.get("FilterPolicy")
            subscribers.append(
                Subscriber(
                    subscription["Endpoint"],
                    json.loads(policy) if policy else None,
                    attributes.get("FilterPolicyScope"),
                )
            )
    return subscribers


def _matches(subscriber: Subscriber, attributes: dict[str, Any] | None, message: str) -> bool:
    if not subscriber.filter_policy:
        return True
    from moto.sns.utils import FilterPolicyMatcher

    matcher = FilterPolicyMatcher(subscriber.filter_policy, subscriber.scope)
    return bool(matcher.matches(attributes or {}, message))


def read_outbox(
    endpoint: str, region: str = DEFAULT_REGION, topic: str = ALERTS_TOPIC
) -> tuple[list[Sms], list[Email]]:
    """SMS and alert e-mails sent so far, oldest first."""
    state = fetch_state(endpoint)
    sms = [Sms(item["message_id"], item["phone_number"], item["message"]) for item in state.get("sms") or []]
    emails: list[Email] = []
    for topic_state in state.get("topics") or []:
        if topic_state.get("name") != topic or not topic_state.get("notifications"):
            continue
        topic_arn = topic_state["arn"]
        subscribers = email_subscribers(endpoint, topic_arn, topic_state["region"])
        for notification in topic_state["notifications"]:
            message_id, message = notification["message_id"], notification["message"]
            subject, attributes = notification["subject"], notification["attributes"]
            emails.append(
                Email(
                    message_id=message_id,
                    topic_arn=topic_arn,
                    subject=subject,
                    attributes={k: str(v.get("Value", "")) for k, v in (attributes or {}).items()},
                    message=message,
                    recipients=[s.endpoint for s in subscribers if _matches(s, attributes, message)],
                )
            )
    return sms, emails


def read_replies(api_url: str, timeout: float = 10) -> list[dict[str, Any]]:
    """Replies to citizens the embedded platform endpoint accepted, from the API's ``/_local/outbox``."""
    try:
        with urllib.request.urlopen(f"{api_url}/_local/outbox", timeout=timeout) as response:
            return list(json.loads(response.read()).get("replies") or [])
    except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError):
        return []


def render_reply(item: dict[str, Any]) -> str:
    """One readable block for a reply to a citizen."""
    how = item.get("mode") or "direct"
    head = f"--- Reply via {item.get('channel')} to {item.get('to')}  ({how}, id {str(item.get('id'))[:12]})"
    return f"{head}\n{item.get('text')}\n"


def render_sms(item: Sms) -> str:
    """One readable block for an SMS."""
    return f"--- SMS to {item.phone_number}  (id {item.message_id[:8]})\n{item.message}\n"


def render_email(item: Email) -> str:
    """One readable block for an alert e-mail."""
    recipients = ", ".join(item.recipients) or "(no subscriber's filter policy matches)"
    attributes = ", ".join(f"{k}={v}" for k, v in sorted(item.attributes.items())) or "-"
    return (
        f"--- E-mail via {item.topic_arn.rsplit(':', 1)[-1]}  (id {item.message_id[:8]})\n"
        f"To:         {recipients}\n"
        f"Subject:    {item.subject or '(none)'}\n"
        f"Attributes: {attributes}\n\n"
        f"{item.message}\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Print the outbox (once, or ``--follow``); exit 1 when the stack is not running."""
    parser = argparse.ArgumentParser(prog="python -m devstack.outbox", description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", help="the embedded AWS endpoint (default: found by devstack.discover)")
    parser.add_argument("--region", default=os.environ.get("AWS_DEFAULT_REGION", DEFAULT_REGION))
    parser.add_argument("--topic", default=ALERTS_TOPIC, help="the topic whose publishes are e-mails")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--follow", action="store_true", help="keep polling and print new messages")
    args = parser.parse_args(argv)

    api_url = os.environ.get("API_URL", "")
    if args.endpoint is None:
        from devstack.discover import StackNotFoundError, discover

        try:
            found = discover(need="aws")
        except StackNotFoundError as error:
            print(error, file=sys.stderr)
            return 1
        args.endpoint, api_url = found.aws_endpoint, api_url or found.api_url
    seen: set[str] = set()
    try:
        while True:
            sms, emails = read_outbox(args.endpoint, args.region, args.topic)
            replies = read_replies(api_url) if api_url else []
            if args.json and not args.follow:
                document = {
                    "sms": [asdict(s) for s in sms],
                    "emails": [asdict(e) for e in emails],
                    "replies": replies,
                }
                print(json.dumps(document, indent=2, ensure_ascii=False))
                return 0
            new_sms = [s for s in sms if s.message_id not in seen]
            new_emails = [e for e in emails if e.message_id not in seen]
            for item in new_sms:
                print(json.dumps({"sms": asdict(item)}) if args.json else render_sms(item), flush=True)
            for mail in new_emails:
                print(json.dumps({"email": asdict(mail)}) if args.json else render_email(mail), flush=True)
            new_replies = [r for r in replies if f"reply:{r.get('id')}" not in seen]
            for sent in new_replies:
                print(json.dumps({"reply": sent}) if args.json else render_reply(sent), flush=True)
            seen.update(f"reply:{r.get('id')}" for r in new_replies)
            seen.update(s.message_id for s in new_sms)
            seen.update(e.message_id for e in new_emails)
            if not args.follow:
                if not args.json:
                    print(
                        f"{len(sms)} SMS, {len(emails)} alert e-mail(s) and {len(replies)} reply(ies) to citizens"
                        " sent by the local stack."
                    )
                return 0
            time.sleep(1)
    except StackNotRunningError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
