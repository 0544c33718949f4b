"""The local stack's state survives a restart and a SIGKILL (``devstack.persistence``).

The first tests run the template's resources in moto in-process twice, with a restart in between (a fresh
moto, the journal replayed into it); the last ones run ``python -m devstack`` as a subprocess and kill it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from aduan import aws, config
from aduan.signatures import meta_signature
from devstack.cfn import Stack, create_resources, load_template
from devstack.discover import read_state_file
from devstack.persistence import JOURNAL_NAME, Persistence, StateDirInUseError, dumps, read_journal
from devstack.seed import seed
from tests.integration.conftest import Deployed
from tests.integration.test_whatsapp_flow import post, sms_sent, tickets
from tests.support import load_event, load_raw

REPO_ROOT = Path(__file__).resolve().parents[2]
#: Seconds a subprocess stack may take to answer (the shared CI and dev machines are often busy).
STARTUP_TIMEOUT = 180


@contextlib.contextmanager
def deployment(monkeypatch: pytest.MonkeyPatch, state_dir: Path) -> Iterator[tuple[Deployed, Persistence]]:
    """One run of the stack's resources in a fresh moto, with its state restored from ``state_dir``."""
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", "1")
    monkeypatch.setenv("POWERTOOLS_DEV", "0")
    persistence = Persistence(state_dir)
    persistence.acquire()
    with mock_aws():
        stack = Stack(load_template(), endpoint_url=None)
        monkeypatch.setenv("AWS_DEFAULT_REGION", stack.region)
        create_resources(stack, lambda service: boto3.client(service, region_name=stack.region))
        env = {k: v for k, v in stack.merged_environment(strict=False).items() if k != "AWS_ENDPOINT_URL"}
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        aws.reset_clients()
        config.reset()
        try:
            persistence.restore()
            seed(env)
            yield Deployed(stack, env), persistence
        finally:
            persistence.close()
            aws.reset_clients()
            config.reset()


def other_delivery() -> bytes:
    return json.dumps(load_event("whatsapp/video_caption_ppa.json")).encode()


def queued_ids(deployed: Deployed) -> list[str]:
    sqs = deployed.client("sqs")
    messages = sqs.receive_message(QueueUrl=deployed.env["INTAKE_QUEUE_URL"], MaxNumberOfMessages=10)
    ids = [m["MessageId"] for m in messages.get("Messages", [])]
    for message in messages.get("Messages", []):  # back to visible for the normalizer
        sqs.change_message_visibility(
            QueueUrl=deployed.env["INTAKE_QUEUE_URL"], ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
        )
    return ids


