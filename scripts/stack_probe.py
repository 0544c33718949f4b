"""What `make load` and `make fuzz` need from a running local stack (`make dev`), read from the outside.

Everything here talks to 127.0.0.1 only: the HTTP API (webhook POSTs), the embedded AWS endpoint (the
table, the intake queue and its dead-letter queue, through the AWS APIs), the outbox (SMS, through
`devstack.outbox`), and `/proc` (the stack's processes and their memory: PSS from `smaps_rollup`, and RSS).
"""

from __future__ import annotations

import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from devstack import DEFAULT_REGION

LOOPBACK = "127.0.0.1"
USER_AGENT = "aduan-load"
TABLE = "Table"
INTAKE_QUEUE = "IntakeQueue"
INTAKE_DLQ = "IntakeDeadLetterQueue"
NO_REASON = "(no reason recorded)"


class StackNotFoundError(RuntimeError):
    """Nothing answers where the stack should be."""


@dataclass(frozen=True)
class Endpoints:
    """Where the running stack answers (always on the loopback interface)."""

    api_port: int
    aws_port: int

    @property
    def api_url(self) -> str:
        return f"http://{LOOPBACK}:{self.api_port}"

    @property
    def aws_url(self) -> str:
        return f"http://{LOOPBACK}:{self.aws_port}"


def find_endpoints(api_port: int | None = None, aws_port: int | None = None) -> Endpoints:
    """The stack's ports: given, else as `make outbox` finds them (`API_PORT` / `AWS_PORT`, else the
    `stack.json` of a running `make dev`, else the defaults); checked to answer."""
    if api_port is None or aws_port is None:
        from devstack import discover

        try:
            address = discover.discover()
        except discover.StackNotFoundError as error:
            raise StackNotFoundError(str(error)) from error
        api_port = api_port or _port(address.api_url)
        aws_port = aws_port or _port(address.aws_endpoint)
    endpoints = Endpoints(api_port=api_port, aws_port=aws_port)
    for url in (f"{endpoints.api_url}/", f"{endpoints.aws_url}/moto-api/"):
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - a loopback http URL built here
                pass
        except urllib.error.HTTPError:
            pass  # any HTTP answer means something listens
        except (urllib.error.URLError, OSError) as error:
            raise StackNotFoundError(
                f"nothing answers at {url} ({error}); start the stack with `make dev`, or pass the same "
                "API_PORT and AWS_PORT it runs on (e.g. `make load API_PORT=3310 AWS_PORT=5310`)"
            ) from error
    return endpoints


def _port(url: str) -> int:
    port = urllib.parse.urlsplit(url).port
    if port is None:
        raise StackNotFoundError(f"no port in {url}")
    return port


