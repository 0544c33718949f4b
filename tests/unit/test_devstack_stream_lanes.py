"""The local stream poller's ParallelizationFactor: concurrent lanes, in order per partition key."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from devstack.cfn import StreamSource
from devstack.pollers import StreamPoller, stream_record
from devstack.runtime import Invocation

ARN = "arn:aws:dynamodb:ap-southeast-3:123456789012:table/Table/stream/2026-01-01T00:00:00.000"


def raw_record(seq: int, pk: str, sk: str = "TICKET") -> dict[str, Any]:
    return {
        "eventID": f"e{seq}",
        "eventName": "INSERT",
        "dynamodb": {
            "ApproximateCreationDateTime": 1_800_000_000,
            "Keys": {"pk": {"S": pk}, "sk": {"S": sk}},
            "NewImage": {"pk": {"S": pk}, "sk": {"S": sk}},
            "SequenceNumber": str(seq),
            "SizeBytes": 10,
            "StreamViewType": "NEW_AND_OLD_IMAGES",
        },
    }


@dataclass
class FakeStreams:
    """One shard holding `records`, handed out once."""

    records: list[dict[str, Any]]
    reads: int = 0

    def describe_stream(self, StreamArn: str) -> dict[str, Any]:
        return {
            "StreamDescription": {
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                "Shards": [{"ShardId": "shard-1"}],
            }
        }

    def get_shard_iterator(self, **_: Any) -> dict[str, str]:
        return {"ShardIterator": "it-0"}

    def get_records(self, ShardIterator: str, Limit: int) -> dict[str, Any]:
        self.reads += 1
        batch, self.records = self.records, []
        return {"Records": batch, "NextShardIterator": f"it-{self.reads}"}


@dataclass
class Recorder:
    """A runtime that records the partition keys of each batch; `gate` makes batches wait for each other."""

    spec: Any = None
    gate: threading.Barrier | None = None
    batches: list[list[str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def invoke(self, event: Any, source: str) -> Invocation:
        keys = [r["dynamodb"]["Keys"]["pk"]["S"] + "/" + r["dynamodb"]["SequenceNumber"] for r in event["Records"]]
        if self.gate is not None:
            self.gate.wait(timeout=30)  # raises (failing the test) unless another lane runs at the same time
        with self.lock:
            self.batches.append(keys)
        return Invocation("F", source, "req", 1.0, result=None)

    def close(self) -> None:
        pass


def poller(factor: int, runtime: Recorder, records: list[dict[str, Any]], batch_size: int = 2) -> StreamPoller:
    source = StreamSource(
        function="F", mapping="M", stream_arn=ARN, batch_size=batch_size, parallelization_factor=factor
    )
    return StreamPoller(source, runtime, FakeStreams(records), region="ap-southeast-3", poll_interval=0)  # type: ignore[arg-type]


def converted(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [stream_record(r, ARN, "ap-southeast-3") for r in records]


def test_one_partition_keys_records_stay_in_one_lane_in_order() -> None:
    records = [raw_record(i, f"TICKET#{i % 5}", sk=f"S{i}") for i in range(40)]
    p = poller(4, Recorder(), records)
    p._refresh_shards()
    lanes = p.partition(converted(records))
    assert 1 < len(lanes) <= 4
    assert sum(len(lane) for lane in lanes) == 40
    lane_of: dict[str, int] = {}
    for n, lane in enumerate(lanes):
        seqs = [int(r["dynamodb"]["SequenceNumber"]) for r in lane]
        assert seqs == sorted(seqs)
        for r in lane:
            assert lane_of.setdefault(r["dynamodb"]["Keys"]["pk"]["S"], n) == n  # a key in one lane only


def test_lanes_run_concurrently_and_every_record_is_processed_once_in_key_order() -> None:
    probe = poller(2, Recorder(), [])
    probe._refresh_shards()
    keys = [f"TICKET#{n}" for n in range(20)]
    lanes = {k: probe.lane_of(converted([raw_record(0, k)])[0]) for k in keys}
    first = keys[0]
    other = next(k for k in keys if lanes[k] != lanes[first])
    records = [raw_record(i, first if i % 2 else other, sk=f"S{i}") for i in range(8)]
    # Each lane's batch waits at the barrier until the other lane's batch is running too.
    runtime = Recorder(gate=threading.Barrier(2))
    p = poller(2, runtime, records, batch_size=4)
    assert p.poll_once() == 8
    assert len(runtime.batches) == 2
    for batch in runtime.batches:
        assert len({k.split("/")[0] for k in batch}) == 1
        seqs = [int(k.split("/")[1]) for k in batch]
        assert seqs == sorted(seqs)
    assert sorted(k for b in runtime.batches for k in b) == sorted(f"{first if i % 2 else other}/{i}" for i in range(8))
    p.stop()


def test_factor_one_processes_in_stream_order() -> None:
    records = [raw_record(i, f"TICKET#{i % 3}", sk=f"S{i}") for i in range(5)]
    runtime = Recorder()
    p = poller(1, runtime, records, batch_size=2)
    assert p.poll_once() == 5
    assert [int(k.split("/")[1]) for b in runtime.batches for k in b] == [0, 1, 2, 3, 4]