def test_a_restart_keeps_tickets_sent_sms_and_acknowledged_deliveries(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with deployment(monkeypatch, tmp_path) as (deployed, _):
        post(deployed, load_raw("whatsapp/text_urgent.json"))
        deployed.drain()
        [first] = tickets(deployed)
        sms_before = sms_sent(deployed)
        assert sms_before
        # Acknowledged but not yet processed when the stack stops.
        assert post(deployed, other_delivery())["statusCode"] == 200
        [waiting] = queued_ids(deployed)

    with deployment(monkeypatch, tmp_path) as (deployed, persistence):
        assert persistence.journal is not None
        assert [t["ticket_no"] for t in tickets(deployed)] == [first["ticket_no"]]
        assert sms_sent(deployed) == sms_before
        assert queued_ids(deployed) == [waiting]  # the same message, under its original id
        deployed.drain()
        assert len(tickets(deployed)) == 2
        sms_after = sms_sent(deployed)
        assert sms_after[: len(sms_before)] == sms_before
        # Nothing the first run sent went out again: only the second ticket's alerts are new.
        first_no = first["ticket_no"]
        assert not [text for _, text in sms_after[len(sms_before) :] if first_no in text]


def test_stream_records_replayed_after_a_crash_find_the_alert_ledger(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A crash before the notifier's progress was journaled: the restart hands it the same records again,
    and the alert ledger (in the table, restored) keeps every officer from a second SMS."""
    with deployment(monkeypatch, tmp_path) as (deployed, _):
        post(deployed, load_raw("whatsapp/text_urgent.json"))
        deployed.drain()
        sms_before = sms_sent(deployed)
    journal = tmp_path / JOURNAL_NAME
    kept = [entry for entry in read_journal(journal) if entry["op"] != "ddb.checkpoint"]
    journal.write_bytes(b"".join(dumps(entry) for entry in kept))

    with deployment(monkeypatch, tmp_path) as (deployed, persistence):
        assert persistence.report.stream_records > 0
        deployed.drain()  # the notifier reads every restored record
        assert sms_sent(deployed) == sms_before
        assert len(tickets(deployed)) == 1

    with deployment(monkeypatch, tmp_path) as (deployed, persistence):
        assert persistence.report.stream_records == 0  # this time its progress was journaled


def test_fresh_forgets_everything(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with deployment(monkeypatch, tmp_path) as (deployed, _):
        post(deployed, load_raw("whatsapp/text_urgent.json"))
        deployed.drain()
    Persistence(tmp_path).wipe()
    with deployment(monkeypatch, tmp_path) as (deployed, _):
        assert tickets(deployed) == []
        assert sms_sent(deployed) == []


def test_a_torn_last_line_is_ignored_and_a_torn_middle_one_is_an_error(tmp_path: Path) -> None:
    journal = tmp_path / JOURNAL_NAME
    good = dumps({"op": "sqs.delete", "account": "1", "region": "r", "ids": ["a"]})
    journal.write_bytes(good + good[:-9])
    assert len(list(read_journal(journal))) == 1
    journal.write_bytes(good + good[:-9] + b"\n" + good)
    with pytest.raises(ValueError, match="middle"):
        list(read_journal(journal))


def test_text_that_is_not_valid_unicode_is_journaled_and_read_back_exactly(tmp_path: Path) -> None:
    """A parked message with a lone surrogate (a platform sent it, JSON-escaped) must not fail the write that
    journals it: the line falls back to ASCII escapes and reads back as the same text."""
    journal = tmp_path / JOURNAL_NAME
    entries = [
        {"op": "sqs.add", "message": {"id": "m1", "body": "tolong \ud83d pak"}},
        {"op": "sqs.add", "message": {"id": "m2", "body": "Jl. Ijen, Klojen é"}},
    ]
    journal.write_bytes(b"".join(dumps(entry) for entry in entries))
    assert list(read_journal(journal)) == entries
    assert "é".encode() in journal.read_bytes()  # valid text stays UTF-8


def test_one_state_directory_serves_one_stack(tmp_path: Path) -> None:
    first = Persistence(tmp_path)
    first.acquire()
    try:
        with pytest.raises(StateDirInUseError):
            Persistence(tmp_path).acquire()
    finally:
        first.close()
    second = Persistence(tmp_path)
    second.acquire()
    second.close()


# ------------------------------------------------------------------------------------ the stack as a process
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class StackProcess:
    """``python -m devstack`` on free ports with its state in ``state_dir``."""

    def __init__(self, state_dir: Path, log: Path, *extra: str) -> None:
        self.api_port, self.aws_port, self.platform_port = free_port(), free_port(), free_port()
        while len({self.api_port, self.aws_port, self.platform_port}) < 3:
            self.aws_port, self.platform_port = free_port(), free_port()
        self.env = {k: v for k, v in os.environ.items() if k not in ("AWS_ENDPOINT_URL", "AWS_PROFILE")}
        self.env.update(
            API_PORT=str(self.api_port),
            AWS_PORT=str(self.aws_port),
            PLATFORM_PORT=str(self.platform_port),
            WHATSAPP_APP_SECRET="persistence-test-secret",
            WHATSAPP_VERIFY_TOKEN="persistence-test-token",
            AWS_ACCESS_KEY_ID="testing",
            AWS_SECRET_ACCESS_KEY="testing",
            PYTHONUNBUFFERED="1",
        )
        self.log = log
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "devstack", "--state-dir", str(state_dir), *extra],
                cwd=REPO_ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        # up: the API answers and stack.json is written (just after the API starts)
        while not (self._answers() and read_state_file(state_dir) is not None):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                pytest.fail(f"the local stack did not start:\n{log.read_text(errors='replace')[-6000:]}")
            time.sleep(0.2)

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.api_port}/", timeout=1):
                return True
        except urllib.error.HTTPError:
            return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def post(self, body: bytes) -> int:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.api_port}/webhooks/whatsapp",
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Hub-Signature-256": meta_signature(body, "persistence-test-secret"),
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)

    def client(self, service: str) -> Any:
        return boto3.client(
            service,
            endpoint_url=f"http://127.0.0.1:{self.aws_port}",
            region_name="ap-southeast-3",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def items(self) -> list[dict[str, Any]]:
        return list(self.client("dynamodb").scan(TableName="Table")["Items"])  # the tickets' table

    def tickets(self) -> list[dict[str, Any]]:
        return [item for item in self.items() if item["sk"]["S"] == "TICKET"]

    def ledger(self, ticket: dict[str, Any]) -> Any:
        """A function listing the ticket's alert ledger as (sort key, status) pairs."""
        pk = f"TICKET#{ticket['ticket_no']['S']}"

        def entries() -> list[tuple[str, str]]:
            return sorted(
                (i["sk"]["S"], i.get("status", {}).get("S", ""))
                for i in self.items()
                if i["pk"]["S"] == pk and i["sk"]["S"].startswith("ALERT#")
            )

        return entries

    def outbox(self) -> dict[str, Any]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.aws_port}/_devstack/outbox", timeout=10) as response:
            return json.loads(response.read())  # type: ignore[no-any-return]

    def wait_for(self, predicate: Any, timeout: float = 60) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(0.3)
        pytest.fail(f"condition not met in {timeout} s:\n{self.log.read_text(errors='replace')[-6000:]}")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def test_a_sigkilled_stack_keeps_what_the_webhook_acknowledged(tmp_path: Path) -> None:
    state, log = tmp_path / "state", tmp_path / "devstack.log"
    stack = StackProcess(state, log)
    try:
        assert read_state_file(state) is not None  # make outbox / make simulate find it
        assert stack.post(load_raw("whatsapp/text_urgent.json")) == 200
    finally:
        stack.kill()  # at once: the delivery may not even have reached the normalizer
    # A killed stack leaves its stack.json behind; discovery sees that its process is gone.
    assert (state / "stack.json").is_file()
    assert read_state_file(state) is None

    stack = StackProcess(state, log)
    try:
        [ticket] = stack.wait_for(stack.tickets)
        ledger = stack.ledger(ticket)
        # The e-mail is the last alert the notifier sends for a ticket: once it is recorded, all are.
        stack.wait_for(lambda: any("#email#" in sk and status == "sent" for sk, status in ledger()))
        sms = [s for s in stack.outbox()["sms"] if ticket["ticket_no"]["S"] in s["message"]]
        officers = [sk for sk, _ in ledger() if "#sms#" in sk]
        assert len(sms) == len(officers) > 0  # one SMS per officer: none lost, none doubled
        stack.process.send_signal(signal.SIGTERM)  # what Ctrl-C does
        assert stack.process.wait(timeout=30) == 0
        assert not (state / "stack.json").exists()
    finally:
        stack.kill()


def test_a_restart_replays_what_the_slowest_stream_reader_has_not_processed() -> None:
    """Two consumers read one shard: the checkpoint that counts is the slower one's, never the faster's."""
    from devstack.persistence import State

    place = {"account": "123456789012", "region": "ap-southeast-3", "table": "Table"}
    state = State()
    records = [{"eventID": f"e{i}", "dynamodb": {}} for i in range(5)]
    state.apply({"op": "ddb", **place, "put": [], "stream": records})
    state.apply({"op": "ddb.checkpoint", **place, "after": "e3", "reader": "stream:Table->SlaTrackerFunction"})
    state.apply({"op": "ddb.checkpoint", **place, "after": "e0", "reader": "stream:Table->NotifierFunction"})
    state.apply({"op": "ddb.checkpoint", **place, "after": "e1", "reader": "stream:Table->SlaTrackerFunction"})
    table = state.tables[(place["account"], place["region"], place["table"])]
    assert table.consumed == 1  # the notifier has processed e0 only
    [compacted, *_] = [entry for entry in state.entries() if entry["op"] == "ddb"]
    assert [record["eventID"] for record in compacted["stream"]] == ["e1", "e2", "e3", "e4"]
    state.apply({"op": "ddb.checkpoint", **place, "after": "e4", "reader": "stream:Table->NotifierFunction"})
    assert table.consumed == 4  # now the tracker (e3) is the slower one