def post(url: str, body: bytes, headers: dict[str, str], timeout: float = 30) -> int:
    """POST a delivery; the HTTP status, or 0 when no answer came (connection refused, timeout)."""
    request = urllib.request.Request(  # noqa: S310 - a loopback http URL built by the caller
        url, data=body, method="POST", headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.read()
        return int(error.code)
    except (urllib.error.URLError, OSError):
        return 0


# --------------------------------------------------------------------------------------------- AWS side


@dataclass(frozen=True)
class TicketView:
    """A stored ticket as the load test sees it."""

    ticket_no: str
    priority: str
    message_ids: tuple[str, ...]
    sms_at: tuple[float, ...]  # Unix times its alert SMS were sent (the notifier's ledger items marked `sent`)


@dataclass(frozen=True)
class Parked:
    """One message of the intake dead-letter queue."""

    reason: str
    body: str
    sent_at: float  # Unix time it was parked


@dataclass
class StackReader:
    """Reads the stack's table and queues through the embedded AWS endpoint."""

    endpoints: Endpoints
    region: str = DEFAULT_REGION
    _clients: dict[str, Any] = field(default_factory=dict)

    def client(self, service: str) -> Any:
        if service not in self._clients:
            import boto3

            self._clients[service] = boto3.session.Session().client(
                service,
                endpoint_url=self.endpoints.aws_url,
                region_name=self.region,
                aws_access_key_id="testing",
                aws_secret_access_key="testing",  # noqa: S106 - moto's dummy credentials
            )
        return self._clients[service]

    def queue_url(self, name: str) -> str:
        return str(self.client("sqs").get_queue_url(QueueName=name)["QueueUrl"])

    def backlog(self, name: str = INTAKE_QUEUE) -> int:
        """Messages on a queue: waiting, in flight (being processed) or delayed."""
        names = [f"ApproximateNumberOfMessages{state}" for state in ("", "NotVisible", "Delayed")]
        attributes = self.client("sqs").get_queue_attributes(QueueUrl=self.queue_url(name), AttributeNames=names)
        return sum(int(attributes["Attributes"][n]) for n in names)

    def _scan(self, **kwargs: Any) -> Iterable[dict[str, Any]]:
        paginator = self.client("dynamodb").get_paginator("scan")
        for page in paginator.paginate(TableName=TABLE, **kwargs):
            yield from page["Items"]

    def stored_message_keys(self) -> set[str]:
        """Every stored message's dedup key (`<channel>#<platform message id>`)."""
        items = self._scan(
            FilterExpression="sk = :msg",
            ProjectionExpression="pk",
            ExpressionAttributeValues={":msg": {"S": "MSG"}},
        )
        return {item["pk"]["S"].removeprefix("MSG#") for item in items}

    def stored_among(self, dedup_keys: Iterable[str]) -> dict[str, str]:
        """Which of these dedup keys are stored, and in which ticket (`BatchGetItem` on their `MSG#` items).

        Used while waiting: a scan of the whole table every second would hold the embedded DynamoDB's lock
        long enough to slow the stack it measures; this reads only the keys still pending.
        """
        dynamodb = self.client("dynamodb")
        found: dict[str, str] = {}
        keys = list(dict.fromkeys(dedup_keys))
        for start in range(0, len(keys), 100):
            request: dict[str, Any] = {
                TABLE: {
                    "Keys": [{"pk": {"S": f"MSG#{key}"}, "sk": {"S": "MSG"}} for key in keys[start : start + 100]],
                    "ProjectionExpression": "pk, ticket_no",
                }
            }
            while request:
                response = dynamodb.batch_get_item(RequestItems=request)
                for item in response.get("Responses", {}).get(TABLE, []):
                    found[item["pk"]["S"].removeprefix("MSG#")] = item.get("ticket_no", {}).get("S", "")
                request = response.get("UnprocessedKeys") or {}
        return found

    def ticket_sms_times(self, ticket_no: str) -> tuple[float, ...]:
        """Unix times of one ticket's alert SMS (its notifier ledger items marked `sent`), by a query."""
        response = self.client("dynamodb").query(
            TableName=TABLE,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :alert)",
            ExpressionAttributeValues={":pk": {"S": f"TICKET#{ticket_no}"}, ":alert": {"S": "ALERT#"}},
        )
        return tuple(
            sorted(
                _unix(item["finished_at"]["S"])
                for item in response.get("Items", [])
                if not item["sk"]["S"].startswith("ALERT#esc")
                and item.get("status", {}).get("S") == "sent"
                and item.get("detail", {}).get("M", {}).get("medium", {}).get("S") == "sms"
                and "finished_at" in item
            )
        )

    def sms_times(self) -> dict[str, tuple[float, ...]]:
        """Ticket number -> Unix times of its alert SMS, from the notifier's alert ledger (escalations aside)."""
        times: dict[str, list[float]] = {}
        items = self._scan(
            FilterExpression="begins_with(sk, :alert) AND NOT begins_with(sk, :esc) AND #s = :sent",
            ProjectionExpression="pk, sk, finished_at, detail.medium",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":alert": {"S": "ALERT#"}, ":esc": {"S": "ALERT#esc"}, ":sent": {"S": "sent"}},
        )
        for item in items:
            medium = item.get("detail", {}).get("M", {}).get("medium", {}).get("S")
            if medium == "sms" and "finished_at" in item:
                ticket_no = item["pk"]["S"].removeprefix("TICKET#")
                times.setdefault(ticket_no, []).append(_unix(item["finished_at"]["S"]))
        return {ticket_no: tuple(sorted(found)) for ticket_no, found in times.items()}

    def tickets(self) -> list[TicketView]:
        """Every ticket with its messages' platform ids and its SMS times."""
        from aduan.store import from_item

        sms_times = self.sms_times()
        views = []
        for item in self._scan(
            FilterExpression="sk = :t",
            ProjectionExpression="ticket_no, priority, messages",
            ExpressionAttributeValues={":t": {"S": "TICKET"}},
        ):
            ticket = from_item(item)
            views.append(
                TicketView(
                    ticket_no=str(ticket["ticket_no"]),
                    priority=str(ticket.get("priority", "")),
                    message_ids=tuple(str(m["platform_message_id"]) for m in ticket.get("messages") or []),
                    sms_at=sms_times.get(str(ticket["ticket_no"]), ()),
                )
            )
        return views

    def parked(self, since: float = 0.0, name: str = INTAKE_DLQ) -> list[Parked]:
        """Messages of the dead-letter queue parked at or after `since`, read without consuming them."""
        sqs = self.client("sqs")
        url = self.queue_url(name)
        found: list[Parked] = []
        handles: list[str] = []
        try:
            for _ in range(1000):  # bounded: 10,000 messages at most
                response = sqs.receive_message(
                    QueueUrl=url,
                    MaxNumberOfMessages=10,
                    VisibilityTimeout=60,
                    WaitTimeSeconds=0,
                    AttributeNames=["SentTimestamp"],
                    MessageAttributeNames=["All"],
                )
                messages = response.get("Messages") or []
                if not messages:
                    break
                for message in messages:
                    handles.append(message["ReceiptHandle"])
                    sent_at = int(message.get("Attributes", {}).get("SentTimestamp", "0")) / 1000
                    if sent_at < since:
                        continue
                    reason = (message.get("MessageAttributes") or {}).get("reason", {}).get("StringValue", "")
                    found.append(Parked(reason=reason or NO_REASON, body=message["Body"], sent_at=sent_at))
        finally:
            for start in range(0, len(handles), 10):  # make them visible again: this was only a look
                entries = [
                    {"Id": str(i), "ReceiptHandle": h, "VisibilityTimeout": 0}
                    for i, h in enumerate(handles[start : start + 10])
                ]
                sqs.change_message_visibility_batch(QueueUrl=url, Entries=entries)
        return found


