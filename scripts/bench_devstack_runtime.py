"""The local stack's worker pool under a bounded burst. Prints figures; asserts nothing.

Starts the whole local stack in this process (moto, the HTTP API, the pollers, a worker pool per function) on
free ports of 127.0.0.1, then measures, through the HTTP API:

1. cold and warm webhook invocations (client-side round trip, and the init time the worker reports);
2. memory per idle worker: RSS, PSS (shared pages divided among the processes sharing them) and USS (pages
   only that worker holds), from ``/proc/<pid>/smaps_rollup``;
3. a burst of ``--calls`` signed deliveries over ``--concurrency`` connections, then the drain of the intake
   queue, sampling the memory of the whole stack (this process, which is the embedded endpoint, plus the
   fork server and every worker) every 100 ms: peak total RSS and peak total PSS (the honest sum: RSS
   counts shared pages once per process).

Usage: ``PYTHONPATH=shared:. .venv/bin/python scripts/bench_devstack_runtime.py [--calls 300] [--concurrency 60]``
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEXT = "selamat siang pak, mau tanya syarat perpanjang SKCK di polresta apa saja ya"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def memory(pid: int) -> dict[str, int]:
    """kB of Rss, Pss and USS (private clean + dirty) of one process; zeros if it is gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return {"rss": 0, "pss": 0, "uss": 0}
    fields = {line.split(":")[0]: int(line.split()[1]) for line in text.splitlines()[1:] if line.endswith("kB")}
    return {
        "rss": fields.get("Rss", 0),
        "pss": fields.get("Pss", 0),
        "uss": fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0),
    }


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (the fork server and the workers it forked)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def stack_memory() -> dict[str, int]:
    pids = [os.getpid(), *descendants(os.getpid())]
    totals = {"rss": 0, "pss": 0, "processes": len(pids)}
    for pid in pids:
        figures = memory(pid)
        totals["rss"] += figures["rss"]
        totals["pss"] += figures["pss"]
    return totals


class Sampler(threading.Thread):
    """Peak total RSS and PSS of the stack, sampled every 100 ms."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = {"rss": 0, "pss": 0, "processes": 0}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.1):
            sample = stack_memory()
            for key, value in sample.items():
                self.peak[key] = max(self.peak[key], value)


def delivery(citizen: str) -> bytes:
    data = json.loads((ROOT / "events" / "whatsapp" / "text_urgent.json").read_text())
    value = data["entry"][0]["changes"][0]["value"]
    value["contacts"][0]["wa_id"] = citizen
    message = value["messages"][0]
    message.update({"from": citizen, "id": f"wamid.bench.{uuid.uuid4().hex}", "timestamp": str(int(time.time()))})
    message["text"]["body"] = TEXT
    return json.dumps(data, separators=(",", ":")).encode()


def post(url: str, body: bytes, secret: str) -> tuple[int, float]:
    from aduan.signatures import meta_signature

    request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "X-Hub-Signature-256": meta_signature(body, secret)},
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - http://127.0.0.1 only
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.perf_counter() - started) * 1000


def backlog(stack: Any) -> int:
    sqs = stack.client("sqs")
    url = sqs.get_queue_url(QueueName="IntakeQueue")["QueueUrl"]
    names = [f"ApproximateNumberOfMessages{state}" for state in ("", "NotVisible", "Delayed")]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
    return sum(int(attributes[name]) for name in names)


def mb(kilobytes: float) -> str:
    return f"{kilobytes / 1024:.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=60)
    parser.add_argument("--warm", type=int, default=50, help="sequential warm calls")
    parser.add_argument("--no-preload", action="store_true", help="the fork server imports only the worker")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    secret = f"bench-{uuid.uuid4().hex}"
    os.environ["WHATSAPP_APP_SECRET"] = secret
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    from devstack import runtime
    from devstack.__main__ import LocalStack

    if args.no_preload:
        runtime.PRELOAD = ()
    stack = LocalStack(api_port=free_port(), aws_port=free_port())
    stack.start()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's server turns its access log on
    url = f"{stack.api_url}/webhooks/whatsapp"
    try:
        print(f"machine: {os.cpu_count()} cores (shared, busy: load average {os.getloadavg()[0]:.1f})")
        print(f"fork server preload: {', '.join(runtime.PRELOAD) or 'nothing but devstack.worker'}")
        pool = stack.runtimes["WhatsAppWebhookFunction"]
        status, cold_ms = post(url, delivery("62899" + str(uuid.uuid4().int)[:8]), secret)
        workers = getattr(pool, "_idle", [])
        init = workers[0].init_ms if workers else float("nan")
        print(f"cold webhook call: {cold_ms:.0f} ms round trip (worker init {init:.0f} ms), status {status}")
        warm = [post(url, delivery("62899" + str(uuid.uuid4().int)[:8]), secret)[1] for _ in range(args.warm)]
        print(
            f"warm webhook call ({args.warm} sequential): median {statistics.median(warm):.1f} ms, "
            f"p95 {sorted(warm)[int(len(warm) * 0.95) - 1]:.1f} ms"
        )
        deadline = time.monotonic() + 120
        while backlog(stack) and time.monotonic() < deadline:
            time.sleep(0.5)
        print(f"stack before the burst: {mb(stack_memory()['rss'])} RSS, {mb(stack_memory()['pss'])} PSS")
        for name, function_pool in stack.runtimes.items():
            for pid in getattr(function_pool, "pids", []):
                figures = memory(pid)
                print(
                    f"  idle worker {name} (pid {pid}): RSS {mb(figures['rss'])}, "
                    f"PSS {mb(figures['pss'])}, USS {mb(figures['uss'])}"
                )

        sampler = Sampler()
        sampler.start()
        bodies = [delivery("62898" + f"{n:08d}") for n in range(args.calls)]
        started = time.monotonic()
        with ThreadPoolExecutor(args.concurrency) as executor:
            results = list(executor.map(lambda body: post(url, body, secret), bodies))
        burst_s = time.monotonic() - started
        statuses: dict[int, int] = {}
        for status, _ in results:
            statuses[status] = statuses.get(status, 0) + 1
        latencies = sorted(ms for _, ms in results)
        p50, p95 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.95) - 1]
        print(
            f"burst: {args.calls} calls over {args.concurrency} connections in {burst_s:.1f} s, statuses {statuses}, "
            f"latency p50 {p50:.0f} ms, p95 {p95:.0f} ms"
        )
        deadline = time.monotonic() + 600
        while backlog(stack) and time.monotonic() < deadline:
            time.sleep(0.5)
        print(f"drained {time.monotonic() - started:.1f} s after the burst began")
        sampler.done.set()
        sampler.join()
        for name, function_pool in stack.runtimes.items():
            print(f"  {name}: {getattr(function_pool, 'started', '-')} worker(s) started")
        print(
            f"peak total memory of the stack (moto + API + pollers in one process, fork server, every worker; "
            f"up to {sampler.peak['processes']} processes): RSS {mb(sampler.peak['rss'])}, "
            f"PSS {mb(sampler.peak['pss'])}"
        )
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
