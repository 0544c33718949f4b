"""How long the local stack takes to restore its saved state, and what journaling costs per write.

Writes N deliveries' worth of state through moto with the journal on (per delivery: a transaction of a dedup
marker, a ~2 KB ticket and a citizen pointer, like the normalizer's; an SQS message sent to the intake queue;
every other message then deleted, as the normalizer does once it is processed), then restores the journal
into a fresh moto, as ``make dev`` does at start, and prints the journal's size before and after compaction
and the time taken.

    python scripts/bench_devstack_restore.py --deliveries 3000
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "shared")]

from scripts.bench_devstack_dynamodb import transaction  # noqa: E402


def create(region: str) -> tuple[Any, Any, str]:
    import boto3

    ddb = boto3.client("dynamodb", region_name=region)
    ddb.create_table(
        TableName="bench",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )
    sqs = boto3.client("sqs", region_name=region)
    return ddb, sqs, sqs.create_queue(QueueName="intake")["QueueUrl"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deliveries", type=int, default=3000)
    args = parser.parse_args(argv)
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

    from moto import mock_aws

    from devstack.persistence import JOURNAL_NAME, Persistence

    region = "ap-southeast-3"
    state_dir = Path(tempfile.mkdtemp(prefix="aduan-restore-bench-"))
    journal = state_dir / JOURNAL_NAME
    with mock_aws():
        ddb, sqs, queue_url = create(region)
        persistence = Persistence(state_dir)
        persistence.acquire()
        persistence.restore()
        started = time.perf_counter()
        for number in range(args.deliveries):
            ddb.transact_write_items(TransactItems=transaction(number))
            sqs.send_message(QueueUrl=queue_url, MessageBody=f"delivery {number} " + "x" * 1500)
        writing = time.perf_counter() - started
        received = 0
        while received < args.deliveries // 2:
            batch = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", [])
            for message in batch[: args.deliveries // 2 - received]:
                sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
                received += 1
        persistence.close()
    size_before = journal.stat().st_size
    print(
        f"{args.deliveries} deliveries written with the journal on: {writing / args.deliveries * 1000:.1f} ms each"
        f" (a transaction and a SendMessage); journal {size_before / 2**20:.1f} MB"
    )
    with mock_aws():
        create(region)
        persistence = Persistence(state_dir)
        persistence.acquire()
        report = persistence.restore()
        persistence.close()
    print(f"restored: {report.summary()}")
    print(f"journal after compaction: {journal.stat().st_size / 2**20:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