def _unix(value: Any) -> float:
    return datetime.fromisoformat(str(value)).timestamp()


def sent_sms(endpoints: Endpoints) -> list[tuple[str, str]]:
    """(phone number, text) of every SMS the stack has sent, read as `make outbox` reads them."""
    from devstack import outbox

    sms, _ = outbox.read_outbox(endpoints.aws_url)
    return [(item.phone_number, item.message) for item in sms]


# --------------------------------------------------------------------------------------------- memory


def _listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                inodes.add(inode)
    return inodes


def _parents() -> dict[int, int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def stack_pid(port: int) -> int | None:
    """The stack's main process: the one listening on `port`, or its `devstack` ancestor."""
    inodes = {f"socket:[{inode}]" for inode in _listening_inodes(port)}
    if not inodes:
        return None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            links = {os.readlink(fd) for fd in (entry / "fd").iterdir()}
        except OSError:
            continue
        if links & inodes:
            pid = int(entry.name)
            parents = _parents()
            while parents.get(pid, 0) > 1 and "devstack" in _cmdline(parents[pid]):
                pid = parents[pid]
            return pid
    return None


def _tree(root: int) -> list[int]:
    """`root` and all its descendants."""
    parents = _parents()
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _field_kib(path: str, name: str) -> int | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def tree_rss_bytes(root: int) -> int:
    """Resident memory of `root` and all its descendants, summed (shared pages counted in each)."""
    return sum((_field_kib(f"/proc/{pid}/status", "VmRSS:") or 0) * 1024 for pid in _tree(root))


def tree_pss_bytes(root: int) -> int:
    """Proportional set size of `root` and its descendants, summed: each page shared by n processes (the
    fork server's libraries in every worker) counts 1/n in each, so the sum is the memory the tree uses."""
    return sum((_field_kib(f"/proc/{pid}/smaps_rollup", "Pss:") or 0) * 1024 for pid in _tree(root))


class MemorySampler:
    """Samples the stack's memory in a thread: `peak` is the highest PSS sum seen (the honest figure),
    `peak_rss` the highest RSS sum (which counts shared pages once per process)."""

    def __init__(self, root: int | None, interval: float = 0.5) -> None:
        self.root = root
        self.interval = interval
        self.peak = 0
        self.peak_rss = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memory-sampler", daemon=True)

    def __enter__(self) -> MemorySampler:
        if self.root is not None:
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self.sample()

    def sample(self) -> None:
        if self.root is not None:
            self.peak = max(self.peak, tree_pss_bytes(self.root))
            self.peak_rss = max(self.peak_rss, tree_rss_bytes(self.root))
            self.samples += 1

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()


# --------------------------------------------------------------------------------------------- helpers

TICKET_IN_SMS = re.compile(r"^ADUAN (?:NAIK )?([A-Z]+) ([0-9A-Z]{3}-[0-9A-Z]{3}) ")


def sms_key(text: str) -> tuple[str, str] | None:
    """(priority word, ticket number) an SMS is about, e.g. ("DARURAT", "K7M-4QX"); None for another text."""
    match = TICKET_IN_SMS.match(text)
    return (match.group(1), match.group(2)) if match else None


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (`share` in 0..1) of `values`; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), -(-int(share * 1000) * len(ordered) // 1000)))
    return ordered[rank - 1]


def wait_until(predicate: Any, timeout: float, interval: float = 1.0) -> bool:
    """Poll `predicate()` until true or `timeout` seconds passed; whether it became true."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)
