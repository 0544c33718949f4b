"""Stop and restart the real local stack holding N items: how long Ctrl-C takes, and the restore.

Starts ``python -m devstack`` on free ports with a temporary state directory, writes N items of ~2 KB into
its table through the embedded endpoint (``type`` ``bench``: no stream filter of the template passes them,
so the functions stay idle) and parks N/10 messages in the intake dead-letter queue, then sends SIGTERM (what
Ctrl-C does) and times the exit; starts it again on the same state, reads the restore line it logs, checks
the items are back, and stops it again. Only 127.0.0.1; stops by itself.

    python scripts/bench_devstack_restart.py --items 3000
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(state: Path, log: Path, aws_port: int, api_port: int) -> tuple[subprocess.Popen[bytes], float]:
    env = {k: v for k, v in os.environ.items() if k not in ("AWS_ENDPOINT_URL", "AWS_PROFILE")}
    env.update(API_PORT=str(api_port), AWS_PORT=str(aws_port), PYTHONUNBUFFERED="1", PYTHONPATH="shared:.")
    started = time.monotonic()
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "devstack", "--state-dir", str(state)],
            cwd=REPO_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    while not (state / "stack.json").exists():
        if process.poll() is not None or time.monotonic() - started > 300:
            process.kill()
            raise SystemExit(f"the stack did not start; see {log}")
        time.sleep(0.2)
    return process, time.monotonic() - started


def stop(process: subprocess.Popen[bytes]) -> float:
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=120)
    return time.monotonic() - started


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=3000)
    args = parser.parse_args(argv)
    import boto3

    work = Path(tempfile.mkdtemp(prefix="aduan-restart-bench-"))
    state, log = work / "state", work / "devstack.log"
    aws_port, api_port = free_port(), free_port()
    process, startup = start(state, log, aws_port, api_port)

    def client(service: str) -> Any:
        return boto3.client(
            service,
            endpoint_url=f"http://127.0.0.1:{aws_port}",
            region_name="ap-southeast-3",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",  # noqa: S106 - moto's dummy credentials
        )

    try:
        ddb, sqs = client("dynamodb"), client("sqs")
        [table] = ddb.list_tables()["TableNames"]
        dlq = next(url for url in sqs.list_queues()["QueueUrls"] if "IntakeDeadLetter" in url)
        text = "Laporan uji beban: kecelakaan di Jl. Ijen, dua motor, korban sadar. " * 30

        def write(number: int) -> None:
            item = {"pk": {"S": f"BENCH#{number}"}, "sk": {"S": "BENCH"}, "type": {"S": "bench"}}
            ddb.put_item(TableName=table, Item={**item, "text": {"S": text[:2000]}})
            if number % 10 == 0:
                sqs.send_message(QueueUrl=dlq, MessageBody=f"parked {number}")

        written = time.monotonic()
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(write, range(args.items)))
        written = time.monotonic() - written
        memory = rss_mb(process.pid)
    finally:
        seconds = stop(process)
    journal = (state / "journal.jsonl").stat().st_size / 2**20
    print(
        f"started in {startup:.0f} s; wrote {args.items} items and {args.items // 10} parked messages in"
        f" {written:.0f} s; stack RSS {memory:.0f} MB; journal {journal:.1f} MB"
    )
    print(f"SIGTERM (Ctrl-C) to exit: {seconds:.1f} s")

    process, startup = start(state, log, free_port(), free_port())
    try:
        restored = re.findall(r"restored the saved state from .*?: (.*)", log.read_text(encoding="utf-8"))[-1]
        print(f"restarted in {startup:.0f} s; restored {restored}")
    finally:
        seconds = stop(process)
    print(f"SIGTERM (Ctrl-C) to exit after the restore: {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
