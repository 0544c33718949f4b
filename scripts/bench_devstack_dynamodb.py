"""Time per transaction and memory of the local stack's embedded DynamoDB as the table grows.

Each transaction is shaped like the normalizer's ``create_ticket``: a ticket (a ~2 KB item), its dedup marker
(conditional put) and the citizen pointer, on a table with a NEW_AND_OLD_IMAGES stream like template.yaml's;
every fifth delivery is then redelivered and refused by its condition, as duplicates are. Runs in-process
(``moto.mock_aws`` with boto3, so request parsing is included) and prints, at each checkpoint, the mean time
per transaction since the previous checkpoint, the process's resident memory and how many ``Table`` and
``Item`` objects moto's model registry holds.

    python scripts/bench_devstack_dynamodb.py                 # with devstack.moto_patches (the local stack)
    python scripts/bench_devstack_dynamodb.py --unpatched     # moto 5.2 as released, for comparison
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "shared")]


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def transaction(number: int) -> list[dict[str, Any]]:
    ticket = f"ADU-{number:06d}"
    text = ("Ada kecelakaan di Jl. Sudirman, korban tidak sadar dan berdarah. " * 30)[:2000]
    return [
        {
            "Put": {
                "TableName": "bench",
                "Item": {"pk": {"S": f"MSG#wa#{number}"}, "sk": {"S": "MSG"}, "ticket_no": {"S": ticket}},
                "ConditionExpression": "attribute_not_exists(pk)",
                "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
            }
        },
        {
            "Put": {
                "TableName": "bench",
                "Item": {"pk": {"S": f"TICKET#{ticket}"}, "sk": {"S": "TICKET"}, "text": {"S": text}},
                "ConditionExpression": "attribute_not_exists(pk)",
            }
        },
        {
            "Put": {
                "TableName": "bench",
                "Item": {"pk": {"S": f"CITIZEN#wa#{number % 200}"}, "sk": {"S": "OPEN"}, "ticket_no": {"S": ticket}},
            }
        },
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unpatched", action="store_true", help="measure moto without devstack.moto_patches")
    parser.add_argument("--checkpoints", default="250,500,1000,2000", help="deliveries at which to report")
    parser.add_argument("--max-rss-mb", type=float, default=2000, help="stop early beyond this resident memory")
    args = parser.parse_args(argv)
    checkpoints = sorted(int(n) for n in args.checkpoints.split(","))

    import boto3
    from botocore.exceptions import ClientError
    from moto import mock_aws
    from moto.dynamodb.models.dynamo_type import Item
    from moto.dynamodb.models.table import Table

    if not args.unpatched:
        from devstack.moto_patches import serialize_dynamodb_writes

        serialize_dynamodb_writes()
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    print(
        f"moto {'as released' if args.unpatched else 'with devstack.moto_patches'}; python {sys.version.split()[0]}",
        flush=True,
    )
    print(f"{'deliveries':>10} {'items':>7} {'ms/transaction':>15} {'RSS MB':>8} {'Tables':>7} {'Items':>8}")
    with mock_aws():
        client = boto3.client("dynamodb", region_name="ap-southeast-3")
        client.create_table(
            TableName="bench",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"},
            ],
            BillingMode="PAY_PER_REQUEST",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        )
        done, calls, started = 0, 0, time.perf_counter()
        for checkpoint in checkpoints:
            while done < checkpoint:
                client.transact_write_items(TransactItems=transaction(done))
                calls += 1
                if done % 5 == 0:
                    try:
                        client.transact_write_items(TransactItems=transaction(done))
                    except ClientError as error:
                        if error.response["Error"]["Code"] != "TransactionCanceledException":
                            raise
                    else:
                        raise RuntimeError("a redelivery was not refused")
                    calls += 1
                done += 1
                if done % 10 == 0 and rss_mb() > args.max_rss_mb:
                    print(f"stopped at {done} deliveries: resident memory above {args.max_rss_mb:.0f} MB")
                    return 1
            elapsed = time.perf_counter() - started
            gc.collect()
            items = client.describe_table(TableName="bench")["Table"]["ItemCount"]
            print(
                f"{done:>10} {items:>7} {elapsed / calls * 1000:>15.1f} {rss_mb():>8.0f}"
                f" {len(list(Table.instances_tracked)):>7} {len(list(Item.instances_tracked)):>8}",  # type: ignore[attr-defined]
                flush=True,
            )
            calls, started = 0, time.perf_counter()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
